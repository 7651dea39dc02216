"""The code listings of the chapters find their code, and leave out exactly the docstring.

The chapters show library code with ``literalinclude`` + ``:pyobject:`` + ``:lines:``,
skipping the docstring by line numbers. If a docstring grows or shrinks, the numbers
must follow; this test says which listing to fix and the ``:lines:`` it should have.
Other listings start at a line of the code (``:start-at:``), which must still exist.
"""

import ast
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


def _includes():
    """Every literalinclude of the book, found and read by myst-parser's own parser
    (the book's extension, book/_ext/nnbook/myst.py), its options converted by
    Sphinx's own option_spec."""
    import sphinx.directives.code  # noqa: F401  registers literalinclude
    from docutils.parsers.rst import directives
    from myst_parser.config.main import MdParserConfig

    from book._ext.nnbook.myst import markdown_parser, parse_directive

    directives.register_directive("literalinclude", sphinx.directives.code.LiteralInclude)
    md = markdown_parser(MdParserConfig(enable_extensions={"colon_fence", "dollarmath"}))
    for chapter in sorted((ROOT / "book").rglob("*.md")):
        for token in md.parse(chapter.read_text()):
            if token.type != "fence" or not token.info.startswith("{literalinclude}"):
                continue
            first_line = token.info[len("{literalinclude}"):].strip()
            directive = parse_directive("literalinclude", first_line, token.content)
            yield pytest.param(chapter, directive.arguments[0], directive.options,
                               id=f"{chapter.name}:{directive.options.get('pyobject', '')}")


@pytest.mark.parametrize("chapter, argument, options", list(_includes()))
def test_every_listing_finds_its_code(chapter, argument, options):
    """Each literalinclude's file, :pyobject: and :start-at: / :end-before: anchors
    exist, read as Sphinx reads them (a missing anchor fails the book's build)."""
    from sphinx.directives.code import LiteralIncludeReader

    config = types.SimpleNamespace(source_encoding="utf-8-sig")
    text, _ = LiteralIncludeReader(str(chapter.parent / argument), options,
                                   config).read()
    assert text.strip()
