"""Minibatch training: :class:`Trainer`, a short loop that trains any model fast, in
three methods (chapter 8): :meth:`~Trainer.train_step` (one gradient step),
:meth:`~Trainer.run_steps` (several steps in one compiled call) and
:meth:`~Trainer.run_epoch` (one pass over the data)."""

import itertools
import time
from typing import NamedTuple

import tensorflow as tf

from nnlib import _checks as check
from nnlib._checks.training import BAD_LABELS, FINE, NOT_FINITE
from nnlib.training import History


class EpochState(NamedTuple):
    """What the steps of an epoch hand on, from one step and one call to the next.

    See :doc:`/chapters/08-compile-and-fit`.
    """

    sums: tf.Tensor  # the loss and each metric, summed over the examples seen
    count: tf.Tensor  # the number of examples seen
    steps: tf.Tensor  # the number of steps run, a failed one included
    failure: tf.Tensor  # FINE, or why the last step failed: NOT_FINITE, BAD_LABELS
    details: tf.Tensor  # the last step's loss, lowest and highest label

    @classmethod
    def start(cls, num_values):
        """The state before the first step: nothing seen, nothing failed."""
        return cls(tf.zeros([num_values]), tf.constant(0.0), tf.constant(0),
                   tf.constant(FINE), tf.zeros([3]))


