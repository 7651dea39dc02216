"""Layers: :class:`Linear`, the fully connected layer ``y = x @ W + b``.

A layer is a :class:`tf.Module` that holds its parameters as ``tf.Variable``
attributes, so ``layer.trainable_variables`` lists them without any bookkeeping.
"""

import tensorflow as tf

from nnlib import _checks as check


class Linear(tf.Module):
    """A fully connected (dense) layer without activation: ``y = x @ W + b``.

    Each of the ``out_features`` outputs is a weighted sum of the ``in_features``
    inputs plus a bias. ``W`` has one row per input and one column per output, so a
    batch of examples, one per row of ``x``, is transformed by one matrix product, and
    the bias is added to every row by broadcasting. This is ``tf.keras.layers.Dense``
    with no activation, built from scratch.

    The workshop initialised ``W`` to ones and ``b`` to zeros, which is the default
    here; the random initialisations that deeper networks need are one argument away.
    Floating-point inputs of another precision are cast to the layer's ``float32``, as
    Keras does; integer inputs (such as raw MNIST pixels) are refused.

    Args:
        in_features: Number of inputs per example (the width of ``x``), a positive
            integer.
        out_features: Number of outputs per example (the width of ``y``), a positive
            integer.
        initializer: How ``W`` is initialised: ``"ones"`` (the workshop's choice),
            ``"zeros"``, ``"normal"`` (standard normal N(0, 1)), ``"glorot_uniform"``,
            ``"he_normal"``, or any ``tf.keras.initializers.Initializer`` instance.
            ``b`` always starts at zeros.
        name: Optional name of the module.

    Input shape:
        ``(batch_size, in_features)``, floating point.

    Output shape:
        ``(batch_size, out_features)``, float32.

    Raises:
        ValueError: If ``in_features`` or ``out_features`` is not a positive integer,
            or ``initializer`` is not a known name or initializer. Calling the layer
            raises ``ValueError`` for integer inputs, inputs that are not a batch of
            rows (rank 2), and a width different from ``in_features``.

    Example:

    >>> layer = nnlib.layers.Linear(3, 2)
    >>> layer
    Linear(3, 2)
    >>> layer.W.shape, layer.b.shape
    (TensorShape([3, 2]), TensorShape([2]))
    >>> x = tf.constant([[1.0, 2.0, 3.0], [0.5, 0.5, 0.5]])
    >>> layer(x)
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[6. , 6. ],
           [1.5, 1.5]], dtype=float32)>
    >>> [v.name for v in layer.trainable_variables]
    ['W:0', 'b:0']
    >>> nnlib.layers.Linear(784, 50, initializer="glorot_uniform")(tf.zeros([5, 784])).shape
    TensorShape([5, 50])

    See :doc:`/chapters/03-many-inputs`.
    """

    def __init__(self, in_features, out_features, initializer="ones", name=None):
        super().__init__(name=name)
        self.in_features = check.positive_int("in_features", in_features, 784)
        self.out_features = check.positive_int("out_features", out_features, 10)
        init = _make_initializer(initializer)
        self.W = tf.Variable(
            init(shape=(self.in_features, self.out_features), dtype="float32"), name="W"
        )
        self.b = tf.Variable(tf.zeros([self.out_features], dtype=tf.float32), name="b")

    def __call__(self, x):
        x = check.rows("x", x, self.in_features, context=repr(self))
        return x @ self.W + self.b

    def __repr__(self):
        return f"Linear({self.in_features}, {self.out_features})"


_INITIALIZER_NAMES = ("ones", "zeros", "normal", "glorot_uniform", "he_normal")


def _make_initializer(initializer):
    """Returns a Keras initializer for one of the names above, or the instance given."""
    if isinstance(initializer, str):
        if initializer == "ones":
            return tf.keras.initializers.Ones()
        if initializer == "zeros":
            return tf.keras.initializers.Zeros()
        if initializer == "normal":
            # N(0, 1), as the workshop's tf.random.normal; Keras' "normal" has stddev 0.05.
            return tf.keras.initializers.RandomNormal(mean=0.0, stddev=1.0)
        if initializer == "glorot_uniform":
            return tf.keras.initializers.GlorotUniform()
        if initializer == "he_normal":
            return tf.keras.initializers.HeNormal()
    elif isinstance(initializer, tf.keras.initializers.Initializer):
        return initializer
    raise check.error(
        "initializer", f"be one of {list(_INITIALIZER_NAMES)} or a "
        f"tf.keras.initializers.Initializer instance", check.shown(initializer),
        'Pass e.g. initializer="glorot_uniform" or '
        "initializer=tf.keras.initializers.RandomNormal(stddev=0.1).",
    )
