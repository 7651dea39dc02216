"""The code listings of chapters 2 and 3 leave out exactly the docstring.

The chapters show library code with ``literalinclude`` + ``:pyobject:`` + ``:lines:``,
skipping the docstring by line numbers. If a docstring grows or shrinks, the numbers
must follow; this test says which listing to fix and the ``:lines:`` it should have.
"""

import ast
import re
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
