"""Checks of NumPy data: as many labels as examples, images, matrices, one row."""

import numpy as np

from nnlib._checks.message import error, shown


def examples(x, y, fix, kind="inputs", names=("x", "y")):
    """Returns the number of examples of ``x``, which must be that of its labels ``y``.

    >>> examples(np.zeros((6, 2)), np.zeros(5), "Slice both the same way.")
    Traceback (most recent call last):
    ValueError: `x` and `y` must describe the same examples, but received 6 inputs ...
    """
    try:
        num_x, num_y = len(x), len(y)
    except TypeError:
        raise error(names, "be arrays with one example per row",
                    f"{shown(x)} and {shown(y)}", fix) from None
    if num_x != num_y:
        raise error(names, "describe the same examples", f"{num_x} {kind} (shape "
                    f"{tuple(np.shape(x))}) and {num_y} labels (shape "
                    f"{tuple(np.shape(y))})", fix)
    return num_x


def raw_images(value, name="x"):
    """Returns images as a uint8 array ``(num_examples, height, width)``, as MNIST's.

    >>> raw_images(np.zeros((2, 28, 28), np.float32))
    Traceback (most recent call last):
    ValueError: `x` must hold raw pixel values, uint8 from 0 to 255 as load_mnist ...
    """
    x = np.asarray(value)
    if x.dtype != np.uint8:
        raise error(name, "hold raw pixel values, uint8 from 0 to 255 as load_mnist "
                    "returns them", f"dtype {x.dtype} (shape {x.shape})", "If these images "
                    "are already scaled and flattened, use them as they are; preprocess "
                    "would divide them by 255 a second time.")
    if x.ndim < 2:
        raise error(name, "be a batch of images of shape (num_examples, height, width)",
                    f"shape {x.shape}", f"For one image, pass {name}[None] (a batch of "
                    f"one).")
    return x


def images(name, value, shape):
    """Returns images as a float32 array ``(N, height, width)``, from it or ``(N, pixels)``.

    >>> images("images", np.zeros((3, 10)), (28, 28))
    Traceback (most recent call last):
    ValueError: `images` must hold images of shape (N, 28, 28) or flattened (N, ...
    """
    pixels = shape[0] * shape[1]
    expected = (f"hold images of shape (N, {shape[0]}, {shape[1]}) or flattened "
                f"(N, {pixels})")
    array = _array(name, value, expected)
    if array.ndim not in (2, 3) or array.size % pixels or array[0].size != pixels:
        raise error(name, expected, shown(array), f"Pass e.g. {name}=x_train[:12].")
    return array.reshape((-1,) + tuple(shape))


def matrix(name, value, example):
    """Returns ``value`` as a two-dimensional float32 array.

    >>> matrix("weights", np.ones(784), "layer.W")
    Traceback (most recent call last):
    ValueError: `weights` must be a matrix (two-dimensional), but received shape ...
    """
    array = _array(name, value, "be a matrix (two-dimensional)")
    if array.ndim != 2:
        raise error(name, "be a matrix (two-dimensional)", shown(array),
                    f"Pass e.g. {name}={example}.")
    return array


def _array(name, value, expected):
    original = value
    try:
        value = np.asarray(value)
        return value.astype(np.float32)
    except (TypeError, ValueError):
        raise error(name, expected, shown(value if isinstance(value, np.ndarray) else
                                          original), "Pass numbers.") from None


def probability_row(value, name="probabilities"):
    """Returns the probabilities of one example as a vector (a batch of one is unpacked).

    >>> probability_row(np.ones((2, 3)) / 3)
    Traceback (most recent call last):
    ValueError: `probabilities` must be one row of probabilities, shape ...
    """
    expected = "be one row of probabilities, shape (num_classes,)"
    array = _array(name, value, expected)
    if array.ndim == 0 or array.size != array.shape[-1]:
        raise error(name, expected, shown(array), f"Pass the row of one example, e.g. "
                    f"{name}=softmax(model(x[:1]))[0].")
    return array.reshape(-1)
