"""Plots for classification: digits, probabilities, confusion matrices, weights.

Used by chapters 4 to 8; every function is also available as
``nnlib.plotting.<name>``.
"""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from nnlib import _checks as check
from nnlib.plotting.axes import figure_axes


def plot_digits(images, labels=None, predictions=None, num_columns=10):
    """Draws images of digits in a grid, titled with their labels (and predictions).

    Args:
        images: Images of shape ``(N, 28, 28)`` or flattened ``(N, 784)``, raw
            (0 to 255) or scaled (0 to 1).
        labels: Optional true labels, integers of shape ``(N,)``.
        predictions: Optional predicted labels, shape ``(N,)``: titles then read
            "predicted (true)" in red where they differ.
        num_columns: Number of images per row.

    Returns:
        The matplotlib ``Figure``.

    Raises:
        ValueError: If ``images`` is not a batch of 28 × 28 images, ``labels`` or
            ``predictions`` do not hold one label per image, or ``num_columns`` is
            not a positive integer.

    Example:

    >>> (x, y), _ = nnlib.data.load_mnist()
    >>> fig = nnlib.plotting.plot_digits(x[:12], y[:12], num_columns=6)
    >>> len(fig.axes), fig.axes[0].get_title()
    (12, '5')
    >>> import matplotlib.pyplot as plt; plt.close(fig)

    See :doc:`/chapters/04-logistic-regression`.
    """
    images = check.images("images", images, (28, 28))
    for name, given in (("labels", labels), ("predictions", predictions)):
        if given is not None:
            check.examples(images, given, f"Pass one label per image, e.g. {name}=y[:12].",
                           "images", names=("images", name))
    num_columns = check.positive_int("num_columns", num_columns, 10)
    num_rows = -(-len(images) // num_columns)
    fig, axes = plt.subplots(
        num_rows, num_columns, figsize=(0.75 * num_columns, 0.9 * num_rows), squeeze=False
    )
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= len(images):
            continue
        ax.imshow(images[i], cmap="gray_r")
        if predictions is not None:
            wrong = labels is not None and int(predictions[i]) != int(labels[i])
            title = f"{int(predictions[i])}" + (f" ({int(labels[i])})" if wrong else "")
            ax.set_title(title, color="#D55E00" if wrong else None, fontsize="small")
        elif labels is not None:
            ax.set_title(f"{int(labels[i])}", fontsize="small")
    for ax in axes.flat[len(images):]:
        fig.delaxes(ax)
    fig.tight_layout(pad=0.3)
    return fig


def plot_probabilities(probabilities, label=None, ax=None):
    """Draws a model's probabilities for one example as a bar per class.

    Args:
        probabilities: One row of probabilities, shape ``(num_classes,)``.
        label: Optional true class, drawn in another colour.
        ax: Optional matplotlib ``Axes`` to draw on.

    Returns:
        The matplotlib ``Axes``.

    Raises:
        ValueError: If ``probabilities`` holds more than one row.

    Example:

    >>> ax = nnlib.plotting.plot_probabilities([0.1, 0.7, 0.2], label=1)
    >>> len(ax.patches), ax.get_ylabel()
    (3, 'probability')
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)

    See :doc:`/chapters/04-logistic-regression`.
    """
    probabilities = check.probability_row(probabilities)
    ax = figure_axes(ax)
    classes = np.arange(len(probabilities))
    colors = ["#009E73" if k == label else "#0072B2" for k in classes]
    ax.bar(classes, probabilities, color=colors)
    for k, p in zip(classes, probabilities):
        ax.text(k, p + 0.01, f"{p:.2f}", ha="center", va="bottom", fontsize="x-small")
    ax.set_xticks(classes)
    ax.set_xlabel("class (digit)" + ("; true class in green" if label is not None else ""))
    ax.set_ylabel("probability")
    ax.set_ylim(0, 1.08)
    ax.grid(axis="x", visible=False)
    return ax


def plot_confusion_matrix(labels, predictions, num_classes=10, ax=None):
    """Draws the confusion matrix: how often each true class got each prediction.

    Row ``i``, column ``j`` counts the examples of class ``i`` predicted as ``j``;
    the diagonal holds the correct predictions. Counts are written in the cells.

    Args:
        labels: True classes, integers of shape ``(N,)``.
        predictions: Predicted classes, integers of shape ``(N,)``.
        num_classes: Number of classes.
        ax: Optional matplotlib ``Axes`` to draw on.

    Returns:
        The matplotlib ``Axes``.

    Raises:
        ValueError: If ``num_classes`` is not a positive integer, or ``labels`` and
            ``predictions`` differ in length or hold a class outside
            ``0 .. num_classes - 1`` (which would be counted in the wrong cell).

    Example:

    >>> ax = nnlib.plotting.plot_confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2], num_classes=3)
    >>> ax.get_ylabel(), len(ax.texts)
    ('true class', 9)
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)

    See :doc:`/chapters/04-logistic-regression`.
    """
    num_classes = check.positive_int("num_classes", num_classes, 10)
    labels, predictions = check.label_vector(labels, "labels"), check.label_vector(
        predictions, "predictions")
    check.examples(labels, predictions, "Pass the predictions of the same examples.",
                   "labels", names=("labels", "predictions"))
    for name, classes in (("labels", labels), ("predictions", predictions)):
        check.class_labels(name, classes, num_classes, classes=f"num_classes={num_classes}",
                           fix="Pass the right num_classes.")
    if ax is None:
        ax = plt.figure(figsize=(6.0, 5.4)).add_subplot()
    matrix = np.zeros((num_classes, num_classes), dtype=int)
    np.add.at(matrix, (labels, predictions), 1)
    shown = np.log1p(matrix)  # a log scale keeps the few errors visible next to the hits
    ax.imshow(shown, cmap="Blues")
    for (i, j), count in np.ndenumerate(matrix):
        dark = shown[i, j] > 0.6 * shown.max()
        ax.text(j, i, str(count), ha="center", va="center", fontsize="x-small",
                color="white" if dark else "#222222")
    ax.set_xticks(range(num_classes))
    ax.set_yticks(range(num_classes))
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.grid(False)
    return ax


def plot_weight_images(weights, shape=(28, 28), num_columns=5):
    """Draws each column of a weight matrix as an image: what each output looks for.

    Column ``k`` of ``W`` (shape ``(784, 10)``) holds the weight of every pixel in
    the score of class ``k``. Shown as a 28 × 28 image, positive weights (red) are
    pixels whose ink raises the score, negative ones (blue) pixels whose ink lowers
    it. One colour scale, symmetric around 0, is used for all images.

    Args:
        weights: Matrix of shape ``(pixels, num_outputs)``, e.g. a layer's ``W``.
        shape: The image shape of one column.
        num_columns: Number of images per row.

    Returns:
        The matplotlib ``Figure``.

    Raises:
        ValueError: If ``weights`` is not a matrix with one row per pixel of
            ``shape``, or ``num_columns`` is not a positive integer.

    Example:

    >>> fig = nnlib.plotting.plot_weight_images(np.ones((784, 10)))
    >>> len(fig.axes)  # 10 images and a colour bar
    11
    >>> import matplotlib.pyplot as plt; plt.close(fig)

    See :doc:`/chapters/04-logistic-regression`.
    """
    weights = check.matrix("weights", weights, "layer.W")
    check.images("weights", weights.T, shape)  # each column one image
    num_columns = check.positive_int("num_columns", num_columns, 5)
    num_outputs = weights.shape[1]
    num_rows = -(-num_outputs // num_columns)
    fig, axes = plt.subplots(
        num_rows, num_columns, figsize=(1.3 * num_columns + 0.8, 1.45 * num_rows),
        squeeze=False,
    )
    limit = float(np.abs(weights).max()) or 1.0
    for k, ax in enumerate(axes.flat):
        ax.axis("off")
        if k < num_outputs:
            image = ax.imshow(weights[:, k].reshape(shape), cmap="RdBu_r",
                              vmin=-limit, vmax=limit)
            ax.set_title(f"class {k}", fontsize="small")
    fig.colorbar(image, ax=axes.ravel().tolist(), shrink=0.8, label="weight")
    return fig


def plot_accuracy_curves(histories, ax=None):
    """Draws training accuracy at every step and validation accuracy where measured.

    The held-out curve is labelled "validation": the book measures it on a validation
    split of the training images (:func:`nnlib.data.split_validation`) and keeps the
    test set for one final evaluation.

    Args:
        histories: A ``dict`` from a legend label to a
            :class:`nnlib.training.History` (or a ``dict``) with ``"accuracy"`` per
            step and, optionally, ``"val_step"`` and ``"val_accuracy"``.
        ax: Optional matplotlib ``Axes`` to draw on.

    Returns:
        The matplotlib ``Axes``.

    Raises:
        ValueError: If ``histories`` is not a dict.

    Example:

    >>> run = {"accuracy": [0.1, 0.5, 0.7], "val_step": [0, 3], "val_accuracy": [0.1, 0.6]}
    >>> ax = nnlib.plotting.plot_accuracy_curves({"run": run})
    >>> ax.get_xlabel(), [line.get_label() for line in ax.lines]
    ('step', ['run: training', 'run: validation'])
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)

    See :doc:`/chapters/04-logistic-regression`.
    """
    check.mapping("histories", histories, '{"run": history}')
    ax = figure_axes(ax)
    colors = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, (label, history) in enumerate(histories.items()):
        color = colors[i % len(colors)]
        train = history["accuracy"]
        ax.plot(range(len(train)), train, color=color, lw=1.6, label=f"{label}: training")
        if "val_accuracy" in (history.history if hasattr(history, "history") else history):
            ax.plot(history["val_step"], history["val_accuracy"], color=color, ls="--",
                    marker="o", ms=4, lw=1.2, label=f"{label}: validation")
    ax.set_xlabel("step")
    ax.set_ylabel("accuracy")
    ax.set_ylim(0, 1)
    ax.legend()
    return ax
