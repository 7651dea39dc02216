"""Tests of the sparse loss and metric: Keras parity and bad input.

nnlib.losses.sparse_categorical_crossentropy against
tf.keras.losses.SparseCategoricalCrossentropy (tolerance 1e-6 relative), and
nnlib.metrics.sparse_accuracy against tf.keras.metrics.SparseCategoricalAccuracy
(exact).
"""

import numpy as np
import pytest
import tensorflow as tf

from nnlib.losses import categorical_crossentropy, sparse_categorical_crossentropy
from nnlib.metrics import accuracy, sparse_accuracy


def _batch(seed, n=64, k=10, scale=3.0):
    rng = np.random.default_rng(seed)
    logits = tf.constant(rng.normal(scale=scale, size=(n, k)), tf.float32)
    labels = tf.constant(rng.integers(0, k, size=n), tf.int32)
    return labels, logits


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("scale", [0.1, 3.0, 30.0])
def test_loss_equals_keras_on_probabilities_and_logits(seed, scale):
    labels, logits = _batch(seed, scale=scale)
    probs = tf.nn.softmax(logits)
    keras_probs = tf.keras.losses.SparseCategoricalCrossentropy()(labels, probs)
    keras_logits = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)(
        labels, logits)
    np.testing.assert_allclose(sparse_categorical_crossentropy(labels, probs),
                               keras_probs, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(
        sparse_categorical_crossentropy(labels, logits, from_logits=True),
        keras_logits, rtol=1e-6, atol=1e-6)


def test_loss_equals_one_hot_loss():
    labels, logits = _batch(3)
    one_hot = tf.one_hot(labels, 10)
    for from_logits, y_pred in [(True, logits), (False, tf.nn.softmax(logits))]:
        np.testing.assert_allclose(
            sparse_categorical_crossentropy(labels, y_pred, from_logits=from_logits),
            categorical_crossentropy(one_hot, y_pred, from_logits=from_logits),
            rtol=1e-6)


def test_loss_is_finite_for_extreme_inputs_and_same_in_graph():
    labels = tf.constant([0, 1])
    logits = tf.constant([[1e4, -1e4, 0.0], [1e4, -1e4, 0.0]])
    probs = tf.constant([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0]])
    for y_pred, from_logits in [(logits, True), (probs, False)]:
        eager = sparse_categorical_crossentropy(labels, y_pred, from_logits=from_logits)
        graph = tf.function(sparse_categorical_crossentropy)(labels, y_pred,
                                                            from_logits=from_logits)
        assert np.isfinite(eager.numpy())
        np.testing.assert_allclose(eager, graph, rtol=1e-6)


def test_labels_of_shape_n_by_1_and_float_labels_are_accepted():
    labels, logits = _batch(4)
    expected = sparse_categorical_crossentropy(labels, logits, from_logits=True)
    for variant in [labels[:, None], tf.cast(labels, tf.float32)]:
        np.testing.assert_allclose(
            sparse_categorical_crossentropy(variant, logits, from_logits=True), expected)


def test_gradient_equals_keras():
    labels, logits = _batch(5)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(logits)
        ours = sparse_categorical_crossentropy(labels, logits, from_logits=True)
        theirs = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)(
            labels, logits)
    np.testing.assert_allclose(tape.gradient(ours, logits), tape.gradient(theirs, logits),
                               rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_accuracy_equals_keras(seed):
    labels, logits = _batch(seed, n=101)
    keras_metric = tf.keras.metrics.SparseCategoricalAccuracy()
    keras_metric.update_state(labels, logits)
    assert float(sparse_accuracy(labels, logits)) == float(keras_metric.result())
    assert float(sparse_accuracy(labels, logits)) == float(
        accuracy(tf.one_hot(labels, 10), logits))


def test_accuracy_hand_checked():
    y_pred = tf.constant([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    assert float(sparse_accuracy([0, 1, 1, 1], y_pred)) == 0.75


BAD_LABELS = [
    ([0, 10], r"must hold class labels from 0 to 9 .*y_true\[1\] = 10"),
    ([-1, 3], r"must hold class labels from 0 to 9 .*y_true\[0\] = -1"),
    ([0.5, 2.0], "whole-number"),
    ([[0.0] * 10, [1.0] + [0.0] * 9], "looks one-hot"),
    ([1, 2, 3], r"shape \(2,\)"),
    (["a", "b"], "integer class labels"),
]


@pytest.mark.parametrize("function", [sparse_categorical_crossentropy, sparse_accuracy])
@pytest.mark.parametrize("y_true, message", BAD_LABELS)
def test_bad_labels_are_refused(function, y_true, message):
    y_pred = tf.fill([2, 10], 0.1)
    with pytest.raises(ValueError, match=message):
        function(tf.constant(y_true), y_pred)


@pytest.mark.parametrize("function", [sparse_categorical_crossentropy, sparse_accuracy])
@pytest.mark.parametrize("y_pred", [tf.ones([2, 10], tf.int32), tf.ones([2, 5, 2])])
def test_bad_predictions_are_refused(function, y_pred):
    with pytest.raises(ValueError, match="y_pred"):
        function(tf.constant([0, 1]), y_pred)


@pytest.mark.parametrize("from_logits", [None, 1, "yes"])
def test_from_logits_must_be_bool(from_logits):
    with pytest.raises(ValueError, match="from_logits"):
        sparse_categorical_crossentropy([0], tf.ones([1, 2]), from_logits=from_logits)
