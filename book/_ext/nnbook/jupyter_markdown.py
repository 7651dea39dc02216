"""A chapter's MyST markdown rewritten as Markdown that Jupyter and Colab render.

Cross-reference roles become plain text or links to the site, glued numbers their
values, ``literalinclude`` the included code, exercises and solutions headed
paragraphs, admonitions quoted paragraphs; what Jupyter cannot show at all (figures
of the site, tables of contents, reStructuredText) is left out.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.directives.code import LiteralIncludeReader
from sphinx.util import logging
from sphinx.util.nodes import split_explicit_title

from . import myst
from .docnames import resolve

LOGGER = logging.getLogger(__name__)
CODE_ROLES = ("func", "meth", "class", "mod", "attr", "data", "obj", "exc")
ADMONITIONS = ("note", "tip", "warning", "important", "admonition", "seealso")
LEFT_OUT = ("glossary", "toctree", "eval-rst", "figure", "image")


def glued_values(glue_file: Path):
    """The values a page glued, as text, by key (myst-nb's ``<doc>.glue.json``)."""
    if not glue_file.exists():
        return {}
    values = {}
    for key, output in json.loads(glue_file.read_text()).items():
        data = output.get("data", {})
        text = data.get("text/plain", data.get("application/papermill.record/text/plain"))
        if text is not None:
            values[key] = text.strip("'\"")
    return values


def format_glued(value, spec):
    """A glued value formatted as ``{glue:text}`key:spec``` shows it."""
    if not spec:
        return value
    try:
        return format(float(value), spec) if spec[-1] in "eEfFgG%" else format(int(value), spec)
    except (TypeError, ValueError):
        return value


class MarkdownForJupyter:
    """Rewrites the MyST roles and directives of one chapter for Jupyter."""

    def __init__(self, app, docname, glue):
        self.app = app
        self.docname = docname
        self.glue = glue
        self.md = myst.markdown_parser(app.env.myst_config)
        self.site = app.config.html_baseurl.rstrip("/") if app.config.html_baseurl else ""
        self.source_dir = Path(app.env.doc2path(docname)).parent
        self.executed_dir = Path(app.outdir).parent / "jupyter_execute"

    def rewrite(self, text):
        return myst.rewrite(text, self.md, self.directive, self.role)

    def link(self, text, target_doc, anchor=""):
        if not self.site:
            return text
        return f"[{text}]({self.site}/{target_doc}.html{anchor})"

    def role(self, role):
        name, content = role.name, role.content
        if name.startswith("glue"):
            return self.glued(content)
        explicit, text, target = split_explicit_title(content)  # `text <target>`
        if name == "doc":
            target_doc = resolve(self.docname, target)
            if not explicit:
                title = self.app.env.titles.get(target_doc)
                text = title.astext() if title is not None else target
            return self.link(text, target_doc)
        if name in CODE_ROLES:
            text = text.lstrip("~")
            if name in ("func", "meth") and not explicit and not text.endswith(")"):
                text += "()"
            return f"`{text}`"
        if name == "math":
            return f"${content}$"
        if name in ("ref", "numref"):
            label = self.app.env.get_domain("std").labels.get(target.lower())
            if label is None:
                return text
            target_doc, label_id, section_name = label
            return self.link(text if explicit else section_name or text, target_doc,
                             f"#{label_id}")
        return text

    def glued(self, content):
        """``key``, ``key:format`` or, pasted from another page, ``path::key:format``."""
        doc, _, rest = content.rpartition("::")
        key, _, spec = rest.partition(":")
        glue = self.glue
        if doc:
            other = resolve(self.docname, str(Path(doc).with_suffix("")))
            glue = glued_values(self.executed_dir / f"{other}.glue.json")
        value = glue.get(key)
        return str(format_glued(value, spec)) if value is not None else content

    def directive(self, directive):
        name, body = directive.name, directive.body.strip("\n")
        argument = directive.arguments[0] if directive.arguments else ""
        if name == "literalinclude":
            return self.literalinclude(argument, directive.options)
        if name == "exercise":
            number = self.exercise_number(directive.options.get("label"))
            title = f"Exercise {number}" if number else "Exercise"
            title += f": {argument}" if argument else ""
            return f"**{title}.** {self.rewrite(body)}"
        if name == "solution-start":
            return "**Solution.**"
        if name == "solution-end" or name in LEFT_OUT:
            return ""
        if name in ADMONITIONS:
            title = argument if name == "admonition" else name.capitalize()
            quoted = "\n".join(f"> {line}" if line else ">"
                               for line in self.rewrite(body).splitlines())
            return f"> **{title}.**\n>\n{quoted}"
        if name == "math":
            return f"$$\n{body}\n$$"
        return self.rewrite(body)

    def exercise_number(self, label):
        if not label:
            return None
        numbers = getattr(self.app.env, "toc_fignumbers", {}).get(self.docname, {})
        for kind in numbers.values():
            if label in kind:
                return ".".join(str(n) for n in kind[label])
        return None

    def literalinclude(self, argument, options):
        """The included code, read exactly as Sphinx's literalinclude reads it."""
        path = (self.source_dir / argument).resolve()
        try:
            text, _ = LiteralIncludeReader(str(path), options, self.app.config).read()
        except (OSError, ValueError) as exc:
            LOGGER.warning(f"nnbook: could not include {argument} in the notebook: {exc}")
            return ""
        confdir = Path(self.app.confdir)
        where = path.relative_to(confdir) if path.is_relative_to(confdir) else path
        return f"From `{where}`:\n\n```python\n{text.rstrip()}\n```"
