"""Tests of nnlib.trainer.Trainer: same weights as a hand-written loop, bad input."""

import numpy as np
import pytest
import tensorflow as tf

import nnlib
from nnlib.losses import sparse_categorical_crossentropy
from nnlib.metrics import sparse_accuracy
from nnlib.optimizers import GradientDescent
from nnlib.trainer import Trainer

N, FEATURES, CLASSES, BATCH = 70, 6, 4, 16  # 5 batches, the last one of 6
# With steps_per_execution=2 (the tests' default), an epoch on arrays is three calls of
# run_steps: batches 1-2, batches 3-4, then the last and smaller batch on its own.


def _data(seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, FEATURES)).astype(np.float32)
    y = rng.integers(0, CLASSES, size=N).astype(np.int32)
    return x, y


def _keras_model():
    nnlib.seed(0)
    return tf.keras.Sequential([
        tf.keras.Input((FEATURES,)),
        tf.keras.layers.Dense(5, activation="relu"),
        tf.keras.layers.Dense(CLASSES, activation="softmax"),
    ])


def _nnlib_model():
    nnlib.seed(0)
    return nnlib.models.FullyConnectedNetwork([FEATURES, 5, CLASSES])


def _trainer(model, learning_rate=0.5, jit_compile=True, steps_per_execution=2):
    return Trainer(model, loss=sparse_categorical_crossentropy,
                   optimizer=GradientDescent(learning_rate),
                   metrics={"accuracy": sparse_accuracy},
                   steps_per_execution=steps_per_execution, jit_compile=jit_compile)


def _hand_loop(model, x, y, num_epochs, learning_rate=0.5):
    """The plain loop of chapter 7: same batches in the same order, eager."""
    optimizer = GradientDescent(learning_rate)
    losses = []
    for _ in range(num_epochs):
        total = 0.0
        for start in range(0, N, BATCH):
            xb, yb = x[start:start + BATCH], y[start:start + BATCH]
            with tf.GradientTape() as tape:
                loss = sparse_categorical_crossentropy(yb, model(xb))
            gradients = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(gradients, model.trainable_variables))
            total += float(loss) * len(xb)
        losses.append(total / N)
    return losses


def _weights(model):
    return {v.name: v.numpy() for v in model.trainable_variables}


@pytest.mark.parametrize("make_model", [_keras_model, _nnlib_model])
@pytest.mark.parametrize("as_dataset", [False, True])
@pytest.mark.parametrize("jit_compile", [True, False])
@pytest.mark.parametrize("steps_per_execution", [1, 2, 128])
def test_same_weights_as_a_hand_written_loop(make_model, as_dataset, jit_compile,
                                             steps_per_execution):
    x, y = _data()
    reference = make_model()
    expected_losses = _hand_loop(reference, x, y, num_epochs=3)
    model = make_model()
    data = (tf.data.Dataset.from_tensor_slices((x, y)).batch(BATCH) if as_dataset
            else (x, y))
    trainer = _trainer(model, jit_compile=jit_compile,
                       steps_per_execution=steps_per_execution)
    history = trainer.fit(
        data, num_epochs=3, shuffle=False, verbose=0,
        batch_size=None if as_dataset else BATCH)
    # Same operations in a graph (fused by XLA or not) instead of eagerly: float32
    # round-off only.
    for name, value in _weights(reference).items():
        np.testing.assert_allclose(_weights(model)[name], value, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(history["loss"], expected_losses, rtol=1e-5)
    # One trace for any number and size of batches: no retracing, no TensorFlow warning.
    assert trainer.run_steps.experimental_get_tracing_count() == 1


def test_history_validation_and_log_lines(capsys):
    x, y = _data()
    history = _trainer(_keras_model()).fit(
        (x, y), batch_size=BATCH, num_epochs=2, validation_data=(x[:20], y[:20]),
        verbose=2)
    assert sorted(history.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert all(len(values) == 2 for values in history.history.values())
    assert len(history.epoch_seconds) == 2
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" - ")[0] for line in lines] == ["Epoch 1/2", "Epoch 2/2"]
    assert "\r" not in "".join(lines) and "\x1b" not in "".join(lines)


