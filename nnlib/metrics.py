"""Metrics: numbers that say how good a model is, for people rather than for training.

A loss must be differentiable so that gradient descent can follow it; a metric need
not be. :func:`accuracy`, the fraction of examples whose most probable class is the
right one, is what we report for a classifier.
"""

import tensorflow as tf


def _check_one_hot_pair(y_true, y_pred, function, sparse_function):
    """Validates one-hot labels against predictions; shared by losses and metrics.

    ``function`` names the caller in messages; ``sparse_function`` is the variant
    that takes integer labels, suggested when ``y_true`` looks like them.
    """
    y_true = tf.convert_to_tensor(y_true)
    y_pred = tf.convert_to_tensor(y_pred)
    if not y_pred.dtype.is_floating:
        raise ValueError(
            f"{function}: `y_pred` must hold floating-point probabilities or logits, "
            f"but received dtype {y_pred.dtype.name}. Pass the model's output."
        )
    if y_pred.shape.rank != 2:
        raise ValueError(
            f"{function}: `y_pred` must have shape (batch_size, num_classes), but "
            f"received shape {tuple(y_pred.shape)}."
        )
    if y_true.shape.rank == 1 or not y_true.dtype.is_floating:
        raise ValueError(
            f"{function}: `y_true` must be one-hot float labels of shape "
            f"(batch_size, num_classes) = {tuple(y_pred.shape)}, but received shape "
            f"{tuple(y_true.shape)} and dtype {y_true.dtype.name}: these look like "
            f"integer class labels. One-hot encode them with "
            f"nnlib.data.preprocess(x, y) or tf.one_hot(y, {y_pred.shape[-1]}), or use "
            f"{sparse_function}, which takes integer labels."
        )
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"{function}: `y_true` and `y_pred` must have the same shape (batch_size, "
            f"num_classes), but received {tuple(y_true.shape)} and "
            f"{tuple(y_pred.shape)}. A one-hot width different from the model's number "
            f"of outputs means num_classes does not match the last layer's "
            f"out_features; a different batch size means labels and images are not "
            f"from the same examples."
        )
    return y_true, y_pred


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
    y_true, y_pred = _check_one_hot_pair(
        y_true, y_pred, "accuracy", "nnlib.metrics.sparse_accuracy"
    )
    correct = tf.equal(tf.argmax(y_true, axis=-1), tf.argmax(y_pred, axis=-1))
    return tf.reduce_mean(tf.cast(correct, tf.float32))


def _check_sparse_pair(y_true, y_pred, function, one_hot_function):
    """Validates integer class labels against predictions; shared by losses and metrics.

    Returns ``(labels, y_pred)`` with labels as int64 of shape ``(batch_size,)`` (a
    trailing axis of size 1 is dropped, as Keras does). Out-of-range labels are
    refused when running eagerly; inside ``tf.function`` the values are not known.
    """
    y_true = tf.convert_to_tensor(y_true)
    y_pred = tf.convert_to_tensor(y_pred)
    if not y_pred.dtype.is_floating or y_pred.shape.rank != 2:
        raise ValueError(
            f"{function}: `y_pred` must be floating-point scores of shape (batch_size, "
            f"num_classes), but received shape {tuple(y_pred.shape)} and dtype "
            f"{y_pred.dtype.name}. Pass the model's output."
        )
    num_classes = y_pred.shape[-1]
    if y_true.shape.rank == 2 and y_true.shape[-1] == 1:
        y_true = tf.squeeze(y_true, axis=-1)
    if y_true.shape.rank == 2 and y_true.shape[-1] == num_classes:
        raise ValueError(
            f"{function}: `y_true` must be integer class labels of shape (batch_size,), "
            f"but received shape {tuple(y_true.shape)}, which looks one-hot. Use "
            f"{one_hot_function} for one-hot labels, or tf.argmax(y_true, axis=-1) to "
            f"turn them back into class labels."
        )
    if y_true.shape.rank != 1 or y_true.shape[0] != y_pred.shape[0]:
        raise ValueError(
            f"{function}: `y_true` must hold one class label per row of `y_pred`, i.e. "
            f"shape ({y_pred.shape[0]},), but received shape {tuple(y_true.shape)} for "
            f"`y_pred` of shape {tuple(y_pred.shape)}."
        )
    if y_true.dtype.is_floating:
        if tf.executing_eagerly() and not bool(tf.reduce_all(y_true == tf.round(y_true))):
            raise ValueError(
                f"{function}: `y_true` must hold whole-number class labels, but "
                f"received fractional values of dtype {y_true.dtype.name}."
            )
    elif not y_true.dtype.is_integer:
        raise ValueError(
            f"{function}: `y_true` must be integer class labels, but received dtype "
            f"{y_true.dtype.name}."
        )
    labels = tf.cast(y_true, tf.int64)
    if tf.executing_eagerly() and labels.shape[0]:
        low, high = int(tf.reduce_min(labels)), int(tf.reduce_max(labels))
        if low < 0 or high >= num_classes:
            raise ValueError(
                f"{function}: class labels must lie in 0..{num_classes - 1} for "
                f"{num_classes} classes (the width of `y_pred`), but received labels "
                f"from {low} to {high}. Check the labels, or give the model one output "
                f"per class."
            )
    return labels, y_pred


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
    labels, y_pred = _check_sparse_pair(
        y_true, y_pred, "sparse_accuracy", "nnlib.metrics.accuracy"
    )
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
        values = tf.convert_to_tensor(values)
        if not (values.dtype.is_floating or values.dtype.is_integer):
            raise ValueError(
                f"Mean.update_state: `values` must be numbers, but received dtype "
                f"{values.dtype.name}. Pass a float tensor such as a batch's loss."
            )
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
