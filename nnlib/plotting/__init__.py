"""The book's figure style, and plotting helpers for every chapter.

The helpers live in two modules and are available from here too
(``nnlib.plotting.plot_line_fit``): ``nnlib/plotting/regression.py`` draws lines, loss
surfaces and loss curves (chapters 2 and 3); ``nnlib/plotting/classification.py``
draws digits, probabilities, confusion matrices, weight images and accuracy curves
(chapters 4 to 8). Both get their axes from ``nnlib/plotting/axes.py``. ``import
nnlib`` imports neither this package nor matplotlib: the first use of
``nnlib.plotting`` does.

Every figure in the book is drawn with :func:`use_book_style` in effect: a transparent
background (the page's own colour shows through; the theme puts figures on a light
card in dark mode), dark grey text and axes that read on that card and on a white
page, a colour-blind-safe palette, and a resolution that stays sharp on high-density
screens.
"""

import matplotlib as mpl

from nnlib.plotting.classification import (
    plot_accuracy_curves, plot_confusion_matrix, plot_digits, plot_probabilities,
    plot_weight_images,
)
from nnlib.plotting.regression import (
    plot_line_fit, plot_loss_contour, plot_loss_curves, plot_loss_surface_3d,
)

__all__ = [
    "BOOK_STYLE", "use_book_style", "plot_line_fit", "plot_loss_contour",
    "plot_loss_surface_3d", "plot_loss_curves", "plot_digits", "plot_probabilities",
    "plot_confusion_matrix", "plot_weight_images", "plot_accuracy_curves",
]

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