def test_evaluate_equals_the_loss_and_metric_over_all_data():
    x, y = _data()
    model = _keras_model()
    results = _trainer(model).evaluate((x, y), batch_size=BATCH)
    np.testing.assert_allclose(
        results["loss"], sparse_categorical_crossentropy(y, model(x)), rtol=1e-5)
    np.testing.assert_allclose(results["accuracy"], sparse_accuracy(y, model(x)), rtol=1e-6)


def test_progress_bar_and_silence(capsys):
    x, y = _data()
    trainer = _trainer(_keras_model())
    trainer.fit((x, y), batch_size=BATCH, num_epochs=2, verbose=1)
    assert "2/2" in capsys.readouterr().out
    trainer.fit((x, y), batch_size=BATCH, num_epochs=1, verbose=0)
    assert capsys.readouterr().out == ""


class _Recorder(tf.Module):
    """A linear model that writes down which examples each call saw, in order.

    Column 0 of x holds each example's index; the record is a non-trainable variable,
    so it is written inside the Trainer's compiled function as well.
    """

    def __init__(self, num_examples):
        super().__init__()
        self.w = tf.Variable(tf.zeros([FEATURES, CLASSES]), name="w")
        self.seen = tf.Variable(tf.fill([num_examples], -1), trainable=False)
        self.count = tf.Variable(0, trainable=False)

    def __call__(self, x):
        n = tf.shape(x)[0]
        positions = self.count + tf.range(n)
        self.seen.scatter_nd_update(positions[:, None], tf.cast(x[:, 0], tf.int32))
        self.count.assign_add(n)
        return x @ self.w


@pytest.mark.parametrize("jit_compile", [True, False])
def test_shuffling_changes_the_batches_every_epoch(jit_compile):
    x, y = _data()
    x[:, 0] = np.arange(N)
    orders = {}
    for shuffle in (True, False):
        model = _Recorder(4 * N)
        _trainer(model, 0.01, jit_compile).fit((x, y), batch_size=BATCH, num_epochs=3,
                                               shuffle=shuffle, verbose=0)
        # The last three epochs' examples (the Trainer first calls the model on one
        # example, to build it).
        seen = model.seen.numpy()[:int(model.count)]
        orders[shuffle] = seen[-3 * N:].reshape(3, N)
    # Every epoch sees every example once, whether shuffled or not...
    for epochs in orders.values():
        assert all(sorted(epoch) == list(range(N)) for epoch in epochs)
    # ...in the stored order without shuffling, in a new order each epoch with it.
    assert all(list(epoch) == list(range(N)) for epoch in orders[False])
    shuffled = [tuple(epoch) for epoch in orders[True]]
    assert len(set(shuffled)) == 3 and tuple(range(N)) not in shuffled
    # The batches themselves differ, not just their order.
    first_batches = {frozenset(epoch[:BATCH]) for epoch in orders[True]}
    assert len(first_batches) == 3


def test_shuffled_training_still_learns():
    x, y = _data()
    history = _trainer(_keras_model(), 0.2).fit((x, y), batch_size=BATCH, num_epochs=20,
                                                verbose=0)
    assert history["loss"][-1] < history["loss"][0]


@pytest.mark.parametrize("as_dataset", [False, True])
def test_validation_values_equal_an_evaluation_of_the_same_weights(as_dataset):
    x, y = _data()
    x_val, y_val = _data(seed=1)
    trainer = _trainer(_keras_model())
    validation = (tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(BATCH)
                  if as_dataset else (x_val, y_val))
    history = trainer.fit((x, y), batch_size=BATCH, num_epochs=2,
                          validation_data=validation, verbose=0)
    # After the last epoch the weights are those the last validation saw.
    results = trainer.evaluate((x_val, y_val), batch_size=7)  # other batches, same mean
    np.testing.assert_allclose(history["val_loss"][-1], results["loss"], rtol=1e-5)
    np.testing.assert_allclose(history["val_accuracy"][-1], results["accuracy"], rtol=1e-6)
    assert history["val_loss"][0] != history["val_loss"][1]  # validated every epoch


class _PartlyUnused(tf.Module):
    """A model with a variable that its output does not depend on."""

    def __init__(self):
        super().__init__()
        self.w = tf.Variable(tf.random.stateless_normal([FEATURES, CLASSES], [0, 0]),
                             name="w")
        self.unused = tf.Variable([1.0, 2.0], name="unused")

    def __call__(self, x):
        return x @ self.w


