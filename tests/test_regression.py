"""Tests of nnlib.regression: closed-form fits against NumPy, the loss surface, bad input."""

import numpy as np
import pytest
import tensorflow as tf

import nnlib
from nnlib.regression import fit_line, least_squares, loss_surface


def test_fit_line_exact_on_a_line():
    x = tf.constant([1.0, 2.0, 4.0, 7.0])
    m, b = fit_line(x, -0.5 * x + 3.0)
    np.testing.assert_allclose([float(m), float(b)], [-0.5, 3.0], atol=1e-6)


def test_fit_line_matches_numpy_polyfit_on_workshop_data():
    """Against np.polyfit in float64; tolerance 1e-4 (float32 sums over 40 points)."""
    x, y = nnlib.data.line_data()
    m, b = fit_line(x, y)
    expected_m, expected_b = np.polyfit(x.numpy().astype(np.float64), y.numpy(), 1)
    np.testing.assert_allclose([float(m), float(b)], [expected_m, expected_b], atol=1e-4)


def test_fit_line_is_the_minimum_of_mse():
    x, y = nnlib.data.line_data()
    m, b = fit_line(x, y)
    best = float(nnlib.losses.mse(y, m * x + b))
    for dm, db in [(0.01, 0), (-0.01, 0), (0, 0.01), (0, -0.01)]:
        assert float(nnlib.losses.mse(y, (m + dm) * x + (b + db))) > best


def test_least_squares_recovers_known_weights():
    """Noise-free data: W and b recovered to 1e-4."""
    nnlib.seed(0)
    x = tf.random.normal([50, 3])
    true_w = tf.constant([[1.0, -2.0], [0.5, 0.0], [3.0, 1.0]])
    true_b = tf.constant([0.25, -1.0])
    w, b = least_squares(x, x @ true_w + true_b)
    assert w.shape == (3, 2) and b.shape == (2,)
    np.testing.assert_allclose(w.numpy(), true_w.numpy(), atol=1e-4)
    np.testing.assert_allclose(b.numpy(), true_b.numpy(), atol=1e-4)


def test_least_squares_matches_numpy_lstsq():
    nnlib.seed(1)
    x = tf.random.normal([30, 4])
    y = tf.random.normal([30, 2])
    w, b = least_squares(x, y)
    design = np.hstack([x.numpy(), np.ones((30, 1), np.float32)]).astype(np.float64)
    expected = np.linalg.lstsq(design, y.numpy().astype(np.float64), rcond=None)[0]
    np.testing.assert_allclose(w.numpy(), expected[:-1], atol=1e-4)
    np.testing.assert_allclose(b.numpy(), expected[-1], atol=1e-4)


def test_least_squares_without_intercept():
    x = tf.constant([[1.0], [2.0], [3.0]])
    w, b = least_squares(x, 2.0 * x, fit_intercept=False)
    np.testing.assert_allclose(w.numpy(), [[2.0]], atol=1e-5)
    np.testing.assert_array_equal(b.numpy(), [0.0])


def test_least_squares_agrees_with_fit_line():
    x, y = nnlib.data.line_data()
    w, b = least_squares(tf.reshape(x, (-1, 1)), tf.reshape(y, (-1, 1)))
    m, b_line = fit_line(x, y)
    np.testing.assert_allclose([float(w[0, 0]), float(b[0])], [float(m), float(b_line)],
                               atol=1e-4)


def test_loss_surface_matches_mse_pointwise():
    x, y = nnlib.data.line_data()
    m_values = np.array([0.0, 1.0, 3.5])
    b_values = np.array([-1.0, 0.0])
    surface = loss_surface(x, y, m_values, b_values).numpy()
    assert surface.shape == (2, 3)
    for i, b in enumerate(b_values):
        for j, m in enumerate(m_values):
            expected = float(nnlib.losses.mse(y, float(m) * x + float(b)))
            np.testing.assert_allclose(surface[i, j], expected, rtol=1e-6)


FIT_LINE_SHAPES = r"one-dimensional with the same length of at least 2.*x\.shape=.*tf\.reshape"
LEAST_SQUARES_SHAPES = (r"`x` and `y` must have shapes \(N, in_features\) and "
                        r"\(N, out_features\).*tf\.reshape\(y, \(-1, 1\)\)")


@pytest.mark.parametrize("fit, x_shape, y_shape, message", [
    (fit_line, (40, 1), (40, 1), FIT_LINE_SHAPES),
    (fit_line, (40,), (39,), FIT_LINE_SHAPES),
    (fit_line, (1,), (1,), FIT_LINE_SHAPES),
    (fit_line, (40,), (40, 1), FIT_LINE_SHAPES),
    (least_squares, (10,), (10, 2), LEAST_SQUARES_SHAPES),
    (least_squares, (10, 3), (10,), LEAST_SQUARES_SHAPES),
    (least_squares, (10, 3), (9, 2), LEAST_SQUARES_SHAPES),
])
def test_bad_shapes(fit, x_shape, y_shape, message):
    with pytest.raises(ValueError, match=message):
        fit(tf.ones(x_shape), tf.ones(y_shape))


def test_fit_line_constant_x():
    with pytest.raises(ValueError, match=r"`x` must hold at least two different values, "
                                         r"but received 3 values all equal to 2\.0"):
        fit_line(tf.constant([2.0, 2.0, 2.0]), tf.constant([1.0, 2.0, 3.0]))


@pytest.mark.parametrize("fn", [fit_line, loss_surface])
def test_integer_inputs_refused(fn):
    args = (tf.constant([1, 2, 3]), tf.constant([1.0, 2.0, 3.0]))
    if fn is loss_surface:
        args += ([1.0], [0.0])
    with pytest.raises(ValueError,
                       match=r"`x` must be a floating-point tensor, but received dtype int32"):
        fn(*args)


def test_loss_surface_bad_shapes():
    with pytest.raises(ValueError,
                       match=r"`m_values` must be one-dimensional, but received shape \(2, 2\)"):
        loss_surface(tf.ones([3]), tf.ones([3]), np.ones((2, 2)), [0.0])


@pytest.mark.parametrize("x_shape, y_shape, fit_intercept, needed", [
    ((1, 3), (1, 1), True, 4), ((2, 2), (2, 1), True, 3), ((2, 3), (2, 2), False, 3),
    ((1, 1), (1, 1), True, 2),
])
def test_least_squares_refuses_fewer_examples_than_unknowns(refused, x_shape, y_shape,
                                                            fit_intercept, needed):
    # Infinitely many W fit these exactly; lstsq would return one without a word.
    x = tf.reshape(tf.range(1.0, 1.0 + np.prod(x_shape)) ** 2, x_shape)
    refused(lambda: least_squares(x, tf.ones(y_shape), fit_intercept=fit_intercept),
            rf"^`x` must hold at least {needed} examples .* but received "
            rf"{x_shape[0]} examples")


def test_least_squares_with_exactly_as_many_examples_as_unknowns():
    x = tf.constant([[0.0], [2.0]])
    W, b = least_squares(x, 3.0 * x + 1.0)
    np.testing.assert_allclose([float(W[0, 0]), float(b[0])], [3.0, 1.0], rtol=1e-5)


@pytest.mark.parametrize("bad", [0, 1, None, "yes"])
def test_least_squares_fit_intercept_must_be_a_bool(refused, bad):
    refused(lambda: least_squares(tf.ones([4, 2]), tf.ones([4, 1]), fit_intercept=bad),
            r"^`fit_intercept` must be True or False")
