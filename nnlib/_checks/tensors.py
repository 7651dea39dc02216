"""Checks of tensors: dtypes, shapes, a layer's input, regression data, gradients."""

import tensorflow as tf

from nnlib._checks.message import error, shape_of, shown
from nnlib._checks.values import boolean


def float_tensor(name, value, *, fix=None, context=None):
    """Returns ``value`` as a floating-point tensor; integers and strings are refused.

    >>> float_tensor("x", [1.0, 2.0]).dtype
    tf.float32
    >>> float_tensor("x", [1, 2])
    Traceback (most recent call last):
    ValueError: `x` must be a floating-point tensor, but received dtype int32 ...
    """
    fix = fix or f"Convert it with tf.cast({name}, tf.float32)."
    tensor = as_tensor(name, value, "be a floating-point tensor", fix, context)
    if not tensor.dtype.is_floating:
        raise error(name, "be a floating-point tensor",
                    f"dtype {tensor.dtype.name} (shape {shape_of(tensor)})", fix, context)
    return tensor


def numeric_tensor(name, value, *, booleans=False, fix=None, context=None):
    """Returns ``value`` as a tensor of numbers (and of booleans, if allowed).

    >>> numeric_tensor("values", ["a"])
    Traceback (most recent call last):
    ValueError: `values` must be a tensor of numbers, but received dtype string ...
    """
    fix = fix or "Pass numbers, e.g. a float tensor."
    tensor = as_tensor(name, value, "be a tensor of numbers", fix, context)
    dtype = tensor.dtype
    if not (dtype.is_floating or dtype.is_integer or (booleans and dtype == tf.bool)):
        raise error(name, "be a tensor of numbers",
                    f"dtype {dtype.name} (shape {shape_of(tensor)})", fix, context)
    return tensor


def as_tensor(name, value, expected, fix, context=None):
    try:
        return tf.convert_to_tensor(value)
    except (TypeError, ValueError):
        raise error(name, expected, shown(value), fix, context) from None


def logits(value, name="logits"):
    """Returns scores as a floating-point tensor with at least one axis (the classes).

    >>> logits(3.0)
    Traceback (most recent call last):
    ValueError: `logits` must have at least one axis (the classes), but received a ...
    """
    tensor = float_tensor(name, value)
    if tensor.shape.rank == 0:
        raise error(name, "have at least one axis (the classes)", "a scalar of shape ()",
                    "Pass a vector of scores, or a batch of shape (batch_size, "
                    "num_classes).")
    return tensor


def rows(name, value, width, *, dtype=tf.float32, context=None):
    """Returns a batch of examples, one per row, ``(batch_size, width)``, cast to ``dtype``.

    The message says how to fix the usual mistakes: images not flattened, one example
    without its batch axis, integer pixels.

    >>> rows("x", tf.zeros([2, 3]), 3).shape
    TensorShape([2, 3])
    >>> rows("x", tf.zeros([5, 28, 28]), 784)
    Traceback (most recent call last):
    ValueError: `x` must have shape (batch_size, 784), one example per row, but ...
    """
    x = float_tensor(name, value, context=context, fix=(
        f"Convert it with tf.cast({name}, tf.float32), and scale pixel values to [0, 1] by "
        f"dividing by 255 (nnlib.data.preprocess does both)."))
    expected = f"have shape (batch_size, {width}), one example per row"
    shape = x.shape
    if shape.rank is not None and shape.rank != 2:
        if shape.rank > 2 and shape[1:].num_elements() == width:
            fix = (f"Flatten each example into a row first: "
                   f"tf.reshape({name}, (-1, {width})) (for MNIST images, "
                   f"nnlib.data.preprocess does this).")
        elif shape.rank == 1 and shape[0] == width:
            fix = (f"For a single example, make it a batch of one row: "
                   f"tf.reshape({name}, (1, {width})).")
        else:
            fix = f"Reshape it to (batch_size, {width})."
        raise error(name, expected, f"shape {tuple(shape)}", fix, context)
    if shape.rank == 2 and shape[1] is not None and shape[1] != width:
        raise error(name, expected,
                    f"shape {tuple(shape)}: {shape[1]} features per example instead of "
                    f"{width}", f"Give the inputs {width} columns, or make the layer with "
                    f"in_features={shape[1]}.", context)
    return tf.cast(x, dtype)


def same_shape(y_true, y_pred):
    """Refuses targets and predictions of different shapes, which would broadcast.

    >>> same_shape(tf.zeros([40]), tf.zeros([40, 1]))
    Traceback (most recent call last):
    ValueError: `y_true` and `y_pred` must have the same shape, ... Drop the last ...
    """
    if y_true.shape.is_compatible_with(y_pred.shape):
        return
    fix = "Make both the same shape."
    true_rank, pred_rank = y_true.shape.rank, y_pred.shape.rank
    if true_rank is not None and pred_rank is not None:
        if true_rank + 1 == pred_rank and y_pred.shape[-1] == 1:
            fix = "Drop the last axis of the predictions with tf.squeeze(y_pred, axis=-1)."
        elif pred_rank + 1 == true_rank and y_true.shape[-1] == 1:
            fix = "Drop the last axis of the targets with tf.squeeze(y_true, axis=-1)."
    raise error(("y_true", "y_pred"), "have the same shape",
                f"y_true.shape={shape_of(y_true)} and y_pred.shape={shape_of(y_pred)}",
                f"Broadcasting them would compare every target with every prediction and "
                f"give a wrong loss without an error. {fix}")


