"""Plotting helpers and the book's figure style.

Every figure in the book is drawn with :func:`use_book_style` in effect: a transparent
background (the page's own colour shows through; the theme puts figures on a light
card in dark mode), dark grey text and axes that read on that card and on a white
page, a colour-blind-safe palette, and a resolution that stays sharp on high-density
screens.
"""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

BOOK_STYLE = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 110,
    "savefig.dpi": 110,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.transparent": True,
    "text.color": "#222222",
    "axes.labelcolor": "#222222",
    "axes.edgecolor": "#555555",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "axes.titlesize": "medium",
    "axes.labelsize": "medium",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#bbbbbb",
    "grid.alpha": 0.5,
    "legend.frameon": False,
    # Okabe-Ito palette: distinguishable with every common form of colour blindness.
    "axes.prop_cycle": mpl.cycler(
        color=["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
               "#F0E442", "#000000"]
    ),
    "svg.hashsalt": "nnbook",
}
"""The matplotlib settings applied by :func:`use_book_style`."""


def use_book_style():
    """Applies the book's figure style to matplotlib for the rest of the session.

    Returns:
        The ``dict`` of matplotlib settings that were applied (:data:`BOOK_STYLE`).

    Example:

    >>> import matplotlib as mpl
    >>> style = nnlib.plotting.use_book_style()
    >>> mpl.rcParams["axes.spines.top"]
    False
    >>> style["savefig.transparent"]
    True

    See :doc:`/chapters/01-tensors`.
    """
    mpl.rcParams.update(BOOK_STYLE)
    return BOOK_STYLE


def _axes(ax, projection=None):
    if ax is not None:
        return ax
    if projection is None:
        return plt.figure().add_subplot()
    return plt.figure().add_subplot(projection=projection)


def plot_line_fit(x, y, lines=None, ax=None):
    """Draws data points and, over them, one or more straight lines ``y = m x + b``.

    Args:
        x: The inputs, shape ``(N,)``.
        y: The targets, shape ``(N,)``.
        lines: Optional ``dict`` from a legend label to a pair ``(m, b)``.
        ax: Optional matplotlib ``Axes`` to draw on (a new figure otherwise).

    Returns:
        The matplotlib ``Axes``.

    Example:

    >>> x, y = nnlib.data.line_data()
    >>> ax = nnlib.plotting.plot_line_fit(x, y, {"y = x": (1.0, 0.0)})
    >>> ax.get_xlabel(), len(ax.lines)
    ('x (input)', 1)
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)

    See :doc:`/chapters/02-linear-regression`.
    """
    ax = _axes(ax)
    x = np.asarray(x)
    ax.scatter(x, np.asarray(y), s=16, color="#0072B2", label="data", zorder=3)
    grid = np.array([x.min(), x.max()])
    colors = ["#D55E00", "#009E73", "#CC79A7", "#E69F00"]
    for i, (label, (m, b)) in enumerate((lines or {}).items()):
        ax.plot(grid, float(m) * grid + float(b), color=colors[i % 4], label=label, lw=2)
    ax.set_xlabel("x (input)")
    ax.set_ylabel("y (target)")
    ax.legend()
    return ax


