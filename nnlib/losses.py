"""Losses: functions ``loss(y_true, y_pred)`` that return the mean loss over a batch.

Each loss is a plain function of tensors, with Keras' argument order (targets first,
predictions second), and each is checked against its ``tf.keras.losses`` counterpart.
"""

import tensorflow as tf

from nnlib import _checks as check
from nnlib.activations import log_softmax


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
    y_pred = check.float_tensor("y_pred", y_pred)
    y_true = tf.cast(check.numeric_tensor("y_true", y_true, booleans=True), y_pred.dtype)
    check.same_shape(y_true, y_pred)
    return tf.reduce_mean(tf.square(y_true - y_pred))


_EPSILON = 1e-7  # as Keras: probabilities are clipped to [1e-7, 1 - 1e-7]
_FROM_LOGITS = "Pass from_logits=True when y_pred holds scores before softmax."


def categorical_crossentropy(y_true, y_pred, from_logits=False):
    """Categorical cross-entropy between one-hot labels and predicted probabilities.

    For each example, minus the logarithm of the probability the model gives to the
    true class, averaged over the batch. A confident right answer costs almost
    nothing, a confident wrong one costs a lot, and a model that spreads its
    probability evenly over ``K`` classes pays ``log K`` (``log 10 ≈ 2.3026`` for
    digits). For probabilities (rows that sum to 1) and for logits it equals
    ``tf.keras.losses.CategoricalCrossentropy``; Keras also divides predictions that
    do not sum to 1 by their sum, which this function does not.

    Say what ``y_pred`` is, and the answer is the same eagerly and inside
    ``tf.function``. With ``from_logits=False`` (probabilities), they are clipped to
    ``[1e-7, 1 - 1e-7]`` so that a probability of exactly 0 gives a large finite loss
    instead of ``inf``, as Keras does. With ``from_logits=True``, the loss is computed
    from the scores directly with :func:`nnlib.activations.log_softmax`, which is
    exact and finite for any finite logits: prefer it for training.

    Formula:

    .. math::

        L = -\\frac{1}{N} \\sum_{i=1}^{N} \\sum_{k=1}^{K} y_{ik} \\log \\hat{y}_{ik},
        \\qquad \\log \\hat{y}_{ik} = \\log \\mathrm{softmax}(z_i)_k
        \\text{ when from\\_logits}

    Args:
        y_true: One-hot labels, float tensor of shape ``(batch_size, num_classes)``.
        y_pred: Predicted probabilities (rows summing to 1), or logits if
            ``from_logits=True``; float tensor of the same shape.
        from_logits: Whether ``y_pred`` holds logits rather than probabilities.

    Returns:
        A float32 scalar tensor: the mean loss over the batch.

    Raises:
        ValueError: If ``y_true`` looks like integer class labels (rank 1 or an
            integer dtype; the message suggests ``nnlib.data.preprocess`` or the
            sparse loss), the shapes differ (e.g. a one-hot width that is not the
            model's number of outputs), ``y_pred`` is not floating point, or
            ``from_logits`` is not a bool.

    Example:

    >>> y_true = tf.constant([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    >>> probs = tf.constant([[0.1, 0.8, 0.1], [0.5, 0.25, 0.25]])
    >>> round(float(nnlib.losses.categorical_crossentropy(y_true, probs)), 4)
    0.4581
    >>> logits = tf.constant([[0.0, 1000.0, 0.0], [0.0, 1000.0, 0.0]])
    >>> nnlib.losses.categorical_crossentropy(y_true, logits, from_logits=True)
    <tf.Tensor: shape=(), dtype=float32, numpy=500.0>

    See :doc:`/chapters/04-logistic-regression`.
    """
    check.boolean("from_logits", from_logits, _FROM_LOGITS)
    y_true, y_pred = check.one_hot_pair(y_true, y_pred, "categorical_crossentropy",
                                        "nnlib.losses.sparse_categorical_crossentropy")
    y_true = tf.cast(y_true, y_pred.dtype)
    if from_logits:
        log_probs = log_softmax(y_pred)
    else:
        log_probs = tf.math.log(tf.clip_by_value(y_pred, _EPSILON, 1.0 - _EPSILON))
    return tf.reduce_mean(-tf.reduce_sum(y_true * log_probs, axis=-1))


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False):
    """Categorical cross-entropy for integer class labels.

    :func:`categorical_crossentropy` with each label given as its class number
    (``3``) instead of a one-hot row: for each example, minus the log of the
    probability the model gives to the true class, averaged over the batch. The
    result is the same number, without building the one-hot rows, which is how
    ``tf.data`` pipelines and Keras' ``fit`` usually deliver labels. For
    probabilities (rows that sum to 1) and for logits it equals
    ``tf.keras.losses.SparseCategoricalCrossentropy``; Keras also divides
    predictions that do not sum to 1 by their sum, which this function does not.

    ``from_logits`` says what ``y_pred`` is: ``False`` (the default) for
    probabilities, the output of a softmax, which are clipped to ``[1e-7, 1 - 1e-7]``
    as Keras does; ``True`` for logits, the scores before any softmax, from which the
    loss is computed exactly with :func:`nnlib.activations.log_softmax`.

    Formula:

    .. math::

        L = -\\frac{1}{N} \\sum_{i=1}^{N} \\log \\hat{y}_{i, c_i}

    where :math:`c_i` is the class label of example :math:`i` and
    :math:`\\hat{y}_{i, k}` the probability the model gives to class :math:`k`.

    Args:
        y_true: Integer class labels of shape ``(batch_size,)`` (or
            ``(batch_size, 1)``), each in ``0 .. num_classes - 1``.
        y_pred: Probabilities of shape ``(batch_size, num_classes)``, or logits if
            ``from_logits=True``.
        from_logits: Whether ``y_pred`` holds logits rather than probabilities.

    Returns:
        A float32 scalar tensor: the mean loss over the batch.

    Raises:
        ValueError: If ``y_true`` looks one-hot (the message suggests
            :func:`categorical_crossentropy`), does not hold one label per row of
            ``y_pred``, or (when running eagerly) holds a label outside
            ``0 .. num_classes - 1``; if ``y_pred`` is not floating point of rank 2;
            if ``from_logits`` is not a bool.

    Example:

    >>> probs = tf.constant([[0.1, 0.8, 0.1], [0.5, 0.25, 0.25]])
    >>> loss = nnlib.losses.sparse_categorical_crossentropy(tf.constant([1, 0]), probs)
    >>> round(float(loss), 4)
    0.4581
    >>> logits = tf.constant([[0.0, 1000.0, 0.0], [0.0, 1000.0, 0.0]])
    >>> nnlib.losses.sparse_categorical_crossentropy([1, 0], logits, from_logits=True)
    <tf.Tensor: shape=(), dtype=float32, numpy=500.0>

    See :doc:`/chapters/07-tf-data`.
    """
    check.boolean("from_logits", from_logits, _FROM_LOGITS)
    labels, y_pred = check.sparse_pair(y_true, y_pred, "sparse_categorical_crossentropy",
                                       "nnlib.losses.categorical_crossentropy")
    if from_logits:
        log_probs = log_softmax(y_pred)
    else:
        log_probs = tf.math.log(tf.clip_by_value(y_pred, _EPSILON, 1.0 - _EPSILON))
    picked = tf.gather(log_probs, labels, axis=-1, batch_dims=1)
    return tf.reduce_mean(-picked)
