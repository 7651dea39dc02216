"""The runnable notebooks: each chapter as ``<site>/notebooks/<chapter>.ipynb``.

At the end of every HTML build, each chapter's executed notebook (written by myst-nb
to ``<builddir>/jupyter_execute/chapters/``) becomes a notebook a reader can run
anywhere: the setup cells first (:mod:`.setup_cells`), then the chapter's code cells
unchanged, with the outputs of this build, and its markdown rewritten for Jupyter
(:mod:`.jupyter_markdown`).
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from sphinx.util import logging

from .docnames import chapter_slug, is_chapter
from .jupyter_markdown import MarkdownForJupyter, glued_values
from .setup_cells import setup_cells

LOGGER = logging.getLogger(__name__)
NOTEBOOK_DIR = "notebooks"


def runnable_notebook(app, docname, executed, requirements_text, glue):
    """The notebook a reader downloads: setup cells, then the chapter's cells."""
    notebook = copy.deepcopy(executed)
    markdown = MarkdownForJupyter(app, docname, glue)
    cells = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = markdown.rewrite(cell.source).strip("\n")
            if not cell.source.strip():
                continue
        cells.append(cell)
    notebook.cells = setup_cells(app.config, requirements_text) + cells
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3", "language": "python", "name": "python3"
    }
    notebook.metadata.setdefault("language_info", {"name": "python"})
    notebook.metadata["colab"] = {"provenance": [], "name": f"{chapter_slug(docname)}.ipynb"}
    notebook.metadata.pop("jupytext", None)
    notebook.metadata.pop("mystnb", None)
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"
    nbformat.validate(notebook)
    return notebook


def with_cached_outputs(app, notebook, docname):
    """The notebook with its outputs from the execution cache.

    myst-nb writes the notebook it read; when the outputs came from the cache
    (nothing changed since the last execution), that copy has none. The cache is
    keyed on the code cells, so merging fills in exactly this build's outputs.
    """
    from jupyter_cache import get_cache

    cache_path = app.config.nb_execution_cache_path
    if app.config.nb_execution_mode != "cache" or not cache_path:
        return notebook
    try:
        _, merged = get_cache(cache_path).merge_match_into_notebook(notebook)
    except KeyError:
        if not any(cell.get("outputs") for cell in notebook.cells):
            LOGGER.warning(f"nnbook: no cached outputs for {docname}; its notebook has none")
        return notebook
    return merged


def write_notebooks(app, exception):
    """``build-finished``: writes the runnable notebook of every chapter."""
    if exception is not None or app.builder.format != "html":
        return
    executed_dir = Path(app.outdir).parent / "jupyter_execute"
    target_dir = Path(app.outdir) / NOTEBOOK_DIR
    target_dir.mkdir(parents=True, exist_ok=True)
    requirements_text = (Path(app.confdir) / "requirements.txt").read_text()
    written = 0
    for docname in sorted(filter(is_chapter, app.env.found_docs)):
        source = executed_dir / f"{docname}.ipynb"
        if not source.exists():
            LOGGER.warning(f"nnbook: no executed notebook for {docname} at {source}")
            continue
        executed = with_cached_outputs(app, nbformat.read(source, as_version=4), docname)
        glue = glued_values(source.with_name(f"{source.stem}.glue.json"))
        notebook = runnable_notebook(app, docname, executed, requirements_text, glue)
        target = target_dir / f"{chapter_slug(docname)}.ipynb"
        text = nbformat.writes(notebook) + "\n"
        if not target.exists() or target.read_text() != text:
            target.write_text(text)
        written += 1
    LOGGER.info(f"nnbook: {written} runnable notebooks in {target_dir}")
