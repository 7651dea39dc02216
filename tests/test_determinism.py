"""Two executions of a chapter print the same outputs, byte for byte.

By default this executes chapter 1 twice (a few seconds). With NNBOOK_DETERMINISM=all
it executes every chapter twice. With NNBOOK_DETERMINISM=build (`make determinism`,
which CI runs after `make html`) it executes every chapter once more and compares its
outputs with those of the build (from the build's execution cache), the outputs the
site shows.
"""

import os
import re
from pathlib import Path

import jupytext
import nbclient
import pytest
from conftest import ROOT, load_conf
from jupyter_cache import get_cache

CHAPTERS = sorted((ROOT / "book" / "chapters").glob("*.md"))
MODE = os.environ.get("NNBOOK_DETERMINISM", "")
SELECTED = CHAPTERS if MODE in ("all", "build") else CHAPTERS[:1]
# Where `make html` keeps its execution cache (the Makefile exports this).
CACHE_ROOT = Path(os.environ.get("NNBOOK_CACHE_ROOT", ROOT / "_build" / ".jupyter_cache"))


# Wall-clock times are the one thing a run may change: Keras' `fit(verbose=2)` log
# ("235/235 - 1s - 4ms/step - ...") and glued training times (keys ending in
# `_seconds` or `_speedup`, used by chapters 6-8). Everything else must be identical.
TIMING = re.compile(r"- \d+(?:\.\d+)?m?s - \d+(?:\.\d+)?[mu]?s/step")
TIMING_GLUE = re.compile(r"(_seconds|_speedup)$")


def glue_name(output):
    return output.get("metadata", {}).get("scrapbook", {}).get("name", "")


def shown_outputs(notebook):
    """What a page shows of each cell: outputs without counters or metadata, and
    with wall-clock times masked (TIMING)."""
    shown = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            kind = output["output_type"]
            if kind == "stream":
                output["text"] = TIMING.sub("- <time> - <time>/step", output["text"])
                # The page merges consecutive chunks of a stream (nb_merge_streams),
                # and how a long log is split into chunks varies from run to run.
                last = shown[-1] if shown else None
                if last and last[0] == index and last[1] == output["name"]:
                    shown[-1] = (index, output["name"], last[2] + output["text"])
                else:
                    shown.append((index, output["name"], output["text"]))
            elif kind == "error":
                shown.append((index, "error", output["ename"], output["evalue"]))
            elif not TIMING_GLUE.search(glue_name(output)):
                shown.append((index, kind, dict(output.get("data", {}))))
    return shown


def built_outputs(path):
    """The chapter as the build executed it, from the build's execution cache.

    (Not from `<builddir>/jupyter_execute`: myst-nb merges a cell's stream chunks
    into the first chunk of that copy and leaves the others, so its streams repeat.)
    """
    folders = sorted(CACHE_ROOT.glob("*/global.db"), key=lambda p: p.stat().st_mtime)
    if not folders:
        pytest.fail(f"no execution cache in {CACHE_ROOT}: run `make html` first")
    cache = get_cache(str(folders[-1].parent))  # the build's (the extension deletes the others)
    try:
        _, notebook = cache.merge_match_into_notebook(jupytext.read(path))
    except KeyError:
        pytest.fail(f"{path.name} is not in the build's cache {folders[-1].parent}: "
                    f"run `make html` first")
    return notebook


def execute(path):
    notebook = jupytext.read(path)
    # The same kernel environment as the build (conf.py): TensorFlow's log noise
    # filtered by the kernel profile, the same hash seed.
    conf = load_conf()
    os.environ["IPYTHONDIR"] = str(ROOT / conf.nnbook_ipython_dir)
    for name, value in conf.nnbook_kernel_environment.items():
        os.environ.setdefault(name, value)
    client = nbclient.NotebookClient(notebook, timeout=900, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


@pytest.mark.slow
@pytest.mark.parametrize("chapter", SELECTED, ids=[p.stem for p in SELECTED])
def test_chapter_outputs_are_identical_across_runs(chapter):
    if MODE == "build":
        first = shown_outputs(built_outputs(chapter))
    else:
        first = shown_outputs(execute(chapter))
    second = shown_outputs(execute(chapter))
    assert first, "the chapter produced no output"
    assert len(first) == len(second)
    for a, b in zip(first, second):
        assert a == b, f"cell {a[0]} differs between two runs"
