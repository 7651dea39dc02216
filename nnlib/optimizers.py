"""Optimizers: :class:`GradientDescent`, with Keras' ``apply_gradients`` interface.

An optimizer turns gradients into parameter updates. Given pairs ``(gradient,
variable)``, as ``zip(tape.gradient(loss, variables), variables)`` produces them, it
changes each variable in place.
"""

import math
import numbers

import tensorflow as tf


def _check_learning_rate(learning_rate):
    is_number = isinstance(learning_rate, numbers.Real) and not isinstance(
        learning_rate, bool
    )
    if not is_number or not math.isfinite(learning_rate) or learning_rate <= 0:
        raise ValueError(
            f"`learning_rate` must be a positive, finite number, but received "
            f"{learning_rate!r}. Typical values are between 0.001 and 0.5; pass e.g. "
            f"GradientDescent(learning_rate=0.05)."
        )
    return float(learning_rate)


class GradientDescent(tf.Module):
    """Plain gradient descent: move every parameter a step against its gradient.

    The gradient points in the direction in which the loss grows fastest, so a small
    step the other way lowers the loss. The learning rate sets the size of the step:
    too small and training crawls, too large and it overshoots and can diverge. This is
    ``tf.keras.optimizers.SGD(learning_rate=...)`` with no momentum, built from scratch,
    and it produces the same trajectory.

    Formula:

    .. math::

        \\theta \\leftarrow \\theta - \\eta \\, \\nabla_\\theta L(\\theta)

    for every parameter :math:`\\theta` with gradient :math:`\\nabla_\\theta L` and
    learning rate :math:`\\eta`.

    Args:
        learning_rate: The step size :math:`\\eta`, a positive finite number.
        name: Optional name of the module.

    Raises:
        ValueError: If ``learning_rate`` is zero, negative, not finite or not a
            number; :meth:`apply_gradients` raises ``ValueError`` for a missing
            (``None``) gradient or a gradient whose shape differs from its variable's.

    Example:

    >>> w = tf.Variable([1.0, 2.0])
    >>> optimizer = nnlib.optimizers.GradientDescent(learning_rate=0.1)
    >>> optimizer.apply_gradients([(tf.constant([10.0, -10.0]), w)])
    >>> w.numpy()
    array([0., 3.], dtype=float32)
    >>> int(optimizer.iterations)
    1

    See :doc:`/chapters/02-linear-regression`.
    """

    def __init__(self, learning_rate, name=None):
        super().__init__(name=name)
        # The workshop stored `self.lr = 0.05` here and ignored its argument.
        self.learning_rate = _check_learning_rate(learning_rate)
        self.iterations = tf.Variable(0, dtype=tf.int64, trainable=False, name="iterations")

    def apply_gradients(self, grads_and_vars):
        """Updates each variable in place: ``variable -= learning_rate * gradient``.

        Args:
            grads_and_vars: Pairs ``(gradient, variable)``, e.g.
                ``zip(gradients, model.trainable_variables)``.
        """
        grads_and_vars = list(grads_and_vars)
        for gradient, variable in grads_and_vars:
            if gradient is None:
                raise ValueError(
                    f"No gradient for variable {variable.name!r} (shape "
                    f"{tuple(variable.shape)}): the loss does not depend on it. Compute "
                    f"the loss from the model's output inside the `tf.GradientTape` "
                    f"block, and pass only the variables the loss uses."
                )
            if gradient.shape != variable.shape:
                raise ValueError(
                    f"Gradient of shape {tuple(gradient.shape)} does not match variable "
                    f"{variable.name!r} of shape {tuple(variable.shape)}. Pair each "
                    f"gradient with its own variable: zip(tape.gradient(loss, variables), "
                    f"variables)."
                )
        for gradient, variable in grads_and_vars:
            learning_rate = tf.cast(self.learning_rate, variable.dtype)
            variable.assign_sub(tf.cast(gradient, variable.dtype) * learning_rate)
        self.iterations.assign_add(1)
