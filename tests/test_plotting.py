"""nnlib.plotting: imported on first use only, without an import cycle, and refusing
what it would draw wrongly or fail on with a raw error."""

import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nnlib import plotting

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _close_figures():
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


@pytest.mark.parametrize("call, message", [
    (lambda: plotting.plot_digits(np.zeros((3, 28, 28)), labels=[1]),  # IndexError
     r"^`images` and `labels` must describe the same examples, but received 3 images"),
    (lambda: plotting.plot_digits(np.zeros((3, 28, 28)), [1, 2, 3], predictions=[1]),
     r"^`images` and `predictions` must describe the same examples"),
    (lambda: plotting.plot_digits(np.zeros((3, 10))),  # numpy's reshape error
     r"^`images` must hold images of shape \(N, 28, 28\)"),
    (lambda: plotting.plot_digits(np.zeros((3, 784)), num_columns=0),  # ZeroDivisionError
     r"^`num_columns` must be a positive integer"),
    (lambda: plotting.plot_confusion_matrix([0, 5], [0, 1], num_classes=3),  # IndexError
     r"^`labels` must hold class labels from 0 to 2 \(num_classes=3\), but received "
     r"labels\[1\] = 5"),
    (lambda: plotting.plot_confusion_matrix([0, -1], [0, 1], num_classes=3),  # drawn in row 2
     r"^`labels` must hold class labels from 0 to 2 .*labels\[1\] = -1"),
    (lambda: plotting.plot_confusion_matrix([0, 1], [0, 3], num_classes=3),
     r"^`predictions` must hold class labels from 0 to 2"),
    (lambda: plotting.plot_confusion_matrix([0, 1, 2], [0, 1], num_classes=3),
     r"^`labels` and `predictions` must describe the same examples"),
    (lambda: plotting.plot_confusion_matrix([0, 1], [0, 1], num_classes=0),
     r"^`num_classes` must be a positive integer"),
    (lambda: plotting.plot_weight_images(np.ones(784)),  # IndexError
     r"^`weights` must be a matrix"),
    (lambda: plotting.plot_weight_images(np.ones((784, 10)), num_columns=0),
     r"^`num_columns` must be a positive integer"),
    (lambda: plotting.plot_probabilities(np.ones((2, 3)) / 3),  # six bars, no error
     r"^`probabilities` must be one row of probabilities"),
    (lambda: plotting.plot_loss_curves([1.0, 0.5]),  # AttributeError
     r"^`histories` must be a dict"),
    (lambda: plotting.plot_accuracy_curves([0.5]), r"^`histories` must be a dict"),
    (lambda: plotting.plot_line_fit([1.0, 2.0], [1.0, 2.0], lines=[(1.0, 0.0)]),
     r"^`lines` must be a dict"),
])
def test_plots_refuse_what_they_would_draw_wrongly_or_fail_on(refused, call, message):
    refused(call, message)


def test_a_batch_of_one_probability_row_is_drawn():
    assert len(plotting.plot_probabilities([[0.2, 0.8]]).patches) == 2


def _python(code):
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_import_nnlib_does_not_import_matplotlib_and_plotting_comes_on_first_use():
    # Keras 3 itself imports matplotlib.pyplot when it is installed (for its
    # visualization utilities), so the check hides matplotlib: nnlib must import and
    # work without it, and import nnlib.plotting only when plotting is used.
    _python("import sys; sys.modules['matplotlib'] = None\n"
            "import nnlib\n"
            "assert 'nnlib.plotting' not in sys.modules\n"
            "nnlib.seed(0)\n"
            "assert nnlib.layers.Linear(3, 2)([[1.0, 2.0, 3.0]]).shape == (1, 2)\n"
            "try:\n    nnlib.plotting\nexcept ImportError:\n    pass\n"
            "else:\n    raise AssertionError('plotting imported without matplotlib')\n")
    # Where TensorFlow leaves matplotlib out, import nnlib does too; plotting is there
    # on first use.
    out = _python("import sys, tensorflow\n"
                  "before = 'matplotlib' in sys.modules\n"
                  "import nnlib\n"
                  "assert before or 'matplotlib' not in sys.modules\n"
                  "assert 'nnlib.plotting' not in sys.modules\n"
                  "assert 'plotting' in dir(nnlib)\n"
                  "print(nnlib.plotting.plot_digits.__module__)\n"
                  "from nnlib import plotting; print(plotting is nnlib.plotting)\n")
    assert out.split() == ["nnlib.plotting.classification", "True"]


def test_plotting_modules_do_not_import_their_package():
    """The helpers import ``nnlib.plotting.axes``, not ``nnlib.plotting`` (which imports
    them)."""
    for path in (ROOT / "nnlib" / "plotting").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                assert node.module != "nnlib.plotting", path.name
