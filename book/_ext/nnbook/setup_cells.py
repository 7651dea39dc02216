"""The two cells that open every published notebook: what it is, and its installation.

On Google Colab only, the code cell installs the versions of TensorFlow, Keras, NumPy,
matplotlib and myst-nb pinned in ``requirements.txt``, and nnlib itself from the
book's repository at ``nnbook_nnlib_ref``; elsewhere it does nothing.
"""

from __future__ import annotations

import nbformat
from packaging.requirements import Requirement

SETUP_TAG = "nnbook-colab-setup"
# The packages a chapter needs at run time. requirements.txt pins tensorflow-cpu where
# that wheel exists; Colab has GPUs, so it gets `tensorflow` at the same version.
RUNTIME_PACKAGES = ("tensorflow", "keras", "numpy", "matplotlib", "myst-nb")
COLAB_NAMES = {"tensorflow-cpu": "tensorflow"}


def runtime_pins(requirements_text):
    """``name==version`` for each of RUNTIME_PACKAGES, read from requirements.txt."""
    pins = {}
    for line in requirements_text.splitlines():
        line = line.partition(" #")[0].strip()  # pip's comments
        if not line or line.startswith(("#", "-")):  # a comment, or an option of pip's
            continue
        requirement = Requirement(line)
        name = COLAB_NAMES.get(requirement.name.lower(), requirement.name.lower())
        versions = [spec.version for spec in requirement.specifier if spec.operator == "=="]
        if name in RUNTIME_PACKAGES and versions and name not in pins:
            pins[name] = f"{name}=={versions[0]}"
    missing = [name for name in RUNTIME_PACKAGES if name not in pins]
    if missing:
        raise ValueError(f"requirements.txt pins none of {missing}; the notebooks need them.")
    return [pins[name] for name in RUNTIME_PACKAGES]


def setup_cells(config, requirements_text):
    pins = " ".join(f'"{pin}"' for pin in runtime_pins(requirements_text))
    repo = config.nnbook_repository_url
    ref = config.nnbook_nnlib_ref or config.nnbook_repository_branch
    site = config.html_baseurl or repo
    intro = nbformat.v4.new_markdown_cell(
        f"This notebook is a chapter of *{config.project}*, with the outputs of the "
        f"build of {config.nnbook_build_date} ({config.nnbook_versions}). The book: "
        f"<{site}>. Its code and nnlib: <{repo}>.\n\n"
        "To run it on Google Colab, run the next cell first: it installs the versions "
        "the book was built with and nnlib. If Colab then asks you to restart the "
        "session, do so and run the notebook from the top. On your own machine, "
        "follow the book's README instead (`make html` installs everything into "
        "`.venv`); the next cell then does nothing.\n\n"
        "A few cells fail on purpose, to show an error the chapter explains (they "
        "are tagged `raises-exception`). Jupyter runs on past them; Colab's *Run all* "
        "stops there: continue with *Runtime > Run after*."
    )
    intro.metadata["tags"] = [SETUP_TAG]
    install = nbformat.v4.new_code_cell(
        "# On Google Colab only: the versions this book was built with, and nnlib.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        f"    %pip install --quiet {pins}\n"
        f'    %pip install --quiet --no-deps "nnlib @ git+{repo}@{ref}"\n'
    )
    install.metadata["tags"] = [SETUP_TAG]
    return [intro, install]
