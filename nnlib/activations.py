"""Activation functions: softmax (stable, and the naive one kept for the lesson), ReLU.

An activation function is applied to a layer's output. :func:`softmax` turns a
classifier's scores (logits) into probabilities; :func:`relu` is the nonlinearity
between the layers of a neural network. :func:`naive_softmax` is the formula written
as it stands, which overflows for large scores: chapter 4 shows it fail on purpose.
"""

import tensorflow as tf

from nnlib import _checks as check


def naive_softmax(logits):
    """Softmax written straight from its formula: overflows for large scores.

    Computes ``exp(z) / sum(exp(z))`` over the last axis (one row per example). This
    is mathematically right, but ``exp`` of a float32 above about 88.7 is ``inf``,
    and ``inf / inf`` is ``nan``; and where every term is finite but their sum
    passes the largest float32 (about ``3.4e38``, for ten equal scores above
    ``88.7 - ln 10 ≈ 86.4``), each term divided by ``inf`` gives 0. It is kept in
    nnlib only so the book can show the failure; use :func:`softmax`.

    Formula:

    .. math::

        \\mathrm{softmax}(z)_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}}

    Args:
        logits: Float tensor of scores, shape ``(num_classes,)`` or
            ``(batch_size, num_classes)``.

    Returns:
        A tensor of the same shape: each row sums to 1, or is ``nan`` where a score
        exceeds about 88.7, or is 0 where only the row's sum overflows.

    Raises:
        ValueError: If ``logits`` is not floating point or is a scalar.

    Example:

    >>> nnlib.activations.naive_softmax(tf.constant([[0.0, 0.0], [1000.0, 0.0]]))
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[0.5, 0.5],
           [nan,  0. ]], dtype=float32)>

    See :doc:`/chapters/04-logistic-regression`.
    """
    logits = check.logits(logits)
    exp = tf.exp(logits)
    return exp / tf.reduce_sum(exp, axis=-1, keepdims=True)


def log_softmax(logits):
    """The logarithm of :func:`softmax`, computed without overflow or ``log(0)``.

    Uses the log-sum-exp trick: with ``m`` the largest score of each row,
    ``log softmax(z)_k = (z_k - m) - log(sum_j exp(z_j - m))``. Every ``exp`` is of a
    number at most 0, so nothing overflows, and the sum is at least 1, so its
    logarithm is finite. The cross-entropy loss uses this when given logits.

    Formula:

    .. math::

        \\log \\mathrm{softmax}(z)_k = (z_k - m) - \\log \\sum_j e^{z_j - m},
        \\qquad m = \\max_j z_j

    Args:
        logits: Float tensor of scores, shape ``(num_classes,)`` or
            ``(batch_size, num_classes)``.

    Returns:
        A tensor of the same shape of log-probabilities (all at most 0).

    Raises:
        ValueError: If ``logits`` is not floating point or is a scalar.

    Example:

    >>> nnlib.activations.log_softmax(tf.constant([[1000.0, 0.0]])).numpy()
    array([[    0., -1000.]], dtype=float32)

    See :doc:`/chapters/04-logistic-regression`.
    """
    logits = check.logits(logits)
    shifted = logits - tf.stop_gradient(tf.reduce_max(logits, axis=-1, keepdims=True))
    return shifted - tf.math.log(tf.reduce_sum(tf.exp(shifted), axis=-1, keepdims=True))


def softmax(logits):
    """Turns scores (logits) into probabilities, one row per example, stably.

    Subtracting the same number from every score of a row leaves the softmax
    unchanged (the factor ``exp(-m)`` cancels above and below the fraction). With
    ``m`` the row's largest score, every ``exp`` is of a number at most 0, so it
    never overflows, and the largest term is exactly 1, so the sum is never 0. The
    result equals ``tf.nn.softmax``.

    Formula:

    .. math::

        \\mathrm{softmax}(z)_k = \\frac{e^{z_k - m}}{\\sum_j e^{z_j - m}},
        \\qquad m = \\max_j z_j

    Args:
        logits: Float tensor of scores, shape ``(num_classes,)`` or
            ``(batch_size, num_classes)``. Softmax is taken over the last axis.

    Returns:
        A tensor of the same shape and dtype: non-negative, each row summing to 1.

    Raises:
        ValueError: If ``logits`` is not floating point or is a scalar.

    Example:

    >>> nnlib.activations.softmax(tf.constant([[0.0, 0.0], [1000.0, 0.0]]))
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[0.5, 0.5],
           [1. , 0. ]], dtype=float32)>
    >>> nnlib.activations.softmax(tf.constant([1.0, 2.0, 3.0])).numpy().round(4)
    array([0.09  , 0.2447, 0.6652], dtype=float32)

    See :doc:`/chapters/04-logistic-regression`.
    """
    logits = check.logits(logits)
    shifted = logits - tf.reduce_max(logits, axis=-1, keepdims=True)
    exp = tf.exp(shifted)
    return exp / tf.reduce_sum(exp, axis=-1, keepdims=True)


def relu(x):
    """The rectified linear unit: ``max(x, 0)`` element by element.

    The nonlinearity between the layers of a neural network: it passes positive
    values through and sets negative ones to 0. Its slope is 1 for positive inputs,
    so gradients flow through it without shrinking, and 0 for negative ones.

    Formula:

    .. math::

        \\mathrm{relu}(x) = \\max(x, 0)

    Args:
        x: Float tensor of any shape.

    Returns:
        A tensor of the same shape and dtype; equals ``tf.nn.relu(x)``, ``nan``
        included (a ``nan`` passes through rather than becoming 0). Its gradient is 1
        for positive inputs and 0 elsewhere, 0 included, as ``tf.nn.relu``'s.

    Raises:
        ValueError: If ``x`` is not floating point.

    Example:

    >>> nnlib.activations.relu(tf.constant([-2.0, -0.5, 0.0, 0.5, 2.0])).numpy()
    array([0. , 0. , 0. , 0.5, 2. ], dtype=float32)

    See :doc:`/chapters/05-neural-networks`.
    """
    x = check.float_tensor("x", x)
    return tf.where(x <= 0, tf.zeros_like(x), x)
