"""Tests of nnlib.losses.mse: values, parity with tf.keras, bad input."""

import re

import numpy as np
import pytest
import tensorflow as tf

import nnlib
from nnlib.losses import mse


def test_hand_checked_value():
    assert float(mse(tf.constant([1.0, 2.0, 3.0]), tf.constant([1.0, 2.0, 6.0]))) == 3.0


def test_zero_when_equal():
    y = tf.constant([[1.0, -2.0], [3.5, 0.0]])
    assert float(mse(y, y)) == 0.0


@pytest.mark.parametrize("shape", [(40,), (40, 1), (8, 3), (2, 3, 4)])
def test_parity_with_keras(shape):
    """Equal to tf.keras.losses.MeanSquaredError within 1e-6 (relative)."""
    nnlib.seed(0)
    y_true = tf.random.normal(shape)
    y_pred = tf.random.normal(shape)
    expected = tf.keras.losses.MeanSquaredError()(y_true, y_pred)
    np.testing.assert_allclose(float(mse(y_true, y_pred)), float(expected), rtol=1e-6)


def test_parity_on_line_data():
    x, y = nnlib.data.line_data()
    y_pred = 2.0 * x + 0.5
    expected = tf.keras.losses.MeanSquaredError()(y, y_pred)
    np.testing.assert_allclose(float(mse(y, y_pred)), float(expected), rtol=1e-6)


def test_integer_targets_are_cast():
    assert float(mse(tf.constant([1, 2]), tf.constant([1.0, 4.0]))) == 2.0


def test_float64_predictions_give_float64():
    assert mse(np.array([1.0, 2.0]), np.array([1.0, 2.5])).dtype == tf.float64


@pytest.mark.parametrize(
    "true_shape, pred_shape, hint",
    [
        ((40,), (40, 1), r"tf\.squeeze\(y_pred, axis=-1\)"),
        ((40, 1), (40,), r"tf\.squeeze\(y_true, axis=-1\)"),
        ((3,), (4,), r"Make both the same shape"),
        ((5, 2), (2,), r"Make both the same shape"),
        ((), (4,), r"Make both the same shape"),
    ],
)
def test_shape_mismatch_refused(true_shape, pred_shape, hint):
    with pytest.raises(
        ValueError,
        match=rf"`y_true` and `y_pred` must have the same shape.*"
        rf"y_true\.shape={re.escape(str(true_shape))} and "
        rf"y_pred\.shape={re.escape(str(pred_shape))}.*{hint}",
    ):
        mse(tf.zeros(true_shape), tf.zeros(pred_shape))


@pytest.mark.parametrize("dtype", [tf.int32, tf.uint8, tf.int64])
def test_integer_predictions_refused(dtype):
    with pytest.raises(ValueError, match=r"`y_pred` must be a floating-point tensor.*tf\.cast"):
        mse(tf.zeros([3]), tf.zeros([3], dtype=dtype))



