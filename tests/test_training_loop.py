"""Tests of nnlib.training: the full-batch loop, its log and its History."""

import numpy as np
import pytest
import tensorflow as tf

import nnlib
from nnlib.training import History, train_full_batch


def _workshop_run(optimizer, **kwargs):
    x, y = nnlib.data.line_data()
    model = nnlib.models.LineModel()
    lines = []
    history = train_full_batch(model, x, y, optimizer, num_steps=100,
                               print_fn=lines.append, **kwargs)
    return model, history, lines


def test_workshop_log_every_10_steps():
    model, history, lines = _workshop_run(nnlib.optimizers.GradientDescent(0.05))
    assert len(lines) == 10
    assert all(line.startswith("Loss: ") for line in lines)
    logged = [float(line.split()[1]) for line in lines]
    np.testing.assert_allclose(logged, history["loss"][::10], rtol=1e-6)
    assert len(history["loss"]) == 100
    assert history["loss"][-1] < history["loss"][0] / 10


def test_same_as_a_hand_written_loop():
    x, y = nnlib.data.line_data()
    m, b = tf.Variable(1.0), tf.Variable(0.0)
    losses = []
    for _ in range(100):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(y - (m * x + b)))
        dm, db = tape.gradient(loss, [m, b])
        m.assign_sub(0.05 * dm)
        b.assign_sub(0.05 * db)
        losses.append(float(loss))
    model, history, _ = _workshop_run(nnlib.optimizers.GradientDescent(0.05))
    np.testing.assert_allclose(history["loss"], losses, rtol=1e-5)
    np.testing.assert_allclose([float(model.m), float(model.b)], [float(m), float(b)],
                               rtol=1e-5)


def test_keras_sgd_gives_the_same_history():
    """Our optimizer and Keras SGD through the helper: equal (tolerance 0)."""
    _, ours, _ = _workshop_run(nnlib.optimizers.GradientDescent(0.05))
    _, keras, _ = _workshop_run(tf.keras.optimizers.SGD(learning_rate=0.05))
    assert ours["loss"] == keras["loss"]


def test_record_variables():
    model, history, _ = _workshop_run(nnlib.optimizers.GradientDescent(0.05),
                                      record_variables=True)
    assert len(history["m"]) == len(history["b"]) == 100
    assert history["m"][0] == 1.0 and history["b"][0] == 0.0
    x, y = nnlib.data.line_data()
    # the loss at step i is the loss of the parameters recorded at step i
    np.testing.assert_allclose(
        history["loss"][5], float(nnlib.losses.mse(y, history["m"][5] * x + history["b"][5])),
        rtol=1e-6)


def test_trains_a_linear_layer():
    nnlib.seed(0)
    x = tf.random.normal([64, 3])
    y = x @ tf.constant([[1.0], [-1.0], [2.0]]) + 0.5
    layer = nnlib.layers.Linear(3, 1)
    history = train_full_batch(layer, x, y, nnlib.optimizers.GradientDescent(0.1),
                               num_steps=300, log_every=None)
    assert history["loss"][-1] < 1e-6
    np.testing.assert_allclose(layer.W.numpy().ravel(), [1.0, -1.0, 2.0], atol=1e-3)


def test_log_every_none_prints_nothing(capsys):
    x, y = nnlib.data.line_data()
    train_full_batch(nnlib.models.LineModel(), x, y,
                     nnlib.optimizers.GradientDescent(0.05), num_steps=3, log_every=None)
    assert capsys.readouterr().out == ""


def test_history_record_and_repr():
    history = History()
    history.record(loss=tf.constant(2.0), accuracy=0.5)
    history.record(loss=1.0, accuracy=0.75)
    assert history["loss"] == [2.0, 1.0]
    assert history.history["accuracy"] == [0.5, 0.75]
    assert repr(history) == "History(loss: 2 values, last 1.0; accuracy: 2 values, last 0.75)"


