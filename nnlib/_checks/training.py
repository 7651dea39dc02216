"""Checks of the Trainer's arguments: training data, verbosity, and its stop messages."""

import contextlib
import math
import sys
from typing import NamedTuple

import tensorflow as tf

from nnlib._checks.labels import label_range_error
from nnlib._checks.message import error, shown
from nnlib._checks.values import positive_int


FINE, NOT_FINITE, BAD_LABELS = 0, 1, 2  # why a Trainer's step failed, or that none did


class Data(NamedTuple):
    """Checked training data: arrays ``x``, ``y`` with a ``batch_size``, or a batched
    ``dataset``; ``name`` is the argument it came from, for messages."""

    name: str
    x: tf.Tensor = None
    y: tf.Tensor = None
    batch_size: int = None
    dataset: tf.data.Dataset = None


def training_data(data, batch_size, name):
    """Checks ``data``: a pair ``(x, y)`` with a ``batch_size``, or a batched dataset.

    >>> training_data(([[1.0], [2.0]], [0, 1]), 2, "data").x.shape
    TensorShape([2, 1])
    >>> training_data(([[1.0], [2.0]], [0]), 2, "data")
    Traceback (most recent call last):
    ValueError: `data` must hold as many labels as examples, but received x of shape ...
    """
    if isinstance(data, tf.data.Dataset):
        if batch_size is not None:
            raise error("batch_size", f"be None when `{name}` is a tf.data.Dataset (it "
                        f"is batched already)", f"batch_size={batch_size!r}",
                        f"Batch the dataset with .batch({batch_size}) and drop batch_size.")
        _element_spec(data.element_spec, name)
        if int(data.cardinality()) == 0:
            raise error(name, "hold at least one batch", "an empty dataset (cardinality "
                        "0)", "Check the pipeline that built it.")
        if int(data.cardinality()) == tf.data.INFINITE_CARDINALITY:
            raise error(name, "be finite: an epoch is one pass over it", "a dataset that "
                        "repeats forever", "Remove .repeat(), or end it with .take(n), n "
                        "the batches of one epoch.")
        return Data(name, dataset=data)
    if not isinstance(data, (tuple, list)) or len(data) != 2:
        raise error(name, "be a pair (x, y) of arrays or a tf.data.Dataset of (x, y) "
                    "batches", shown(data), f"Pass e.g. ({name[:1]}x_train, y_train) "
                    f"with batch_size=256.")
    batch_size = positive_int("batch_size", batch_size, 256)
    x, y = (tf.convert_to_tensor(v) for v in data)
    if x.shape.rank == 0 or y.shape.rank == 0 or x.shape[0] != y.shape[0]:
        raise error(name, "hold as many labels as examples", f"x of shape "
                    f"{tuple(x.shape)} and y of shape {tuple(y.shape)}",
                    "The first axis of both counts the examples.")
    if x.shape[0] == 0:
        raise error(name, "hold at least one example", f"an empty x of shape {tuple(x.shape)}",
                    "There is nothing to train on.")
    return Data(name, x, y, batch_size)


def validation_data(data, batch_size):
    """Checked ``validation_data`` of ``fit``, or ``None``: arrays in batches of the
    training's ``batch_size`` (256 when training on a dataset), or a batched dataset.

    >>> validation_data(None, 32) is None
    True
    """
    if data is None:
        return None
    batch_size = None if isinstance(data, tf.data.Dataset) else batch_size or 256
    return training_data(data, batch_size, "validation_data")


def _element_spec(spec, name):
    if not (isinstance(spec, tuple) and len(spec) == 2
            and all(isinstance(s, tf.TensorSpec) for s in spec)):
        raise error(name, "yield (x, y) pairs of tensors", f"elements {spec}",
                    "Build it with tf.data.Dataset.from_tensor_slices((x, y)), or map "
                    "each element to a pair, e.g. .map(lambda d: (d['image'], d['label'])).")
    if spec[0].shape.rank is not None and spec[0].shape.rank < 2:
        raise error(name, "yield batches", f"single examples (x of shape "
                    f"{tuple(spec[0].shape)})", "Batch it first: dataset.batch(256).")


def verbosity(verbose):
    """0, 1 or 2 from ``verbose``; ``"auto"`` is 1 in a terminal and 2 elsewhere.

    >>> verbosity(2)
    2
    """
    if verbose == "auto":
        return 1 if sys.stdout.isatty() else 2
    if verbose in (0, 1, 2) and not isinstance(verbose, bool):
        return verbose
    raise error("verbose", 'be 0, 1, 2 or "auto"', shown(verbose),
                "Use 2 for one line per epoch, 1 for a progress bar, 0 for silence.")


def metrics(value):
    """A dict of metric functions; ``None`` is no metrics.

    >>> metrics(None)
    {}
    """
    value = {} if value is None else value
    if not isinstance(value, dict) or not all(callable(f) for f in value.values()):
        raise error("metrics", "be a dict mapping names to functions metric(y_true, "
                    "y_pred)", shown(value),
                    'Pass e.g. metrics={"accuracy": nnlib.metrics.sparse_accuracy}.')
    return dict(value)