@pytest.mark.parametrize("jit_compile", [True, False])
def test_none_gradients_reach_the_optimizer(jit_compile):
    x, y = _data()
    # nnlib's optimizer refuses a missing gradient with its own clear message (its
    # ValueError, raised while TensorFlow traces the epoch, reaches the caller inside
    # AutoGraph's StagingError, message intact)...
    with pytest.raises(Exception, match="`grads_and_vars` must pair every variable "
                                         "with its gradient, but received None for "
                                         "variable 'unused"):
        _trainer(_PartlyUnused(), jit_compile=jit_compile).fit(
            (x, y), batch_size=BATCH, num_epochs=1, verbose=0)
    # ...and Keras' SGD warns and skips it: the used weights train, the unused one stays.
    model = _PartlyUnused()
    before = model.w.numpy()
    with pytest.warns(UserWarning, match=r"Gradients do not exist for variables \['unused"):
        Trainer(model, loss=sparse_categorical_crossentropy,
                optimizer=tf.keras.optimizers.SGD(0.1), jit_compile=jit_compile).fit(
            (x, y), batch_size=BATCH, num_epochs=1, verbose=0)
    assert not np.allclose(model.w.numpy(), before)
    np.testing.assert_array_equal(model.unused.numpy(), [1.0, 2.0])


@pytest.mark.parametrize("bad_label", [CLASSES, -1])
@pytest.mark.parametrize("as_dataset", [False, True])
def test_labels_out_of_range_name_the_step(bad_label, as_dataset):
    x, y = _data()
    y[40] = bad_label  # in the third batch of 16
    data = (tf.data.Dataset.from_tensor_slices((x, y)).batch(BATCH) if as_dataset
            else (x, y))
    # A dataset is checked batch by batch as it streams; arrays once, up front.
    where = "^data, epoch 1, step 3: " if as_dataset else rf"y\[40\] = {bad_label}"
    with pytest.raises(ValueError, match=rf"`y` must hold class labels from 0 to {CLASSES - 1}"):
        with pytest.raises(ValueError, match=where) as caught:
            _trainer(_keras_model()).fit(data, num_epochs=1, shuffle=False, verbose=0,
                                         batch_size=None if as_dataset else BATCH)
        raise caught.value


def test_out_of_range_validation_labels_are_refused_before_training():
    x, y = _data()
    y_val = y[:20].copy()
    y_val[5] = CLASSES
    model = _keras_model()
    before = _weights(model)
    with pytest.raises(ValueError, match=rf"^validation_data: `y` must .*y\[5\] = {CLASSES}"):
        _trainer(model).fit((x, y), batch_size=BATCH, validation_data=(x[:20], y_val))
    for name, value in before.items():
        np.testing.assert_array_equal(_weights(model)[name], value)


@pytest.mark.parametrize("bad_example, bad_step", [
    (20, 2),  # the second step of the first call
    (40, 3),  # the first step of the second call: step 4 must not update either
    (66, 5),  # the last batch, in a call of its own
])
@pytest.mark.parametrize("jit_compile", [True, False])
def test_nan_loss_stops_with_the_step_and_keeps_the_last_good_weights(
        bad_example, bad_step, jit_compile):
    x, y = _data()
    x[bad_example, 0] = np.nan
    model = _nnlib_model()
    # nnlib's relu passes the nan on, so the loss itself becomes nan.
    message = f"(loss became nan|nan or inf) .*at epoch 1, step {bad_step} "
    with pytest.raises(FloatingPointError, match=message):
        _trainer(model, jit_compile=jit_compile).fit(
            (x, y), batch_size=BATCH, num_epochs=1, shuffle=False, verbose=0)
    reference = _nnlib_model()
    optimizer = GradientDescent(0.5)
    for start in range(0, (bad_step - 1) * BATCH, BATCH):  # the good steps
        with tf.GradientTape() as tape:
            loss = sparse_categorical_crossentropy(y[start:start + 16],
                                                   reference(x[start:start + 16]))
        optimizer.apply_gradients(zip(tape.gradient(loss, reference.trainable_variables),
                                      reference.trainable_variables))
    for name, value in _weights(reference).items():
        np.testing.assert_allclose(_weights(model)[name], value, rtol=1e-5, atol=1e-6)