class Trainer:
    """Trains a model on minibatches, ``steps_per_execution`` steps per compiled call.

    The model is anything callable on a batch with ``trainable_variables`` (an nnlib
    or a Keras model), the loss a function ``loss(y_true, y_pred)``, the optimizer
    anything with ``apply_gradients`` (nnlib's or Keras'). An epoch hands its batches
    to :meth:`run_steps`, a ``tf.function`` that runs :meth:`train_step` on
    ``steps_per_execution`` of them with no Python in between, compiled by XLA when
    ``jit_compile``: the two settings Keras' ``compile`` names the same way. Every
    step, the last and smaller batch's too, runs through the same code.

    Before each step the integer labels are checked to lie in ``0 ..
    num_outputs - 1`` (arrays are also checked before training, naming the first bad
    ``y[i]``). A step whose loss or gradients are not finite skips the optimizer's
    update and stops training with a ``FloatingPointError`` naming the epoch and step.

    Args:
        model: ``model(x)`` returns predictions; a Keras model gets ``training``.
        loss: ``loss(y_true, y_pred)``, the batch's mean loss.
        optimizer: An object with ``apply_gradients(grads_and_vars)``.
        metrics: Optional ``dict`` of functions ``metric(y_true, y_pred)`` returning
            a batch mean, e.g. ``{"accuracy": nnlib.metrics.sparse_accuracy}``.
        steps_per_execution: Steps per compiled call (default 128).
        jit_compile: Whether XLA compiles :meth:`run_steps` (default ``True``; the
            first epoch then takes longer). Pass ``False`` if XLA cannot compile an
            operation of the model, loss or metrics.

    Example:

    >>> model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(3)])
    >>> trainer = nnlib.trainer.Trainer(
    ...     model,
    ...     loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    ...     optimizer=nnlib.optimizers.GradientDescent(learning_rate=0.1),
    ...     metrics={"accuracy": nnlib.metrics.sparse_accuracy},
    ... )
    >>> x, y = tf.random.normal([64, 4]), tf.random.uniform([64], 0, 3, tf.int32)
    >>> history = trainer.fit((x, y), batch_size=16, num_epochs=2, verbose=2)
    Epoch 1/2 - loss: ... - accuracy: ...
    Epoch 2/2 - loss: ... - accuracy: ...
    >>> sorted(history.history), len(history["loss"]), len(history.epoch_seconds)
    (['accuracy', 'loss'], 2, 2)

    See :doc:`/chapters/08-compile-and-fit`.
    """

    def __init__(self, model, loss, optimizer, metrics=None, steps_per_execution=128,
                 jit_compile=True):
        check.function("loss", loss, "loss(y_true, y_pred)",
                       "nnlib.losses.sparse_categorical_crossentropy")
        self.steps_per_execution = check.positive_int(
            "steps_per_execution", steps_per_execution, 128)
        self.jit_compile = check.boolean(
            "jit_compile", jit_compile, "Pass False if XLA cannot compile the model.")
        self.model, self.loss, self.optimizer = model, loss, optimizer
        self.metrics = check.training.metrics(metrics)
        self._names = ["loss", *self.metrics]
        self._is_keras = isinstance(model, tf.keras.layers.Layer)
        # The predictions' rank and width (set by _build); the variables of the trace.
        self._output_rank = self._num_outputs = self._variables = None
        self.run_steps = tf.function(self.run_steps, jit_compile=jit_compile)

    def fit(self, data, *, num_epochs=1, batch_size=None, validation_data=None,
            shuffle=True, verbose="auto"):
        """Trains for ``num_epochs`` epochs and returns a :class:`~nnlib.training.History`.

        ``data`` is a pair ``(x, y)`` of arrays, cut into batches of ``batch_size``
        and reshuffled every epoch when ``shuffle``, or a ``tf.data.Dataset`` of
        ``(x, y)`` batches (then ``batch_size`` stays ``None``). ``validation_data``,
        in either form, is evaluated after every epoch (``"val_loss"``,
        ``"val_<metric>"``; arrays in batches of ``batch_size``, or 256). ``verbose``
        is ``0`` (silent), ``1`` (a Keras progress bar), ``2`` (a line per epoch) or
        ``"auto"``: 1 in a terminal, 2 elsewhere (a notebook, a log, a book). The
        history's ``epoch_seconds`` lists how long each epoch's training took.
        ``shuffle`` applies to arrays; shuffle a dataset in its own pipeline.
        """
        check.positive_int("num_epochs", num_epochs, 10)
        check.boolean("shuffle", shuffle)
        train = self._build(check.training.training_data(data, batch_size, "data"))
        val = check.training.validation_data(validation_data, batch_size)
        if val is not None:
            self._build(val)
        mode = check.training.verbosity(verbose)
        bar = tf.keras.utils.Progbar(num_epochs, unit_name="epoch") if mode == 1 else None
        history = History()
        history.epoch_seconds = []
        for epoch in range(num_epochs):
            start = time.perf_counter()
            values = self.run_epoch(train, shuffle=shuffle, where=f"epoch {epoch + 1}")
            history.epoch_seconds.append(time.perf_counter() - start)
            if val is not None:
                val_values = self.run_epoch(val, training=False, where=f"epoch {epoch + 1}")
                values.update({f"val_{k}": v for k, v in val_values.items()})
            history.record(**values)
            if bar is not None:
                bar.update(epoch + 1, list(values.items()), finalize=epoch + 1 == num_epochs)
            elif mode == 2:
                shown = " - ".join(f"{k}: {v:.4f}" for k, v in values.items())
                print(f"Epoch {epoch + 1}/{num_epochs} - {shown}", flush=True)
        return history

    def evaluate(self, data, *, batch_size=None):
        """Returns the mean loss and metrics over ``data``, a dict of floats.

        ``data`` is a pair ``(x, y)`` with ``batch_size``, or a batched
        ``tf.data.Dataset`` of ``(x, y)``, as in :meth:`fit`. Nothing is trained.
        """
        data = self._build(check.training.training_data(data, batch_size, "data"))
        return self.run_epoch(data, training=False, where="evaluation")

    def run_epoch(self, data, training=True, shuffle=False, where="epoch"):
        """One pass over checked ``data``: the mean loss and metrics, a dict of floats.

        The batches go to :meth:`run_steps` ``steps_per_execution`` at a time; after
        each call, Python looks once whether a step failed, and if one did, raises.
        """
        state = EpochState.start(len(self._names))
        self._trace(data, state, training)
        for x, y, batches in _executions(data, self.steps_per_execution, shuffle):
            with check.training.xla_note(self.jit_compile):
                state = self.run_steps(x, y, batches, state, training)
            if state.failure != FINE:
                break
        if state.failure != FINE or state.count == 0:
            raise check.training.stop_error(state, data.name, where, self._num_outputs,
                                            training)
        return dict(zip(self._names, (state.sums / state.count).numpy().tolist()))

    def run_steps(self, x, y, batches, state, training=True):
        """One step for each row of ``batches`` (indices into ``x`` and ``y``), in one
        compiled call; returns the :class:`EpochState` after them.

        Before each step the labels are checked; after a failed step the loop stops.
        """
        for i in tf.range(tf.shape(batches)[0]):
            if state.failure != FINE:
                break
            x_batch, y_batch = tf.gather(x, batches[i]), tf.gather(y, batches[i])
            labels, labels_ok = self._label_range(y_batch)
            if labels_ok:
                step = self.train_step if training else self.test_step
                values, finite = step(x_batch, y_batch)
            else:
                values, finite = tf.zeros_like(state.sums), tf.constant(False)
            size = tf.cast(tf.shape(x_batch)[0], tf.float32)
            state = EpochState(
                state.sums + size * values, state.count + size, state.steps + 1,
                tf.where(labels_ok, tf.where(finite, FINE, NOT_FINITE), BAD_LABELS),
                tf.concat([values[:1], labels], 0))
        return state

    def train_step(self, x, y):
        """One gradient step on the batch ``(x, y)``.

        Returns the batch's loss and metrics (one tensor, loss first) and whether the
        loss and gradients were finite; if not, no trainable weight changed. A ``None``
        gradient (a variable the loss does not use) goes to the optimizer, whose own
        message explains it.

        >>> model = nnlib.models.FullyConnectedNetwork([3, 2])
        >>> trainer = nnlib.trainer.Trainer(
        ...     model, nnlib.losses.sparse_categorical_crossentropy,
        ...     nnlib.optimizers.GradientDescent(0.1))
        >>> values, finite = trainer.train_step(tf.ones([4, 3]), tf.constant([0, 1, 1, 0]))
        >>> values.shape, bool(finite)
        (TensorShape([1]), True)
        """
        variables = self.model.trainable_variables
        with tf.GradientTape() as tape:
            y_pred = self._forward(x, training=True)
            loss = self.loss(y, y_pred)
        gradients = tape.gradient(loss, variables)
        finite = tf.reduce_all([tf.reduce_all(tf.math.is_finite(getattr(t, "values", t)))
                                for t in [loss, *gradients] if t is not None])
        if finite:
            self.optimizer.apply_gradients(zip(gradients, variables))
        return self._values(y, y_pred, loss), finite

    def test_step(self, x, y):
        """The batch's loss and metrics, as :meth:`train_step` returns them, untrained.

        >>> model = nnlib.models.FullyConnectedNetwork([3, 2])
        >>> trainer = nnlib.trainer.Trainer(
        ...     model, nnlib.losses.sparse_categorical_crossentropy,
        ...     nnlib.optimizers.GradientDescent(0.1))
        >>> values, finite = trainer.test_step(tf.zeros([4, 3]), tf.constant([0, 1, 1, 0]))
        >>> round(float(values[0]), 4)  # ln 2: zero biases, zero inputs: 1/2 for each class
        0.6931
        """
        y_pred = self._forward(x, training=False)
        loss = self.loss(y, y_pred)
        return self._values(y, y_pred, loss), tf.math.is_finite(loss)

    def _trace(self, data, state, training):
        """Traces :meth:`run_steps` once for any number and size of batches of ``data``
        (later calls reuse it; XLA still compiles once for each shape it meets)."""
        self._variables = check.training.same_variables(
            self._variables, self.model.trainable_variables)
        x, y = data.dataset.element_spec if data.dataset is not None else (data.x, data.y)
        spec = lambda t: tf.TensorSpec([None, *t.shape[1:]], t.dtype)  # noqa: E731
        self.run_steps.get_concrete_function(
            spec(x), spec(y), tf.TensorSpec([None, None], tf.int32),
            tf.nest.map_structure(tf.TensorSpec.from_tensor, state), training)

    def _values(self, y, y_pred, loss):
        return tf.stack([tf.cast(loss, tf.float32)] + [
            tf.cast(f(y, y_pred), tf.float32) for f in self.metrics.values()])

    def _forward(self, x, training):
        return self.model(x, training=training) if self._is_keras else self.model(x)

    def _label_range(self, y):
        """The lowest and highest label of ``y`` and whether they are in range; always
        in range for targets that are not class labels (one-hot, binary, regression)."""
        y = check.training.class_labels_of(y, self._output_rank, self._num_outputs)
        if y is None:
            return tf.zeros([2]), tf.constant(True)
        low, high = tf.reduce_min(y), tf.reduce_max(y)
        ok = tf.logical_and(low >= 0, high < self._num_outputs)
        return tf.cast(tf.stack([low, high]), tf.float32), ok

    def _build(self, data):
        """Creates the model's and optimizer's variables, notes the model's outputs and
        checks array labels, before any tracing; returns ``data``."""
        first = (next(iter(data.dataset.take(1)), None) if data.dataset is not None
                 else (data.x[:1], data.y[:1]))
        if first is None:
            raise check.training.no_examples_error(data.name)
        y_pred = self._forward(first[0], training=False)
        self._output_rank, self._num_outputs = y_pred.shape.rank, y_pred.shape[-1]
        build = getattr(self.optimizer, "build", None)
        if callable(build) and not getattr(self.optimizer, "built", True):
            build(self.model.trainable_variables)
        labels = None if data.dataset is not None else check.training.class_labels_of(
            data.y, self._output_rank, self._num_outputs)
        if labels is not None:
            check.class_labels("y", labels, self._num_outputs, context=data.name,
                               classes=f"the model has {self._num_outputs} outputs")
        check.training.batch_means(self.loss, self.metrics, first[1][:1], y_pred[:1])
        return data


def _executions(data, steps, shuffle):
    """The calls of an epoch: ``(x, y, batches)``, each row of ``batches`` the indices of
    one batch; at most ``steps`` rows a call, equal-sized batches in each."""
    if data.dataset is not None:
        yield from _dataset_executions(data.dataset, steps)
        return
    n, size = int(data.x.shape[0]), data.batch_size
    order = tf.random.shuffle(tf.range(n)) if shuffle else tf.range(n)
    full = tf.reshape(order[:n - n % size], [-1, size])
    for start in range(0, n // size, steps):
        yield data.x, data.y, full[start:start + steps]
    if n % size:
        yield data.x, data.y, order[None, n - n % size:]


def _dataset_executions(dataset, steps):
    """A dataset's batches, concatenated: up to ``steps`` consecutive ones of one shape."""
    shapes = lambda batch: (tuple(batch[0].shape), tuple(batch[1].shape))  # noqa: E731
    for shape, same_shape in itertools.groupby(dataset, key=shapes):
        size = shape[0][0]
        while group := list(itertools.islice(same_shape, steps)):
            x, y = (tf.concat(parts, 0) for parts in zip(*group))
            yield x, y, tf.reshape(tf.range(len(group) * size), [len(group), size])
