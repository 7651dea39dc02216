"""Training loops: run gradient descent on a model and record what happened.

The loop itself is the lesson of chapter 2, where it is written out in full; the
helpers here run the same loop, so that later chapters can train in one line.
"""

import tensorflow as tf

from nnlib import _checks as check
from nnlib.losses import categorical_crossentropy, mse
from nnlib.metrics import accuracy


class History:
    """The values a training loop recorded, one per step (or per epoch).

    Like the ``History`` object that Keras' ``fit`` returns: ``history.history`` is a
    ``dict`` from a name (``"loss"``, or a variable's name) to the list of its values,
    in order. ``history["loss"]`` is a shortcut.

    Raises:
        ValueError: :meth:`record` raises ``ValueError`` for a value that is not a
            number or a tensor of numbers.

    Example:

    >>> history = nnlib.training.History()
    >>> history.record(loss=4.0)
    >>> history.record(loss=1.5)
    >>> history["loss"]
    [4.0, 1.5]
    >>> history
    History(loss: 2 values, last 1.5)

    See :doc:`/chapters/02-linear-regression`.
    """

    def __init__(self):
        self.history = {}

    def record(self, **values):
        """Appends one value to the list of each name given (``loss=0.3``)."""
        for key, value in values.items():
            self.history.setdefault(key, []).append(_to_python(key, value))

    def __getitem__(self, key):
        return self.history[key]

    def __repr__(self):
        parts = [
            f"{key}: {len(values)} values, last {values[-1]}"
            for key, values in self.history.items()
            if values and not hasattr(values[-1], "shape")
        ]
        return f"History({'; '.join(parts)})"


def _to_python(name, value):
    array = check.numeric_tensor(name, value, booleans=True).numpy()
    return array.item() if array.ndim == 0 else array


def train_full_batch(
    model,
    x,
    y,
    optimizer,
    num_steps=100,
    loss_fn=mse,
    log_every=10,
    record_variables=False,
    print_fn=print,
):
    """Trains a model by gradient descent on the whole data set at every step.

    Each step computes the loss of all of ``x`` inside a ``tf.GradientTape``, takes its
    gradient with respect to ``model.trainable_variables`` and hands the pairs to the
    optimizer. Every ``log_every`` steps it prints the workshop's log line,
    ``Loss: ...``, with the loss of that step (before its update). It returns the loss
    of every step.

    Args:
        model: A callable ``tf.Module`` (e.g. :class:`nnlib.models.LineModel` or
            :class:`nnlib.layers.Linear`).
        x: Inputs, as the model expects them.
        y: Targets, of the shape of ``model(x)``.
        optimizer: Anything with ``apply_gradients(grads_and_vars)``:
            :class:`nnlib.optimizers.GradientDescent` or a ``tf.keras`` optimizer.
        num_steps: Number of steps, a positive integer.
        loss_fn: ``loss_fn(y_true, y_pred)`` returning a scalar; default
            :func:`nnlib.losses.mse`.
        log_every: Print the log line at steps 0, ``log_every``, ``2 * log_every``,
            ...; ``0`` or ``None`` prints nothing.
        record_variables: Also record, for every step, the value of each trainable
            variable before the update, under the variable's name.
        print_fn: Function that prints a log line (default ``print``).

    Returns:
        A :class:`History` whose ``"loss"`` list has ``num_steps`` values: entry ``i``
        is the loss of the parameters the model had at the start of step ``i``.

    Raises:
        ValueError: If ``num_steps`` is not a positive integer, ``log_every`` not a
            non-negative integer or ``None``, ``optimizer`` has no ``apply_gradients``,
            ``loss_fn`` or ``print_fn`` cannot be called, ``record_variables`` is not
            a bool, or the model has no trainable variables.

    Example:

    >>> x = tf.constant([0.0, 1.0, 2.0, 3.0])
    >>> model = nnlib.models.LineModel()
    >>> history = nnlib.training.train_full_batch(
    ...     model, x, 2.0 * x + 1.0, nnlib.optimizers.GradientDescent(0.1),
    ...     num_steps=200, log_every=100)
    Loss: 7.5
    Loss: 3...e-07
    >>> len(history["loss"]), round(float(model.m), 3), round(float(model.b), 3)
    (200, 2.0, 1.0)

    See :doc:`/chapters/02-linear-regression`.
    """
    variables = _check_loop(model, optimizer, loss_fn, num_steps, log_every, print_fn, 100,
                            record_variables)
    names = [v.name.split(":")[0] for v in variables]
    if len(set(names)) != len(names):
        names = [f"{name}_{i}" for i, name in enumerate(names)]
    history = History()
    for step in range(num_steps):
        if record_variables:
            history.record(**{n: v.numpy().copy() for n, v in zip(names, variables)})
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x))
        gradients = tape.gradient(loss, variables)
        optimizer.apply_gradients(zip(gradients, variables))
        history.record(loss=loss)
        if log_every and step % log_every == 0:
            print_fn(f"Loss: {loss.numpy()!s}")
    return history