def test_diverging_learning_rate_is_reported():
    x, y = _data()
    with pytest.raises(FloatingPointError, match="learning_rate"):
        Trainer(_keras_model(), loss=tf.keras.losses.MeanSquaredError(),
                optimizer=GradientDescent(1e30)).fit(
            (x, tf.one_hot(y, CLASSES) * 1e30), batch_size=BATCH, num_epochs=3, verbose=0)


def _dataset(x, y):
    return tf.data.Dataset.from_tensor_slices((x, y))


BAD_STRUCTURE = [
    (lambda x, y: tf.data.Dataset.from_tensor_slices(x).batch(BATCH), "pairs"),
    (lambda x, y: tf.data.Dataset.from_tensor_slices((x, y, y)).batch(BATCH), "pairs"),
    (lambda x, y: tf.data.Dataset.from_tensor_slices({"image": x, "label": y}).batch(BATCH),
     "pairs"),
    (lambda x, y: _dataset(x, y), r"single examples .*batch\(256\)"),
]


@pytest.mark.parametrize("make_data, message", BAD_STRUCTURE)
def test_wrong_element_structure(make_data, message):
    x, y = _data()
    with pytest.raises(ValueError, match=message):
        _trainer(_keras_model()).fit(make_data(x, y), verbose=0)


@pytest.mark.parametrize("make_empty", [
    lambda ds: ds.take(0),
    lambda ds: ds.filter(lambda x, y: False),
])
def test_empty_dataset(make_empty):
    x, y = _data()
    with pytest.raises(ValueError, match="empty"):
        _trainer(_keras_model()).fit(make_empty(_dataset(x, y).batch(BATCH)), verbose=0)


def test_empty_arrays():
    with pytest.raises(ValueError, match="empty"):
        _trainer(_keras_model()).fit((np.zeros((0, FEATURES), np.float32),
                                      np.zeros(0, np.int32)), batch_size=BATCH)


@pytest.mark.parametrize("batch_size", [0, -1, 2.5, None, "256", True])
def test_bad_batch_size(batch_size):
    x, y = _data()
    with pytest.raises(ValueError, match="`batch_size` must be a positive integer"):
        _trainer(_keras_model()).fit((x, y), batch_size=batch_size)


@pytest.mark.parametrize("num_epochs", [0, -3, 1.5, None])
def test_bad_num_epochs(num_epochs):
    x, y = _data()
    with pytest.raises(ValueError, match="`num_epochs` must be a positive integer"):
        _trainer(_keras_model()).fit((x, y), batch_size=BATCH, num_epochs=num_epochs)


@pytest.mark.parametrize("data, message", [
    (lambda x, y: (x, y[:10]), "as many labels as examples"),
    (lambda x, y: (x,), "pair"),
    (lambda x, y: x, "pair"),
])
def test_bad_array_data(data, message):
    x, y = _data()
    with pytest.raises(ValueError, match=message):
        _trainer(_keras_model()).fit(data(x, y), batch_size=BATCH)


def test_batch_size_with_a_dataset_is_refused():
    x, y = _data()
    with pytest.raises(ValueError, match="`batch_size` must be None"):
        _trainer(_keras_model()).fit(_dataset(x, y).batch(BATCH), batch_size=BATCH)


@pytest.mark.parametrize("verbose", [3, True, "yes"])
def test_bad_verbose(verbose):
    x, y = _data()
    with pytest.raises(ValueError, match="`verbose`"):
        _trainer(_keras_model()).fit((x, y), batch_size=BATCH, verbose=verbose)


@pytest.mark.parametrize("kwargs, message", [
    ({"loss": "mse"}, "`loss`"),
    ({"metrics": [sparse_accuracy]}, "`metrics`"),
    ({"metrics": {"accuracy": "accuracy"}}, "`metrics`"),
    ({"jit_compile": "auto"}, "`jit_compile` must be True or False"),
    ({"jit_compile": 1}, "`jit_compile` must be True or False"),
    ({"steps_per_execution": 0}, "`steps_per_execution` must be a positive integer"),
    ({"steps_per_execution": 2.0}, "`steps_per_execution` must be a positive integer"),
    ({"steps_per_execution": True}, "`steps_per_execution` must be a positive integer"),
])
def test_bad_constructor_arguments(kwargs, message):
    arguments = {"loss": sparse_categorical_crossentropy, **kwargs}
    with pytest.raises(ValueError, match=message):
        Trainer(_keras_model(), optimizer=GradientDescent(0.1), **arguments)


