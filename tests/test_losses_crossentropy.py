"""nnlib.losses.categorical_crossentropy: Keras parity, extreme inputs, graph mode, errors."""

import math

import numpy as np
import pytest
import tensorflow as tf
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnlib.losses import categorical_crossentropy

TOLERANCE = 1e-5  # relative, float32


def _batch(seed, n=64, k=10, scale=3.0):
    labels = tf.random.stateless_uniform([n], seed=[seed, 0], maxval=k, dtype=tf.int32)
    logits = tf.random.stateless_normal([n, k], seed=[seed, 1]) * scale
    return tf.one_hot(labels, k), logits


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_keras_on_probabilities(seed):
    y, z = _batch(seed)
    probabilities = tf.nn.softmax(z)
    keras = tf.keras.losses.CategoricalCrossentropy()(y, probabilities)
    np.testing.assert_allclose(categorical_crossentropy(y, probabilities), keras, rtol=TOLERANCE)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_keras_on_logits(seed):
    y, z = _batch(seed, scale=30.0)
    keras = tf.keras.losses.CategoricalCrossentropy(from_logits=True)(y, z)
    ours = categorical_crossentropy(y, z, from_logits=True)
    np.testing.assert_allclose(ours, keras, rtol=TOLERANCE)


def test_gradient_matches_keras_on_logits():
    y, z0 = _batch(3)
    z = tf.Variable(z0)
    with tf.GradientTape(persistent=True) as tape:
        ours = categorical_crossentropy(y, z, from_logits=True)
        keras = tf.keras.losses.CategoricalCrossentropy(from_logits=True)(y, z)
    np.testing.assert_allclose(tape.gradient(ours, z), tape.gradient(keras, z), atol=1e-7)


def test_uniform_prediction_costs_log_of_the_number_of_classes():
    y = tf.one_hot([3, 1, 4, 1, 5], 10)
    loss = categorical_crossentropy(y, tf.fill([5, 10], 0.1))
    assert abs(float(loss) - math.log(10)) < 1e-6
    loss = categorical_crossentropy(y, tf.zeros([5, 10]), from_logits=True)
    assert abs(float(loss) - math.log(10)) < 1e-6


@settings(max_examples=50, deadline=None)
@given(hnp.arrays(np.float32, (4, 5), elements=st.floats(-1e4, 1e4, width=32)),
       st.lists(st.integers(0, 4), min_size=4, max_size=4))
def test_no_nan_or_inf_for_extreme_logits(z, labels):
    y = tf.one_hot(labels, 5)
    z = tf.Variable(z)
    with tf.GradientTape() as tape:
        loss = categorical_crossentropy(y, z, from_logits=True)
    assert np.isfinite(float(loss)) and float(loss) >= 0
    assert np.isfinite(tape.gradient(loss, z).numpy()).all()
    assert np.isfinite(float(categorical_crossentropy(y, tf.nn.softmax(z))))


def test_probabilities_of_exactly_zero_and_one_give_finite_loss():
    y = tf.one_hot([0, 1], 2)
    p = tf.constant([[0.0, 1.0], [0.0, 1.0]])
    loss = float(categorical_crossentropy(y, p))
    assert abs(loss - (-math.log(1e-7) / 2)) < 1e-3  # clipped at 1e-7, as Keras


@pytest.mark.parametrize("from_logits", [False, True])
def test_same_number_eagerly_and_inside_tf_function(from_logits):
    y = tf.constant([[1.0, 0.0, 0.0]])
    z = tf.constant([[0.0, 100.0, 0.0]])

    def loss(y, z):
        y_pred = z if from_logits else tf.nn.softmax(z)
        return categorical_crossentropy(y, y_pred, from_logits=from_logits)

    assert float(loss(y, z)) == float(tf.function(loss)(y, z))


def test_keras_pitfall_still_exists():
    """The book's warning box: Keras' loss of tf.nn.softmax(z) differs in a graph.

    If Keras ever stops doing this, the box in chapter 5 must change.
    """
    y = tf.constant([[1.0, 0.0, 0.0]])
    z = tf.constant([[0.0, 100.0, 0.0]])

    def keras_loss(y, z):
        return tf.keras.losses.categorical_crossentropy(y, tf.nn.softmax(z))[0]

    eager, graph = float(keras_loss(y, z)), float(tf.function(keras_loss)(y, z))
    assert abs(eager - (-math.log(1e-7))) < 1e-3  # clipped probability
    assert abs(graph - 100.0) < 1e-3  # Keras found the softmax and used the logits


@pytest.mark.parametrize(
    "labels",
    [tf.constant([3, 1, 4]), np.array([3, 1, 4], np.uint8), tf.constant([[3], [1], [4]]),
     tf.one_hot([3, 1, 4], 10, dtype=tf.int32)],
)
def test_integer_labels_get_a_message_suggesting_preprocess_or_the_sparse_loss(labels):
    with pytest.raises(ValueError, match=r"look like integer class labels.*"
                                         r"nnlib\.data\.preprocess.*"
                                         r"sparse_categorical_crossentropy"):
        categorical_crossentropy(labels, tf.fill([3, 10], 0.1))


def test_one_hot_width_must_match_the_outputs():
    with pytest.raises(ValueError, match=r"\(3, 9\) and \(3, 10\).*one-hot width.*"
                                         r"out_features"):
        categorical_crossentropy(tf.one_hot([1, 2, 3], 9), tf.fill([3, 10], 0.1))


@pytest.mark.parametrize("bad", [tf.zeros([3, 10], tf.int32), tf.zeros([30])])
def test_predictions_must_be_a_float_batch(bad):
    with pytest.raises(ValueError, match=r"`y_pred`"):
        categorical_crossentropy(tf.one_hot([1, 2, 3], 10), bad)


@pytest.mark.parametrize("bad", [1, 0, "yes", None])
def test_from_logits_must_be_a_bool(bad):
    with pytest.raises(ValueError, match=r"`from_logits` must be True or False"):
        categorical_crossentropy(tf.one_hot([1], 2), tf.zeros([1, 2]), from_logits=bad)


def test_a_numpy_bool_is_a_bool():
    loss = categorical_crossentropy(tf.constant([[0.0, 1.0]]), tf.constant([[0.25, 0.75]]),
                                    from_logits=np.bool_(False))
    assert np.isclose(float(loss), -np.log(0.75))
