"""Closed-form linear regression: the exact least-squares fit, without any training.

For a linear model and the mean squared error, the best parameters can be written
down directly. The book uses them as the answer that gradient descent should approach.
"""

import tensorflow as tf

from nnlib import _checks as check


def fit_line(x, y):
    """Fits the line ``y = m x + b`` by least squares, in closed form.

    The slope is the covariance of ``x`` and ``y`` divided by the variance of ``x``,
    and the best line passes through the point of means, which gives the intercept.
    These are the ``m`` and ``b`` with the smallest mean squared error: gradient
    descent on the same data moves towards them.

    Formula:

    .. math::

        m = \\frac{s_{xy}}{s_{xx}}
          = \\frac{\\sum_i (x_i - \\bar{x})(y_i - \\bar{y})}{\\sum_i (x_i - \\bar{x})^2},
        \\qquad b = \\bar{y} - m \\bar{x}

    Args:
        x: The inputs, a floating-point tensor of shape ``(N,)``, ``N >= 2``, not all
            equal.
        y: The targets, a floating-point tensor of the same shape.

    Returns:
        ``(m, b)``: two scalar tensors of the dtype of ``x``.

    Raises:
        ValueError: If ``x`` or ``y`` is not floating point, not one-dimensional, the
            shapes differ, there are fewer than two points, or all ``x`` are equal.

    Example:

    >>> x = tf.constant([0.0, 1.0, 2.0, 3.0])
    >>> m, b = nnlib.regression.fit_line(x, 2.0 * x + 1.0)
    >>> round(float(m), 4), round(float(b), 4)
    (2.0, 1.0)

    See :doc:`/chapters/02-linear-regression`.
    """
    x, y = check.points(x, y, min_length=2, distinct=True)
    x_mean = tf.reduce_mean(x)
    y_mean = tf.reduce_mean(y)
    s_xy = tf.reduce_sum((x - x_mean) * (y - y_mean))
    s_xx = tf.reduce_sum(tf.square(x - x_mean))
    m = s_xy / s_xx
    b = y_mean - m * x_mean
    return m, b


def least_squares(x, y, fit_intercept=True):
    """Fits ``y = x @ W + b`` by least squares, in closed form, with ``tf.linalg.lstsq``.

    The many-input, many-output version of :func:`fit_line`. With ``fit_intercept``, a
    column of ones is appended to ``x`` so that the last row of the solution is the
    bias ``b``. ``tf.linalg.lstsq`` then finds the matrix that minimises the squared
    error of every output, by an orthogonal decomposition rather than by inverting
    :math:`X^\\top X`, which is more accurate.

    Formula:

    .. math::

        \\begin{bmatrix} W \\\\ b \\end{bmatrix}
        = \\operatorname*{arg\\,min}_{W, b} \\; \\lVert [X \\;\\; \\mathbf{1}]
          \\begin{bmatrix} W \\\\ b \\end{bmatrix} - Y \\rVert^2

    Args:
        x: Inputs, a floating-point tensor of shape ``(N, in_features)``.
        y: Targets, a floating-point tensor of shape ``(N, out_features)``.
        fit_intercept: Whether to fit the bias ``b`` (otherwise ``b`` is zeros).

    Returns:
        ``(W, b)``: tensors of shapes ``(in_features, out_features)`` and
        ``(out_features,)``, of the dtype of ``x``.

    Raises:
        ValueError: If ``x`` or ``y`` is not floating point, not two-dimensional, or
            they have different numbers of rows; if there are fewer examples than
            unknowns per output (``in_features``, plus one with ``fit_intercept``), so
            that many solutions fit exactly; or if ``fit_intercept`` is not a bool.

    Example:

    >>> x = tf.constant([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 1.0]])
    >>> true_W = tf.constant([[1.0], [-2.0]])
    >>> W, b = nnlib.regression.least_squares(x, x @ true_W + 0.5)
    >>> W.shape, b.shape
    (TensorShape([2, 1]), TensorShape([1]))
    >>> np.round(W.numpy().ravel(), 4), np.round(b.numpy(), 4)
    (array([ 1., -2.], dtype=float32), array([0.5], dtype=float32))

    See :doc:`/chapters/03-many-inputs`.
    """
    x, y = check.least_squares_data(x, y, fit_intercept)
    if fit_intercept:
        x = tf.concat([x, tf.ones([x.shape[0], 1], dtype=x.dtype)], axis=1)
    solution = tf.linalg.lstsq(x, y, fast=False)
    if fit_intercept:
        return solution[:-1], solution[-1]
    return solution, tf.zeros([y.shape[1]], dtype=x.dtype)


def loss_surface(x, y, m_values, b_values):
    """The mean squared error of the line ``m x + b`` over a grid of ``(m, b)``.

    For every pair of a slope from ``m_values`` and an intercept from ``b_values``,
    the loss of that line on the data, computed all at once by broadcasting. This is
    the landscape that gradient descent walks down: the book draws it as a contour
    plot and as a 3-D surface.

    Args:
        x: Inputs, a floating-point tensor of shape ``(N,)``.
        y: Targets, a floating-point tensor of shape ``(N,)``.
        m_values: Slopes, a one-dimensional array of length ``M``.
        b_values: Intercepts, a one-dimensional array of length ``B``.

    Returns:
        A tensor of shape ``(B, M)``: row ``i``, column ``j`` holds the loss at
        ``m = m_values[j]``, ``b = b_values[i]`` (the layout ``plt.contour`` expects).

    Raises:
        ValueError: If ``x`` or ``y`` is not floating point, the inputs are not
            one-dimensional, or ``x`` and ``y`` differ in shape.

    Example:

    >>> x = tf.constant([0.0, 1.0, 2.0])
    >>> surface = nnlib.regression.loss_surface(x, 3.0 * x, [2.0, 3.0, 4.0], [0.0, 1.0])
    >>> surface.shape
    TensorShape([2, 3])
    >>> np.round(surface.numpy(), 4)
    array([[1.6667, 0.    , 1.6667],
           [0.6667, 1.    , 4.6667]], dtype=float32)

    See :doc:`/chapters/02-linear-regression`.
    """
    x, y = check.points(x, y)
    m = check.float_vector("m_values", m_values, x.dtype)
    b = check.float_vector("b_values", b_values, x.dtype)
    # Shapes: b (B, 1, 1), m (1, M, 1), x and y (1, 1, N) -> predictions (B, M, N).
    predictions = m[None, :, None] * x[None, None, :] + b[:, None, None]
    return tf.reduce_mean(tf.square(y[None, None, :] - predictions), axis=-1)
