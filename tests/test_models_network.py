"""nnlib.models.FullyConnectedNetwork against a Keras Sequential, bad input, and training."""

import numpy as np
import pytest
import tensorflow as tf

import nnlib
from nnlib.losses import categorical_crossentropy
from nnlib.models import FullyConnectedNetwork
from nnlib.optimizers import GradientDescent
from nnlib.training import train_classifier

TOLERANCE = 1e-5


def _keras_copy(net):
    keras = tf.keras.Sequential(
        [tf.keras.Input((net.layer_sizes[0],))]
        + [tf.keras.layers.Dense(n, activation="relu") for n in net.layer_sizes[1:-1]]
        + [tf.keras.layers.Dense(net.layer_sizes[-1], activation="softmax")]
    )
    for dense, layer in zip(keras.layers, net.layers):
        dense.set_weights([layer.W.numpy(), layer.b.numpy()])
    return keras


def _data(n=32, features=20, classes=4):
    x = tf.random.stateless_uniform([n, features], seed=[5, 0])
    labels = tf.random.stateless_uniform([n], seed=[5, 1], maxval=classes, dtype=tf.int32)
    return x, tf.one_hot(labels, classes)


@pytest.mark.parametrize("sizes", [[20, 4], [20, 8, 4], [20, 16, 8, 4]])
def test_network_equals_keras_sequential_with_copied_weights(sizes):
    nnlib.seed(0)
    net = FullyConnectedNetwork(sizes, initializer="he_normal")
    for layer in net.layers:  # non-zero biases, so they are checked too
        layer.b.assign(tf.random.stateless_normal(layer.b.shape, seed=[7, layer.b.shape[0]]))
    keras = _keras_copy(net)
    x, y = _data()
    np.testing.assert_allclose(net(x), keras(x), atol=TOLERANCE)
    np.testing.assert_allclose(tf.nn.softmax(net.logits(x)), net(x), atol=TOLERANCE)

    with tf.GradientTape(persistent=True) as tape:
        ours = categorical_crossentropy(y, net(x))
        theirs = tf.keras.losses.CategoricalCrossentropy()(y, keras(x))
    np.testing.assert_allclose(ours, theirs, rtol=TOLERANCE)
    ours_grads = tape.gradient(ours, [v for layer in net.layers for v in (layer.W, layer.b)])
    keras_grads = tape.gradient(theirs, keras.trainable_variables)  # kernel, bias per layer
    for mine, reference in zip(ours_grads, keras_grads):
        np.testing.assert_allclose(mine, reference, atol=1e-6)


def test_variables_are_found_by_tf_module():
    net = FullyConnectedNetwork([784, 50, 10])
    shapes = sorted(tuple(v.shape) for v in net.trainable_variables)
    assert shapes == [(10,), (50,), (50, 10), (784, 50)]


def test_normal_initializer_is_standard_normal_and_default_is_glorot():
    nnlib.seed(0)
    w = FullyConnectedNetwork([784, 50, 10], initializer="normal").layers[0].W.numpy()
    assert abs(w.mean()) < 0.02 and abs(w.std() - 1.0) < 0.02
    w = FullyConnectedNetwork([784, 50, 10]).layers[0].W.numpy()
    limit = np.sqrt(6 / (784 + 50))
    assert w.max() <= limit and w.min() >= -limit and abs(w.std() - limit / np.sqrt(3)) < 0.005


@pytest.mark.parametrize("bad", [[784], [], [784, 0, 10], [784, 50.0, 10], [784, -5],
                                 "784, 10", None, 784, [784, True]])
def test_layer_sizes_must_be_two_or_more_positive_integers(bad):
    with pytest.raises(ValueError, match=r"`layer_sizes` must be a list of at least two"):
        FullyConnectedNetwork(bad)


def test_unknown_initializer_is_refused():
    with pytest.raises(ValueError, match=r"`initializer` must be one of"):
        FullyConnectedNetwork([4, 2], initializer="random")


def test_images_that_are_not_flattened_get_a_message_suggesting_preprocess():
    net = FullyConnectedNetwork([784, 50, 10])
    with pytest.raises(ValueError, match=r"\(500, 28, 28\).*Flatten.*preprocess"):
        net(tf.zeros([500, 28, 28]))


def test_raw_uint8_pixels_are_refused():
    (x, _), _ = nnlib.data.load_mnist()
    net = FullyConnectedNetwork([784, 50, 10])
    with pytest.raises(ValueError, match=r"`x` must be a floating-point tensor.*uint8.*255"):
        net(x[:5].reshape(5, 784))


def test_train_classifier_learns_and_records_history(capsys):
    nnlib.seed(0)
    x, y = _data(n=64)
    net = FullyConnectedNetwork([20, 16, 4])
    history = train_classifier(net, x, y, GradientDescent(0.5), num_steps=50, log_every=25,
                               validation_data=(x, y))
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out] == ["Step 0", "Step 25"]
    assert len(history["loss"]) == 50 and len(history["accuracy"]) == 50
    assert history["val_step"] == [0, 25, 50]
    assert history["loss"][-1] < history["loss"][0]


def test_train_classifier_stops_with_the_step_number_when_the_loss_becomes_nan():
    x, y = _data()
    net = FullyConnectedNetwork([20, 4], initializer="zeros")
    net.layers[0].W.assign(tf.fill([20, 4], np.nan))
    with pytest.raises(FloatingPointError, match=r"loss became nan at step 0.*learning rate"):
        train_classifier(net, x, y, GradientDescent(0.1), num_steps=5, print_fn=lambda s: None)


def test_train_classifier_checks_labels_before_training():
    x, _ = _data()
    with pytest.raises(ValueError, match=r"integer class labels"):
        train_classifier(FullyConnectedNetwork([20, 4]), x, tf.zeros([32], tf.int32),
                         GradientDescent(0.1))


@pytest.mark.parametrize("bad", [0, -1, 2.5, None])
def test_train_classifier_refuses_a_bad_number_of_steps(bad):
    x, y = _data()
    with pytest.raises(ValueError, match=r"`num_steps` must be a positive integer"):
        train_classifier(FullyConnectedNetwork([20, 4]), x, y, GradientDescent(0.1),
                         num_steps=bad)


def test_numpy_integers_are_layer_sizes_too():
    assert FullyConnectedNetwork([np.int64(4), 2]).layer_sizes == (4, 2)
