"""Metrics: numbers that say how good a model is, for people rather than for training.

A loss must be differentiable so that gradient descent can follow it; a metric need
not be. :func:`accuracy`, the fraction of examples whose most probable class is the
right one, is what we report for a classifier.
"""

import tensorflow as tf

from nnlib import _checks as check


def accuracy(y_true, y_pred):
    """The fraction of examples whose highest score is at the true class.

    Compares ``argmax`` of each row of ``y_pred`` with ``argmax`` of the one-hot
    label. Works the same on probabilities and on logits, since softmax does not
    change which score is largest. Ties go to the lowest class index (as in
    ``tf.argmax`` and Keras' ``CategoricalAccuracy``, which this equals).

    Args:
        y_true: One-hot labels, float tensor of shape ``(batch_size, num_classes)``.
        y_pred: Probabilities or logits, float tensor of the same shape.

    Returns:
        A float32 scalar tensor between 0 and 1.

    Raises:
        ValueError: If ``y_true`` looks like integer labels (rank 1 or an integer
            dtype), or the shapes differ, or ``y_pred`` is not floating point.

    Example:

    >>> y_true = tf.constant([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0],
    ...                       [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    >>> y_pred = tf.constant([[0.1, 0.8, 0.1], [0.3, 0.6, 0.1],
    ...                       [0.2, 0.2, 0.6], [0.1, 0.7, 0.2]])
    >>> float(nnlib.metrics.accuracy(y_true, y_pred))
    0.75

    See :doc:`/chapters/04-logistic-regression`.
    """
    y_true, y_pred = check.one_hot_pair(y_true, y_pred, "accuracy",
                                        "nnlib.metrics.sparse_accuracy")
    correct = tf.equal(tf.argmax(y_true, axis=-1), tf.argmax(y_pred, axis=-1))
    return tf.reduce_mean(tf.cast(correct, tf.float32))


def sparse_accuracy(y_true, y_pred):
    """The fraction of examples whose highest score is at the true class label.

    :func:`accuracy` for integer class labels (``3`` rather than
    ``[0, 0, 0, 1, 0, ...]``), as ``tf.data`` pipelines and Keras' ``fit`` usually
    deliver them. It equals Keras' ``SparseCategoricalAccuracy``, and works the same
    on probabilities and on logits.

    Args:
        y_true: Integer class labels of shape ``(batch_size,)`` (or
            ``(batch_size, 1)``), each in ``0 .. num_classes - 1``.
        y_pred: Probabilities or logits, float tensor of shape
            ``(batch_size, num_classes)``.

    Returns:
        A float32 scalar tensor between 0 and 1.

    Raises:
        ValueError: If ``y_true`` looks one-hot, does not hold one label per row of
            ``y_pred``, is not made of whole numbers, or (when running eagerly) holds
            a label outside ``0 .. num_classes - 1``.

    Example:

    >>> y_pred = tf.constant([[0.1, 0.8, 0.1], [0.3, 0.6, 0.1],
    ...                       [0.2, 0.2, 0.6], [0.1, 0.7, 0.2]])
    >>> float(nnlib.metrics.sparse_accuracy(tf.constant([1, 0, 2, 1]), y_pred))
    0.75

    See :doc:`/chapters/07-tf-data`.
    """
    labels, y_pred = check.sparse_pair(y_true, y_pred, "sparse_accuracy",
                                       "nnlib.metrics.accuracy")
    correct = tf.equal(labels, tf.argmax(y_pred, axis=-1))
    return tf.reduce_mean(tf.cast(correct, tf.float32))


class Mean(tf.Module):
    """The running mean of every value it is given, kept as a sum and a count.

    ``update_state(values)`` adds the values' sum to a running total and their number
    to a count; ``result()`` is total / count; ``reset_state()`` starts again. Two
    numbers are all it stores, however many values it has seen, and because they are
    ``tf.Variable``\\ s it works inside ``tf.function`` too (a Python list cannot grow
    inside a graph). This is ``tf.keras.metrics.Mean``, built from scratch.

    Args:
        name: Optional name of the module.

    Raises:
        ValueError: :meth:`update_state` raises ``ValueError`` for values that are not
            numbers (strings, booleans).

    Example:

    >>> mean = nnlib.metrics.Mean()
    >>> mean.update_state([1.0, 3.0])
    >>> mean.update_state(5.0)
    >>> mean.update_state([7.0])
    >>> float(mean.result())
    4.0
    >>> mean
    Mean(total=16.0, count=4)
    >>> mean.reset_state()
    >>> float(mean.result())
    0.0

    See :doc:`/chapters/08-compile-and-fit`.
    """

    def __init__(self, name=None):
        super().__init__(name=name)
        self.total = tf.Variable(0.0, trainable=False, name="total")
        self.count = tf.Variable(0.0, trainable=False, name="count")

    def update_state(self, values):
        """Adds ``values`` (a number or a tensor of any shape) to the mean."""
        values = check.numeric_tensor("values", values, context="Mean.update_state",
                                      fix="Pass a float tensor such as a batch's loss.")
        values = tf.cast(values, tf.float32)
        self.total.assign_add(tf.reduce_sum(values))
        self.count.assign_add(tf.cast(tf.size(values), tf.float32))

    def result(self):
        """The mean of every value since the last reset (0 before any value)."""
        return tf.math.divide_no_nan(self.total, self.count)

    def reset_state(self):
        """Forgets every value: total and count back to 0."""
        self.total.assign(0.0)
        self.count.assign(0.0)

    def __repr__(self):
        return f"Mean(total={float(self.total)}, count={int(self.count)})"
