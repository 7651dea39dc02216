"""The book's data: MNIST, shipped with nnlib, and the workshop's simulated line.

Nothing here downloads anything: both data sets are files inside the package
(``nnlib/datasets/``), and MNIST's checksum is verified on every load.
"""

import csv
import hashlib
import zipfile
import zlib
from importlib import resources
from pathlib import Path

import numpy as np
import tensorflow as tf

from nnlib import _checks as check

MNIST_SHA256 = "06af5dfe73b70e3bc1c36439982b18a8d76803db9b544f6fdf838a37fbb01b64"
"""SHA-256 of the MNIST file shipped with nnlib (``nnlib/datasets/mnist.npz``)."""

_MNIST_LAYOUT = {
    "x_train": ((60000, 28, 28), np.uint8),
    "y_train": ((60000,), np.uint8),
    "x_test": ((10000, 28, 28), np.uint8),
    "y_test": ((10000,), np.uint8),
}
_RESTORE = (
    "Restore the shipped copy with `git checkout -- nnlib/datasets/mnist.npz` in the "
    "book's repository, or reinstall nnlib; nothing is downloaded automatically."
)


def _datasets_dir():
    return Path(resources.files("nnlib")) / "datasets"


def _sha256(path):
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def load_mnist(path=None, sha256=None):
    """Loads the MNIST handwritten digits, exactly as ``tf.keras.datasets.mnist``.

    Returns the same four arrays that ``tf.keras.datasets.mnist.load_data()`` returns
    (which downloads them), from the copy that ships inside nnlib, so the book builds
    and runs offline. MNIST is by Yann LeCun, Corinna Cortes and Christopher J.C.
    Burges, licensed under CC BY-SA 3.0.

    The file's SHA-256 is checked on every load: a missing, truncated or altered copy
    raises an error instead of giving wrong pixels.

    Args:
        path: Optional path of another ``.npz`` file in the same layout (keys
            ``x_train``, ``y_train``, ``x_test``, ``y_test``). Defaults to the copy
            shipped with nnlib.
        sha256: Optional expected SHA-256 (64 hexadecimal digits, either case) of the
            file at ``path``. The shipped copy is always checked against
            :data:`MNIST_SHA256`.

    Returns:
        ``((x_train, y_train), (x_test, y_test))``: uint8 NumPy arrays of shapes
        ``(60000, 28, 28)``, ``(60000,)``, ``(10000, 28, 28)`` and ``(10000,)``.
        Pixels run from 0 (background) to 255 (ink); labels are the digits 0 to 9.

    Raises:
        FileNotFoundError: If the file does not exist.
        ValueError: If the file's checksum differs from the expected one, or it is
            not an ``.npz`` archive with the four arrays in MNIST's layout (a damaged
            or truncated file given as ``path`` without ``sha256`` included); if
            ``path`` is not a path, ``sha256`` is not 64 hexadecimal digits, or
            ``sha256`` is given without ``path`` and differs from :data:`MNIST_SHA256`.

    Example:

    >>> (x_train, y_train), (x_test, y_test) = nnlib.data.load_mnist()
    >>> x_train.shape, x_train.dtype, x_test.shape
    ((60000, 28, 28), dtype('uint8'), (10000, 28, 28))
    >>> y_train[:10]
    array([5, 0, 4, 1, 9, 2, 1, 3, 1, 4], dtype=uint8)

    See :doc:`/chapters/04-logistic-regression`.
    """
    if path is None:
        path, expected = _datasets_dir() / "mnist.npz", check.sha256(sha256, MNIST_SHA256)
    else:
        path, expected = check.path("path", path), check.sha256(sha256)
    arrays = _read_verified(path, expected)
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def _read_verified(path, expected):
    """The arrays of the MNIST file at ``path``, once its digest and layout are checked."""
    if not path.is_file():
        raise check.error("path", "name an existing MNIST .npz file", f"'{path}', which "
                          f"was not found", f"Expected a .npz archive with SHA-256 "
                          f"{expected or MNIST_SHA256}. {_RESTORE}", kind=FileNotFoundError)
    if expected is not None and (found := _sha256(path)) != expected:
        raise check.error("path", f"name a file with SHA-256 {expected}", f"'{path}' "
                          f"({path.stat().st_size:,} bytes) with SHA-256 {found}: the file "
                          f"is damaged or altered", _RESTORE)
    archive = f"name an .npz archive with the arrays {list(_MNIST_LAYOUT)}"
    if not zipfile.is_zipfile(path):
        raise check.error("path", archive, f"'{path}', which is not a readable .npz (zip) "
                          f"archive: it may be truncated or damaged", _RESTORE)
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in _MNIST_LAYOUT}
    except (KeyError, OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error) as e:
        raise check.error("path", archive, f"'{path}', which numpy cannot read as one "
                          f"({type(e).__name__}: {e})", _RESTORE) from e
    for key, (shape, dtype) in _MNIST_LAYOUT.items():
        if arrays[key].shape != shape or arrays[key].dtype != dtype:
            raise check.error("path", f"name an archive whose '{key}' has shape {shape} "
                              f"and dtype {np.dtype(dtype).name}", f"'{path}', whose "
                              f"'{key}' has shape {arrays[key].shape} and dtype "
                              f"{arrays[key].dtype}", _RESTORE)
    return arrays


