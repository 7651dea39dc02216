"""Losses: functions ``loss(y_true, y_pred)`` that return the mean loss over a batch.

Each loss is a plain function of tensors, with Keras' argument order (targets first,
predictions second), and each is checked against its ``tf.keras.losses`` counterpart.
"""

import tensorflow as tf


def mse(y_true, y_pred):
    """Mean squared error between targets and predictions.

    The average, over every entry, of the squared difference between target and
    prediction. It is the loss of linear regression: large errors count much more than
    small ones, and it is zero only when every prediction is exact. It equals
    ``tf.keras.losses.MeanSquaredError()(y_true, y_pred)``.

    The two arguments must have the same shape. TensorFlow would happily broadcast a
    target of shape ``(40,)`` against a prediction of shape ``(40, 1)`` into a
    ``(40, 40)`` table of differences, every target compared with every prediction, and
    return a wrong number without complaint; ``mse`` refuses instead.

    Formula:

    .. math::

        \\mathrm{MSE} = \\frac{1}{N} \\sum_{i=1}^{N} (y_i - \\hat{y}_i)^2

    where the sum runs over all ``N`` entries of ``y_true`` (:math:`y`) and
    ``y_pred`` (:math:`\\hat{y}`).

    Args:
        y_true: Targets, any numeric tensor or array; cast to the dtype of ``y_pred``.
        y_pred: Predictions, a floating-point tensor of the same shape as ``y_true``.

    Returns:
        A scalar tensor of the dtype of ``y_pred``: the mean squared error.

    Raises:
        ValueError: If ``y_pred`` is not floating point, or the shapes differ.

    Example:

    >>> nnlib.losses.mse(tf.constant([1.0, 2.0, 3.0]), tf.constant([1.0, 2.0, 5.0]))
    <tf.Tensor: shape=(), dtype=float32, numpy=1.3333334>
    >>> y_true = tf.constant([[0.0, 1.0], [2.0, 3.0]])
    >>> y_pred = tf.constant([[1.0, 1.0], [2.0, 1.0]])
    >>> float(nnlib.losses.mse(y_true, y_pred))
    1.25

    See :doc:`/chapters/02-linear-regression`.
    """
    y_pred = tf.convert_to_tensor(y_pred)
    if not y_pred.dtype.is_floating:
        raise ValueError(
            f"`y_pred` must be floating point, but has dtype {y_pred.dtype.name}. "
            f"Predictions come from a model; cast them with tf.cast(y_pred, tf.float32)."
        )
    y_true = tf.cast(y_true, y_pred.dtype)
    if y_true.shape != y_pred.shape:
        hint = "Make both the same shape"
        if y_true.shape.rank is not None and y_pred.shape.rank is not None:
            if y_true.shape.rank + 1 == y_pred.shape.rank and y_pred.shape[-1] == 1:
                hint = "Drop the last axis of the predictions with tf.squeeze(y_pred, axis=-1)"
            elif y_pred.shape.rank + 1 == y_true.shape.rank and y_true.shape[-1] == 1:
                hint = "Drop the last axis of the targets with tf.squeeze(y_true, axis=-1)"
        raise ValueError(
            f"`y_true` and `y_pred` must have the same shape, but received "
            f"y_true.shape={tuple(y_true.shape)} and y_pred.shape={tuple(y_pred.shape)}. "
            f"Broadcasting them would compare every target with every prediction and "
            f"give a wrong loss without an error. {hint}."
        )
    return tf.reduce_mean(tf.square(y_true - y_pred))
