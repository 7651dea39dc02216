"""The reference pages and the chapters point at each other.

- every nnlib module has a section in book/reference/api.md, and every public
  function and class appears in the built API reference;
- every public function and class names the chapter that teaches it
  (``See :doc:`/chapters/NN-slug```), that chapter exists, and its page links back
  to the reference entry;
- the glossary holds the terms the book promises, and every ``{term}`` a page uses
  is in it.

The checks of the built site run after ``make html``; without a built site they are
skipped, except in CI (``CI=true``): ``built`` in conftest.py.
"""

import inspect
import re

import pytest
from conftest import ROOT, SITE, built, unavailable

import nnlib

BOOK = ROOT / "book"
MODULES = [getattr(nnlib, name) for name in nnlib.__all__
           if inspect.ismodule(getattr(nnlib, name, None))]
# The terms issue 6 lists; the glossary may hold more.
GLOSSARY_TERMS = [
    "tensor", "dtype", "shape", "broadcasting", "variable", "loss", "gradient",
    "learning rate", "epoch", "minibatch", "logits", "softmax", "one-hot",
    "cross-entropy", "overfitting", "activation function", "initialisation",
]


def public_symbols():
    for module in MODULES:
        for name, obj in vars(module).items():
            if name.startswith("_") or not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if getattr(obj, "__module__", None) != module.__name__:
                continue  # imported from elsewhere
            yield f"{module.__name__}.{name}", obj


SYMBOLS = dict(public_symbols())


def test_every_module_has_an_api_section():
    api = (BOOK / "reference" / "api.md").read_text()
    for module in MODULES:
        assert f".. automodule:: {module.__name__}" in api, f"{module.__name__} not in api.md"


@pytest.mark.parametrize("name", sorted(SYMBOLS))
def test_docstring_names_an_existing_chapter(name):
    doc = inspect.getdoc(SYMBOLS[name]) or ""
    match = re.search(r"See :doc:`/chapters/([\w-]+)`\.?\s*$", doc)
    assert match, f"{name}: the docstring does not end with See :doc:`/chapters/NN-slug`."
    assert (BOOK / "chapters" / f"{match.group(1)}.md").is_file(), (
        f"{name} points to chapters/{match.group(1)}, which does not exist"
    )


@pytest.mark.parametrize("name", sorted(SYMBOLS))
def test_teaching_chapter_links_to_the_entry(name):
    """The built page of the chapter a docstring names links to the API entry: in
    the prose ({func}`...`), or in the list of the nnlib names its code uses, which
    book/_ext/nnbook/api_links.py adds to every chapter's summary."""
    doc = inspect.getdoc(SYMBOLS[name]) or ""
    match = re.search(r"See :doc:`/chapters/([\w-]+)`", doc)
    if not match or not (BOOK / "chapters" / f"{match.group(1)}.md").is_file():
        pytest.skip(f"{name} names no existing chapter (see the test above)")
    page = built(f"chapters/{match.group(1)}.html")
    assert f'api.html#{name}"' in page.read_text(), (
        f"chapters/{match.group(1)} teaches {name} (its docstring says so) but its page "
        f"neither links it ({{func}}`{name}`) nor uses it in a code cell"
    )


def test_glossary_has_the_promised_terms():
    glossary = (BOOK / "reference" / "glossary.md").read_text()
    defined = set(re.findall(r"^([a-z][\w -]*)$", glossary, re.M))
    missing = [term for term in GLOSSARY_TERMS if term not in defined]
    assert not missing, f"glossary lacks {missing}"


def test_every_term_a_page_uses_is_defined():
    glossary = (BOOK / "reference" / "glossary.md").read_text()
    defined = {t.lower() for t in re.findall(r"^([A-Za-z][\w -]*)$", glossary, re.M)}
    for page in sorted(BOOK.rglob("*.md")):
        for role in re.findall(r"\{term\}`([^`]+)`", page.read_text()):
            target = re.search(r"<([^>]+)>$", role)
            term = (target.group(1) if target else role).strip().lower()
            assert term in defined, f"{page.relative_to(ROOT)} uses undefined term {term!r}"


def test_built_api_reference_has_every_symbol():
    html = built("reference/api.html").read_text()
    missing = [name for name in SYMBOLS if f'id="{name}"' not in html]
    assert not missing, f"not in the built API reference: {missing}"


def built_chapter_pages():
    pages = sorted(SITE.glob("chapters/*.html"))
    if not pages:
        unavailable(f"no built chapters in {SITE}: run `make html` first")
    return pages


def test_exercises_are_numbered_per_chapter_with_hidden_solutions():
    for page in built_chapter_pages():
        html = page.read_text()
        chapter = int(page.stem.split("-")[0])
        numbers = re.findall(r'class="exercise admonition"[^>]*>\s*<p class="admonition-title">'
                             r'<span class="caption-number">Exercise ([\d.]+)', html)
        assert len(numbers) >= 2, f"{page.name}: {len(numbers)} exercises (at least 2)"
        assert numbers == [f"{chapter}.{k}" for k in range(1, len(numbers) + 1)], (
            f"{page.name}: exercises numbered {numbers}"
        )
        solutions = re.findall(r'<div class="solution([^"]*)"', html)
        assert solutions, f"{page.name}: no solutions"
        assert all("dropdown" in classes for classes in solutions), (
            f"{page.name}: a solution is not hidden (give it :class: dropdown)"
        )