def line_data(seed=None):
    """Returns the workshop's simulated line data: 40 noisy points of y = 3.5x - 1.

    ``x`` is ``tf.range(1., 5., 0.1)`` (40 float32 values from 1.0 to 4.9). By default
    ``y`` is the workshop's own noise draw, the 40 values its article printed, so the
    book's fits and logs can be compared with the article number for number (the
    article drew them with ``tf.random.uniform`` and no seed, so they cannot be
    redrawn). With ``seed``, ``y`` is a fresh, repeatable draw of
    ``3.5 * x - 1 + U(-1, 1)``.

    Args:
        seed: ``None`` for the workshop's values, or a non-negative integer seed (below
            ``2**63``) for a fresh draw.

    Returns:
        ``(x, y)``: two float32 tensors of shape ``(40,)``.

    Raises:
        ValueError: If ``seed`` is not ``None`` or a non-negative integer below
            ``2**63``.

    Example:

    >>> x, y = nnlib.data.line_data()
    >>> x.shape, y.dtype
    (TensorShape([40]), tf.float32)
    >>> round(float(x[0]), 1), round(float(y[0]), 4)
    (1.0, 1.5082)
    >>> x2, y2 = nnlib.data.line_data(seed=1)
    >>> bool(tf.reduce_all(tf.abs(y2 - (3.5 * x2 - 1)) <= 1))
    True

    See :doc:`/chapters/02-linear-regression`.
    """
    seed = check.non_negative_int("seed", seed, 0, below=2**63, what="2**63", or_none=True)
    x = tf.range(1.0, 5.0, 0.1)
    if seed is None:
        with open(_datasets_dir() / "workshop_line.csv", newline="") as f:
            values = [float(row["y"]) for row in csv.DictReader(f)]
        return x, tf.constant(values, dtype=tf.float32)
    noise = tf.random.stateless_uniform(x.shape, seed=[seed, 0], minval=-1.0, maxval=1.0)
    return x, 3.5 * x - 1.0 + noise


