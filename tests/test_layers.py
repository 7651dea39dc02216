"""Tests of nnlib.layers.Linear: shapes, initializers, parity with Dense, bad input."""

import numpy as np
import pytest
import tensorflow as tf

import nnlib
from nnlib.layers import Linear


def test_default_init_is_ones_and_zeros():
    layer = Linear(3, 2)
    np.testing.assert_array_equal(layer.W.numpy(), np.ones((3, 2), np.float32))
    np.testing.assert_array_equal(layer.b.numpy(), np.zeros(2, np.float32))
    assert layer.W.dtype == tf.float32


def test_forward_is_x_at_w_plus_b():
    layer = Linear(2, 3)
    layer.W.assign([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    layer.b.assign([0.5, -0.5, 1.0])
    x = tf.constant([[1.0, 1.0], [2.0, 0.0]])
    np.testing.assert_allclose(
        layer(x).numpy(), [[5.5, 6.5, 10.0], [2.5, 3.5, 7.0]], rtol=0, atol=1e-6
    )


def test_trainable_variables_found_by_name():
    layer = Linear(4, 3)
    by_name = {v.name.split(":")[0]: v for v in layer.trainable_variables}
    assert set(by_name) == {"W", "b"}
    assert by_name["W"].shape == (4, 3)
    assert by_name["b"].shape == (3,)


@pytest.mark.parametrize("initializer", ["zeros", "normal", "glorot_uniform", "he_normal"])
def test_named_initializers(initializer):
    nnlib.seed(0)
    layer = Linear(50, 40, initializer=initializer)
    w = layer.W.numpy()
    assert w.shape == (50, 40)
    if initializer == "zeros":
        assert not w.any()
    elif initializer == "normal":
        assert abs(w.std() - 1.0) < 0.1  # N(0, 1), not Keras' stddev 0.05
    elif initializer == "glorot_uniform":
        limit = np.sqrt(6 / (50 + 40))
        assert np.abs(w).max() <= limit
    else:
        assert abs(w.std() - np.sqrt(2 / 50)) < 0.05


def test_keras_initializer_instance():
    layer = Linear(2, 2, initializer=tf.keras.initializers.Constant(0.5))
    np.testing.assert_array_equal(layer.W.numpy(), np.full((2, 2), 0.5, np.float32))


def test_seeded_initialization_is_repeatable():
    nnlib.seed(0)
    a = Linear(5, 4, initializer="glorot_uniform").W.numpy()
    nnlib.seed(0)
    b = Linear(5, 4, initializer="glorot_uniform").W.numpy()
    np.testing.assert_array_equal(a, b)


def test_parity_with_keras_dense():
    """Linear equals Dense(activation=None) with copied weights; tolerance 1e-5."""
    nnlib.seed(0)
    layer = Linear(6, 4, initializer="normal")
    layer.b.assign([0.1, -0.2, 0.3, 0.0])
    dense = tf.keras.layers.Dense(4)
    dense.build((None, 6))
    dense.set_weights([layer.W.numpy(), layer.b.numpy()])
    x = tf.random.normal([8, 6])
    np.testing.assert_allclose(layer(x).numpy(), dense(x).numpy(), rtol=1e-5, atol=1e-5)


def test_float64_input_is_cast():
    layer = Linear(2, 1)
    y = layer(np.array([[1.0, 2.0]]))
    assert y.dtype == tf.float32
    np.testing.assert_allclose(y.numpy(), [[3.0]])


@pytest.mark.parametrize("bad", [0, -3, 2.5, None, "784", True])
def test_bad_features(bad):
    with pytest.raises(ValueError, match=r"`in_features` must be a positive integer"):
        Linear(bad, 10)
    with pytest.raises(ValueError, match=r"`out_features` must be a positive integer"):
        Linear(10, bad)


@pytest.mark.parametrize("bad", ["uniform", "Ones", None, 1.0])
def test_bad_initializer(bad):
    with pytest.raises(ValueError, match=r"`initializer` must be one of .*glorot_uniform"):
        Linear(3, 2, initializer=bad)


def test_unflattened_images_suggest_flattening():
    layer = Linear(784, 10)
    with pytest.raises(
        ValueError,
        match=r"Linear\(784, 10\): `x` must have shape \(batch_size, 784\).*received shape "
        r"\(500, 28, 28\)"
        r".*Flatten each example.*tf\.reshape\(x, \(-1, 784\)\)",
    ):
        layer(tf.zeros([500, 28, 28]))


def test_single_example_suggests_batch_of_one():
    with pytest.raises(ValueError, match=r"received shape \(3,\).*tf\.reshape\(x, \(1, 3\)\)"):
        Linear(3, 2)(tf.ones([3]))


@pytest.mark.parametrize("shape", [(5, 4), (5, 2), (1, 784)])
def test_wrong_width(shape):
    with pytest.raises(
        ValueError,
        match=rf"received shape \({shape[0]}, {shape[1]}\): {shape[1]} features per "
        r"example instead of 3",
    ):
        Linear(3, 2)(tf.ones(shape))


@pytest.mark.parametrize("dtype", [tf.uint8, tf.int32, tf.int64])
def test_integer_input_refused(dtype):
    with pytest.raises(ValueError, match=r"Linear\(3, 2\): `x` must be a floating-point "
                                         r"tensor.*dtype .*tf\.cast\(x, tf\.float32\)"):
        Linear(3, 2)(tf.ones([4, 3], dtype=dtype))


def test_numpy_integers_are_sizes_too():
    assert Linear(np.int64(3), np.int32(2)).W.shape == (3, 2)


def test_a_layer_traced_with_unknown_sizes_checks_what_it_knows():
    layer = Linear(3, 2)
    traced = tf.function(layer, input_signature=[tf.TensorSpec([None, None])])
    assert traced(tf.ones([4, 3])).shape == (4, 2)
    with pytest.raises(ValueError, match=r"5 features per example instead of 3"):
        tf.function(layer, input_signature=[tf.TensorSpec([None, 5])]).get_concrete_function()
