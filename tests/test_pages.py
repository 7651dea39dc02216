"""The built pages show only what the lessons mean to show.

Every page of the built site (``_build/html``, or ``$NNBOOK_SITE``) and every notebook
the site publishes (``notebooks/*.ipynb``) is read as text, and fails on:

- warning text in a cell's output: TensorFlow's and absl's log lines
  (``WARNING:tensorflow``, ``W0000 12:00:00``), Python warnings (``UserWarning:``),
  TensorFlow's retracing warning. A cell that shows a warning on purpose carries
  the tag ``shows-warning`` (chapter 6 shows the ``input_shape`` deprecation), and
  only such a cell may;
- a memory address (``<... object at 0x7f...>``) anywhere, tagged cell or not: it
  changes from run to run;
- a terminal control character (ANSI escape, carriage return, backspace) anywhere,
  except the colours of a traceback in a notebook, which Jupyter draws as colours.

This needs no browser. Without a built site it is skipped, except in CI (``CI=true``),
where it fails (the ``site`` fixture of conftest.py).
"""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup
from conftest import site_pages

ON_PURPOSE = "shows-warning"

WARNING_TEXT = re.compile(
    r"WARNING:(?:tensorflow|absl)"
    r"|^[IWEF]\d{4} \d\d:\d\d:\d\d"  # absl / glog C++ log lines
    r"|\b[A-Z]\w*Warning: "  # Python warnings as printed: "UserWarning: ..."
    r"|triggered tf\.function retracing"
    r"|absl::InitializeLog|oneDNN custom operations",
    re.MULTILINE,
)
MEMORY_ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]{4,}")
CONTROL = re.compile(r"\x1b|\x07|\x08|\r(?!\n)")


def problems(text, tagged):
    found = []
    if not tagged:
        found += [f"warning text {m.group(0)!r}" for m in WARNING_TEXT.finditer(text)]
    found += [f"memory address {m.group(0)!r}" for m in MEMORY_ADDRESS.finditer(text)]
    found += [f"control character {m.group(0)!r}" for m in CONTROL.finditer(text)]
    return found


def page_problems(html):
    """Problems in one page: outputs of untagged cells, then the whole page's text."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for output in soup.select("div.cell_output"):
        cell = output.find_parent("div", class_="cell")
        tagged = cell is not None and f"tag_{ON_PURPOSE}" in cell.get("class", [])
        found += problems(output.get_text(), tagged)
        output.decompose()  # checked; the rest of the page is checked below
    # Prose may name a warning; it may not show an address or a control character.
    found += [p for p in problems(soup.get_text(), tagged=True)]
    return found


ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def notebook_problems(notebook):
    """Problems in the outputs of one notebook, as Jupyter shows them. A traceback
    keeps its colour codes: Jupyter draws them as colours (the page shows the same
    traceback without them)."""
    found = []
    for index, cell in enumerate(notebook.get("cells", [])):
        tagged = ON_PURPOSE in cell.get("metadata", {}).get("tags", [])
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            # Jupyter shows a rich output's HTML when it has one (Keras' summary keeps
            # terminal colours in its plain-text copy, which no reader sees).
            shown = data.get("text/html", data.get("text/plain", ""))
            texts = [output.get("text", ""), output.get("evalue", ""), shown]
            texts += [ANSI_COLOUR.sub("", line) for line in output.get("traceback", [])]
            for text in texts:
                text = "".join(text) if isinstance(text, list) else text
                found += [f"cell {index}: {p}" for p in problems(text, tagged)]
    return found


def test_no_warning_address_or_control_character_on_any_page(site):
    pages = [site / page for page in site_pages()]
    assert any(p.parent.name == "chapters" for p in pages), "no chapter pages built"
    report = {}
    for path in pages:
        found = page_problems(path.read_text(encoding="utf-8"))
        if found:
            report[path.relative_to(site).as_posix()] = found
    assert not report, json.dumps(report, indent=1)


def test_no_warning_address_or_control_character_in_any_notebook(site):
    notebooks = sorted((site / "notebooks").glob("*.ipynb"))
    assert notebooks, f"no notebooks in {site / 'notebooks'}"
    report = {}
    for path in notebooks:
        found = notebook_problems(json.loads(path.read_text(encoding="utf-8")))
        if found:
            report[path.name] = found
    assert not report, json.dumps(report, indent=1)


def test_a_page_with_each_kind_of_problem_fails():
    """The checks above can fail: each kind of problem is caught, and the tag exempts
    warning text only."""
    def page(output, tags=""):
        return (f'<div class="cell docutils container {tags}"><div class="cell_output">'
                f"<pre>{output}</pre></div></div><p>Prose about a UserWarning: fine.</p>")

    assert page_problems(page("Loss: 0.25")) == []
    assert page_problems(page("WARNING:tensorflow:5 out of the last 5 calls"))
    assert page_problems(page("W0000 00:00:17 123 op_kernel.cc] note"))
    assert page_problems(page("UserWarning: Do not pass an `input_shape`"))
    assert page_problems(page("UserWarning: on purpose", "tag_shows-warning")) == []
    assert page_problems(page("&lt;function f at 0x7f3a2b1c&gt;", "tag_shows-warning"))
    assert page_problems(page("\x1b[31mred\x1b[0m"))
    cell = {"metadata": {"tags": []}, "outputs": [
        {"output_type": "stream", "text": "WARNING:tensorflow:retracing"}]}
    assert notebook_problems({"cells": [cell]})
    cell["metadata"]["tags"] = [ON_PURPOSE]
    assert notebook_problems({"cells": [cell]}) == []
    error = {"output_type": "error", "ename": "ValueError", "evalue": "bad",
             "traceback": ["\x1b[31mValueError\x1b[39m: bad"]}
    assert notebook_problems({"cells": [{"metadata": {}, "outputs": [error]}]}) == []
    error["traceback"].append("\x1b[2K\r 1/10 [==>...]")  # a progress bar, not colour
    assert notebook_problems({"cells": [{"metadata": {}, "outputs": [error]}]})
