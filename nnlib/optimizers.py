"""Optimizers: :class:`GradientDescent`, with Keras' ``apply_gradients`` interface.

An optimizer turns gradients into parameter updates. Given pairs ``(gradient,
variable)``, as ``zip(tape.gradient(loss, variables), variables)`` produces them, it
changes each variable in place.
"""

import tensorflow as tf

from nnlib import _checks as check


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
    >>> optimizer
    GradientDescent(learning_rate=0.1)
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
        self.learning_rate = check.number(
            "learning_rate", learning_rate, 0.05, positive=True,
            hint="Typical values are between 0.001 and 0.5.")
        self.iterations = tf.Variable(0, dtype=tf.int64, trainable=False, name="iterations")

    def apply_gradients(self, grads_and_vars):
        """Updates each variable in place: ``variable -= learning_rate * gradient``.

        Args:
            grads_and_vars: Pairs ``(gradient, variable)``, e.g.
                ``zip(gradients, model.trainable_variables)``.
        """
        for gradient, variable in check.grads_and_vars(grads_and_vars):
            learning_rate = tf.cast(self.learning_rate, variable.dtype)
            variable.assign_sub(tf.cast(gradient, variable.dtype) * learning_rate)
        self.iterations.assign_add(1)

    def __repr__(self):
        return f"GradientDescent(learning_rate={self.learning_rate})"
