"""Re-execute only what changed: a page executes again when library code it ran changed,
and keeps its cached outputs when only code it never ran did (book/_ext/nnbook/
dependencies.py). Each page prints a fresh random token when it executes, so a page
served from the cache shows the token of the build that executed it."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from book._ext.nnbook.records import record_of, skeleton

HEADER = """\
---
jupytext:
  text_representation: {extension: .md, format_name: myst, format_version: 0.13}
kernelspec: {display_name: Python 3, language: python, name: python3}
---

"""
PAGES = {
    # Runs nnlib.utils.versions, never anything of nnlib.plotting.
    "index": HEADER + """# Versions

```{toctree}
:hidden:
plots
```

```{code-cell} ipython3
import uuid
import nnlib
import tensorflow as tf
# nnlib.metrics runs only inside tf.function: AutoGraph converts it, nothing calls it.
accuracy = tf.function(nnlib.metrics.sparse_accuracy)(tf.constant([0]), tf.ones([1, 2]))
print("token", uuid.uuid4().hex, nnlib.utils.versions()["nnlib"])
```
""",
    # Runs a function of nnlib/plotting/regression.py.
    "plots": HEADER + """# Plots

```{code-cell} ipython3
import uuid
import matplotlib
matplotlib.use("agg")
import nnlib
ax = nnlib.plotting.plot_loss_curves({"run": [1.0, 0.5]})
print("token", uuid.uuid4().hex)
```
""",
}


def _edit_function(path, name, line):
    """Adds ``line`` as the first statement of function ``name`` in ``path``."""
    source = path.read_text()
    match = re.search(rf"^def {name}\(.*?\):\n(\s+)\"\"\".*?\"\"\"\n", source, re.S | re.M)
    assert match, name
    indent = match.group(1)
    path.write_text(source[:match.end()] + f"{indent}{line}\n" + source[match.end():])


@pytest.mark.slow
def test_an_edit_reexecutes_only_the_pages_that_ran_the_edited_code(project):
    root = project
    shutil.copytree(ROOT / "benchmarks", root / "benchmarks")
    (root / "book").mkdir()
    for folder in ["_static", "_templates", "_ext"]:
        if (ROOT / "book" / folder).is_dir():
            shutil.copytree(ROOT / "book" / folder, root / "book" / folder)
    for name, text in PAGES.items():
        (root / "book" / f"{name}.md").write_text(text)
    cache = root / "_build" / ".jupyter_cache"
    env = dict(os.environ, PYTHONPATH=str(root), NNBOOK_CACHE_ROOT=str(cache))
    env.pop("NNBOOK_ONLY", None)

    def tokens(output="html"):
        sphinx = [sys.executable, "-m", "sphinx", "-q", "-c", str(root),
                  str(root / "book"), str(root / "_build" / output)]
        result = subprocess.run(sphinx, env=env, capture_output=True, text=True,
                                timeout=600, cwd=root)
        assert result.returncode == 0, result.stdout + result.stderr
        return {name: re.search(r"token ([0-9a-f]{32})",
                                (root / "_build" / output / f"{name}.html").read_text())
                .group(1) for name in PAGES}

    first = tokens()
    assert tokens() == first  # nothing changed: both from the cache
    records = {path.name: json.loads(path.read_text())
               for path in cache.glob("*/nnbook-deps/*.json")}
    index, plots = records["index.json"], records["plots.json"]
    assert index["nnlib/utils.py"][0] and not index["nnlib/layers.py"][0]  # ran / imported
    assert index["nnlib/metrics.py"][0]  # traced by tf.function
    assert "nnlib/plotting/regression.py" not in index  # never even imported
    assert plots["nnlib/plotting/regression.py"][0]

    # A plotting function changes: only the page that ran it executes again.
    _edit_function(root / "nnlib" / "plotting" / "regression.py", "plot_loss_curves",
                   "unused = 0")
    second = tokens()
    assert second["index"] == first["index"] and second["plots"] != first["plots"]

    # A function the first page ran changes: it executes again, the other does not.
    _edit_function(root / "nnlib" / "utils.py", "versions", "unused = 0")
    third = tokens()
    assert third["index"] != second["index"] and third["plots"] == second["plots"]

    # Another build on the same cache (as the doctest builder is) executes the page
    # after an edit: this build's environment must still read it again.
    _edit_function(root / "nnlib" / "utils.py", "versions", "unused = 1")
    other = tokens("other")
    assert other["index"] != third["index"]
    third = {**third, "index": other["index"]}
    assert tokens() == third

    # A function no page ran changes (nnlib.layers is imported, its code never runs).
    layers = root / "nnlib" / "layers.py"
    layers.write_text(layers.read_text().replace("return x @ self.W + self.b",
                                                 "return (x @ self.W) + self.b", 1))
    assert tokens() == third

    # A module-level value changes: every page that imported the module executes again.
    init = root / "nnlib" / "__init__.py"
    init.write_text(re.sub(r'__version__ = "[^"]*"', '__version__ = "9.9.9-probe"',
                           init.read_text()))
    fourth = tokens()
    assert fourth["index"] != third["index"] and fourth["plots"] != third["plots"]
    assert "9.9.9-probe" in (root / "_build" / "html" / "index.html").read_text()


def test_skeleton_keeps_what_importing_runs():
    base = 'X = 1\n\n\ndef f(a):\n    """Doc."""\n    return a + X\n'
    assert skeleton(base) == skeleton(base.replace("return a + X", "return X + a"))
    assert skeleton(base) == skeleton("# moved\n" + base)  # lines and comments
    assert skeleton(base) != skeleton(base.replace("X = 1", "X = 2"))
    assert skeleton(base) != skeleton(base.replace("def f(a)", "def f(a, b=0)"))
    assert skeleton(base) == skeleton(base.replace("Doc.", "Other."))  # no page runs it


def test_record_marks_a_file_whole_only_when_a_function_of_it_ran(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('X = 1\n\n\ndef f(a):\n    return a + X\n')
    imported = record_of({"ran": [], "imported": [str(module)]}, [], tmp_path)
    ran = record_of({"ran": [str(module)], "imported": [str(module)]}, [], tmp_path)
    assert imported["m.py"][0] is False and ran["m.py"][0] is True
    assert imported["m.py"][1] != ran["m.py"][1]  # a skeleton's key, a file's key
