"""Models: parameters and the function that turns inputs into predictions.

Each model is a :class:`tf.Module`: its ``tf.Variable`` attributes are its parameters,
and ``model.trainable_variables`` finds them, however the model is built.
"""

import tensorflow as tf


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
    >>> model(tf.constant([0.0, 1.0, 2.0]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([-1.,  1.,  3.], dtype=float32)>
    >>> [v.name for v in model.trainable_variables]
    ['b:0', 'm:0']

    See :doc:`/chapters/02-linear-regression`.
    """

    def __init__(self, m=1.0, b=0.0, name=None):
        super().__init__(name=name)
        for arg, value in (("m", m), ("b", b)):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not ok or value != value or abs(value) == float("inf"):
                raise ValueError(
                    f"`{arg}` must be a finite number, but received {value!r}. "
                    f"Pass e.g. LineModel(m=1.0, b=0.0)."
                )
        # dtype given explicitly: a Python int such as m=1 would otherwise make an
        # int32 variable, which cannot be multiplied with float32 data.
        self.m = tf.Variable(float(m), dtype=tf.float32, name="m")
        self.b = tf.Variable(float(b), dtype=tf.float32, name="b")

    def __call__(self, x):
        x = tf.convert_to_tensor(x)
        if not x.dtype.is_floating:
            raise ValueError(
                f"LineModel expects floating-point inputs, but `x` has dtype "
                f"{x.dtype.name}. Convert it with tf.cast(x, tf.float32)."
            )
        return self.m * tf.cast(x, tf.float32) + self.b
