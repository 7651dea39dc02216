"""nnlib: the small neural-network library of *Introduction to Neural Networks in TensorFlow 2*.

Each module holds one concept, and each concept is built from scratch in a chapter of
the book, then checked against its `tf.keras` counterpart:

- :mod:`nnlib.activations`: softmax and ReLU.
- :mod:`nnlib.data`: MNIST (shipped with the package) and the workshop's line data.
- :mod:`nnlib.layers`: the fully connected layer ``Linear``.
- :mod:`nnlib.losses`: loss functions, ``loss(y_true, y_pred)``.
- :mod:`nnlib.metrics`: accuracy, sparse accuracy and the running ``Mean``.
- :mod:`nnlib.models`: models built on ``tf.Module``, starting with ``LineModel``.
- :mod:`nnlib.optimizers`: ``GradientDescent``.
- :mod:`nnlib.plotting`: the book's figure style and plotting helpers (imported, with
  matplotlib, when first used).
- :mod:`nnlib.regression`: closed-form least-squares fits.
- :mod:`nnlib.trainer`: the fast minibatch ``Trainer``, for nnlib and Keras models.
- :mod:`nnlib.training`: full-batch training loops and ``History``.
- :mod:`nnlib.utils`: seeding and version information.
"""

__version__ = "0.1.0"

from nnlib import (
    activations, data, layers, losses, metrics, models, optimizers, regression, trainer,
    training, utils,
)
from nnlib.utils import seed

__all__ = [
    "__version__", "activations", "data", "layers", "losses", "metrics", "models",
    "optimizers", "plotting", "regression", "seed", "trainer", "training", "utils",
]


def __getattr__(name):
    """Imports :mod:`nnlib.plotting`, and with it matplotlib, on its first use only."""
    if name == "plotting":
        import importlib

        return importlib.import_module("nnlib.plotting")
    raise AttributeError(f"module 'nnlib' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | {"plotting"})
