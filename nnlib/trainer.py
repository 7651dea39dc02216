"""Minibatch training: :class:`Trainer`, a fast and pleasant loop for any model.

Chapter 7 writes the minibatch loop out by hand; chapter 8 compares Keras'
``compile``/``fit`` with this trainer, which runs each epoch as one compiled
TensorFlow function and works for nnlib and Keras models alike.
"""

import math
import sys
import time

import tensorflow as tf

from nnlib import _checks as check
from nnlib.training import History

_OK, _NOT_FINITE, _BAD_LABELS = 0, 1, 2

# Consecutive training batches in one XLA program. XLA fuses the many small
# operations of these steps into a few kernels, and the call's fixed cost is shared
# by them. Timed with `make bench` on two cores, 2, 3 and 4 steps each gained more;
# 8 gained no more than 4, and compiling takes longer the more steps it holds.
_STEPS_PER_CALL = 4


class Trainer:
    """Trains a model on minibatches, one compiled function per epoch.

    Works for an nnlib model and for a Keras model alike: the model is anything
    callable on a batch with ``trainable_variables``; the loss is a function
    ``loss(y_true, y_pred)``; the optimizer has ``apply_gradients(grads_and_vars)``
    (nnlib's :class:`~nnlib.optimizers.GradientDescent` or any Keras optimizer).

    Each epoch runs inside one ``tf.function``: the shuffling, the slicing into
    batches, every gradient step and the metric sums happen in one call to
    TensorFlow's runtime, with no Python between steps. Inside it, when training on
    arrays, the steps run four at a time in a program compiled by XLA, which fuses
    each step's many small operations. That is what makes it faster than a Python
    loop over compiled steps, and faster than ``model.fit`` at its default settings
    (``steps_per_execution=1``, no XLA on a CPU), which returns to Python after every
    step (see :doc:`/reference/performance`).

    Integer labels must lie in ``0 .. num_outputs - 1``: labels given as arrays are
    checked once, before training (the error names the first bad ``y[i]``), those of
    a dataset at every step. Every step checks that the loss and the gradients are
    finite; if not, training stops with an error that names the epoch and the step,
    and the weights are those from before the failing step.

    Args:
        model: The model: ``model(x)`` returns predictions, and
            ``model.trainable_variables`` lists its parameters. A Keras model is
            called with ``training=True`` while training.
        loss: A function ``loss(y_true, y_pred)`` returning the batch's mean loss,
            e.g. :func:`nnlib.losses.sparse_categorical_crossentropy`.
        optimizer: An object with ``apply_gradients(grads_and_vars)``.
        metrics: Optional ``dict`` mapping names to functions
            ``metric(y_true, y_pred)`` that return a batch mean, e.g.
            ``{"accuracy": nnlib.metrics.sparse_accuracy}``. Each is averaged over
            every example of an epoch.
        jit_compile: Whether XLA compiles the training steps on arrays, four at a
            time (default ``True``; the first epoch then takes longer, to compile:
            seconds on two cores, more on a busy machine). Pass ``False`` for a model, loss or metric that uses an
            operation XLA cannot compile; training then runs the same steps,
            unfused, more slowly. Evaluation, the last few batches of an epoch and
            the batches of a ``tf.data.Dataset`` always run unfused.

    Raises:
        ValueError: If ``metrics`` is not a dict of callables, ``loss`` is not
            callable, or ``jit_compile`` is not a bool. :meth:`fit` and
            :meth:`evaluate` raise ``ValueError`` for bad data (not ``(x, y)``
            pairs, unbatched, empty, lengths that differ), a non-positive
            ``batch_size``, labels out of range and a model XLA cannot compile
            (then pass ``jit_compile=False``), and ``FloatingPointError`` when the
            loss or a gradient becomes ``nan`` or infinite.

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

    def __init__(self, model, loss, optimizer, metrics=None, jit_compile=True):
        check.function("loss", loss, "loss(y_true, y_pred)",
                       "nnlib.losses.sparse_categorical_crossentropy")
        metrics = {} if metrics is None else metrics
        if not isinstance(metrics, dict) or not all(callable(f) for f in metrics.values()):
            raise ValueError(
                f"`metrics` must be a dict mapping names to functions "
                f"metric(y_true, y_pred), but received {metrics!r}. Pass e.g. "
                f'metrics={{"accuracy": nnlib.metrics.sparse_accuracy}}.'
            )
        check.boolean("jit_compile", jit_compile,
                      "Pass jit_compile=False only if XLA cannot compile the model.")
        self.model, self.loss, self.optimizer = model, loss, optimizer
        self.jit_compile = jit_compile
        self.metrics = dict(metrics)
        self._names = ["loss", *self.metrics]
        self._is_keras = isinstance(model, tf.keras.layers.Layer)
        self._array_epoch = tf.function(self._array_epoch, reduce_retracing=True)
        self._dataset_epoch = tf.function(self._dataset_epoch, reduce_retracing=True)
        # One XLA program for a group of training steps; compiled on the first call.
        self._fused_steps = (tf.function(self._steps, jit_compile=True) if jit_compile
                             else self._steps)

    # -- public ---------------------------------------------------------------------

    def fit(self, data, *, num_epochs=1, batch_size=None, validation_data=None,
            shuffle=True, verbose="auto"):
        """Trains for ``num_epochs`` epochs and returns a :class:`~nnlib.training.History`.

        Args:
            data: Either a pair ``(x, y)`` of arrays or tensors, cut into batches of
                ``batch_size`` (reshuffled every epoch when ``shuffle``), or a
                ``tf.data.Dataset`` that yields ``(x, y)`` batches (then
                ``batch_size`` stays ``None``: the dataset is already batched).
            num_epochs: Number of passes over the data, a positive integer.
            batch_size: Examples per step when ``data`` is a pair of arrays.
            validation_data: Optional data in either form, evaluated after every
                epoch (``"val_loss"`` and ``"val_<metric>"`` in the history). Arrays
                are cut into batches of ``batch_size`` (256 when training on a
                dataset).
            shuffle: Whether to reshuffle array data every epoch.
            verbose: ``0`` silent, ``1`` a Keras progress bar over the epochs, ``2``
                one plain line per epoch, ``"auto"`` (default) a progress bar in a
                terminal and plain lines elsewhere (a notebook, a log file, a book).

        Returns:
            A :class:`~nnlib.training.History` with one value per epoch of ``"loss"``, each metric,
            and with validation data ``"val_loss"`` and ``"val_<metric>"``; its
            ``epoch_seconds`` lists how long each epoch's training took.
        """
        check.positive_int("num_epochs", num_epochs, 10)
        check.boolean("shuffle", shuffle)
        train = _Data(data, batch_size, "data")
        val = None
        if validation_data is not None:  # arrays and a dataset may be mixed
            val_batch_size = (None if isinstance(validation_data, tf.data.Dataset)
                              else batch_size or 256)
            val = _Data(validation_data, val_batch_size, "validation_data")
        self._build(train)
        if val is not None:
            self._build(val)
        mode = _verbosity(verbose)
        bar = tf.keras.utils.Progbar(num_epochs, unit_name="epoch",
                                  stateful_metrics=None) if mode == 1 else None
        history = History()
        history.epoch_seconds = []
        for epoch in range(num_epochs):
            start = time.perf_counter()
            values = self._run(train, epoch, training=True, shuffle=shuffle)
            seconds = time.perf_counter() - start
            if val is not None:
                val_values = self._run(val, epoch, training=False, shuffle=False)
                values.update({f"val_{k}": v for k, v in val_values.items()})
            history.record(**values)
            history.epoch_seconds.append(seconds)
            if mode == 1:
                bar.update(epoch + 1, values=list(values.items()), finalize=epoch + 1 == num_epochs)
            elif mode == 2:
                shown = " - ".join(f"{k}: {v:.4f}" for k, v in values.items())
                print(f"Epoch {epoch + 1}/{num_epochs} - {shown}", flush=True)
        return history

    def evaluate(self, data, *, batch_size=None):
        """Returns the mean loss and metrics over ``data`` (one pass, no training).

        Args:
            data: A pair ``(x, y)`` with ``batch_size``, or a batched
                ``tf.data.Dataset`` of ``(x, y)``, as in :meth:`fit`.
            batch_size: Examples per batch for a pair of arrays.

        Returns:
            A ``dict`` of floats: ``"loss"`` and one entry per metric.
        """
        data = _Data(data, batch_size, "data")
        self._build(data)
        return self._run(data, None, training=False, shuffle=False)

    def _build(self, data):
        """Creates a Keras model's and optimizer's variables before any tracing."""
        if data.dataset is not None:
            first = next(iter(data.dataset.take(1)), None)
            if first is None:
                raise ValueError(
                    f"`{data.name}` yielded no batches: the dataset is empty. Check the "
                    f"pipeline that built it (a filter or take(0) can remove everything)."
                )
            x = first[0]
        else:
            x = data.x[:1]
        y_pred = self._forward(x, training=False)
        build = getattr(self.optimizer, "build", None)
        if callable(build) and not getattr(self.optimizer, "built", True):
            build(self.model.trainable_variables)
        if data.dataset is None and _is_sparse(data.y, y_pred):
            num_outputs = y_pred.shape[-1]
            check.class_labels("y", data.y, num_outputs, context=data.name,
                               classes=f"the model has {num_outputs} outputs")

    # -- one epoch ------------------------------------------------------------------

    def _run(self, data, epoch, training, shuffle):
        try:
            if data.dataset is not None:
                totals, seen, status, step, info = self._dataset_epoch(
                    data.dataset, training)
            else:
                totals, seen, status, step, info = self._array_epoch(
                    data.x, data.y, tf.constant(data.batch_size), training, shuffle)
        except tf.errors.InvalidArgumentError as error:
            reported = [line for line in str(error).splitlines()
                        if "unsupported operations" in line]
            if not reported:
                raise
            raise ValueError(
                f"XLA cannot compile the training step: the model, the loss or a "
                f"metric uses an operation XLA does not support. Create the Trainer "
                f"with jit_compile=False. XLA reported: {reported[0].strip()}"
            ) from error
        status, step, seen = int(status), int(step), float(seen)
        where = "evaluation" if epoch is None else f"epoch {epoch + 1}"
        if status == _NOT_FINITE:
            loss = float(info[0])
            what = (f"The loss became {loss}" if not math.isfinite(loss)
                    else f"The gradient held nan or inf (the loss was {loss:.4g})")
            raise FloatingPointError(
                f"{what} at {where}, step {step + 1} ({data.name}); training stopped "
                f"and the weights are those from before that step. Lower the optimizer's "
                f"learning_rate, check the inputs for nan or inf, and give the loss "
                f"logits (from_logits=True) rather than probabilities that can reach 0."
            )
        if status == _BAD_LABELS:
            raise check.label_range_error(
                "y", int(info[2]), f"labels from {int(info[0])} to {int(info[1])} in that "
                f"batch", classes=f"the model has {int(info[2])} outputs",
                context=f"{data.name}, {where}, step {step + 1}")
        if seen == 0:
            raise ValueError(
                f"`{data.name}` yielded no examples: the dataset is empty. Check the "
                f"pipeline (a filter or take(0) can remove everything) and that x and y "
                f"hold at least one example."
            )
        return {name: float(value) for name, value in zip(self._names, totals / seen)}

    def _array_epoch(self, x, y, batch_size, training, shuffle):
        n = tf.shape(x)[0]
        order = tf.range(n)
        if shuffle:
            order = tf.random.shuffle(order)
        state = self._initial_state()
        # Array labels were checked once, eagerly, before the epoch.
        # Training: groups of _STEPS_PER_CALL full batches, one XLA program each...
        group = _STEPS_PER_CALL * batch_size
        num_groups = n // group if training else 0
        if training:  # a Python bool: evaluation never traces the XLA program
            for g in tf.range(num_groups):
                indices = order[g * group:(g + 1) * group]
                state = self._fused_steps(tf.gather(x, indices), tf.gather(y, indices),
                                          training, g * _STEPS_PER_CALL, state,
                                          _STEPS_PER_CALL)
                if state[2] != _OK:
                    break
        # ...then the batches left over (every batch when evaluating), one at a time.
        for start in tf.range(num_groups * group, n, batch_size):
            indices = order[start:start + batch_size]
            state = self._step(tf.gather(x, indices), tf.gather(y, indices), training,
                               start // batch_size, state, check_labels=False)
        return state

    def _dataset_epoch(self, dataset, training):
        state = self._initial_state()
        i = tf.constant(0)
        for x, y in dataset:
            state = self._step(x, y, training, i, state, check_labels=True)
            if state[2] != _OK:
                break
            i += 1
        return state

    def _initial_state(self):
        return (tf.zeros([len(self._names)]), tf.constant(0.0), tf.constant(_OK),
                tf.constant(-1), tf.zeros([3]))

    def _steps(self, x, y, training, first_step, state, num_steps):
        """Trains on ``num_steps`` consecutive batches of equal size, stacked in ``x``.

        Compiled by XLA (unless ``jit_compile=False``): the steps become one
        program, in which their many small operations are fused.
        """
        size = tf.shape(x)[0] // num_steps
        for k in range(num_steps):
            state = self._step(x[k * size:(k + 1) * size], y[k * size:(k + 1) * size],
                               training, first_step + k, state, check_labels=False)
        return state

    def _step(self, x, y, training, i, state, check_labels):
        """One batch: check the labels, compute loss and metrics, maybe update.

        Once a step has failed, the later ones change nothing: the state keeps the
        first failure's status, step and details, and the totals are not used.
        """
        totals, seen, status, step, info = state
        running = tf.equal(status, _OK)
        variables = self.model.trainable_variables
        labels_ok, labels_info = tf.constant(True), info
        with tf.GradientTape() as tape:
            y_pred = self._forward(x, training)
            if check_labels and _is_sparse(y, y_pred):
                labels_ok, labels_info = _check_labels(y, y_pred)
                # Keeps the loss's lookup in range for this step; training stops anyway.
                y = tf.where(labels_ok, y, tf.zeros_like(y))
            loss = tf.cast(self.loss(y, y_pred), tf.float32)
        finite = tf.math.is_finite(loss)
        if training:
            gradients = tape.gradient(loss, variables)
            # A nan input can hide behind a finite loss (the fused matmul-bias-ReLU
            # kernel of TensorFlow's graph optimizer maps nan to 0) and still poison
            # the gradients, so every gradient is checked too. A None gradient (a
            # variable the loss does not use) is left to the optimizer, whose own
            # message explains it.
            finite = tf.reduce_all([finite] + [
                tf.reduce_all(tf.math.is_finite(getattr(g, "values", g)))
                for g in gradients if g is not None])
        if training and tf.logical_and(running, tf.logical_and(labels_ok, finite)):
            self.optimizer.apply_gradients(zip(gradients, variables))
        values = tf.stack([loss] + [tf.cast(f(y, y_pred), tf.float32)
                                    for f in self.metrics.values()])
        weight = tf.cast(tf.shape(y_pred)[0], tf.float32)
        new_status = tf.where(labels_ok, tf.where(finite, _OK, _NOT_FINITE), _BAD_LABELS)
        new_info = tf.where(labels_ok, tf.stack([loss, 0.0, 0.0]), labels_info)
        return (totals + weight * values, seen + weight,
                tf.where(running, new_status, status), tf.where(running, i, step),
                tf.where(running, new_info, info))

    def _forward(self, x, training):
        if self._is_keras:
            return self.model(x, training=training)
        return self.model(x)


def _is_sparse(y, y_pred):
    """Whether ``y`` holds integer class labels for the predictions ``y_pred``."""
    return y.dtype.is_integer and y.shape.rank == y_pred.shape.rank - 1


def _check_labels(y, y_pred):
    """In a graph: are the labels in 0..num_outputs - 1, and (low, high, outputs)."""
    num_outputs = tf.cast(tf.shape(y_pred)[-1], y.dtype)
    low, high = tf.reduce_min(y), tf.reduce_max(y)
    ok = tf.logical_and(low >= 0, high < num_outputs)
    return ok, tf.cast(tf.stack([low, high, num_outputs]), tf.float32)


class _Data:
    """Validated training data: arrays with a batch size, or a batched dataset."""

    def __init__(self, data, batch_size, name):
        self.name, self.dataset, self.x, self.y, self.batch_size = name, None, None, None, None
        if isinstance(data, tf.data.Dataset):
            if batch_size is not None:
                raise ValueError(
                    f"`batch_size` must be None when `{name}` is a tf.data.Dataset (it "
                    f"is batched already), but received batch_size={batch_size!r}. "
                    f"Batch the dataset with .batch({batch_size}) and drop batch_size."
                )
            _check_element_spec(data.element_spec, name)
            if int(data.cardinality()) == 0:
                raise ValueError(
                    f"`{name}` is an empty dataset (cardinality 0): there is nothing to "
                    f"train on. Check the pipeline that built it."
                )
            self.dataset = data
            return
        if not isinstance(data, (tuple, list)) or len(data) != 2:
            raise ValueError(
                f"`{name}` must be a pair (x, y) of arrays or a tf.data.Dataset of "
                f"(x, y) batches, but received {type(data).__name__}"
                f"{f' of length {len(data)}' if isinstance(data, (tuple, list)) else ''}. "
                f"Pass e.g. ({name[:1]}x_train, y_train) with batch_size=256."
            )
        check.positive_int("batch_size", batch_size, 256)
        x, y = (tf.convert_to_tensor(v) for v in data)
        if x.shape.rank == 0 or y.shape.rank == 0 or x.shape[0] != y.shape[0]:
            raise ValueError(
                f"`{name}` must hold as many labels as examples, but x has shape "
                f"{tuple(x.shape)} and y has shape {tuple(y.shape)}. The first axis of "
                f"both counts the examples."
            )
        if x.shape[0] == 0:
            raise ValueError(
                f"`{name}` is empty: x has shape {tuple(x.shape)}. There is nothing to "
                f"train on; pass at least one example."
            )
        self.x, self.y, self.batch_size = x, y, batch_size


def _check_element_spec(spec, name):
    pair = isinstance(spec, tuple) and len(spec) == 2 and all(
        isinstance(s, tf.TensorSpec) for s in spec)
    if not pair:
        raise ValueError(
            f"`{name}` must yield (x, y) pairs of tensors, but its elements are {spec}. "
            f"Build it with tf.data.Dataset.from_tensor_slices((x, y)), or map each "
            f"element to a pair, e.g. .map(lambda d: (d['image'], d['label']))."
        )
    if spec[0].shape.rank is not None and spec[0].shape.rank < 2:
        raise ValueError(
            f"`{name}` yields single examples (x of shape {tuple(spec[0].shape)}), "
            f"not batches. Batch it first: dataset.batch(256)."
        )


def _verbosity(verbose):
    if verbose == "auto":
        return 1 if sys.stdout.isatty() else 2
    if verbose in (0, 1, 2) and not isinstance(verbose, bool):
        return verbose
    raise check.error("verbose", 'be 0, 1, 2 or "auto"', check.shown(verbose),
                      "Use 2 for one line per epoch, 1 for a progress bar, 0 for silence.")
