"""The keys of a page's record (:mod:`.dependencies`): a file's SHA-256, or that of
its skeleton, what importing it runs."""

from __future__ import annotations

import ast
import hashlib
import json
from pathlib import Path

from sphinx.util import logging

LOGGER = logging.getLogger(__name__)


def skeleton(source):
    """What importing ``source`` runs: its AST without the functions' bodies and
    without docstrings, as text; line numbers and comments do not count."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node.body = [ast.Pass()]
        elif isinstance(node, (ast.Module, ast.ClassDef)) and ast.get_docstring(node):
            node.body = node.body[1:] or [ast.Pass()]
    return ast.dump(tree)


def key(data, whole):
    """The SHA-256 of a file's bytes ``data`` (``whole``) or of its :func:`skeleton`;
    ``None`` for a file that is gone (``data`` None) or does not parse."""
    if data is None:
        return None
    if not whole:
        try:
            data = skeleton(data.decode("utf-8")).encode()
        except (SyntaxError, ValueError):
            return None
    return hashlib.sha256(data).hexdigest()


def read(path):
    """A file's bytes, or ``None`` if it is gone."""
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def record_of(used, extra, root, snapshot=None):
    """A page's record, ``{relative path: [whole, key]}``, from ``used`` (``{"ran": [...],
    "imported": [...]}``, absolute paths) and the ``extra`` files (always whole); the
    bytes come from ``snapshot`` (path -> bytes) where it has them."""
    snapshot, root, record = snapshot or {}, Path(root).resolve(), {}
    ran = {Path(p).resolve() for p in used["ran"]} | {Path(p).resolve() for p in extra}
    for path in ran | {Path(p).resolve() for p in used["imported"]}:
        if not path.is_relative_to(root):
            LOGGER.warning(f"nnbook: {path} is outside {root}; its changes are not seen")
            continue
        data = snapshot[path] if path in snapshot else read(path)
        record[path.relative_to(root).as_posix()] = [path in ran, key(data, path in ran)]
    return record


def is_stale(root, record_file):
    """Whether a file recorded in ``record_file`` changed, or the record is missing."""
    try:
        record = json.loads(Path(record_file).read_text())
    except (OSError, ValueError):
        return True
    return any(key(read(root / name), whole) != value
               for name, (whole, value) in record.items())
