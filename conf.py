"""Sphinx configuration of the book. Sources are in book/; `make html` builds them.

Settings only: importing this file changes nothing. What acts (the execution cache,
the kernels' environment, partial builds, the doctest checker) is the book's
extension, book/_ext/nnbook, on Sphinx's events.

The chapters are MyST text notebooks, executed by myst-nb at build time and cached
by jupyter-cache. A change to a pinned version re-executes every chapter; a change
to a library file re-executes the chapters whose execution ran code of that file
(`nnbook_execution_depends_on` and `nnbook_execution_measured` below).
"""

import datetime
import os
import platform
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent

# -- Project -------------------------------------------------------------------------

project = "Introduction to Neural Networks in TensorFlow 2"
author = "the nnbook authors"
REPOSITORY_URL = "https://github.com/nnbook/nnbook"  # the one place the URL is set
REPOSITORY_BRANCH = "main"
# .github/workflows/pages.yml publishes the built site to this branch, and GitHub Pages
# serves it from there at PAGES_URL. Colab opens the chapters' notebooks from it.
PAGES_BRANCH = "gh-pages"
_owner, _repo = REPOSITORY_URL.rstrip("/").split("/")[-2:]
PAGES_URL = f"https://{_owner}.github.io/{_repo}/"

_build_time = datetime.datetime.fromtimestamp(
    int(os.environ.get("SOURCE_DATE_EPOCH", time.time())), tz=datetime.timezone.utc
)
copyright = f"{_build_time.year}, {author}"


def _nnlib_version():
    for line in (ROOT / "nnlib" / "__init__.py").read_text().splitlines():
        if line.startswith("__version__"):
            return line.split("=")[1].strip().strip("\"'")
    return "unknown"


def _dist_version(*names):
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


release = version = _nnlib_version()
BUILD_VERSIONS = {
    "nnlib": release,
    "TensorFlow": _dist_version("tensorflow-cpu", "tensorflow"),
    "Keras": _dist_version("keras"),
    "Python": platform.python_version(),
}

# -- Execution cache: keyed on what each page ran ----------------------------------

# myst-nb keeps each page's outputs in jupyter-cache. The book's extension puts the
# cache in a folder named by a fingerprint of these files (globs, relative to this
# folder), and deletes the folders of older fingerprints: a change to a pinned
# version, to the shipped data, to the kernels' startup files or to the recording
# itself executes every page again (book/_ext/nnbook/execution.py).
nnbook_execution_depends_on = [
    "requirements.txt",
    "nnlib/datasets/**/*",
    "book/_ext/ipython/profile_default/startup/*.py",
    "book/_ext/nnbook/dependencies.py",
    "book/_ext/nnbook/records.py",
    "book/_ext/nnbook/execution.py",
]
# Within that folder, each page is keyed on the files of these folders whose
# functions its execution ran, recorded in its kernel while it runs: an edit
# re-executes only the pages that ran the edited file (book/_ext/nnbook/dependencies.py).
nnbook_execution_measured = ["nnlib", "benchmarks"]
# Files a page depends on beyond what its kernel records: the Performance page runs
# the benchmark, and through it nnlib, in a subprocess.
nnbook_execution_extra_depends = {
    "reference/performance": ["nnlib/**/*.py", "benchmarks/*.py"],
    # Loads the benchmark with importlib.util.spec_from_file_location, unrecorded.
    "chapters/09-next-steps": ["benchmarks/bench.py"],
}
nnbook_cache_root = os.environ.get("NNBOOK_CACHE_ROOT", "_build/.jupyter_cache")

# -- Extensions ----------------------------------------------------------------------

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinx.ext.doctest",
    "sphinx_copybutton",
    "sphinx_exercise",
    "sphinx_togglebutton",
    # MathJax 3 (3.2.2, with its fonts, TeX extensions and speech maps) served from the
    # site's _static/mathjax instead of Sphinx's default CDN: a pinned PyPI package,
    # so no npm toolchain is needed. tests/test_site.py checks that no page requests
    # anything from another host and that every formula is typeset.
    "sphinx-mathjax-offline",
    "sphinx.ext.githubpages",  # .nojekyll, so GitHub Pages serves _static/
    # book/_ext/nnbook: runnable notebooks, Colab and download links, API links, the
    # execution cache, partial builds. Imported from this folder, which the Makefile
    # puts on PYTHONPATH.
    "book._ext.nnbook",
]

exclude_patterns = ["_build", "**.ipynb_checkpoints", "_ext", "_templates"]
suppress_warnings = []

