"""nnlib.data.preprocess: scaling, flattening, one-hot labels, and bad input."""

import numpy as np
import pytest
import tensorflow as tf

import nnlib
from nnlib.data import preprocess


@pytest.fixture(scope="module")
def mnist_head():
    (x_train, y_train), _ = nnlib.data.load_mnist()
    return x_train[:500], y_train[:500]


def test_preprocess_scales_flattens_and_one_hot_encodes(mnist_head):
    x_raw, y_raw = mnist_head
    x, y = preprocess(x_raw, y_raw)
    assert x.shape == (500, 784) and x.dtype == tf.float32
    assert y.shape == (500, 10) and y.dtype == tf.float32
    np.testing.assert_array_equal(x.numpy(), x_raw.reshape(500, 784) / np.float32(255))
    assert float(tf.reduce_min(x)) == 0.0 and float(tf.reduce_max(x)) == 1.0
    np.testing.assert_array_equal(tf.argmax(y, axis=1).numpy(), y_raw)
    np.testing.assert_array_equal(tf.reduce_sum(y, axis=1).numpy(), np.ones(500))


def test_preprocess_num_classes_and_small_images():
    x, y = preprocess(np.full((2, 3, 3), 255, np.uint8), np.array([0, 2]), num_classes=3)
    assert x.shape == (2, 9) and y.numpy().tolist() == [[1, 0, 0], [0, 0, 1]]


@pytest.mark.parametrize("bad", [np.zeros((2, 28, 28), np.float32), np.zeros((2, 28, 28), np.int64)])
def test_preprocess_refuses_pixels_that_are_not_uint8(bad):
    with pytest.raises(ValueError, match=r"`x` must hold raw pixel values, uint8.*divide them by 255"):
        preprocess(bad, np.array([1, 2]))


def test_preprocess_refuses_a_single_image():
    with pytest.raises(ValueError, match=r"batch of images.*\(28,\).*x\[None\]"):
        preprocess(np.zeros(28, np.uint8), np.array([1]))


@pytest.mark.parametrize("bad", [np.array([[1], [2]]), np.array([1.0, 2.0]),
                                 np.zeros((2, 10), np.float32)])
def test_preprocess_refuses_labels_that_are_not_an_integer_vector(bad):
    with pytest.raises(ValueError, match=r"`y` must be integer class labels of shape"):
        preprocess(np.zeros((2, 28, 28), np.uint8), bad)


def test_preprocess_refuses_different_counts():
    with pytest.raises(ValueError, match=r"3 images.*2 labels.*x\[:500\], y\[:500\]"):
        preprocess(np.zeros((3, 28, 28), np.uint8), np.array([1, 2]))


@pytest.mark.parametrize("labels, num_classes", [([0, 10], 10), ([-1, 3], 10), ([0, 5], 5)])
def test_preprocess_refuses_labels_out_of_range(labels, num_classes):
    with pytest.raises(ValueError, match=r"labels from 0 to"):
        preprocess(np.zeros((2, 28, 28), np.uint8), np.array(labels), num_classes=num_classes)


@pytest.mark.parametrize("bad", [0, -3, 2.5, None, "10", True])
def test_preprocess_refuses_a_bad_num_classes(bad):
    with pytest.raises(ValueError, match=r"`num_classes` must be a positive integer"):
        preprocess(np.zeros((2, 28, 28), np.uint8), np.array([0, 1]), num_classes=bad)