def plot_loss_contour(x, y, m_values, b_values, paths=None, ax=None, colors=None,
                      colorbar=True):
    """Draws the loss of the line ``m x + b`` over a grid as contours, with paths on it.

    The contour lines are spaced evenly in the logarithm of the loss, so the long flat
    valley of a regression loss shows. Each path, such as the ``(m, b)`` of every
    gradient-descent step, is drawn from its start (circle) to its end (cross).

    Args:
        x: Inputs, shape ``(N,)``.
        y: Targets, shape ``(N,)``.
        m_values: Slopes of the grid, one-dimensional.
        b_values: Intercepts of the grid, one-dimensional.
        paths: Optional ``dict`` from a legend label to a pair of sequences
            ``(m_path, b_path)``.
        ax: Optional matplotlib ``Axes`` to draw on.
        colors: Optional list of colours for the paths (default: the book's palette).
        colorbar: Whether to draw a colour bar of the loss levels.

    Returns:
        The matplotlib ``Axes``.

    Example:

    >>> x, y = nnlib.data.line_data()
    >>> ax = nnlib.plotting.plot_loss_contour(
    ...     x, y, np.linspace(0, 6, 31), np.linspace(-4, 4, 31),
    ...     paths={"descent": ([1.0, 2.0, 3.0], [0.0, 0.1, 0.2])})
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('slope m', 'intercept b')
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)

    See :doc:`/chapters/02-linear-regression`.
    """
    from nnlib.regression import loss_surface

    ax = _axes(ax)
    losses = loss_surface(x, y, m_values, b_values).numpy()
    levels = np.geomspace(max(losses.min(), 1e-3), losses.max(), 20)
    contours = ax.contour(m_values, b_values, losses, levels=levels, cmap="viridis",
                          linewidths=1)
    if colorbar:
        ax.figure.colorbar(contours, ax=ax, label="mean squared error", format="%.3g")
    colors = colors or ["#D55E00", "#CC79A7", "#000000", "#E69F00", "#0072B2"]
    for i, (label, (m_path, b_path)) in enumerate((paths or {}).items()):
        color = colors[i % len(colors)]
        ax.plot(m_path, b_path, ".-", color=color, ms=3, lw=1.2, label=label)
        ax.plot(m_path[0], b_path[0], "o", color=color, ms=6)
        ax.plot(m_path[-1], b_path[-1], "X", color=color, ms=8)
    ax.set_xlim(min(m_values), max(m_values))
    ax.set_ylim(min(b_values), max(b_values))
    ax.set_xlabel("slope m")
    ax.set_ylabel("intercept b")
    if paths:
        ax.legend(loc="upper right")
    return ax


def plot_loss_surface_3d(x, y, m_values, b_values, path=None, ax=None):
    """Draws the loss of the line ``m x + b`` over a grid as a 3-D surface.

    Args:
        x: Inputs, shape ``(N,)``.
        y: Targets, shape ``(N,)``.
        m_values: Slopes of the grid, one-dimensional.
        b_values: Intercepts of the grid, one-dimensional.
        path: Optional triple of sequences ``(m_path, b_path, loss_path)`` drawn on
            the surface.
        ax: Optional 3-D matplotlib ``Axes`` (``projection="3d"``).

    Returns:
        The 3-D matplotlib ``Axes``.

    Example:

    >>> x, y = nnlib.data.line_data()
    >>> ax = nnlib.plotting.plot_loss_surface_3d(
    ...     x, y, np.linspace(0, 6, 31), np.linspace(-4, 4, 31))
    >>> ax.get_zlabel()
    'mean squared error'
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)

    See :doc:`/chapters/02-linear-regression`.
    """
    from nnlib.regression import loss_surface

    if ax is None:
        # computed_zorder=False draws the path on top of the surface, not hidden in it
        ax = plt.figure(figsize=(6.4, 5.6)).add_subplot(projection="3d",
                                                        computed_zorder=False)
    losses = loss_surface(x, y, m_values, b_values).numpy()
    m_grid, b_grid = np.meshgrid(m_values, b_values)
    ax.plot_surface(m_grid, b_grid, losses, cmap="viridis", alpha=0.85, linewidth=0)
    if path is not None:
        ax.plot(*path, ".-", color="#D55E00", ms=4, lw=2, zorder=10)
    ax.set_xlabel("slope m")
    ax.set_ylabel("intercept b")
    ax.set_zlabel("mean squared error")
    return ax


