"""nnlib.metrics.accuracy against Keras' CategoricalAccuracy, and its bad input."""

import numpy as np
import pytest
import tensorflow as tf

from nnlib.metrics import accuracy


def _batch(seed, n=200, k=10):
    labels = tf.random.stateless_uniform([n], seed=[seed, 0], maxval=k, dtype=tf.int32)
    scores = tf.random.stateless_normal([n, k], seed=[seed, 1])
    return tf.one_hot(labels, k), scores


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_accuracy_equals_keras_categorical_accuracy(seed):
    y_true, scores = _batch(seed)
    keras = tf.keras.metrics.CategoricalAccuracy()
    keras.update_state(y_true, tf.nn.softmax(scores))
    # Exact: both count the same argmax matches over the same 200 examples.
    assert float(accuracy(y_true, tf.nn.softmax(scores))) == float(keras.result())
    assert float(accuracy(y_true, scores)) == float(keras.result())  # logits: same argmax


def test_accuracy_of_ties_goes_to_the_first_class():
    y_true = tf.one_hot([0, 1, 2, 0], 3)
    uniform = tf.fill([4, 3], 1 / 3)
    keras = tf.keras.metrics.CategoricalAccuracy()
    keras.update_state(y_true, uniform)
    assert float(accuracy(y_true, uniform)) == 0.5 == float(keras.result())


@pytest.mark.parametrize(
    "labels",
    [tf.constant([3, 1, 4]), np.array([3, 1, 4], np.uint8), tf.constant([[3], [1], [4]]),
     tf.constant([3.0, 1.0, 4.0])],
)
def test_accuracy_refuses_integer_labels_and_suggests_the_fixes(labels):
    with pytest.raises(ValueError, match=r"look like integer class labels.*preprocess.*"
                                         r"tf\.one_hot\(y, 10\).*sparse_accuracy"):
        accuracy(labels, tf.zeros([3, 10]))


def test_accuracy_refuses_a_one_hot_width_that_differs_from_the_outputs():
    with pytest.raises(ValueError, match=r"same shape.*\(3, 9\) and \(3, 10\).*num_classes"):
        accuracy(tf.one_hot([1, 2, 3], 9), tf.zeros([3, 10]))


def test_accuracy_refuses_different_batch_sizes():
    with pytest.raises(ValueError, match=r"\(4, 10\) and \(3, 10\).*same examples"):
        accuracy(tf.one_hot([1, 2, 3, 4], 10), tf.zeros([3, 10]))


@pytest.mark.parametrize("bad", [tf.zeros([3, 10], tf.int32), tf.zeros([30]), tf.zeros([3, 2, 5])])
def test_accuracy_refuses_predictions_that_are_not_a_float_batch(bad):
    with pytest.raises(ValueError, match=r"`y_pred`"):
        accuracy(tf.one_hot([1, 2, 3], 10), bad)
