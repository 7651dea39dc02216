"""Reproducibility and provenance helpers: :func:`seed` and :func:`versions`."""

import platform
from importlib import metadata

import tensorflow as tf

from nnlib import _checks as check


def seed(value=0):
    """Makes every random draw and every TensorFlow op repeatable.

    Seeds Python's ``random``, NumPy and TensorFlow in one call
    (``tf.keras.utils.set_random_seed``) and turns on deterministic op
    implementations (``tf.config.experimental.enable_op_determinism``), so that a
    chapter prints the same numbers every time it runs. Every chapter of the book
    calls ``nnlib.seed(0)`` in its first cell.

    Args:
        value: The seed, a non-negative integer below ``2**32`` (NumPy's limit).

    Returns:
        The seed that was set, as an ``int``.

    Raises:
        ValueError: If ``value`` is not a non-negative integer below ``2**32``.

    Example:

    >>> nnlib.seed(0)
    0
    >>> a = tf.random.uniform([3])
    >>> nnlib.seed(0)
    0
    >>> b = tf.random.uniform([3])
    >>> bool(tf.reduce_all(a == b))
    True

    See :doc:`/chapters/01-tensors`.
    """
    value = check.non_negative_int("value", value, 0, below=2**32, what="2**32")
    tf.keras.utils.set_random_seed(value)
    tf.config.experimental.enable_op_determinism()
    return value


def versions():
    """Returns the versions of the software that runs the book.

    The book prints this table on its execution report, and each page's footer names
    the same versions, so a reader can tell what produced the numbers on the page.

    Returns:
        A ``dict`` mapping ``"nnlib"``, ``"TensorFlow"``, ``"Keras"``, ``"NumPy"``,
        ``"Python"`` and ``"machine"`` to version strings.

    Example:

    >>> info = nnlib.utils.versions()
    >>> sorted(info)
    ['Keras', 'NumPy', 'Python', 'TensorFlow', 'machine', 'nnlib']
    >>> info["TensorFlow"] == tf.__version__
    True

    See :doc:`/chapters/01-tensors`.
    """
    import numpy as np

    import nnlib

    return {
        "nnlib": nnlib.__version__,
        "TensorFlow": tf.__version__,
        "Keras": metadata.version("keras"),
        "NumPy": np.__version__,
        "Python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}",
    }
