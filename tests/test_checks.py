"""nnlib/_checks: one message style for every argument of every module.

The cases of each module are in its own test file; these run one kind of bad
argument through every module that takes one.
"""

import ast
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest

from nnlib import data, plotting
from nnlib.activations import relu, softmax
from nnlib.layers import Linear
from nnlib.losses import mse
from nnlib.metrics import Mean, accuracy, sparse_accuracy
from nnlib.models import LineModel
from nnlib.optimizers import GradientDescent
from nnlib.regression import fit_line, loss_surface
from nnlib.training import History, train_full_batch

ROOT = Path(__file__).resolve().parents[1]

COUNTS = {  # arguments that count something, each with a call that passes it
    "in_features": lambda n: Linear(n, 2),
    "out_features": lambda n: Linear(2, n),
    "num_classes": lambda n: data.preprocess(np.zeros((2, 3, 3), np.uint8), [0, 1], n),
    "num_steps": lambda n: train_full_batch(LineModel(), [1.0], [1.0],
                                            GradientDescent(0.1), num_steps=n),
    "num_columns": lambda n: plotting.plot_digits(np.zeros((2, 784)), num_columns=n),
}


@pytest.mark.parametrize("name", list(COUNTS))
@pytest.mark.parametrize("bad", [0, -1, 2.5, None, "3", True])
def test_every_count_is_refused_in_the_same_words(refused, name, bad):
    refused(lambda: COUNTS[name](bad),
            rf"^`{name}` must be a positive integer, but received {re.escape(repr(bad))} "
            rf"of type \w+\. Pass e\.g\. {name}=\d+\.$")


TENSORS = {  # arguments that are tensors, each with a call that passes it
    "logits": lambda bad: softmax(bad),
    "x": lambda bad: relu(bad),
    "x of Linear": lambda bad: Linear(3, 2)(bad),
    "x of LineModel": lambda bad: LineModel()(bad),
    "y_pred": lambda bad: mse([1.0], bad),
    "y_true": lambda bad: mse(bad, [1.0]),
    "y_true of accuracy": lambda bad: accuracy(bad, np.ones((1, 2), np.float32)),
    "y_true of sparse_accuracy": lambda bad: sparse_accuracy(bad, np.ones((1, 2),
                                                                          np.float32)),
    "y_pred of accuracy": lambda bad: accuracy(np.ones((1, 2), np.float32), bad),
    "values": lambda bad: Mean().update_state(bad),
    "x of fit_line": lambda bad: fit_line(bad, [1.0, 2.0]),
    "m_values": lambda bad: loss_surface([1.0], [1.0], bad, [0.0]),
    "loss": lambda bad: History().record(loss=bad),
}


@pytest.mark.parametrize("argument", list(TENSORS))
@pytest.mark.parametrize("bad", [None, "abc", [1.0, "a"], {"x": 1.0}])
def test_values_that_are_not_tensors_of_numbers(refused, argument, bad):
    # None, dicts and mixed lists raised TensorFlow's conversion error.
    name = argument.split()[0]
    refused(lambda: TENSORS[argument](bad), rf"`{name}` must .*, but received ")


def test_only_the_checks_write_error_messages():
    """Every ValueError of the concept modules comes from nnlib/_checks (the Trainer,
    to be rewritten, still writes its own for its data and its compiled epochs)."""
    for path in sorted((ROOT / "nnlib").rglob("*.py")):
        if "_checks" in path.parts or path.name == "trainer.py":
            continue
        raises = [node for node in ast.walk(ast.parse(path.read_text()))
                  if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
                  and getattr(node.exc.func, "id", None) == "ValueError"]
        assert not raises, f"{path.name}:{raises[0].lineno} raises its own ValueError"


def test_every_package_is_listed_for_the_wheel():
    """setuptools installs only the packages pyproject.toml lists."""
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"]
    found = [".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "nnlib").rglob("__init__.py")]
    assert sorted(listed) == sorted(found)
