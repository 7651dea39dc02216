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
