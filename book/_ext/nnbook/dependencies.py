"""Re-execute only what changed: each page's cached outputs are keyed on the library
files whose code that page's execution ran.

While a page executes, its kernel records which files of the measured folders
(``nnbook_execution_measured``: nnlib/ and benchmarks/) it imported, and in which of
them a function ran, directly or traced by ``tf.function`` (the kernels' startup file
``20-record-library-use.py``). ``import nnlib`` imports every module, so being
imported is not enough to depend on all of a module. When the page has been read,
this module writes the page's *record*, ``<cache>/nnbook-deps/<page>.json``: for each
file a function of which ran, the SHA-256 of the file; for each file only imported,
the SHA-256 of its *skeleton* (:func:`skeleton`: what importing it runs, its
constants included); and the SHA-256 of the files ``nnbook_execution_extra_depends``
names for the page (code that runs where the kernel cannot see it, e.g. a
subprocess). The keys are taken from the files as they were when the page began.

A page is read and executed again when its record no longer matches the files, when
the record is gone, or when it differs from the record the page was last read with
(another build, such as the doctest builder, re-executed it in between): its
jupyter-cache record is removed at ``builder-inited``, and ``env-get-outdated``
returns it, with the pages that glue numbers from chapters. Everything else the
outputs depend on is in the cache folder's fingerprint (:mod:`.execution`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from jupyter_cache import get_cache
from sphinx.util import logging

from .docnames import is_chapter
from .records import is_stale, key, read, record_of

LOGGER = logging.getLogger(__name__)
RECORD_TO = "NNBOOK_RECORD_TO"  # where a kernel writes the files it used (JSON)
MEASURED = "NNBOOK_RECORD_SOURCES"  # the folders it measures, os.pathsep-separated


def _folder(app):
    return Path(app.config.nb_execution_cache_path) / "nnbook-deps"


def _record_file(app, docname):
    return _folder(app) / f"{quote(docname, safe='')}.json"


def _used_file(app, docname):  # one per build process: builds may share a cache
    return _folder(app) / f"{quote(docname, safe='')}.{os.getpid()}.used.json"


def start_recording(app, docname, source):
    """``source-read``: the kernel this page starts records what it uses, and the
    measured files are read as they are now, before the page runs them."""
    used_file = _used_file(app, docname)
    used_file.parent.mkdir(parents=True, exist_ok=True)
    used_file.unlink(missing_ok=True)
    folders = [Path(app.confdir, folder).resolve()
               for folder in app.config.nnbook_execution_measured]
    os.environ[RECORD_TO] = str(used_file)
    os.environ[MEASURED] = os.pathsep.join(map(str, folders))
    app.nnbook_snapshot = {path: path.read_bytes() for folder in folders
                           for path in folder.rglob("*.py")}


def save_record(app, doctree):
    """``doctree-read``: if the page executed, writes its record; notes in the
    environment which record the page was read with."""
    env, docname = app.env, app.env.docname
    used_file, record_file = _used_file(app, docname), _record_file(app, docname)
    os.environ.pop(RECORD_TO, None)
    if used_file.is_file():  # executed now (else taken from the cache, or no code)
        root = Path(app.confdir)
        extra = [p for pattern in app.config.nnbook_execution_extra_depends.get(
            docname, []) for p in root.glob(pattern) if p.is_file()]
        record = record_of(json.loads(used_file.read_text()), extra, root,
                           getattr(app, "nnbook_snapshot", None))
        partial = record_file.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(record, indent=1, sort_keys=True))
        os.replace(partial, record_file)
        used_file.unlink()
        _drop_older_versions(app, env.doc2path(docname))
    if not hasattr(env, "nnbook_records"):
        env.nnbook_records = {}
    env.nnbook_records[docname] = key(read(record_file), True)


def _drop_older_versions(app, source):
    """Removes the cache records of the page's earlier code, whose outputs no record
    describes any more (a page edited back to old code would otherwise get them)."""
    cache = get_cache(app.config.nb_execution_cache_path)
    records = [r for r in cache.list_cache_records()
               if Path(r.uri).resolve() == Path(source).resolve()]
    for record in sorted(records, key=lambda r: r.created)[:-1]:
        _remove(cache, record.pk)


def _remove(cache, pk):
    try:
        cache.remove_cache(pk)
    except KeyError:  # another build removed it first
        pass


def drop_stale_outputs(app):
    """``builder-inited``: removes the cached outputs that no current page's record
    vouches for: its recorded files changed, its record is gone, or it is no page."""
    cache_path = Path(app.config.nb_execution_cache_path)
    if not cache_path.is_dir():
        return
    root, srcdir, cache = Path(app.confdir), Path(app.srcdir).resolve(), get_cache(cache_path)
    for record in cache.list_cache_records():
        source = Path(record.uri).resolve()
        docname = (source.relative_to(srcdir).with_suffix("").as_posix()
                   if source.is_relative_to(srcdir) and source.is_file() else None)
        if docname is None or is_stale(root, _record_file(app, docname)):
            LOGGER.info(f"nnbook: dropping the cached outputs of {record.uri}")
            _remove(cache, record.pk)


def outdated(app, env, added, changed, removed):
    """``env-get-outdated``: the pages whose record changed since they were read (or
    whose files changed since), and then the pages that glue from chapters."""
    root, stale = Path(app.confdir), set()
    for docname, digest in getattr(env, "nnbook_records", {}).items():
        record_file = _record_file(app, docname)
        if docname in env.found_docs and digest is not None and (
                key(read(record_file), True) != digest or is_stale(root, record_file)):
            stale.add(docname)
    if any(is_chapter(docname) for docname in stale):
        stale.update(doc for doc in app.config.nnbook_glue_pages if doc in env.found_docs)
    return sorted(stale)


def purge(app, env, docname):
    """``env-purge-doc``."""
    getattr(env, "nnbook_records", {}).pop(docname, None)


def merge(app, env, docnames, other):
    """``env-merge-info``: parallel reads."""
    if not hasattr(env, "nnbook_records"):
        env.nnbook_records = {}
    env.nnbook_records.update(getattr(other, "nnbook_records", {}))
