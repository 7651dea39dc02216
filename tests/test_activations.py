"""nnlib.activations: softmax against tf.nn.softmax, its properties, ReLU, bad input."""

import numpy as np
import pytest
import tensorflow as tf
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnlib.activations import log_softmax, naive_softmax, relu, softmax

TOLERANCE = 1e-6  # float32 arithmetic, values of order 1

logit_batches = hnp.arrays(
    np.float32,
    hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=12),
    elements=st.floats(-1e4, 1e4, width=32),
)


def test_softmax_matches_tf_nn_softmax():
    z = tf.random.stateless_normal([64, 10], seed=[1, 2]) * 5.0
    np.testing.assert_allclose(softmax(z), tf.nn.softmax(z), atol=TOLERANCE)


def test_softmax_of_a_vector_and_of_large_scores():
    np.testing.assert_allclose(softmax([1.0, 2.0, 3.0]), tf.nn.softmax([1.0, 2.0, 3.0]),
                               atol=TOLERANCE)
    np.testing.assert_allclose(softmax([[1000.0, 0.0, -1000.0]]), [[1.0, 0.0, 0.0]])


def test_naive_softmax_agrees_for_small_scores_and_overflows_for_large():
    z = tf.constant([[1.0, 2.0, 3.0]])
    np.testing.assert_allclose(naive_softmax(z), softmax(z), atol=TOLERANCE)
    assert np.isnan(naive_softmax(tf.constant([[100.0, 0.0]])).numpy()).any()


@settings(max_examples=60, deadline=None)
@given(logit_batches)
def test_softmax_rows_sum_to_one_and_are_finite(z):
    p = softmax(z).numpy()
    assert np.isfinite(p).all()
    assert (p >= 0).all() and (p <= 1).all()
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-5)


@settings(max_examples=60, deadline=None)
@given(logit_batches, st.floats(-100, 100, width=32))
def test_softmax_unchanged_by_adding_a_constant_to_a_row(z, c):
    z = z / 100  # keep z + c exactly representable enough for a 1e-5 comparison
    shifts = np.float32(c) * np.arange(1, z.shape[0] + 1, dtype=np.float32)[:, None] / z.shape[0]
    np.testing.assert_allclose(softmax(z + shifts), softmax(z), atol=1e-5)


@settings(max_examples=60, deadline=None)
@given(logit_batches)
def test_log_softmax_is_finite_and_matches_tf(z):
    result = log_softmax(z).numpy()
    assert np.isfinite(result).all()
    np.testing.assert_allclose(result, tf.nn.log_softmax(z), rtol=1e-5, atol=1e-3)


def test_softmax_gradient_matches_tf():
    z = tf.Variable(tf.random.stateless_normal([4, 5], seed=[3, 4]))
    weights = tf.range(5, dtype=tf.float32)
    with tf.GradientTape(persistent=True) as tape:
        ours = tf.reduce_sum(softmax(z) * weights)
        theirs = tf.reduce_sum(tf.nn.softmax(z) * weights)
    np.testing.assert_allclose(tape.gradient(ours, z), tape.gradient(theirs, z), atol=TOLERANCE)


def test_relu_matches_tf_nn_relu_with_gradient():
    x = tf.Variable([-2.0, -0.5, 0.0, 0.5, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        ours = tf.reduce_sum(relu(x) * [1.0, 2.0, 3.0, 4.0, 5.0])
        theirs = tf.reduce_sum(tf.nn.relu(x) * [1.0, 2.0, 3.0, 4.0, 5.0])
    np.testing.assert_array_equal(relu(x), tf.nn.relu(x))
    np.testing.assert_array_equal(tape.gradient(ours, x), tape.gradient(theirs, x))


@pytest.mark.parametrize("function", [softmax, naive_softmax, log_softmax])
@pytest.mark.parametrize("bad", [tf.constant([[1, 2, 3]]), np.array([[0, 255]], np.uint8)])
def test_softmax_refuses_integer_scores(function, bad):
    with pytest.raises(ValueError, match=r"`logits` must be a floating-point tensor.*tf.cast"):
        function(bad)


@pytest.mark.parametrize("function", [softmax, naive_softmax, log_softmax])
def test_softmax_refuses_a_scalar(function):
    with pytest.raises(ValueError, match=r"at least one axis.*shape \(\)"):
        function(tf.constant(3.0))


def test_relu_passes_nan_and_infinities_through_as_tf_nn_relu():
    x = tf.constant([float("nan"), float("inf"), -float("inf"), -0.0])
    np.testing.assert_array_equal(relu(x), tf.nn.relu(x))  # nan compares equal here
    assert np.isnan(relu(x)[0])


def test_relu_refuses_integers():
    with pytest.raises(ValueError, match=r"`x` must be a floating-point tensor.*int32"):
        relu(tf.constant([1, -1]))
