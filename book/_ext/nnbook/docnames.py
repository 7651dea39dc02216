"""Names of the book's pages: which are chapters, and where a link points."""

import posixpath


def is_chapter(docname):
    return docname.startswith("chapters/")


def chapter_slug(docname):
    """``chapters/02-linear-regression`` -> ``02-linear-regression``."""
    return docname.split("/", 1)[1]


def resolve(refdoc, target):
    """The docname a ``{doc}`` target written in page ``refdoc`` points at."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(refdoc), target))
