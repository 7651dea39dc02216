"""Tests of nnlib.metrics.Mean against tf.keras.metrics.Mean (tolerance 1e-6)."""

import numpy as np
import pytest
import tensorflow as tf

from nnlib.metrics import Mean


def test_hand_checked_values():
    mean = Mean()
    assert float(mean.result()) == 0.0
    for values in ([1.0, 3.0], 5.0, [[7.0]]):
        mean.update_state(values)
    assert float(mean.result()) == 4.0
    assert (float(mean.total), float(mean.count)) == (16.0, 4.0)


def test_parity_with_keras_over_many_updates_and_resets():
    rng = np.random.default_rng(0)
    ours, theirs = Mean(), tf.keras.metrics.Mean()
    for step in range(500):
        size = int(rng.integers(1, 40))
        values = rng.normal(loc=2.0, scale=3.0, size=size).astype(np.float32)
        ours.update_state(values)
        theirs.update_state(values)
        np.testing.assert_allclose(ours.result(), theirs.result(), rtol=1e-6, atol=1e-6)
        if step % 100 == 99:  # the workshop resets every 100 steps
            ours.reset_state()
            theirs.reset_state()
            assert float(ours.result()) == float(theirs.result()) == 0.0


def test_works_inside_tf_function():
    mean = Mean()

    @tf.function
    def run(batches):
        for values in batches:
            mean.update_state(values)
        return mean.result()

    assert float(run(tf.constant([[1.0, 2.0], [3.0, 6.0]]))) == 3.0


def test_state_is_two_variables_whatever_the_number_of_values():
    mean = Mean()
    for _ in range(50):
        mean.update_state(tf.ones([1000]))
    assert len(mean.variables) == 2
    assert float(mean.result()) == 1.0


def test_integer_values_are_averaged_as_floats():
    mean = Mean()
    mean.update_state(tf.constant([1, 2], tf.int32))
    assert float(mean.result()) == 1.5


@pytest.mark.parametrize("values", [["a", "b"], tf.constant([True, False])])
def test_non_numbers_are_refused(values):
    with pytest.raises(ValueError,
                       match=r"Mean.update_state: `values` must be a tensor of numbers"):
        Mean().update_state(values)
