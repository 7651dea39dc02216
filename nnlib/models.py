"""Models: parameters and the function that turns inputs into predictions.

Each model is a :class:`tf.Module`: its ``tf.Variable`` attributes are its parameters,
and ``model.trainable_variables`` finds them, however the model is built.
"""

import tensorflow as tf

from nnlib import _checks as check
from nnlib.activations import relu, softmax
from nnlib.layers import Linear


class LineModel(tf.Module):
    """The straight line ``y = m x + b``: one input, one output, two parameters.

    The workshop's first model. It kept its parameters in a hand-written list,
    ``self.trainable_variables = [self.m, self.b]``, which has to be updated by hand
    whenever a parameter is added. As a :class:`tf.Module`, the model finds its
    variables itself: ``trainable_variables`` lists every trainable ``tf.Variable``
    among its attributes, sorted by attribute name (so ``b`` comes before ``m``; pair
    gradients with variables with ``zip``, never by position).

    Args:
        m: Initial slope, a number (default 1.0, as in the workshop).
        b: Initial intercept, a number (default 0.0).
        name: Optional name of the module.

    Input shape:
        Any shape, floating point; usually ``(N,)``.

    Output shape:
        The shape of the input.

    Raises:
        ValueError: If ``m`` or ``b`` is not a finite number; calling the model raises
            ``ValueError`` for integer inputs.

    Example:

    >>> model = nnlib.models.LineModel(m=2.0, b=-1.0)
    >>> model
    LineModel(m=2.0, b=-1.0)
    >>> model(tf.constant([0.0, 1.0, 2.0]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([-1.,  1.,  3.], dtype=float32)>
    >>> [v.name for v in model.trainable_variables]
    ['b:0', 'm:0']

    See :doc:`/chapters/02-linear-regression`.
    """

    def __init__(self, m=1.0, b=0.0, name=None):
        super().__init__(name=name)
        # dtype given explicitly: a Python int such as m=1 would otherwise make an
        # int32 variable, which cannot be multiplied with float32 data.
        self.m = tf.Variable(check.number("m", m, 1.0), dtype=tf.float32, name="m")
        self.b = tf.Variable(check.number("b", b, 0.0), dtype=tf.float32, name="b")

    def __call__(self, x):
        x = check.float_tensor("x", x, context="LineModel")
        return self.m * tf.cast(x, tf.float32) + self.b

    def __repr__(self):
        return f"LineModel(m={round(float(self.m), 4)}, b={round(float(self.b), 4)})"


class FullyConnectedNetwork(tf.Module):
    """A neural network of :class:`~nnlib.layers.Linear` layers with ReLU between them.

    ``layer_sizes`` lists the width of every layer, inputs first: ``[784, 50, 10]``
    is 784 inputs, one hidden layer of 50 units, and 10 outputs. Each hidden layer is
    a ``Linear`` layer followed by :func:`~nnlib.activations.relu`; the last layer is
    a ``Linear`` layer whose outputs, the logits, go through
    :func:`~nnlib.activations.softmax`. Calling the network returns probabilities;
    :meth:`logits` returns the scores before softmax (for
    ``categorical_crossentropy(..., from_logits=True)``). With ``[784, 10]`` it is
    the multiclass logistic regression of chapter 4.

    It equals a ``tf.keras.Sequential`` of ``Dense`` layers with ``"relu"`` and, last,
    ``"softmax"`` activations, given the same weights.

    Args:
        layer_sizes: Widths of the layers, inputs first: a list or tuple of at least
            two positive integers.
        initializer: How every layer's ``W`` is initialised (biases start at 0):
            ``"glorot_uniform"`` (the default, as Keras' ``Dense``), ``"he_normal"``,
            ``"normal"`` (N(0, 1), the workshop's choice), ``"ones"``, ``"zeros"``, or
            a ``tf.keras.initializers.Initializer`` instance.
        name: Optional name of the module.

    Input shape:
        ``(batch_size, layer_sizes[0])``, floating point.

    Output shape:
        ``(batch_size, layer_sizes[-1])``: probabilities, each row summing to 1.

    Raises:
        ValueError: If ``layer_sizes`` is not a list of at least two positive
            integers, or ``initializer`` is unknown. Calling the network raises the
            input errors of :class:`~nnlib.layers.Linear` (integer pixels, images not
            flattened).

    Example:

    >>> net = nnlib.models.FullyConnectedNetwork([784, 50, 10])
    >>> net
    FullyConnectedNetwork([784, 50, 10])
    >>> [(layer.W.shape, layer.b.shape) for layer in net.layers]
    [(TensorShape([784, 50]), TensorShape([50])), (TensorShape([50, 10]), TensorShape([10]))]
    >>> probabilities = net(tf.zeros([3, 784]))
    >>> probabilities.shape, net.logits(tf.zeros([3, 784])).shape
    (TensorShape([3, 10]), TensorShape([3, 10]))
    >>> tf.reduce_sum(probabilities, axis=1).numpy().round(4)
    array([1., 1., 1.], dtype=float32)
    >>> sum(int(tf.size(v)) for v in net.trainable_variables)
    39760

    See :doc:`/chapters/05-neural-networks`.
    """

    def __init__(self, layer_sizes, initializer="glorot_uniform", name=None):
        super().__init__(name=name)
        self.layer_sizes = tuple(check.layer_sizes(layer_sizes))
        sizes = self.layer_sizes
        self.layers = [
            Linear(n_in, n_out, initializer=initializer, name=f"linear_{i}")
            for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]))
        ]

    def logits(self, x):
        """Returns the scores of the last layer, before softmax.

        Args:
            x: Float tensor of shape ``(batch_size, layer_sizes[0])``.

        Returns:
            A float32 tensor of shape ``(batch_size, layer_sizes[-1])``.
        """
        hidden = x
        for layer in self.layers[:-1]:
            hidden = relu(layer(hidden))
        return self.layers[-1](hidden)

    def __call__(self, x):
        return softmax(self.logits(x))

    def __repr__(self):
        return f"FullyConnectedNetwork({list(self.layer_sizes)})"
