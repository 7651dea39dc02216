"""Checks of class labels: in range, one-hot or integer, matching the predictions."""

import numpy as np
import tensorflow as tf

from nnlib._checks.message import error, shape_of, shown
from nnlib._checks.tensors import as_tensor


LABELS_FIX = "Check the labels, or give the model one output per class."


def class_labels(name, labels, num_classes, *, classes=None, fix=LABELS_FIX,
                 context=None):
    """Refuses class labels outside ``0 .. num_classes - 1``, naming the first one.

    Works on NumPy arrays and eager tensors; ``classes`` says where the number of
    classes comes from.

    >>> class_labels("y", np.array([0, 3, 12, 2]), 10)
    Traceback (most recent call last):
    ValueError: `y` must hold class labels from 0 to 9 (10 classes), but received ...
    """
    values = np.asarray(labels).reshape(-1)
    bad = np.flatnonzero((values < 0) | (values >= num_classes))
    if bad.size:
        received = (f"{name}[{bad[0]}] = {values[bad[0]]}, {bad.size} of {values.size} "
                    f"labels out of range")
        raise label_range_error(name, num_classes, received, classes=classes, fix=fix,
                                context=context)
    return labels


def label_range_error(name, num_classes, received, *, classes=None, fix=LABELS_FIX,
                      context=None):
    """The error of :func:`class_labels`, for a caller that found the labels itself."""
    return error(name, f"hold class labels from 0 to {num_classes - 1} "
                 f"({classes or f'{num_classes} classes'})", received, fix, context)


def label_vector(value, name="y"):
    """Returns class labels as an integer array of shape ``(num_examples,)``.

    >>> label_vector([1.0, 2.0])
    Traceback (most recent call last):
    ValueError: `y` must be integer class labels of shape (num_examples,), but ...
    """
    y = np.asarray(value)
    if y.ndim != 1 or not np.issubdtype(y.dtype, np.integer):
        raise error(name, "be integer class labels of shape (num_examples,)", shown(y),
                    "Pass the labels as load_mnist returns them; preprocess one-hot "
                    "encodes them.")
    return y


def one_hot_pair(y_true, y_pred, function, sparse_function):
    """Returns one-hot labels and predictions of one shape ``(batch_size, num_classes)``.

    ``function`` names the caller; ``sparse_function``, the variant that takes integer
    labels, is suggested when ``y_true`` looks like them.

    >>> one_hot_pair([1, 0], tf.zeros([2, 3]), "accuracy", "sparse_accuracy")
    Traceback (most recent call last):
    ValueError: accuracy: `y_true` must be one-hot float labels of shape ...
    """
    y_pred = _predictions(y_pred, function)
    y_true = as_tensor("y_true", y_true, "be one-hot float labels", "Pass one-hot labels.",
                     function)
    if y_true.shape.rank == 1 or not y_true.dtype.is_floating:
        raise error("y_true", f"be one-hot float labels of shape (batch_size, "
                    f"num_classes) = {tuple(y_pred.shape)}", f"{shown(y_true)}: these look "
                    f"like integer class labels", f"One-hot encode them with "
                    f"nnlib.data.preprocess(x, y) or tf.one_hot(y, {y_pred.shape[-1]}), or "
                    f"use {sparse_function}, which takes integer labels.", function)
    if not y_true.shape.is_compatible_with(y_pred.shape):
        raise error(("y_true", "y_pred"), "have the same shape (batch_size, num_classes)",
                    f"{shape_of(y_true)} and {tuple(y_pred.shape)}", "A one-hot width "
                    "different from the model's number of outputs means num_classes does "
                    "not match the last layer's out_features; a different batch size means "
                    "labels and images are not from the same examples.", function)
    return y_true, y_pred


def sparse_pair(y_true, y_pred, function, one_hot_function):
    """Returns labels as int64 ``(batch_size,)`` and predictions ``(batch_size, classes)``.

    A trailing label axis of size 1 is dropped, as Keras does. Fractional and
    out-of-range labels are refused when running eagerly; inside ``tf.function`` the
    values are not known.

    >>> sparse_pair([0, 3], tf.zeros([2, 3]), "sparse_accuracy", "accuracy")
    Traceback (most recent call last):
    ValueError: sparse_accuracy: `y_true` must hold class labels from 0 to 2 (3 ...
    """
    y_pred = _predictions(y_pred, function)
    fix = "Pass integer class labels."
    y_true = as_tensor("y_true", y_true, "be integer class labels", fix, function)
    num_classes = y_pred.shape[-1]
    if y_true.shape.rank == 2 and y_true.shape[-1] == 1:
        y_true = tf.squeeze(y_true, axis=-1)
    if y_true.shape.rank == 2 and y_true.shape[-1] == num_classes:
        raise error("y_true", "be integer class labels of shape (batch_size,)",
                    f"shape {tuple(y_true.shape)}, which looks one-hot", f"Use "
                    f"{one_hot_function} for one-hot labels, or tf.argmax(y_true, axis=-1) "
                    f"to turn them back into class labels.", function)
    if y_true.shape.rank != 1 or not y_true.shape.is_compatible_with(y_pred.shape[:1]):
        raise error("y_true", f"hold one class label per row of `y_pred`, i.e. shape "
                    f"({y_pred.shape[0]},)", f"shape {shape_of(y_true)} for `y_pred` of "
                    f"shape {tuple(y_pred.shape)}", "Pass the labels of the same examples.",
                    function)
    if not (y_true.dtype.is_floating or y_true.dtype.is_integer):
        raise error("y_true", "be integer class labels", f"dtype {y_true.dtype.name}", fix,
                    function)
    if tf.executing_eagerly():
        if y_true.dtype.is_floating and not bool(tf.reduce_all(y_true == tf.round(y_true))):
            raise error("y_true", "hold whole-number class labels", f"fractional values of "
                        f"dtype {y_true.dtype.name}", fix, function)
        class_labels("y_true", y_true, num_classes, context=function,
                     classes=f"{num_classes} classes: the width of `y_pred`")
    return tf.cast(y_true, tf.int64), y_pred


def _predictions(y_pred, function):
    expected = "be floating-point scores of shape (batch_size, num_classes)"
    fix = "Pass the model's output."
    y_pred = as_tensor("y_pred", y_pred, expected, fix, function)
    if not y_pred.dtype.is_floating or y_pred.shape.rank != 2:
        raise error("y_pred", expected, shown(y_pred), fix, function)
    return y_pred
