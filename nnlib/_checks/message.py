"""The one message of every check: expected, received, and how to fix it."""

import numpy as np
import tensorflow as tf


def error(name, expected, received, fix, context=None, kind=ValueError):
    """The error every check raises; ``name`` is an argument or a tuple of them.

    Example:

    >>> raise error("num_epochs", "be a positive integer", "0 of type int",
    ...             "Pass e.g. num_epochs=10.")
    Traceback (most recent call last):
    ValueError: `num_epochs` must be a positive integer, but received 0 of type int. ...
    """
    names = " and ".join(f"`{n}`" for n in ((name,) if isinstance(name, str) else name))
    where = f"{context}: " if context else ""
    return kind(f"{where}{names} must {expected}, but received {received}. {fix}")


def shown(value):
    """How a message shows a received value.

    >>> shown(2.5), shown(np.zeros((2, 3), np.uint8))
    ('2.5 of type float', 'shape (2, 3) and dtype uint8')
    """
    if isinstance(value, (tf.Tensor, tf.Variable, np.ndarray)):
        return f"shape {shape_of(value)} and dtype {value.dtype.name}"
    text = repr(value)
    text = text if len(text) <= 40 else text[:37] + "..."
    return f"{text} of type {type(value).__name__}"


def shape_of(tensor):
    """A tensor's or array's shape as a tuple, ``None`` for unknown dimensions."""
    return "(unknown)" if getattr(tensor.shape, "rank", 0) is None else tuple(tensor.shape)