@pytest.mark.parametrize("bad", [0, -1, 2.5, None, "100", True])
def test_bad_num_steps(bad):
    x, y = nnlib.data.line_data()
    with pytest.raises(ValueError, match=r"`num_steps` must be a positive integer"):
        train_full_batch(nnlib.models.LineModel(), x, y,
                         nnlib.optimizers.GradientDescent(0.05), num_steps=bad)


@pytest.mark.parametrize("bad", [-1, 2.5, "10", True])
def test_bad_log_every(bad):
    x, y = nnlib.data.line_data()
    with pytest.raises(ValueError, match=r"`log_every` must be a non-negative integer"):
        train_full_batch(nnlib.models.LineModel(), x, y,
                         nnlib.optimizers.GradientDescent(0.05), log_every=bad)


def test_model_without_variables():
    with pytest.raises(ValueError, match=r"`model` must have trainable variables.*which has none"):
        train_full_batch(tf.Module(), tf.ones([2]), tf.ones([2]),
                         nnlib.optimizers.GradientDescent(0.05))


def test_repeated_short_classifier_runs_do_not_warn_about_retracing(caplog):
    """Chapter 5's exercises call train_classifier several times with validation data;
    TensorFlow must not warn about frequent retracing. (Each call traces its training
    step once and then runs it every step; an evaluation compiled anew for each call
    and run once per call is the pattern TensorFlow warns about.)"""
    x = tf.constant([[0.0, 1.0], [1.0, 0.0], [0.9, 0.1], [0.2, 0.8]])
    y = tf.constant([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    with caplog.at_level("WARNING"):
        for _ in range(7):
            model = nnlib.models.FullyConnectedNetwork([2, 3, 2], initializer="he_normal")
            history = nnlib.training.train_classifier(
                model, x, y, nnlib.optimizers.GradientDescent(0.1), num_steps=20,
                log_every=None, validation_data=(x, y))
            assert len(history["val_accuracy"]) == 1
    assert "retracing" not in caplog.text


LOOP_ARGUMENTS = [
    ({"optimizer": None}, r"^`optimizer` must be an object with `apply_gradients`"),
    ({"optimizer": 0.1}, r"^`optimizer` must be an object with `apply_gradients`"),
    ({"loss_fn": "mse"}, r"^`loss_fn` must be a function loss_fn\(y_true, y_pred\)"),
    ({"loss_fn": None}, r"^`loss_fn` must be a function"),
    ({"print_fn": None}, r"^`print_fn` must be a function"),
    ({"model": None}, r"^`model` must be an object with `trainable_variables`"),
    ({"model": 3}, r"^`model` must be an object with `trainable_variables`"),
    ({"record_variables": "yes"}, r"^`record_variables` must be True or False"),
    ({"record_variables": None}, r"^`record_variables` must be True or False"),
]


@pytest.mark.parametrize("arguments, message", LOOP_ARGUMENTS)
def test_bad_loop_arguments(refused, arguments, message):
    # These raised AttributeError or TypeError at the first step, or were used as given.
    given = {"model": nnlib.models.LineModel(), "x": [1.0], "y": [1.0],
             "optimizer": nnlib.optimizers.GradientDescent(0.1), **arguments}
    refused(lambda: train_full_batch(**given), message)


@pytest.mark.parametrize("bad", [tf.ones([2, 2]), (tf.ones([2, 2]),), "test", 3])
def test_validation_data_must_be_a_pair(refused, bad):
    x, y = tf.ones([2, 2]), tf.one_hot([0, 1], 2)
    refused(lambda: nnlib.training.train_classifier(
        nnlib.models.FullyConnectedNetwork([2, 2]), x, y,
        nnlib.optimizers.GradientDescent(0.1), num_steps=1, validation_data=bad),
        r"^`validation_data` must be a pair \(x, y\) or None")


@pytest.mark.parametrize("bad", ["abc", None, {"x": 1.0}])
def test_history_records_numbers(refused, bad):
    refused(lambda: History().record(loss=bad), r"^`loss` must be a tensor of numbers")
