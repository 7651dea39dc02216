"""Tests of nnlib.models.LineModel: forward pass, variables, gradients, bad input."""

import numpy as np
import pytest
import tensorflow as tf

import nnlib
from nnlib.models import LineModel


def test_defaults_are_the_workshops():
    model = LineModel()
    assert float(model.m) == 1.0 and float(model.b) == 0.0
    assert model.m.dtype == tf.float32 and model.b.dtype == tf.float32


def test_integer_start_still_gives_float32():
    model = LineModel(m=2, b=-1)
    assert model.m.dtype == tf.float32
    np.testing.assert_array_equal(model(tf.constant([0.0, 1.0])).numpy(), [-1.0, 1.0])


def test_trainable_variables_by_name():
    model = LineModel(m=3.0, b=2.0)
    by_name = {v.name.split(":")[0]: float(v) for v in model.trainable_variables}
    assert by_name == {"m": 3.0, "b": 2.0}


def test_tape_gradient_equals_analytic_gradient():
    """dL/dm = -2/N sum (y - yhat) x and dL/db = -2/N sum (y - yhat); tolerance 1e-5."""
    x, y = nnlib.data.line_data()
    model = LineModel()
    with tf.GradientTape() as tape:
        loss = nnlib.losses.mse(y, model(x))
    grad_m, grad_b = tape.gradient(loss, [model.m, model.b])
    residual = (y - model(x)).numpy().astype(np.float64)
    n = len(residual)
    np.testing.assert_allclose(float(grad_m), -2 / n * np.sum(residual * x.numpy()), rtol=1e-5)
    np.testing.assert_allclose(float(grad_b), -2 / n * np.sum(residual), rtol=1e-5)


def test_float64_input_is_cast():
    assert LineModel()(np.array([1.0, 2.0])).dtype == tf.float32


@pytest.mark.parametrize("bad", [None, "1", float("nan"), float("inf"), True, [1.0]])
def test_bad_start(bad):
    with pytest.raises(ValueError, match=r"`m` must be a finite number"):
        LineModel(m=bad)
    with pytest.raises(ValueError, match=r"`b` must be a finite number"):
        LineModel(b=bad)


def test_integer_input_refused():
    with pytest.raises(ValueError,
                       match=r"LineModel: `x` must be a floating-point tensor.*int32.*tf\.cast"):
        LineModel()(tf.constant([1, 2, 3]))


def test_numpy_floats_are_numbers_too():
    assert float(LineModel(m=np.float32(2.0)).m) == 2.0