def points(x, y, min_length=1, distinct=False):
    """Returns ``(x, y)`` as float vectors of one length, ``y`` in the dtype of ``x``.

    With ``distinct``, the values of ``x`` must not all be equal (a line through
    points of one ``x`` has no slope).

    >>> points([0.0, 1.0], [1.0], min_length=2)
    Traceback (most recent call last):
    ValueError: `x` and `y` must be one-dimensional with the same length of at ...
    """
    x = float_tensor("x", x)
    y = tf.cast(float_tensor("y", y), x.dtype)
    if x.shape.rank != 1 or x.shape != y.shape or x.shape[0] < min_length:
        raise error(("x", "y"), f"be one-dimensional with the same length of at least "
                    f"{min_length}", f"x.shape={shape_of(x)} and y.shape={shape_of(y)}",
                    "Flatten them with tf.reshape(x, [-1]) and tf.reshape(y, [-1]).")
    if distinct and float(tf.reduce_max(x) - tf.reduce_min(x)) == 0.0:
        raise error("x", "hold at least two different values", f"{x.shape[0]} values all "
                    f"equal to {float(x[0])}", "No slope fits better than another: give "
                    "at least two different x values.")
    return x, y


def float_vector(name, value, dtype):
    """Returns a one-dimensional tensor of numbers, cast to ``dtype``.

    >>> float_vector("m_values", [[1.0, 2.0]], tf.float32)
    Traceback (most recent call last):
    ValueError: `m_values` must be one-dimensional, but received shape (1, 2) and ...
    """
    fix = f"Pass e.g. {name}=np.linspace(0, 6, 61)."
    tensor = numeric_tensor(name, value, fix=fix)
    if tensor.shape.rank != 1:
        raise error(name, "be one-dimensional", shown(tensor), fix)
    return tf.cast(tensor, dtype)


def least_squares_data(x, y, fit_intercept):
    """Returns inputs ``(N, in_features)`` and targets ``(N, out_features)`` as floats.

    ``fit_intercept`` must be a bool, and ``N`` at least the number of unknowns of each
    output (the weights, and the bias with ``fit_intercept``): with fewer examples,
    many solutions fit exactly.

    >>> least_squares_data(tf.ones([2, 3]), tf.ones([2, 1]), True)
    Traceback (most recent call last):
    ValueError: `x` must hold at least 4 examples (one per unknown of each output: ...
    """
    fit_intercept = boolean("fit_intercept", fit_intercept)
    x = float_tensor("x", x)
    y = tf.cast(float_tensor("y", y), x.dtype)
    if x.shape.rank != 2 or y.shape.rank != 2 or x.shape[0] != y.shape[0]:
        raise error(("x", "y"), "have shapes (N, in_features) and (N, out_features), with "
                    "the same N", f"x.shape={shape_of(x)} and y.shape={shape_of(y)}",
                    "For a single output use tf.reshape(y, (-1, 1)); for a single input "
                    "tf.reshape(x, (-1, 1)).")
    num_examples, num_inputs = x.shape
    unknowns = num_inputs + int(fit_intercept)
    if num_examples is not None and num_inputs is not None and num_examples < unknowns:
        bias = " and a bias" if fit_intercept else ""
        raise error("x", f"hold at least {unknowns} examples (one per unknown of each "
                    f"output: {num_inputs} weights{bias})", f"{num_examples} examples, "
                    f"x.shape={tuple(x.shape)}", "With fewer examples than unknowns, "
                    "infinitely many W fit the data exactly and least squares cannot "
                    "choose; give more examples, or fewer inputs.")
    return x, y


def grads_and_vars(pairs):
    """Returns the pairs ``(gradient, variable)`` as a list; gradients fit their variables.

    >>> v = tf.Variable([1.0, 2.0], name="w")
    >>> grads_and_vars([(None, v)])
    Traceback (most recent call last):
    ValueError: `grads_and_vars` must pair every variable with its gradient, but ...
    """
    name = "grads_and_vars"
    fix = ("Pair each gradient with its own variable: "
           "zip(tape.gradient(loss, variables), variables).")
    try:
        pairs = [(gradient, variable) for gradient, variable in pairs]
    except (TypeError, ValueError):
        raise error(name, "be pairs (gradient, variable)", shown(pairs), fix) from None
    for gradient, variable in pairs:
        if not hasattr(variable, "assign_sub"):  # tf.Variable, or a Keras 3 Variable
            raise error(name, "be pairs (gradient, variable)", f"{shown(variable)} in the "
                        f"place of a variable", fix)
        where = f"variable {variable.name!r} of shape {tuple(variable.shape)}"
        if gradient is None:
            raise error(name, "pair every variable with its gradient", f"None for {where}: "
                        f"the loss does not depend on it", "Compute the loss from the "
                        "model's output inside the `tf.GradientTape` block, and pass only "
                        "the variables the loss uses.")
        if not gradient.shape.is_compatible_with(variable.shape):
            raise error(name, "pair every variable with a gradient of its shape",
                        f"a gradient of shape {tuple(gradient.shape)} for {where}", fix)
    return pairs
