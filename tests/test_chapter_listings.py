"""The code listings of the chapters find their code, and leave out exactly the docstring.

The chapters show library code with ``literalinclude`` + ``:pyobject:`` + ``:lines:``,
skipping the docstring by line numbers. If a docstring grows or shrinks, the numbers
must follow; this test says which listing to fix and the ``:lines:`` it should have.
Other listings start at a line of the code (``:start-at:``), which must still exist.
"""

import ast
import importlib.util
import re
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ["02-linear-regression.md", "03-many-inputs.md"]
DIRECTIVE = re.compile(
    r"```\{literalinclude\} \.\./\.\./(?P<path>\S+)\n:pyobject: (?P<name>\w+)\n"
    r":lines: (?P<lines>\S+)\n"
)


def _listings():
    for chapter in CHAPTERS:
        text = (ROOT / "book" / "chapters" / chapter).read_text()
        for match in DIRECTIVE.finditer(text):
            yield pytest.param(match["path"], match["name"], match["lines"],
                               id=f"{chapter}:{match['name']}")


def _expected_lines(path, name):
    source = (ROOT / path).read_text()
    node = next(n for n in ast.walk(ast.parse(source)) if getattr(n, "name", None) == name)
    start = (node.decorator_list[0] if node.decorator_list else node).lineno
    docstring = node.body[0]
    lines = source.splitlines()
    signature_end = docstring.lineno - start  # lines of the signature
    body = docstring.end_lineno + 1
    while not lines[body - 1].strip():  # skip blank lines after the docstring
        body += 1
    head = "1" if signature_end == 1 else f"1-{signature_end}"
    return f"{head},{body - start + 1}-"


@pytest.mark.parametrize("path, name, lines", list(_listings()))
def test_listing_skips_exactly_the_docstring(path, name, lines):
    assert lines == _expected_lines(path, name), (
        f"Set `:lines: {_expected_lines(path, name)}` for {name} ({path})."
    )


def test_listings_found():
    assert len(list(_listings())) >= 6


def _site_extension():
    spec = importlib.util.spec_from_file_location(
        "nnbook_site", ROOT / "book" / "_ext" / "nnbook_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _includes():
    site = _site_extension()
    for chapter in sorted((ROOT / "book").rglob("*.md")):
        for match in site.FENCE.finditer(chapter.read_text()):
            if match.group(2) != "literalinclude":
                continue
            options = {}
            for line in match.group(4).splitlines():
                if line.startswith(":"):
                    key, _, value = line[1:].partition(":")
                    options[key.strip()] = site._option_value(value)
            yield pytest.param(chapter, match.group(3).strip(), options,
                               id=f"{chapter.name}:{options.get('pyobject', '')}")


@pytest.mark.parametrize("chapter, argument, options", list(_includes()))
def test_every_listing_finds_its_code(chapter, argument, options):
    """Each literalinclude's file, :pyobject: and :start-at: / :end-before: anchors
    exist, read as Sphinx reads them (a missing anchor fails the book's build)."""
    from sphinx.directives.code import LiteralInclude, LiteralIncludeReader

    converted = {key: LiteralInclude.option_spec[key](value or None)
                 for key, value in options.items()}
    config = types.SimpleNamespace(source_encoding="utf-8-sig")
    text, _ = LiteralIncludeReader(str(chapter.parent / argument), converted,
                                   config).read()
    assert text.strip()