def test_auto_verbosity_prints_plain_lines_outside_a_terminal(capsys):
    x, y = _data()
    _trainer(_keras_model()).fit((x, y), batch_size=BATCH, num_epochs=1)  # "auto"
    out = capsys.readouterr().out  # captured output is not a terminal
    assert out.startswith("Epoch 1/1 - loss: ") and "\r" not in out


def test_evaluate_on_a_dataset_equals_evaluate_on_arrays():
    x, y = _data()
    trainer = _trainer(_keras_model())
    on_arrays = trainer.evaluate((x, y), batch_size=BATCH)
    on_dataset = trainer.evaluate(_dataset(x, y).batch(BATCH))
    for name in on_arrays:
        np.testing.assert_allclose(on_dataset[name], on_arrays[name], rtol=1e-6)


@pytest.mark.parametrize("train_as_dataset", [False, True])
def test_arrays_and_datasets_mix_for_training_and_validation(train_as_dataset):
    x, y = _data()
    train = _dataset(x, y).batch(BATCH) if train_as_dataset else (x, y)
    validation = (x[:20], y[:20]) if train_as_dataset else _dataset(x[:20], y[:20]).batch(7)
    history = _trainer(_keras_model()).fit(
        train, batch_size=None if train_as_dataset else BATCH, num_epochs=1,
        validation_data=validation, verbose=0)
    assert "val_accuracy" in history.history


class _ModelWithANumpyFunction(tf.Module):
    """A model XLA cannot compile: its first operation runs NumPy code."""

    def __init__(self):
        super().__init__()
        self.layer = nnlib.layers.Linear(FEATURES, CLASSES)

    def __call__(self, x):
        x = tf.numpy_function(lambda a: a * 1.0, [x], tf.float32)
        return tf.nn.softmax(self.layer(tf.ensure_shape(x, [None, FEATURES])))


def test_a_model_xla_cannot_compile_gets_a_note_and_trains_without_xla():
    x, y = _data()
    nnlib.seed(0)
    model = _ModelWithANumpyFunction()
    before = _weights(model)
    # XLA's own error names the operation; the Trainer adds a note with the way out.
    with pytest.raises(tf.errors.InvalidArgumentError, match="unsupported operations") as caught:
        _trainer(model).fit((x, y), batch_size=BATCH, num_epochs=1, verbose=0)
    assert "create the Trainer with jit_compile=False" in " ".join(caught.value.__notes__)
    for name, value in before.items():  # nothing was trained
        np.testing.assert_array_equal(_weights(model)[name], value)
    history = _trainer(model, jit_compile=False).fit(
        (x, y), batch_size=BATCH, num_epochs=5, verbose=0)
    assert history["loss"][-1] < history["loss"][0]


@pytest.mark.parametrize("shuffle", [0, 1, None, "no"])
def test_bad_shuffle(refused, shuffle):
    x, y = _data()
    refused(lambda: _trainer(_keras_model()).fit((x, y), batch_size=BATCH, shuffle=shuffle),
            r"^`shuffle` must be True or False")


def test_dataset_batches_of_different_sizes_train_as_arrays_do():
    """Consecutive batches of one size share a call; a new size starts a new call."""
    x, y = _data()
    sizes = [16, 16, 16, 7, 7, 8]  # calls of 2: [16, 16], [16], [7, 7], [8]
    starts = np.cumsum([0] + sizes)
    dataset = tf.data.Dataset.from_generator(
        lambda: ((x[a:b], y[a:b]) for a, b in zip(starts[:-1], starts[1:])),
        output_signature=(tf.TensorSpec([None, FEATURES], tf.float32),
                          tf.TensorSpec([None], tf.int32)))
    calls = [batches.shape.as_list() for _, _, batches in
             nnlib.trainer._dataset_executions(dataset, 2)]
    assert calls == [[2, 16], [1, 16], [2, 7], [1, 8]]
    on_dataset, on_reference = _nnlib_model(), _nnlib_model()
    _trainer(on_dataset).fit(dataset, verbose=0)
    optimizer = GradientDescent(0.5)
    for a, b in zip(starts[:-1], starts[1:]):
        with tf.GradientTape() as tape:
            loss = sparse_categorical_crossentropy(y[a:b], on_reference(x[a:b]))
        optimizer.apply_gradients(zip(tape.gradient(loss, on_reference.trainable_variables),
                                      on_reference.trainable_variables))
    for name, value in _weights(on_reference).items():
        np.testing.assert_allclose(_weights(on_dataset)[name], value, rtol=1e-5, atol=1e-6)


