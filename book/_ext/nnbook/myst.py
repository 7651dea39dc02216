"""MyST's directives and roles, found by myst-parser's own markdown-it parser.

:func:`rewrite` parses a MyST text as the build does (the same parser, the same
``myst_*`` settings) and replaces each directive and role in it by what a callback
returns; everything else stays as written. A directive is a fence whose info starts
with ``{name}`` (backticks or, with ``colon_fence``, colons); a role is a
``myst_role`` token. So a role written inside a code span, or a fence in an indented
code block, is text, as it is on the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docutils.parsers.rst import Directive as DocutilsDirective
from docutils.parsers.rst import directives, languages
from docutils.parsers.rst.states import MarkupError
from docutils.utils import new_document
from markdown_it.renderer import RendererHTML
from myst_parser.parsers.directives import parse_directive_text
from myst_parser.parsers.mdit import create_md_parser

FENCES = ("fence", "colon_fence")


@dataclass
class Role:
    name: str
    content: str  # the text between the backticks


@dataclass
class Directive:
    name: str
    arguments: list
    options: dict  # converted by the directive's own option_spec, as Sphinx does
    body: str


def markdown_parser(myst_config):
    """The markdown-it parser that myst-parser builds for ``myst_config``, reading a
    notebook's markdown cell as myst-nb does (a cell has no front matter)."""
    md = create_md_parser(myst_config, RendererHTML)
    md.disable("front_matter", ignoreInvalid=True)
    return md


class _Unknown(DocutilsDirective):
    """Stands in for a directive name nothing has registered: one free argument,
    options left in the body."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True


def parse_directive(name, first_line, content):
    """A directive's arguments, options and body, as myst-parser reads them, with
    the class that Sphinx registered for ``name`` (docutils' registry)."""
    cls, _ = directives.directive(name, languages.get_language("en"),
                                  new_document("<nnbook>"))
    try:
        parsed = parse_directive_text(cls or _Unknown, first_line, content)
    except MarkupError:  # Sphinx fails the build on it; keep the text
        parsed = parse_directive_text(_Unknown, first_line, content)
    return Directive(name, parsed.arguments, parsed.options, "\n".join(parsed.body))


def _spaced(text):
    """A pattern for ``text`` as the source may write it: the parser reads a line
    break inside a role or code span (and a blockquote's ``>`` after it) as a space."""
    return r"[ \n][ \t>]*".join(re.escape(part) for part in text.split(" "))


def _source_pattern(token):
    if token.type == "myst_role":
        return re.escape("{" + token.meta["name"] + "}") + r"(`+)" + _spaced(token.content) + r"\1"
    ticks = re.escape(token.markup)  # a code span, skipped so that its text is left alone
    return ticks + r" ?" + _spaced(token.content) + r" ?" + ticks


def _role_edits(text, token, start, end):
    """(start, end, Role) of each role in an inline token, located in the source
    between offsets ``start`` and ``end`` (the token's lines)."""
    cursor = start
    for child in token.children or []:
        if child.type not in ("myst_role", "code_inline"):
            continue
        found = re.compile(_source_pattern(child)).search(text, cursor, end)
        if found is None:
            continue
        cursor = found.end()
        if child.type == "myst_role":
            yield found.start(), found.end(), Role(child.meta["name"], child.content)


def _indent(text, prefix):
    """``text`` put back inside the container (a list item, a blockquote) that the
    replaced directive sat in: ``prefix`` is what stood before its fence."""
    following = "".join(c if c in "> \t" else " " for c in prefix)
    lines = text.split("\n")
    return "\n".join([prefix + lines[0]] + [
        (following + line if line else following.rstrip()) for line in lines[1:]])


def rewrite(text, md, directive, role):
    """``text`` with each directive replaced by ``directive(Directive)`` and each role
    outside the directives by ``role(Role)``: strings. A directive's body is not
    parsed here; the callback may pass it to :func:`rewrite` again."""
    # Where each line starts, as markdown-it counts lines (a token's `map`), and the end.
    offsets = [0] + [found.end() for found in re.finditer("\n", text)]
    offsets += [len(text)] if offsets[-1] != len(text) else []
    edits = []
    for token in md.parse(text):
        first, last = token.map or (0, len(offsets) - 1)
        if token.type in FENCES and token.info.startswith("{") and "}" in token.info:
            name, _, first_line = token.info[1:].partition("}")
            replacement = directive(parse_directive(name, first_line.strip(), token.content))
            opening = text[offsets[first]:offsets[first + 1]]
            prefix = opening[: opening.index(token.markup)]
            newline = "\n" if text[offsets[last] - 1:offsets[last]] == "\n" else ""
            edits.append((offsets[first], offsets[last], _indent(replacement, prefix) + newline))
        elif token.type == "inline":
            edits += [(start, end, role(found)) for start, end, found in
                      _role_edits(text, token, offsets[first], offsets[last])]
    for start, end, replacement in sorted(edits, key=lambda edit: edit[0], reverse=True):
        text = text[:start] + replacement + text[end:]
    return text
