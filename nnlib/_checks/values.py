"""Checks of Python values: counts, numbers, flags, functions, pairs, paths, digests."""

import collections.abc
import math
import numbers
import os
import pathlib
import string

import numpy as np

from nnlib._checks.message import error, shown


def positive_int(name, value, example, *, below=None, what=None, context=None):
    """Returns ``value`` as an ``int`` if it is a whole number >= 1 (and < ``below``).

    NumPy integers are accepted; ``bool``, floats such as ``2.0``, strings and ``None``
    are not. ``what`` describes ``below`` in the message.

    >>> positive_int("batch_size", np.int64(32), 256)
    32
    >>> positive_int("batch_size", 2.0, 256)
    Traceback (most recent call last):
    ValueError: `batch_size` must be a positive integer, but received 2.0 of type ...
    """
    return _int(name, value, example, 1, below, what, context)


def non_negative_int(name, value, example, *, below=None, what=None, or_none=False):
    """Returns ``value`` as an ``int`` if it is a whole number >= 0, or ``None`` if allowed.

    >>> non_negative_int("log_every", None, 10, or_none=True) is None
    True
    >>> non_negative_int("value", -1, 0)
    Traceback (most recent call last):
    ValueError: `value` must be a non-negative integer, but received -1 of type int. ...
    """
    if or_none and value is None:
        return None
    return _int(name, value, example, 0, below, what, None, or_none)


def _int(name, value, example, low, below, what, context, or_none=False):
    if _is_int(value) and value >= low and (below is None or value < below):
        return int(value)
    expected = "be a positive integer" if low == 1 else "be a non-negative integer"
    expected += f" smaller than {what or below}" if below is not None else ""
    expected += " or None" if or_none else ""
    fix = f"Pass e.g. {name}={example!r}" + (f", or {name}=None" if or_none else "") + "."
    raise error(name, expected, shown(value), fix, context)


def _is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def layer_sizes(value, name="layer_sizes"):
    """Returns the widths of a network's layers, inputs first, as a list of ints.

    >>> layer_sizes([784, 50.0, 10])
    Traceback (most recent call last):
    ValueError: `layer_sizes` must be a list of at least two positive integers, ...
    """
    if (isinstance(value, (list, tuple)) and len(value) >= 2
            and all(_is_int(size) and size >= 1 for size in value)):
        return [int(size) for size in value]
    raise error(name, "be a list of at least two positive integers, inputs first",
                shown(value), "Pass e.g. [784, 50, 10] for 784 inputs, a hidden layer of "
                "50 units and 10 outputs.")


def number(name, value, example, *, positive=False, hint=""):
    """Returns ``value`` as a ``float`` if it is a finite real number (and > 0).

    >>> number("learning_rate", 0.1, 0.05, positive=True)
    0.1
    >>> number("m", float("nan"), 1.0)
    Traceback (most recent call last):
    ValueError: `m` must be a finite number, but received nan of type float. Pass ...
    """
    is_real = isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))
    if is_real and math.isfinite(value) and (value > 0 or not positive):
        return float(value)
    expected = "be a positive, finite number" if positive else "be a finite number"
    fix = f"Pass e.g. {name}={example!r}."
    raise error(name, expected, shown(value), f"{hint} {fix}" if hint else fix)


