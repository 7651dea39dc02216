"""Plotting helpers and the book's figure style.

Every figure in the book is drawn with :func:`use_book_style` in effect: a transparent
background (the page's own colour shows through; the theme puts figures on a light
card in dark mode), dark grey text and axes that read on that card and on a white
page, a colour-blind-safe palette, and a resolution that stays sharp on high-density
screens.
"""

import matplotlib as mpl

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
