"""What the tests share: the built site (where it is, and what the tests that read it
do without it), and the `refused` fixture for nnlib's error messages.

The site is ``_build/html`` (``make html``), or ``$NNBOOK_SITE``. The tests that read
it are skipped while it is not built, except in CI (``CI=true``), where they fail:
CI builds the site before it runs them, so a missing site there is an error.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("NNBOOK_SITE", ROOT / "_build" / "html")).resolve()
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")


def unavailable(reason):
    """Skips the test locally and fails it in CI: CI must run every check."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this check must run in CI)")
    pytest.skip(reason)


def built(relative_path="index.html"):
    """``SITE / relative_path``, which the build writes; unavailable() while it has
    not."""
    path = SITE / relative_path
    if not path.exists():
        unavailable(f"{path} is not built: run `make html` first")
    return path


# Folders of the built site that are not its own pages: theme assets, copied sources,
# images and the published notebooks.
NOT_PAGES = ("_static", "_sources", "_images", "notebooks")


def site_pages():
    """The site's own pages, as paths relative to SITE (none while it is not built)."""
    if not (SITE / "index.html").is_file():
        return []
    return [path.relative_to(SITE).as_posix() for path in sorted(SITE.rglob("*.html"))
            if path.relative_to(SITE).parts[0] not in NOT_PAGES]


def load_conf():
    """conf.py as a module: it only sets values, so importing it changes nothing."""
    spec = importlib.util.spec_from_file_location("nnbook_conf", ROOT / "conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    return conf


@pytest.fixture(scope="session")
def site():
    """The built site's folder."""
    built()
    return SITE


@pytest.fixture(scope="session")
def conf():
    return load_conf()


@pytest.fixture
def project(tmp_path):
    """A minimal copy of the project: nnlib, requirements.txt and conf.py."""
    shutil.copytree(ROOT / "nnlib", tmp_path / "nnlib",
                    ignore=shutil.ignore_patterns("__pycache__", "mnist.npz"))
    (tmp_path / "nnlib" / "datasets" / "mnist.npz").symlink_to(
        ROOT / "nnlib" / "datasets" / "mnist.npz")
    shutil.copy(ROOT / "requirements.txt", tmp_path)
    shutil.copy(ROOT / "conf.py", tmp_path)
    return tmp_path



# The one message of nnlib's checks (nnlib/_checks/message.py):
# [where: ]`name` [and `other`] must <expected>, but received <received>. <Fix.>
MESSAGE = re.compile(r"([^`]+: )?`\w+`( and `\w+`)? must .+, but received .+\. [A-Z].*\.")


@pytest.fixture
def refused():
    """``refused(call, match)``: ``call()`` raises a ValueError that matches ``match``
    and reads as every check's message does."""

    def check(call, match):
        with pytest.raises(ValueError, match=match) as caught:
            call()
        assert MESSAGE.fullmatch(str(caught.value)), str(caught.value)
        return caught.value

    return check