def split_validation(x, y, num_validation=10_000):
    """Holds out the last ``num_validation`` training examples as a validation set.

    Anything chosen from a number (a learning rate, an initialisation, a number of
    epochs, when to stop) must be chosen on data the model is not trained on and
    that is not the test set: the test set is kept for one final evaluation of the
    chosen model. This splits the training arrays into the examples to train on and
    a validation set, without shuffling: the validation set is the last
    ``num_validation`` examples, as Keras' ``fit(validation_split=...)`` takes the
    last fraction. MNIST's training images are in no particular order of class, so
    the last 10,000 hold every digit (each between 9 % and 11 %).

    Args:
        x: Training inputs, any array or tensor with examples along the first axis
            (raw images from :func:`load_mnist` or preprocessed ones).
        y: Training labels, with as many rows as ``x``.
        num_validation: How many examples, from the end, to hold out: a positive
            integer smaller than the number of examples.

    Returns:
        ``((x_fit, y_fit), (x_val, y_val))``: the first ``len(x) - num_validation``
        examples to train on and the last ``num_validation`` to validate on, of the
        same types as ``x`` and ``y``.

    Raises:
        ValueError: If ``x`` and ``y`` are not arrays or hold different numbers of
            examples, or ``num_validation`` is not a positive integer smaller than that
            number.

    Example:

    >>> (x_train, y_train), _ = nnlib.data.load_mnist()
    >>> (x_fit, y_fit), (x_val, y_val) = nnlib.data.split_validation(x_train, y_train)
    >>> x_fit.shape, x_val.shape, y_val.shape
    ((50000, 28, 28), (10000, 28, 28), (10000,))
    >>> bool((x_val == x_train[50000:]).all())
    True

    See :doc:`/chapters/04-logistic-regression`.
    """
    num_x = check.examples(x, y, "Split the arrays load_mnist returns, e.g. "
                           "split_validation(x_train, y_train).")
    num_validation = check.positive_int(
        "num_validation", num_validation, min(10_000, max(num_x // 6, 1)), below=num_x,
        what=f"the number of examples ({num_x})")
    cut = num_x - num_validation
    return (x[:cut], y[:cut]), (x[cut:], y[cut:])


def preprocess(x, y, num_classes=10):
    """Turns raw MNIST images and labels into what a classifier trains on.

    Three steps, each explained in chapter 4: pixel values are scaled from the
    integers 0 to 255 to floats between 0 and 1 (so that the initial scores and the
    gradients are of a sensible size); each image is flattened into one row of
    pixels (28 × 28 → 784), so a batch is a matrix with one example per row; and
    each label becomes a one-hot vector of length ``num_classes``.

    Args:
        x: Images as ``load_mnist`` returns them: uint8 array of shape
            ``(num_examples, 28, 28)`` (any image size works), values 0 to 255.
        y: Labels: integer array of shape ``(num_examples,)``, values 0 to
            ``num_classes - 1``.
        num_classes: The number of classes, a positive integer (10 digits).

    Returns:
        ``(x, y)``: a float32 tensor of shape ``(num_examples, pixels)`` with values
        in [0, 1], and a float32 tensor of shape ``(num_examples, num_classes)`` of
        one-hot labels.

    Raises:
        ValueError: If ``x`` is not uint8 (already scaled images are refused rather
            than divided by 255 twice), is not a batch of images, ``y`` is not a
            vector of integer labels in range, the two counts differ, or
            ``num_classes`` is not a positive integer.

    Example:

    >>> (x_train, y_train), _ = nnlib.data.load_mnist()
    >>> x, y = nnlib.data.preprocess(x_train[:500], y_train[:500])
    >>> x.shape, x.dtype, y.shape
    (TensorShape([500, 784]), tf.float32, TensorShape([500, 10]))
    >>> float(tf.reduce_min(x)), float(tf.reduce_max(x))
    (0.0, 1.0)
    >>> y_train[0], y[0].numpy()
    (np.uint8(5), array([0., 0., 0., 0., 0., 1., 0., 0., 0., 0.], dtype=float32))

    See :doc:`/chapters/04-logistic-regression`.
    """
    num_classes = check.positive_int("num_classes", num_classes, 10)
    x, y = check.raw_images(x), check.label_vector(y)
    check.examples(x, y, "Slice both the same way, e.g. x[:500], y[:500].", "images")
    check.class_labels("y", y, num_classes, classes=f"num_classes={num_classes}",
                       fix="Pass the right num_classes.")
    pixels = tf.constant(x.reshape(len(x), -1), dtype=tf.float32) / 255.0
    one_hot = tf.one_hot(y.astype(np.int64), num_classes, dtype=tf.float32)
    return pixels, one_hot
