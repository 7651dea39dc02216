"""The axes every plotting helper draws on: the caller's, or those of a new figure."""

import matplotlib.pyplot as plt


def figure_axes(ax=None, projection=None):
    """Returns ``ax``, or, if it is ``None``, the axes of a new figure.

    Example:

    >>> from nnlib.plotting.axes import figure_axes
    >>> ax = figure_axes(projection="3d")
    >>> ax.name
    '3d'
    >>> figure_axes(ax) is ax
    True
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)
    """
    if ax is not None:
        return ax
    if projection is None:
        return plt.figure().add_subplot()
    return plt.figure().add_subplot(projection=projection)