def plot_loss_curves(histories, ax=None, log_scale=True):
    """Draws the loss at every training step, one curve per run.

    Args:
        histories: A ``dict`` from a legend label to a sequence of losses, or to a
            :class:`nnlib.training.History` (its ``"loss"`` is drawn).
        ax: Optional matplotlib ``Axes`` to draw on.
        log_scale: Use a logarithmic loss axis (default), which shows both the fast
            start and the slow end of training.

    Returns:
        The matplotlib ``Axes``.

    Example:

    >>> ax = nnlib.plotting.plot_loss_curves({"run": [4.0, 2.0, 1.0, 0.5]})
    >>> ax.get_xlabel(), ax.get_yscale()
    ('step', 'log')
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)

    See :doc:`/chapters/02-linear-regression`.
    """
    ax = _axes(ax)
    for label, losses in histories.items():
        if hasattr(losses, "history"):
            losses = losses["loss"]
        ax.plot(range(len(losses)), losses, label=label, lw=1.8)
    ax.set_xlabel("step")
    ax.set_ylabel("loss (mean squared error)")
    if log_scale:
        ax.set_yscale("log")
    if len(histories) > 1:
        ax.legend()
    return ax


def _images(images, shape=(28, 28)):
    images = np.asarray(images, dtype=np.float32)
    return images.reshape((-1,) + shape)


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

    Example:

    >>> (x, y), _ = nnlib.data.load_mnist()
    >>> fig = nnlib.plotting.plot_digits(x[:12], y[:12], num_columns=6)
    >>> len(fig.axes), fig.axes[0].get_title()
    (12, '5')
    >>> import matplotlib.pyplot as plt; plt.close(fig)

    See :doc:`/chapters/04-logistic-regression`.
    """
    images = _images(images)
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

    Example:

    >>> ax = nnlib.plotting.plot_probabilities([0.1, 0.7, 0.2], label=1)
    >>> len(ax.patches), ax.get_ylabel()
    (3, 'probability')
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)

    See :doc:`/chapters/04-logistic-regression`.
    """
    ax = _axes(ax)
    probabilities = np.asarray(probabilities, dtype=float).ravel()
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

    Example:

    >>> ax = nnlib.plotting.plot_confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2], num_classes=3)
    >>> ax.get_ylabel(), len(ax.texts)
    ('true class', 9)
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)

    See :doc:`/chapters/04-logistic-regression`.
    """
    if ax is None:
        ax = plt.figure(figsize=(6.0, 5.4)).add_subplot()
    matrix = np.zeros((num_classes, num_classes), dtype=int)
    np.add.at(matrix, (np.asarray(labels, int), np.asarray(predictions, int)), 1)
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

    Example:

    >>> fig = nnlib.plotting.plot_weight_images(np.ones((784, 10)))
    >>> len(fig.axes)  # 10 images and a colour bar
    11
    >>> import matplotlib.pyplot as plt; plt.close(fig)

    See :doc:`/chapters/04-logistic-regression`.
    """
    weights = np.asarray(weights, dtype=np.float32)
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
    """Draws training accuracy at every step and test accuracy where it was measured.

    Args:
        histories: A ``dict`` from a legend label to a
            :class:`nnlib.training.History` (or a ``dict``) with ``"accuracy"`` per
            step and, optionally, ``"val_step"`` and ``"val_accuracy"``.
        ax: Optional matplotlib ``Axes`` to draw on.

    Returns:
        The matplotlib ``Axes``.

    Example:

    >>> run = {"accuracy": [0.1, 0.5, 0.7], "val_step": [0, 3], "val_accuracy": [0.1, 0.6]}
    >>> ax = nnlib.plotting.plot_accuracy_curves({"run": run})
    >>> ax.get_xlabel(), len(ax.lines)
    ('step', 2)
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)

    See :doc:`/chapters/04-logistic-regression`.
    """
    ax = _axes(ax)
    colors = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, (label, history) in enumerate(histories.items()):
        color = colors[i % len(colors)]
        train = history["accuracy"]
        ax.plot(range(len(train)), train, color=color, lw=1.6, label=f"{label}: training")
        if "val_accuracy" in (history.history if hasattr(history, "history") else history):
            ax.plot(history["val_step"], history["val_accuracy"], color=color, ls="--",
                    marker="o", ms=4, lw=1.2, label=f"{label}: test")
    ax.set_xlabel("step")
    ax.set_ylabel("accuracy")
    ax.set_ylim(0, 1)
    ax.legend()
    return ax
