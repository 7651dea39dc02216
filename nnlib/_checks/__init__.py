"""Argument checks: every check of nnlib and its message, in one place and one style.

The concept modules call these, so that their own code reads as the lesson:
``Linear.__call__`` is one check and ``x @ W + b``. Every check raises
:class:`ValueError` with a message of one form, built by :func:`error`::

    [where: ]`name` must <what was expected>, but received <what was>. <How to fix it.>

A tensor or array is shown by its shape and dtype, any other value by its ``repr``
and type (:func:`shown`). Each check returns the value it accepted, converted (an
``int``, a tensor), so that a caller checks and converts in one line. Modules import
the package as ``from nnlib import _checks as check`` and call ``check.positive_int``;
the checks are grouped by what they look at:

- ``message.py``: :func:`error` and :func:`shown`, the message itself.
- ``values.py``: Python values: counts, numbers, flags, functions, pairs, paths.
- ``tensors.py``: tensors: floating point, shapes, a layer's input, gradients.
- ``arrays.py``: NumPy data: as many labels as examples, images, matrices.
- ``labels.py``: class labels: in range, one-hot or integer, against predictions.
- ``training.py``: the Trainer's data and verbosity, and the errors that stop it.
"""

from nnlib._checks.arrays import examples, images, matrix, probability_row, raw_images
from nnlib._checks.labels import (
    LABELS_FIX, class_labels, label_range_error, label_vector, one_hot_pair, sparse_pair,
)
from nnlib._checks import training
from nnlib._checks.message import error, shown
from nnlib._checks.tensors import (
    float_tensor, float_vector, grads_and_vars, least_squares_data, logits,
    numeric_tensor, points, rows, same_shape,
)
from nnlib._checks.values import (
    boolean, function, has_attribute, layer_sizes, mapping, non_negative_int, number,
    pair, path, positive_int, sha256, trainable_variables,
)

__all__ = [
    "LABELS_FIX", "boolean", "class_labels", "error", "examples", "float_tensor",
    "float_vector", "function", "grads_and_vars", "has_attribute", "images",
    "label_range_error", "label_vector", "layer_sizes", "least_squares_data", "logits",
    "mapping", "matrix", "non_negative_int", "number", "numeric_tensor", "one_hot_pair",
    "pair", "path", "points", "positive_int", "probability_row", "raw_images", "rows",
    "same_shape", "sha256", "shown", "sparse_pair", "trainable_variables", "training",
]