def test_train_step_skips_a_step_that_is_not_finite():
    model = _nnlib_model()
    trainer = _trainer(model)
    x, y = _data()
    before = _weights(model)
    values, finite = trainer.train_step(x[:4], y[:4])
    assert bool(finite) and values.shape == [2]  # the loss and the accuracy
    assert any(np.any(_weights(model)[k] != v) for k, v in before.items())
    x[0, 0] = np.inf
    before = _weights(model)
    values, finite = trainer.train_step(x[:4], y[:4])
    assert not bool(finite)
    for name, value in before.items():
        np.testing.assert_array_equal(_weights(model)[name], value)


def test_binary_labels_for_one_output_are_not_class_labels():
    """Integer 0/1 targets of a one-output sigmoid model train, as with Keras' fit."""
    x, y = _data()
    nnlib.seed(0)
    model = tf.keras.Sequential([tf.keras.Input((FEATURES,)),
                                 tf.keras.layers.Dense(1, activation="sigmoid")])
    history = Trainer(model, tf.keras.losses.BinaryCrossentropy(), GradientDescent(0.5),
                      steps_per_execution=2).fit(
        (x, (y % 2)[:, None]), batch_size=BATCH, num_epochs=3, verbose=0)
    assert history["loss"][-1] < history["loss"][0]


@pytest.mark.parametrize("as_dataset", [False, True])
def test_labels_with_a_trailing_axis_are_checked_too(as_dataset):
    x, y = _data()
    y[40] = CLASSES + 3
    labels = y[:, None]
    data = _dataset(x, labels).batch(BATCH) if as_dataset else (x, labels)
    with pytest.raises(ValueError, match=rf"`y` must hold class labels from 0 to {CLASSES - 1}"):
        _trainer(_nnlib_model()).fit(data, batch_size=None if as_dataset else BATCH,
                                     verbose=0)


def test_a_nan_in_evaluation_says_nothing_was_trained():
    x, y = _data()
    x[3, 0] = np.nan
    with pytest.raises(FloatingPointError, match="at evaluation, step 1 .*nothing is trained"):
        _trainer(_nnlib_model()).evaluate((x, y), batch_size=BATCH)


def test_an_infinite_dataset_is_refused(refused):
    x, y = _data()
    refused(lambda: _trainer(_keras_model()).fit(_dataset(x, y).batch(BATCH).repeat()),
            r"^`data` must be finite.*\.take\(n\)")


def test_dataset_batches_of_other_shapes_go_to_separate_calls():
    """Padded batches: same batch size, another width; each shape its own call."""
    nnlib.seed(0)
    x = np.ones((4, 3), np.float32)
    ragged = tf.data.Dataset.from_tensor_slices((x, np.zeros(4, np.int32))).batch(2)
    widths = ragged.map(lambda a, b: (tf.pad(a, [[0, 0], [0, 1]]), b)).concatenate(ragged)
    calls = [b.shape.as_list() for _, _, b in nnlib.trainer._dataset_executions(
        widths.map(lambda a, b: (a[:, :3], b)), 4)]
    assert calls == [[4, 2]]  # the same shapes after the crop: one call
    shapes = [tuple(x.shape) for x, _, _ in nnlib.trainer._dataset_executions(widths, 4)]
    assert shapes == [(4, 4), (4, 3)]  # two widths: two calls, nothing concatenated


def test_a_loss_per_example_is_refused(refused):
    x, y = _data()
    trainer = Trainer(_keras_model(), tf.keras.losses.sparse_categorical_crossentropy,
                      GradientDescent(0.1))
    refused(lambda: trainer.fit((x, y), batch_size=BATCH, verbose=0),
            r"^`loss` must return the batch's mean, a scalar, but received a tensor of "
            r"shape \(1,\)")


def test_changed_trainable_variables_are_refused(refused):
    x, y = _data()
    model = _keras_model()
    trainer = _trainer(model)
    trainer.fit((x, y), batch_size=BATCH, verbose=0)
    model.layers[0].trainable = False
    refused(lambda: trainer.fit((x, y), batch_size=BATCH, verbose=0),
            r"^`model` must keep the trainable variables this Trainer first trained")
