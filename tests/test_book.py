"""The book's build machinery: a rebuild after a library change, stderr hygiene, the
layout, the pins, and what every built page shows. The units of the book's extension
(the fingerprint, the cache, the markdown for Jupyter) are in test_extension.py."""

import importlib.util
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SITE, built


PROBE = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Probe

```{code-cell} ipython3
import nnlib
print("library says", nnlib.utils.versions()["nnlib"])
```
"""


@pytest.mark.slow
def test_changing_the_library_reexecutes_the_book(project):
    """Change what a library function returns: the rebuilt page shows the new value."""
    root = project
    (root / "book").mkdir()
    for folder in ["_static", "_templates", "_ext"]:
        if (ROOT / "book" / folder).is_dir():
            shutil.copytree(ROOT / "book" / folder, root / "book" / folder)
    (root / "book" / "index.md").write_text(PROBE)
    env = dict(os.environ, PYTHONPATH=str(root),
               NNBOOK_CACHE_ROOT=str(root / "_build" / ".jupyter_cache"))
    env.pop("NNBOOK_ONLY", None)
    sphinx = [sys.executable, "-m", "sphinx", "-q", "-c", str(root), str(root / "book"),
              str(root / "_build" / "html")]

    def build():
        result = subprocess.run(sphinx, env=env, capture_output=True, text=True,
                                timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
        html = (root / "_build" / "html" / "index.html").read_text()
        return re.search(r"library says (\S+)", html).group(1)

    first = build()
    assert build() == first  # nothing changed: served from the cache, same output
    init = root / "nnlib" / "__init__.py"
    init.write_text(re.sub(r'__version__ = "[^"]*"', '__version__ = "9.9.9-probe"',
                           init.read_text()))
    assert build() == "9.9.9-probe" != first
    caches = list((root / "_build" / ".jupyter_cache").iterdir())
    assert len(caches) == 1, "the cache of the old library version was not removed"


def load_noise_filter():
    path = (ROOT / "book" / "_ext" / "ipython" / "profile_default" / "startup" /
            "00-hide-tensorflow-log-noise.py")
    spec = importlib.util.spec_from_file_location("noise_filter", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_noise_filter_drops_tensorflow_log_lines_only():
    noise = load_noise_filter()
    assert noise.is_noise(
        "I0000 00:00:1795862753.467907    4012 port.cc:153] oneDNN custom operations are "
        "on. You may see slightly different numerical results\n")
    assert noise.is_noise("WARNING: All log messages before absl::InitializeLog() is "
                          "called are written to STDERR\n")
    assert noise.is_noise("W0000 00:00:1795862901.482911    4773 local_rendezvous.cc:412] "
                          "Local rendezvous is aborting with status: INVALID_ARGUMENT\n")
    for real in ["/tmp/ipykernel_1/2.py:1: UserWarning: real warning\n",
                 "W0000 00:00:1.2    4773 some_op.cc:1] a real TensorFlow warning\n",
                 "E0000 00:00:1.2    4773 node_def_util.cc:682] another NodeDef error\n"]:
        assert not noise.is_noise(real), real
    written = []
    filtered = noise._filtered(lambda text: written.append(text) or len(text))
    filtered("WARNING: All log messages before absl::InitializeLog() is called are "
             "written to STDERR\nUserWarning: kept\n")
    assert written == ["UserWarning: kept\n"]


def test_importing_nnlib_writes_only_known_noise_to_stderr():
    """The kernels drop TensorFlow's import-time lines from stderr (the startup file in
    book/_ext/ipython). This checks that importing nnlib writes nothing else there: a
    Python warning from nnlib, say, would fail this test, and the build."""
    noise = load_noise_filter()
    code = "import nnlib; nnlib.seed(0); nnlib.plotting.use_book_style()"
    result = subprocess.run([sys.executable, "-W", "default", "-c", code],
                            capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="1"))
    assert result.returncode == 0, result.stderr
    unknown = [line for line in result.stderr.splitlines()
               if line.strip() and not noise.is_noise(line)]
    assert unknown == []


def test_every_chapter_starts_by_seeding_and_hides_no_stderr():
    chapters = sorted((ROOT / "book" / "chapters").glob("*.md"))
    assert chapters, "no chapters found"
    for chapter in chapters:
        text = chapter.read_text()
        cells = re.findall(r"```\{code-cell\} ipython3\n(.*?)```", text, re.S)
        assert cells, f"{chapter.name} has no code cell"
        assert "nnlib.seed(0)" in cells[0], chapter.name
        # Only TensorFlow's known log lines are filtered; no cell may hide the rest.
        assert "remove-stderr" not in text, chapter.name


def test_top_level_layout():
    expected = {"book", "nnlib", "tests", "benchmarks", "conf.py", "Makefile",
                "requirements.txt", "README.md", "pyproject.toml", "LICENSE"}
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True,
                             text=True).stdout.split()
    top = {path.split("/")[0] for path in tracked}
    assert expected <= top
    assert top - expected <= {".ci", ".gitignore", ".github"}, top - expected


def test_requirements_are_pinned():
    lines = [line.split("#")[0].strip() for line in
             (ROOT / "requirements.txt").read_text().splitlines()]
    lines = [line for line in lines if line]
    assert lines
    for line in lines:
        assert re.match(r"^[A-Za-z0-9_.\-\[\]]+==[0-9][^;\s]*(\s*;.*)?$", line), line
    names = {re.split(r"[=\[;]", line)[0].lower() for line in lines}
    for needed in ["tensorflow-cpu", "tensorflow", "sphinx", "myst-nb", "sphinx-book-theme",
                   "matplotlib", "jupyter-cache", "ipykernel", "pytest"]:
        assert needed in names, needed


def built_pages():
    built()
    return [p for p in SITE.rglob("*.html") if "_static" not in p.parts
            and "_modules" not in p.parts and p.name not in ("genindex.html", "search.html",
                                                             "py-modindex.html")]


def test_every_page_names_its_versions_and_build_date():
    pages = built_pages()
    assert pages
    pattern = re.compile(r"Built \d{4}-\d{2}-\d{2} with nnlib [\w.]+, TensorFlow 2\.\d+\.\d+, "
                         r"Keras 3\.\d+\.\d+, Python 3\.\d+\.\d+")
    for page in pages:
        assert pattern.search(page.read_text()), page.relative_to(SITE)


def test_no_tensorflow_import_noise_in_any_page():
    pages = built_pages()
    for page in pages:
        text = page.read_text()
        for noise in ["absl::InitializeLog", "oneDNN custom operations",
                      "cpu_feature_guard", "This TensorFlow binary is optimized"]:
            assert noise not in text, f"{page.relative_to(SITE)} shows '{noise}'"
