"""Where and how the chapters are executed: the execution cache and the kernels' setup.

myst-nb executes each page once and keeps its outputs in jupyter-cache, keyed on the
page's code cells. Outputs also depend on what the cells import, so the cache lives
in a folder named by a fingerprint of those files (``nnbook_execution_depends_on``):
a change to nnlib or to a pinned version starts an empty cache, and the folders of
older fingerprints, which can never be hit again, are deleted.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
FINGERPRINT = re.compile(r"[0-9a-f]{16}")  # the names of the cache folders


def fingerprint(root, patterns):
    """SHA-256 over the paths (relative to ``root``) and contents of the files that
    the glob ``patterns`` match, bytecode left out: 16 hex digits."""
    root = Path(root)
    files = {path for pattern in patterns for path in root.glob(pattern)
             if path.is_file() and "__pycache__" not in path.parts}
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        with path.open("rb") as file:
            digest.update(hashlib.file_digest(file, "sha256").digest())
    return digest.hexdigest()[:16]


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
    config.nnbook_fingerprint = fingerprint(root, config.nnbook_execution_depends_on)
    cache_root = root / config.nnbook_cache_root
    config.nb_execution_cache_path = str(cache_root / config.nnbook_fingerprint)
    prune_caches(cache_root, keep=config.nnbook_fingerprint)
    # The kernels inherit this process's environment.
    if config.nnbook_ipython_dir:
        os.environ["IPYTHONDIR"] = str(root / config.nnbook_ipython_dir)
    for name, value in config.nnbook_kernel_environment.items():
        os.environ.setdefault(name, value)
