"""Re-execute only what changed: each page's cached outputs are keyed on the library
files whose code that page's execution ran.

While a page executes, its kernel records with coverage.py which lines of the
measured folders (``nnbook_execution_measured``: nnlib/ and benchmarks/) it ran
(the kernels' startup file ``20-record-library-use.py``). ``import nnlib`` runs
every module's top-level lines, so being imported is not enough to depend on all of a
module. When the page has been read, this module writes, to
``<cache>/nnbook-deps/<page>.json``, for every measured file the page ran a line of:

- if a line inside one of its functions ran, the SHA-256 of the whole file;
- if only its top-level lines ran (it was imported), the SHA-256 of its *skeleton*:
  the module with its functions' bodies left out (:func:`skeleton`), which is what
  importing it runs, its constants included;

and the SHA-256 of the files that ``nnbook_execution_extra_depends`` names for the
page (code that runs in a subprocess, which the kernel cannot see).

At the start of the next build, a page whose recorded files changed (or whose
record is missing) loses its jupyter-cache record, and Sphinx reads it again, so it
executes again; the other pages keep their outputs. Everything else a page's outputs
depend on (the pinned requirements, the shipped data, the kernels' startup files,
this module) is in the cache's fingerprint (:mod:`.execution`), and a change to it
executes every page again, as ``make clean`` does.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
from pathlib import Path

from jupyter_cache import get_cache
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
RECORD_TO = "NNBOOK_RECORD_TO"  # where a kernel writes the lines it ran (JSON)
MEASURED = "NNBOOK_RECORD_SOURCES"  # the folders it measures, os.pathsep-separated


def function_lines(source):
    """The line numbers of the statements inside the functions of ``source``."""
    lines = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines.update(range(node.body[0].lineno, node.end_lineno + 1))
    return lines


def skeleton(source):
    """What importing ``source`` runs: its AST without the functions' bodies
    (docstrings kept), as text; line numbers and comments do not count."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            docstring = node.body[:1] if ast.get_docstring(node) is not None else []
            node.body = docstring + [ast.Pass()]
    return ast.dump(tree)


def key(path, whole):
    """The SHA-256 of the file at ``path`` (``whole``), or of its :func:`skeleton`;
    ``None`` for a file that is gone or no longer parses."""
    try:
        if whole:
            with open(path, "rb") as file:
                return hashlib.file_digest(file, "sha256").hexdigest()
        text = skeleton(Path(path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return None
    return hashlib.sha256(text.encode()).hexdigest()


def record_of(ran, extra, root):
    """The record of a page: ``{relative path: [whole, key]}`` for the files of ``ran``
    (path -> line numbers run) and the ``extra`` files (always whole)."""
    record = {}
    for path, lines in ran.items():
        path = Path(path)
        if not lines or "__pycache__" in path.parts or not path.is_relative_to(root):
            continue
        whole = bool(function_lines(path.read_text(encoding="utf-8")) & set(lines))
        record[path.relative_to(root).as_posix()] = [whole, key(path, whole)]
    for path in extra:
        record[path.relative_to(root).as_posix()] = [True, key(path, True)]
    return record


def _folder(app):
    return Path(app.config.nb_execution_cache_path) / "nnbook-deps"


def _lines_file(app, docname):
    return _folder(app) / f"{docname.replace('/', '--')}.lines.json"


def _record_file(app, docname):
    return _folder(app) / f"{docname.replace('/', '--')}.json"


def start_recording(app, docname, source):
    """``source-read``: the kernel this page starts records the lines it runs."""
    lines_file = _lines_file(app, docname)
    lines_file.parent.mkdir(parents=True, exist_ok=True)
    lines_file.unlink(missing_ok=True)
    root = Path(app.confdir)
    os.environ[RECORD_TO] = str(lines_file)
    os.environ[MEASURED] = os.pathsep.join(
        str(root / folder) for folder in app.config.nnbook_execution_measured)


def save_record(app, doctree):
    """``doctree-read``: if the page executed, stores the digests of the files it used."""
    docname = app.env.docname
    lines_file = _lines_file(app, docname)
    os.environ.pop(RECORD_TO, None)
    if not lines_file.is_file():  # taken from the cache, or no code: the record stands
        return
    root = Path(app.confdir)
    extra = sorted({p for pattern in app.config.nnbook_execution_extra_depends.get(
        docname, []) for p in root.glob(pattern)
        if p.is_file() and "__pycache__" not in p.parts})
    record = record_of(json.loads(lines_file.read_text()), extra, root)
    _record_file(app, docname).write_text(json.dumps(record, indent=1, sort_keys=True))
    lines_file.unlink()


def is_stale(root, record_file):
    """Whether a file recorded in ``record_file`` changed, or the record is missing."""
    try:
        record = json.loads(Path(record_file).read_text())
    except (OSError, ValueError):
        return True
    return any(key(root / name, whole) != value for name, (whole, value) in record.items())


def drop_stale_outputs(app):
    """``builder-inited``: removes the cached outputs of the pages whose recorded files
    changed (or that have no record), and remembers them for :func:`outdated`."""
    app.nnbook_stale = set()
    cache_path = Path(app.config.nb_execution_cache_path)
    if not cache_path.is_dir():
        return
    root, srcdir, cache = Path(app.confdir), Path(app.srcdir), get_cache(cache_path)
    for record in cache.list_cache_records():
        try:
            docname = Path(record.uri).relative_to(srcdir).with_suffix("").as_posix()
        except ValueError:
            continue
        if is_stale(root, _record_file(app, docname)):
            LOGGER.info(f"nnbook: {docname} ran library code that changed; executing it again")
            cache.remove_cache(record.pk)
            _record_file(app, docname).unlink(missing_ok=True)
            app.nnbook_stale.add(docname)


def outdated(app, env, added, changed, removed):
    """``env-get-outdated``: the pages whose outputs were dropped are read again."""
    return sorted(docname for docname in getattr(app, "nnbook_stale", ())
                  if docname in env.found_docs)