def stop_error(state, name, where, num_outputs, training):
    """The error that stops an epoch: the failure and step in ``state`` (an
    ``EpochState``), or no examples at all; ``where`` is e.g. ``"epoch 2"``."""
    where = f"{where}, step {int(state.steps)}"
    if state.failure == NOT_FINITE:
        return not_finite_error(float(state.details[0]), f"{where} ({name})", training)
    if state.failure == BAD_LABELS:
        low, high = (int(v) for v in state.details[1:])
        return label_range_error("y", num_outputs, f"labels from {low} to {high} in that "
                                 f"batch", classes=f"the model has {num_outputs} outputs",
                                 context=f"{name}, {where}")
    return no_examples_error(name)


def no_examples_error(name):
    """The error when a dataset yields no examples."""
    return error(name, "yield at least one example", "none: the dataset is empty",
                 "Check the pipeline (a filter or take(0) can remove everything) and "
                 "that x and y hold at least one example.")


def not_finite_error(loss, where, training=True):
    """The error when a step's loss or gradient is ``nan`` or infinite.

    >>> print(not_finite_error(float("nan"), "epoch 1, step 3 (data)"))
    The loss became nan at epoch 1, step 3 (data); training stopped ...
    >>> print(not_finite_error(float("inf"), "evaluation, step 1 (data)", training=False))
    The loss became inf at evaluation, step 1 (data), where nothing is trained. ...
    """
    what = (f"The loss became {loss}" if not math.isfinite(loss)
            else f"The gradient held nan or inf (the loss was {loss:.4g})")
    if not training:
        return FloatingPointError(
            f"{what} at {where}, where nothing is trained. Check these inputs for nan "
            f"or inf, and the model's weights: a training run that diverged leaves them "
            f"nan or huge.")
    return FloatingPointError(
        f"{what} at {where}; training stopped before the optimizer's update, so the "
        f"trainable weights are those from before that step. Lower the optimizer's "
        f"learning_rate, check the inputs for nan or inf, and give the loss logits "
        f"(from_logits=True) rather than probabilities that can reach 0.")


def class_labels_of(y, output_rank, num_outputs):
    """``y`` as one class label per example, if it holds class labels for predictions
    of rank ``output_rank`` and width ``num_outputs``; else ``None`` (one-hot, binary or
    regression targets). A trailing axis of size 1 is dropped, as the losses do.

    >>> class_labels_of(tf.constant([[2], [0]]), 2, 3).shape
    TensorShape([2])
    >>> class_labels_of(tf.constant([1, 0]), 2, 1) is None  # binary: one output
    True
    """
    if not y.dtype.is_integer or num_outputs == 1:
        return None
    if y.shape.rank == output_rank and y.shape[-1] == 1:
        y = tf.squeeze(y, axis=-1)
    return y if y.shape.rank == output_rank - 1 else None


def batch_means(loss, metrics, y, y_pred):
    """Refuses a loss or metric that returns one value per example, not the mean.

    >>> batch_means(tf.keras.losses.sparse_categorical_crossentropy, {},
    ...             tf.constant([0]), tf.constant([[0.5, 0.5]]))
    Traceback (most recent call last):
    ValueError: `loss` must return the batch's mean, a scalar, but received ...
    """
    for name, function in [("loss", loss), *metrics.items()]:
        value = tf.convert_to_tensor(function(y, y_pred))
        if value.shape.rank != 0:
            which = "`loss`" if name == "loss" else f"the metric {name!r}"
            raise error("loss" if name == "loss" else "metrics", "return the batch's "
                        "mean, a scalar", f"a tensor of shape {tuple(value.shape)} from "
                        f"{which}", "Use a function that averages over the batch, e.g. "
                        "the class tf.keras.losses.SparseCategoricalCrossentropy(), not "
                        "the function tf.keras.losses.sparse_categorical_crossentropy, "
                        "which returns one value per example.")


def same_variables(traced, variables):
    """The ids of ``variables``; refuses them if they differ from ``traced`` (the ids a
    Trainer's compiled steps were traced with): after a layer was frozen or unfrozen,
    the compiled steps and the optimizer know only the old ones."""
    ids = [id(v) for v in variables]
    if traced is not None and ids != traced:
        raise error("model", "keep the trainable variables this Trainer first "
                    "trained", f"a model with {len(ids)} of them instead of {len(traced)}, "
                    "or others", "Create a new Trainer (and a new optimizer) after freezing "
                    "or unfreezing layers, as Keras needs compile() again.")
    return ids


@contextlib.contextmanager
def xla_note(jit_compile):
    """Adds to an error of a call compiled by XLA a note on how to train without XLA."""
    try:
        yield
    except tf.errors.InvalidArgumentError as caught:
        if jit_compile:
            caught.add_note("If XLA cannot compile an operation of the model, the loss or "
                            "a metric, create the Trainer with jit_compile=False.")
        raise
