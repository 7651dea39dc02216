"""The runnable notebooks the build writes into the site (book/_ext/nnbook/notebooks.py).

For every chapter page in the built site (``_build/html``, or ``$NNBOOK_SITE``) there
is ``notebooks/<chapter>.ipynb``: a valid notebook whose first cells set it up for
Colab, followed by exactly the chapter's code cells, with the outputs of the build and
with markdown that Jupyter can render. Run after ``make html`` (``make test`` does);
without a built site these tests are skipped, except in CI (``CI=true``).
"""

import json
import re

import jupytext
import nbformat
import pytest
from conftest import ROOT, SITE, unavailable
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

SETUP_TAG = "nnbook-colab-setup"


def built_chapters():
    return sorted(p.stem for p in (SITE / "chapters").glob("*.html"))


@pytest.fixture(params=built_chapters() or [None])
def chapter(request):
    if request.param is None:
        unavailable(f"no built chapters in {SITE}: run `make html` first")
    return request.param


def load(chapter):
    path = SITE / "notebooks" / f"{chapter}.ipynb"
    assert path.is_file(), f"the build wrote no notebook for {chapter} at {path}"
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    return notebook


def is_setup(cell):
    return SETUP_TAG in cell.get("metadata", {}).get("tags", [])


def test_every_built_chapter_has_a_source():
    chapters = {p.stem for p in (ROOT / "book" / "chapters").glob("*.md")}
    built = set(built_chapters())
    assert built <= chapters, f"pages without a source: {sorted(built - chapters)}"


def test_code_cells_equal_the_chapters(chapter):
    notebook = load(chapter)
    source = jupytext.read(ROOT / "book" / "chapters" / f"{chapter}.md")
    expected = [c.source for c in source.cells if c.cell_type == "code"]
    got = [c.source for c in notebook.cells if c.cell_type == "code" and not is_setup(c)]
    assert got == expected


def test_setup_cells_come_first_and_install_the_pinned_versions(chapter, conf):
    notebook = load(chapter)
    setup = [c for c in notebook.cells if is_setup(c)]
    assert notebook.cells[: len(setup)] == setup and len(setup) == 2
    install = setup[1].source
    requirements = (ROOT / "requirements.txt").read_text()
    for name in ("keras", "numpy", "matplotlib", "myst-nb"):
        pin = re.search(rf"^{name}==(\S+)", requirements, re.M).group(1)
        assert f'"{name}=={pin}"' in install
    tensorflow = re.search(r"^tensorflow-cpu==([^;\s]+)", requirements, re.M).group(1)
    assert f'"tensorflow=={tensorflow}"' in install
    assert f"git+{conf.REPOSITORY_URL}@" in install
    assert 'if "google.colab" in sys.modules:' in install


def test_outputs_are_the_builds_and_have_no_import_logs(chapter):
    notebook = load(chapter)
    code = [c for c in notebook.cells if c.cell_type == "code" and not is_setup(c)]
    assert any(c.outputs for c in code), "the notebook has no outputs: not executed?"
    for cell in code:
        # The build fails on any stderr output, and TensorFlow's log noise is
        # filtered in the kernel (book/_ext/ipython), so none may reach a notebook.
        assert not [o for o in cell.outputs if o.get("name") == "stderr"], cell.source


def myst_syntax(markdown, md):
    """The MyST directives and roles in ``markdown``, as myst-parser reads it: text in
    a code block or a code span is code, not syntax."""
    found = []
    for token in md.parse(markdown):
        if token.type in ("fence", "colon_fence") and token.info.startswith("{"):
            found.append(f"{token.markup}{token.info}")
        found += [f"{{{child.meta['name']}}}`{child.content}`"
                  for child in token.children or [] if child.type == "myst_role"]
    return found


@pytest.fixture(scope="module")
def md(conf):
    """myst-parser's parser, with the book's MyST extensions, reading a cell as myst-nb
    does (no front matter)."""
    config = MdParserConfig(enable_extensions=set(conf.myst_enable_extensions))
    return create_md_parser(config, RendererHTML).disable("front_matter")


def test_markdown_has_no_myst_syntax_left(chapter, md):
    for cell in load(chapter).cells:
        if cell.cell_type == "markdown":
            assert myst_syntax(cell.source, md) == [], cell.source[:300]


def test_myst_syntax_is_found_outside_code_only(md):
    assert myst_syntax("See {doc}`x`.\n\n:::{note}\nA\n:::\n", md) == [
        "{doc}`x`", ":::{note}"]
    assert myst_syntax("Code: `{arg}`, and\n\n```python\nf\"`{arg}` is\"\n```\n", md) == []


INCLUDED = re.compile(r"^From `([^`]+)`:\n\n```python\n(.*?)\n```$", re.M | re.S)


def test_included_code_is_the_librarys_to_the_letter(chapter):
    """A literalinclude becomes the lines it includes, in the file's order (`:lines:`
    may leave some out, `:dedent:` their indentation); nothing in them is read as MyST (an f-string's `{arg}` is
    not a role)."""
    for cell in load(chapter).cells:
        for path, code in INCLUDED.findall(cell.source if cell.cell_type == "markdown" else ""):
            # `:dedent:` removes the common indentation, so lines compare stripped.
            lines = iter(line.strip() for line in (ROOT / path).read_text().splitlines())
            missing = [line for line in code.splitlines() if line.strip() not in lines]
            assert missing == [], f"{path}: the included code differs"


def test_notebook_is_plain_json_that_colab_reads(chapter):
    text = (SITE / "notebooks" / f"{chapter}.ipynb").read_text()
    data = json.loads(text)
    assert data["nbformat"] == 4 and data["metadata"]["kernelspec"]["name"] == "python3"
