"""Plots for regression: data and lines, loss surfaces with paths, loss curves.

Used by chapters 2 and 3; every function is also available as ``nnlib.plotting.<name>``.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnlib import _checks as check
from nnlib.plotting.axes import figure_axes
from nnlib.regression import loss_surface


def plot_line_fit(x, y, lines=None, ax=None):
    """Draws data points and, over them, one or more straight lines ``y = m x + b``.

    Args:
        x: The inputs, shape ``(N,)``.
        y: The targets, shape ``(N,)``.
        lines: Optional ``dict`` from a legend label to a pair ``(m, b)``.
        ax: Optional matplotlib ``Axes`` to draw on (a new figure otherwise).

    Returns:
        The matplotlib ``Axes``.

    Raises:
        ValueError: If ``lines`` is neither ``None`` nor a dict.

    Example:

    >>> x, y = nnlib.data.line_data()
    >>> ax = nnlib.plotting.plot_line_fit(x, y, {"y = x": (1.0, 0.0)})
    >>> ax.get_xlabel(), len(ax.lines)
    ('x (input)', 1)
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)

    See :doc:`/chapters/02-linear-regression`.
    """
    lines = check.mapping("lines", {} if lines is None else lines, '{"fit": (m, b)}')
    ax = figure_axes(ax)
    x = np.asarray(x)
    ax.scatter(x, np.asarray(y), s=16, color="#0072B2", label="data", zorder=3)
    grid = np.array([x.min(), x.max()])
    colors = ["#D55E00", "#009E73", "#CC79A7", "#E69F00"]
    for i, (label, (m, b)) in enumerate(lines.items()):
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

    Raises:
        ValueError: For the inputs that :func:`nnlib.regression.loss_surface`
            refuses, or ``paths`` that is neither ``None`` nor a dict.

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
    paths = check.mapping("paths", {} if paths is None else paths,
                          '{"descent": (m_path, b_path)}')
    losses = loss_surface(x, y, m_values, b_values).numpy()
    ax = figure_axes(ax)
    levels = np.geomspace(max(losses.min(), 1e-3), losses.max(), 20)
    contours = ax.contour(m_values, b_values, losses, levels=levels, cmap="viridis",
                          linewidths=1)
    if colorbar:
        ax.figure.colorbar(contours, ax=ax, label="mean squared error", format="%.3g")
    colors = colors or ["#D55E00", "#CC79A7", "#000000", "#E69F00", "#0072B2"]
    for i, (label, (m_path, b_path)) in enumerate(paths.items()):
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

    Raises:
        ValueError: For the inputs that :func:`nnlib.regression.loss_surface`
            refuses.

    Example:

    >>> x, y = nnlib.data.line_data()
    >>> ax = nnlib.plotting.plot_loss_surface_3d(
    ...     x, y, np.linspace(0, 6, 31), np.linspace(-4, 4, 31))
    >>> ax.get_zlabel()
    'mean squared error'
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)

    See :doc:`/chapters/02-linear-regression`.
    """
    losses = loss_surface(x, y, m_values, b_values).numpy()
    if ax is None:
        # computed_zorder=False draws the path on top of the surface, not hidden in it
        ax = plt.figure(figsize=(6.4, 5.6)).add_subplot(projection="3d",
                                                        computed_zorder=False)
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

    Raises:
        ValueError: If ``histories`` is not a dict.

    Example:

    >>> ax = nnlib.plotting.plot_loss_curves({"run": [4.0, 2.0, 1.0, 0.5]})
    >>> ax.get_xlabel(), ax.get_yscale()
    ('step', 'log')
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)

    See :doc:`/chapters/02-linear-regression`.
    """
    check.mapping("histories", histories, '{"run": history}')
    ax = figure_axes(ax)
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
