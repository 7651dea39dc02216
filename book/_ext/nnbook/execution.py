"""Where and how the chapters are executed: the execution cache and the kernels' setup.

myst-nb executes each page once and keeps its outputs in jupyter-cache, keyed on the
page's code cells. Outputs also depend on what every page depends on, so the cache
lives in a folder named by a fingerprint of those files (``nnbook_execution_depends_on``:
the pins, the data, the kernels' startup files), of the Python and the packages
installed, and of the settings of the execution: a change to any of them starts an
empty cache, and the folders of older fingerprints, which can never be hit again, are
deleted. Library code keys each page on its own (:mod:`.dependencies`).
"""

from __future__ import annotations

import hashlib
import os
import platform
import sys
from importlib.metadata import distributions
import re
import shutil
from pathlib import Path

from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
FINGERPRINT = re.compile(r"[0-9a-f]{16}")  # the names of the cache folders


def fingerprint(root, patterns, also=()):
    """SHA-256 over the paths (relative to ``root``) and contents of the files that
    the glob ``patterns`` match, bytecode left out, and the strings ``also``: 16 hex
    digits."""
    root = Path(root)
    files = {path for pattern in patterns for path in root.glob(pattern)
             if path.is_file() and "__pycache__" not in path.parts}
    digest = hashlib.sha256("\0".join(also).encode())
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        with path.open("rb") as file:
            digest.update(hashlib.file_digest(file, "sha256").digest())
    return digest.hexdigest()[:16]


def environment(config):
    """What every page's outputs depend on besides files: the Python, the machine, every
    installed package's version (a GPU install changes no pinned file), and the
    settings of the execution."""
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())
    settings = [repr(getattr(config, name)) for name in (
        "nnbook_kernel_environment", "nnbook_execution_measured",
        "nnbook_execution_extra_depends")]
    return [sys.version, platform.machine(), *packages, *settings]


def prune_caches(cache_root, keep):
    """Deletes the cache folders of other fingerprints (and nothing else)."""
    if not cache_root.is_dir():
        return
    for folder in cache_root.iterdir():
        if folder.name != keep and folder.is_dir() and FINGERPRINT.fullmatch(folder.name):
            LOGGER.info(f"nnbook: removing the stale execution cache {folder}")
            shutil.rmtree(folder, ignore_errors=True)


def set_up_execution(app, config):
    """``config-inited``: the cache folder, and the environment of the kernels.

    myst-nb reads ``nb_execution_cache_path`` at ``builder-inited``, after every
    ``config-inited`` handler has run. ``nnbook_fingerprint`` is an "env" value: when
    it changes, Sphinx reads every page again, and each looks up the new cache.
    """
    root = Path(app.confdir)
    config.nnbook_fingerprint = fingerprint(root, config.nnbook_execution_depends_on,
                                            environment(config))
    cache_root = root / config.nnbook_cache_root
    config.nb_execution_cache_path = str(cache_root / config.nnbook_fingerprint)
    prune_caches(cache_root, keep=config.nnbook_fingerprint)
    # The kernels inherit this process's environment.
    if config.nnbook_ipython_dir:
        os.environ["IPYTHONDIR"] = str(root / config.nnbook_ipython_dir)
    for name, value in config.nnbook_kernel_environment.items():
        os.environ.setdefault(name, value)
