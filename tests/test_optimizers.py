"""Tests of nnlib.optimizers.GradientDescent: updates, parity with Keras SGD, bad input."""

import math

import numpy as np
import pytest
import tensorflow as tf

import nnlib
from nnlib.optimizers import GradientDescent


def test_one_step_by_hand():
    w = tf.Variable([1.0, 2.0])
    b = tf.Variable(0.5)
    opt = GradientDescent(learning_rate=0.5)
    opt.apply_gradients(zip([tf.constant([2.0, -2.0]), tf.constant(1.0)], [w, b]))
    np.testing.assert_array_equal(w.numpy(), [0.0, 3.0])
    assert float(b) == 0.0
    assert int(opt.iterations) == 1


def test_uses_its_argument():
    """The workshop's optimizer stored 0.05 whatever it was given."""
    assert GradientDescent(learning_rate=0.3).learning_rate == 0.3
    assert GradientDescent(learning_rate=1).learning_rate == 1.0


def _line_trajectory(optimizer, num_steps=100):
    x, y = nnlib.data.line_data()
    m = tf.Variable(1.0)
    b = tf.Variable(0.0)
    trajectory = []
    for _ in range(num_steps):
        with tf.GradientTape() as tape:
            loss = nnlib.losses.mse(y, m * x + b)
        grads = tape.gradient(loss, [m, b])
        optimizer.apply_gradients(zip(grads, [m, b]))
        trajectory.append((float(loss), float(m), float(b)))
    return np.array(trajectory)


def test_same_trajectory_as_keras_sgd():
    """100 steps on the workshop's line data: equal to Keras SGD, tolerance 0 (bitwise)."""
    ours = _line_trajectory(GradientDescent(learning_rate=0.05))
    keras = _line_trajectory(tf.keras.optimizers.SGD(learning_rate=0.05))
    np.testing.assert_array_equal(ours, keras)


def test_same_as_keras_sgd_on_a_matrix():
    """A Linear layer's W and b after 20 steps agree with SGD to 1e-6."""
    nnlib.seed(0)
    x = tf.random.normal([16, 3])
    y = tf.random.normal([16, 2])
    results = []
    for optimizer in (GradientDescent(0.1), tf.keras.optimizers.SGD(0.1)):
        layer = nnlib.layers.Linear(3, 2)
        for _ in range(20):
            with tf.GradientTape() as tape:
                loss = nnlib.losses.mse(y, layer(x))
            grads = tape.gradient(loss, layer.trainable_variables)
            optimizer.apply_gradients(zip(grads, layer.trainable_variables))
        results.append([v.numpy() for v in layer.trainable_variables])
    for ours, keras in zip(*results):
        np.testing.assert_allclose(ours, keras, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize(
    "bad", [0, 0.0, -0.05, -1, math.nan, math.inf, -math.inf, None, "0.05", True, [0.05]]
)
def test_bad_learning_rate(bad):
    with pytest.raises(
        ValueError, match=r"`learning_rate` must be a positive, finite number.*received"
    ):
        GradientDescent(learning_rate=bad)


def test_missing_gradient():
    used = tf.Variable(1.0, name="m")
    unused = tf.Variable(2.0, name="unused")
    with tf.GradientTape() as tape:
        loss = used * 3.0
    grads = tape.gradient(loss, [used, unused])
    with pytest.raises(ValueError, match=r"received None for variable 'unused:0'.*GradientTape"):
        GradientDescent(0.1).apply_gradients(zip(grads, [used, unused]))
    assert float(used) == 1.0  # nothing was updated


def test_mismatched_pair():
    w = tf.Variable(tf.ones([3, 2]), name="W")
    with pytest.raises(ValueError, match=r"a gradient of shape \(2,\) for variable 'W:0' of "
                                         r"shape \(3, 2\)"):
        GradientDescent(0.1).apply_gradients([(tf.ones([2]), w)])


def test_numpy_floats_are_learning_rates_too():
    assert GradientDescent(np.float32(0.5)).learning_rate == 0.5


@pytest.mark.parametrize("bad", [None, 3, [(tf.ones([2]),)], "swapped"])
def test_grads_and_vars_must_be_pairs(refused, bad):
    w = tf.Variable([1.0, 2.0], name="w")
    bad = [(w, tf.ones([2]))] if bad == "swapped" else bad
    refused(lambda: GradientDescent(0.1).apply_gradients(bad),
            r"^`grads_and_vars` must be pairs \(gradient, variable\)")
    assert w.numpy().tolist() == [1.0, 2.0]