def train_classifier(
    model,
    x,
    y,
    optimizer,
    num_steps=1000,
    log_every=100,
    from_logits=False,
    validation_data=None,
    print_fn=print,
):
    """Trains a classifier by full-batch gradient descent on the cross-entropy loss.

    The loop of chapter 4, as a function: every step computes the model's output on
    all of ``x``, the :func:`~nnlib.losses.categorical_crossentropy` loss and its
    gradient, and applies one optimizer update. The step runs as one
    ``tf.function`` graph, which is several times faster than running it op by op.
    Every ``log_every`` steps it prints the step, the loss and the training accuracy
    (of that step, before its update), and, with ``validation_data``, records the
    accuracy on those examples.

    A loss that becomes ``nan`` or infinite stops training at once with the step
    number, rather than running on with meaningless numbers.

    Args:
        model: A ``tf.Module`` whose call returns probabilities (or logits, with
            ``from_logits=True``), e.g. :class:`nnlib.models.FullyConnectedNetwork`.
        x: Float inputs of shape ``(num_examples, num_features)``.
        y: One-hot labels of shape ``(num_examples, num_classes)``.
        optimizer: Anything with ``apply_gradients(grads_and_vars)``.
        num_steps: Number of steps, a positive integer.
        log_every: Print and evaluate at steps 0, ``log_every``, ...; ``0`` or
            ``None`` for no log line (the validation accuracy is then recorded at the
            end only).
        from_logits: Passed to the loss: whether the model returns logits.
        validation_data: Optional ``(x_val, y_val)``, preprocessed like ``x, y``.
        print_fn: Function that prints a log line (default ``print``).

    Returns:
        A :class:`History` with ``"loss"`` and ``"accuracy"`` for every step, and,
        with ``validation_data``, ``"val_step"`` and ``"val_accuracy"``: the
        accuracy on ``x_val`` at each logged step and after the last step (recorded
        as step ``num_steps``).

    Raises:
        ValueError: If ``num_steps``, ``log_every``, ``optimizer``, ``print_fn`` or
            ``validation_data`` (not a pair) is invalid, or the model has no
            trainable variables; the loss raises ``ValueError`` for labels that are
            not one-hot or do not match the model's outputs.
        FloatingPointError: If the loss becomes ``nan`` or infinite; the message
            names the step.

    Example:

    >>> x = tf.constant([[0.0, 1.0], [1.0, 0.0], [0.9, 0.1], [0.2, 0.8]])
    >>> y = tf.constant([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    >>> model = nnlib.models.FullyConnectedNetwork([2, 2], initializer="zeros")
    >>> history = nnlib.training.train_classifier(
    ...     model, x, y, nnlib.optimizers.GradientDescent(1.0), num_steps=30,
    ...     log_every=10)
    Step 0: Loss: 0.6931, Accuracy: 0.5000
    Step 10: Loss: 0.1463, Accuracy: 1.0000
    Step 20: Loss: 0.0796, Accuracy: 1.0000
    >>> len(history["loss"]), history["accuracy"][-1]
    (30, 1.0)

    See :doc:`/chapters/05-neural-networks`.
    """
    variables = _check_loop(model, optimizer, categorical_crossentropy, num_steps,
                            log_every, print_fn, 1000)
    check.pair("validation_data", validation_data, "(x_test, y_test)", or_none=True)
    # Check the shapes once, eagerly, so that a mistake gives our error message.
    categorical_crossentropy(y[:1], model(x[:1]), from_logits=from_logits)

    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            y_pred = model(x)
            loss = categorical_crossentropy(y, y_pred, from_logits=from_logits)
        gradients = tape.gradient(loss, variables)
        optimizer.apply_gradients(zip(gradients, variables))
        return loss, accuracy(y, y_pred)

    def evaluate(x, y):
        # Eager: it runs once per logged step, and a new tf.function for every call
        # of train_classifier would be traced for only a few calls, the pattern that
        # TensorFlow warns about as "frequent retracing".
        return accuracy(y, model(x))

    history = History()
    for step in range(num_steps):
        logging = bool(log_every) and step % log_every == 0
        if validation_data is not None and logging:
            history.record(val_step=step, val_accuracy=evaluate(*validation_data))
        loss, train_accuracy = (float(value) for value in train_step(x, y))
        if loss != loss or abs(loss) == float("inf"):
            raise FloatingPointError(
                f"The loss became {loss} at step {step}, so training stopped. The "
                f"learning rate may be too large, or the loss is taking the log of 0: "
                f"lower the learning rate, or give the loss logits with "
                f"from_logits=True."
            )
        history.record(loss=loss, accuracy=train_accuracy)
        if logging:
            print_fn(f"Step {step}: Loss: {loss:.4f}, Accuracy: {train_accuracy:.4f}")
    if validation_data is not None:
        history.record(val_step=num_steps, val_accuracy=evaluate(*validation_data))
    return history


def _check_loop(model, optimizer, loss_fn, num_steps, log_every, print_fn, example,
                record_variables=False):
    """Checks the arguments the loops share; returns the model's trainable variables."""
    check.positive_int("num_steps", num_steps, example)
    check.boolean("record_variables", record_variables)
    check.non_negative_int("log_every", log_every, example // 10, or_none=True)
    check.has_attribute("optimizer", optimizer, "apply_gradients",
                        "nnlib.optimizers.GradientDescent(learning_rate=0.1)")
    check.function("loss_fn", loss_fn, "loss_fn(y_true, y_pred)", "nnlib.losses.mse")
    check.function("print_fn", print_fn, "print_fn(line)", "print")
    return check.trainable_variables(model)
