""""nnlib in this chapter": links from each chapter's summary to the API reference.

The chapter's code cells are read as myst-nb reads them, and their code as Python
reads it, so a name in a comment or a string is not a use.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from docutils import nodes
from IPython.core.inputtransformer2 import TransformerManager
from myst_nb.core.read import read_myst_markdown_notebook

from .docnames import is_chapter


def _dotted(node):
    """``nnlib.losses.mse`` for the expression ``nnlib.losses.mse``, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name) and node.id == "nnlib" and parts:
        return ".".join(["nnlib", *reversed(parts)])
    return None


def names_in_code(code):
    """The dotted ``nnlib.…`` names a cell uses, in the order they appear: the longest
    attribute chains, and the names ``from nnlib… import`` brings in."""
    try:
        tree = ast.parse(TransformerManager().transform_cell(code))
    except SyntaxError:  # a cell that shows a syntax error on purpose
        return []
    inner = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and id(node) not in inner and _dotted(node):
            found.append((node.lineno, node.col_offset, _dotted(node)))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "nnlib":
            found += [(alias.lineno, alias.col_offset, f"{node.module}.{alias.name}")
                      for alias in node.names]
    return [name for *_, name in sorted(found)]


def documented_name(dotted):
    """``module.qualname`` of the nnlib object that ``dotted`` names, or None."""
    parts = dotted.split(".")
    for depth in range(len(parts), 0, -1):  # the longest importable prefix
        try:
            obj = importlib.import_module(".".join(parts[:depth]))
        except ImportError:
            continue
        for attribute in parts[depth:]:
            obj = getattr(obj, attribute, None)
        module = getattr(obj, "__module__", None)
        qualname = getattr(obj, "__qualname__", None)
        if module and qualname and module.startswith("nnlib"):
            return f"{module}.{qualname}"
        return None
    return None


def nnlib_names_used(source_text, myst_config=None):
    """Full names of the nnlib objects a chapter's code cells use, in order of use."""
    notebook = read_myst_markdown_notebook(source_text, config=myst_config)
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for name in map(documented_name, names_in_code(cell.source)):
            if name and name not in found:
                found.append(name)
    return found


def add_api_links(app, doctree, docname):
    """``doctree-resolved``: ends the chapter's summary (or its first section) with a
    link to the API entry of every documented nnlib name its code uses."""
    if app.builder.format != "html" or not is_chapter(docname):
        return
    objects = app.env.get_domain("py").objects
    source = Path(app.env.doc2path(docname)).read_text()
    names = [n for n in nnlib_names_used(source, app.env.myst_config) if n in objects]
    if not names:
        return
    paragraph = nodes.paragraph(classes=["nnbook-api-links"])
    paragraph += nodes.strong("", "nnlib in this chapter: ")
    for index, name in enumerate(names):
        uri = app.builder.get_relative_uri(docname, objects[name].docname)
        reference = nodes.reference("", "", internal=True,
                                    refuri=f"{uri}#{objects[name].node_id}",
                                    reftitle=f"{name} in the API reference")
        reference += nodes.literal("", name.removeprefix("nnlib."))
        paragraph += reference
        paragraph += nodes.Text(", " if index < len(names) - 1 else ".")
    sections = list(doctree.findall(nodes.section))
    summary = next(
        (sec for sec in sections
         if sec.children and isinstance(sec[0], nodes.title)
         and sec[0].astext().strip().endswith("Summary")),
        None,
    )
    (summary or (sections[0] if sections else doctree)).append(paragraph)
