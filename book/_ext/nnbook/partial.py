"""Partial builds: ``NNBOOK_ONLY="02-*,03-*" make html`` builds only those chapters.

The other chapters are left out of the build; links to them, and numbers glued from
them, become plain text instead of failing it. A full build (``nnbook_only`` empty,
as in CI) still fails on any link to a missing chapter.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .docnames import is_chapter, resolve


def patterns(config):
    return [p.strip() for p in config.nnbook_only.split(",") if p.strip()]


def exclude_chapters(app, config):
    """``config-inited``: leaves out the chapters that ``nnbook_only`` does not name."""
    only = patterns(config)
    if not only:
        return
    for chapter in sorted((Path(app.srcdir) / "chapters").glob("*.md")):
        if not any(fnmatch.fnmatch(chapter.stem, pattern) for pattern in only):
            config.exclude_patterns.append(f"chapters/{chapter.name}")
    config.suppress_warnings.append("toc.excluded")


def missing_reference(app, env, node, contnode):
    """In a partial build, a link to a chapter not built becomes plain text: a
    chapter left out by ``nnbook_only``, or one not written yet."""
    if not patterns(app.config) or node.get("reftype") != "doc":
        return None
    target = resolve(node.get("refdoc", ""), node.get("reftarget", ""))
    if is_chapter(target) and target not in env.found_docs:
        return contnode
    return None


class GlueFromExcludedChapters(SphinxPostTransform):
    """In a partial build, numbers glued from chapters not built become '(not built)'."""

    default_priority = 4  # before myst-nb's ReplacePendingGlueReferences (5)

    def apply(self, **kwargs):
        if not patterns(self.config):
            return
        from myst_nb.ext.glue.utils import PendingGlueReference

        for node in list(self.document.findall(PendingGlueReference)):
            if node.refdoc not in self.env.found_docs:
                node.replace_self(nodes.emphasis("", "(not built)"))


def outdated_with_chapters(app, env, added, changed, removed):
    """Pages that glue numbers from chapters (``nnbook_glue_pages``) are rebuilt
    whenever a chapter is."""
    if any(is_chapter(doc) for doc in set(added) | set(changed)):
        return [doc for doc in app.config.nnbook_glue_pages if doc in env.found_docs]
    return []