# `NNBOOK_ONLY="02-*,03-*" make html` builds only those chapters (plus the other
# pages): a quick check while writing. Links to and numbers glued from the chapters
# left out become plain text. Full builds and CI never set it.
nnbook_only = os.environ.get("NNBOOK_ONLY", "")
# Pages that glue numbers from the chapters: rebuilt whenever a chapter is.
nnbook_glue_pages = ["reference/reproducing-the-workshop"]

# TensorFlow's, Keras' and NumPy's own classes have no pages in this offline site:
# their names in docstrings stay plain text instead of failing `-n`.
# Napoleon reads the text before a colon in a `Returns:` line ("A tensor of the same
# shape: ...") as a type and splits it at "of": no class name contains a space.
nitpick_ignore_regex = [
    (r"py:.*", r"(tf|keras|np|numpy|tensorflow)\..*"),
    (r"py:class", r".*\s.*"),
]

# -- MyST and myst-nb ----------------------------------------------------------------

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3

nb_execution_mode = "cache"
nb_execution_raise_on_error = True
nb_execution_show_tb = True
# The heaviest cells train a 784-50-10 network for 1000 full-batch steps on 60,000
# images: about 80-110 s on 2 cores. Leave room for a slow or busy machine.
nb_execution_timeout = 900
nb_merge_streams = True
# Anything a cell writes to stderr (a Python warning, a TensorFlow warning) becomes a
# Sphinx warning, and `-W` turns it into a failed build. The kernels start with the
# IPython profile in book/_ext/ipython, whose startup file drops exactly the known
# lines of TensorFlow's C++ log noise (import notes, and two notes that accompany
# certain ops) from stderr and lets everything else through.
nb_output_stderr = "warn"
nb_ipywidgets_js = {}  # no widget JavaScript from a CDN
nb_render_image_options = {"class": "nnbook-figure"}
# Markdown that a cell displays (IPython.display.Markdown) may hold tables.
nb_render_markdown_format = "gfm"
# The kernels that execute the chapters start with that profile, and with these
# variables where the environment does not set them.
nnbook_ipython_dir = "book/_ext/ipython"
nnbook_kernel_environment = {"TF_CPP_MIN_LOG_LEVEL": "1", "PYTHONHASHSEED": "0"}

# -- Autodoc -------------------------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "none"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# -- Doctest builder (make test) -----------------------------------------------------

doctest_global_setup = """
import numpy as np
import tensorflow as tf
import nnlib
nnlib.seed(0)
"""
# The same flags as `pytest --doctest-modules` (pyproject.toml), NUMBER included: the
# extension compares floats as pytest does (book/_ext/nnbook/doctests.py).
nnbook_doctest_optionflags = "ELLIPSIS NORMALIZE_WHITESPACE NUMBER"

# -- HTML ----------------------------------------------------------------------------

html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["book/_static"]
html_favicon = "book/_static/favicon.svg"  # else browsers ask for /favicon.ico
templates_path = ["book/_templates"]
# sphinx-book-theme's primary sidebar, with the title link wrapped in a <nav> landmark.
html_sidebars = {
    "**": ["nnbook-navbar-logo.html", "icon-links.html", "search-button-field.html",
           "sbt-sidebar-nav.html"]
}
html_css_files = ["nnbook.css"]
html_last_updated_fmt = None
html_baseurl = PAGES_URL
_footer_versions = ", ".join(f"{name} {ver}" for name, ver in BUILD_VERSIONS.items())
html_theme_options = {
    "repository_url": REPOSITORY_URL,
    "repository_branch": REPOSITORY_BRANCH,
    "path_to_docs": "book",
    "use_repository_button": True,
    "use_download_button": True,
    "use_source_button": True,
    "use_issues_button": False,
    "show_toc_level": 2,
    "extra_footer": (
        f'<p class="nnbook-provenance">Built {_build_time:%Y-%m-%d} with '
        f"{_footer_versions}.</p>"
    ),
}
html_context = {"default_mode": "auto"}

# book/_ext/nnbook: the runnable notebooks and their links.
nnbook_repository_url = REPOSITORY_URL
nnbook_repository_branch = REPOSITORY_BRANCH
# The notebooks install nnlib from this git ref: in GitHub Actions the commit the site
# is built from, so a notebook always gets the library its outputs came from.
nnbook_nnlib_ref = os.environ.get("GITHUB_SHA") or REPOSITORY_BRANCH
nnbook_pages_branch = PAGES_BRANCH
nnbook_build_date = f"{_build_time:%Y-%m-%d}"
nnbook_versions = _footer_versions

numfig = True