def boolean(name, value, fix=None):
    """Returns ``value`` if it is ``True`` or ``False`` (not ``1``, ``None``, ``"yes"``).

    >>> boolean("shuffle", 1)
    Traceback (most recent call last):
    ValueError: `shuffle` must be True or False, but received 1 of type int. Pass ...
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise error(name, "be True or False", shown(value),
                fix or f"Pass {name}=True or {name}=False.")


def function(name, value, signature, example):
    """Returns ``value`` if it can be called (a loss, a metric, a print function).

    >>> function("loss_fn", "mse", "loss_fn(y_true, y_pred)", "nnlib.losses.mse")
    Traceback (most recent call last):
    ValueError: `loss_fn` must be a function loss_fn(y_true, y_pred), but received ...
    """
    if callable(value):
        return value
    raise error(name, f"be a function {signature}", shown(value),
                f"Pass e.g. {name}={example}.")


def has_attribute(name, value, attribute, example):
    """Returns ``value`` if it has ``attribute`` (an optimizer's ``apply_gradients``).

    >>> has_attribute("optimizer", 0.1, "apply_gradients", "GradientDescent(0.1)")
    Traceback (most recent call last):
    ValueError: `optimizer` must be an object with `apply_gradients`, but received ...
    """
    if getattr(value, attribute, None) is not None:
        return value
    raise error(name, f"be an object with `{attribute}`", shown(value),
                f"Pass e.g. {name}={example}.")


def pair(name, value, example, or_none=False):
    """Returns ``value`` if it is a pair ``(x, y)`` (or ``None``, if allowed).

    >>> pair("validation_data", [1, 2, 3], "(x_test, y_test)")
    Traceback (most recent call last):
    ValueError: `validation_data` must be a pair (x, y), but received [1, 2, 3] of ...
    """
    if isinstance(value, (tuple, list)) and len(value) == 2 or or_none and value is None:
        return value
    expected = "be a pair (x, y)" + (" or None" if or_none else "")
    raise error(name, expected, shown(value), f"Pass e.g. {name}={example}.")


def mapping(name, value, example):
    """Returns ``value`` if it is a dict (from legend labels to what is drawn).

    >>> mapping("histories", [1.0, 0.5], '{"run": history}')
    Traceback (most recent call last):
    ValueError: `histories` must be a dict from legend labels to what they label, ...
    """
    if isinstance(value, collections.abc.Mapping):
        return value
    raise error(name, "be a dict from legend labels to what they label", shown(value),
                f"Pass e.g. {name}={example}.")


def trainable_variables(model):
    """Returns ``model.trainable_variables`` if the model has any.

    >>> trainable_variables(tf.Module(name="empty"))
    Traceback (most recent call last):
    ValueError: `model` must have trainable variables, but received ... which has ...
    """
    has_attribute("model", model, "trainable_variables", "nnlib.models.LineModel()")
    if not model.trainable_variables:
        raise error("model", "have trainable variables", f"{shown(model)}, which has none: "
                    f"there is nothing to train", "Store its parameters as tf.Variable "
                    "attributes of a tf.Module.")
    return model.trainable_variables


def path(name, value):
    """Returns ``value`` as a :class:`pathlib.Path` if it is a string or path-like.

    >>> path("path", 3)
    Traceback (most recent call last):
    ValueError: `path` must be a file path (a str or pathlib.Path), but received 3 ...
    """
    if isinstance(value, (str, os.PathLike)):
        return pathlib.Path(value)
    raise error(name, "be a file path (a str or pathlib.Path)", shown(value),
                f'Pass e.g. {name}="mnist.npz".')


def sha256(value, shipped=None):
    """Returns a SHA-256 digest as 64 lower-case hex digits (``None`` stays ``None``).

    With ``shipped``, the digest of the file used when no path is given, ``None``
    means ``shipped`` and any other digest is refused: it would be ignored.

    >>> sha256("AB" * 32) == "ab" * 32
    True
    >>> sha256("ab12")
    Traceback (most recent call last):
    ValueError: `sha256` must be 64 hexadecimal digits, but received 'ab12' of type ...
    """
    if value is None:
        return shipped
    if not (isinstance(value, str) and len(value) == 64
            and all(c in string.hexdigits for c in value)):
        raise error("sha256", "be 64 hexadecimal digits", shown(value),
                    "Pass the file's digest as hashlib.sha256(data).hexdigest() prints it, "
                    "or sha256=None to check the layout only.")
    if shipped is not None and value.lower() != shipped:
        raise error("sha256", f"be None or the shipped copy's own {shipped} when `path` is "
                    f"None", shown(value), "Pass path= too, to check another file, or drop "
                    "sha256.")
    return value.lower()
