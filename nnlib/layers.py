"""Layers: :class:`Linear`, the fully connected layer ``y = x @ W + b``.

A layer is a :class:`tf.Module` that holds its parameters as ``tf.Variable``
attributes, so ``layer.trainable_variables`` lists them without any bookkeeping.
"""

import tensorflow as tf

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
    raise ValueError(
        f"`initializer` must be one of {list(_INITIALIZER_NAMES)} or a "
        f"tf.keras.initializers.Initializer instance, but received {initializer!r}. "
        f"Pass e.g. initializer=\"glorot_uniform\" or "
        f"initializer=tf.keras.initializers.RandomNormal(stddev=0.1)."
    )


def _check_features(name, value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(
            f"`{name}` must be a positive integer (a number of features), but received "
            f"{value!r} of type {type(value).__name__}. Pass a whole number such as "
            f"{name}=784."
        )


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
        _check_features("in_features", in_features)
        _check_features("out_features", out_features)
        init = _make_initializer(initializer)
        self.in_features = in_features
        self.out_features = out_features
        self.W = tf.Variable(
            init(shape=(in_features, out_features), dtype="float32"), name="W"
        )
        self.b = tf.Variable(tf.zeros([out_features], dtype=tf.float32), name="b")

    def __call__(self, x):
        x = self._check_input(x)
        return x @ self.W + self.b

    def _check_input(self, x):
        x = tf.convert_to_tensor(x)
        if not x.dtype.is_floating:
            raise ValueError(
                f"Linear expects floating-point inputs, but `x` has dtype "
                f"{x.dtype.name} (shape {tuple(x.shape)}). Convert it first, e.g. "
                f"tf.cast(x, tf.float32), and scale pixel values to [0, 1] by "
                f"dividing by 255."
            )
        if x.dtype != self.W.dtype:
            x = tf.cast(x, self.W.dtype)
        shape = tuple(x.shape)
        expected = f"(batch_size, {self.in_features})"
        if len(shape) != 2:
            if len(shape) > 2 and _product(shape[1:]) == self.in_features:
                fix = (
                    f"Flatten each example into a row first: "
                    f"tf.reshape(x, (-1, {self.in_features})) (for MNIST images, "
                    f"nnlib.data.preprocess does this)."
                )
            elif len(shape) == 1 and shape[0] == self.in_features:
                fix = (
                    f"For a single example, make it a batch of one row: "
                    f"tf.reshape(x, (1, {self.in_features}))."
                )
            else:
                fix = f"Reshape the inputs to {expected}."
            raise ValueError(
                f"Linear({self.in_features}, {self.out_features}) expects `x` of shape "
                f"{expected} (one example per row), but received shape {shape}. {fix}"
            )
        if shape[1] != self.in_features:
            raise ValueError(
                f"Linear({self.in_features}, {self.out_features}) expects `x` of shape "
                f"{expected}, but received shape {shape}: {shape[1]} features per "
                f"example instead of {self.in_features}. Use Linear({shape[1]}, "
                f"{self.out_features}) or give the inputs {self.in_features} columns."
            )
        return x


def _product(dims):
    result = 1
    for d in dims:
        if d is None:
            return None
        result *= d
    return result
