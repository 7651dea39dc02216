"""The book's own Sphinx extension: runnable notebooks and the links to them.

At the end of every HTML build, each chapter's executed notebook (written by myst-nb
to ``<builddir>/jupyter_execute/chapters/``) is turned into a notebook a reader can
run anywhere, and written into the site as ``notebooks/<chapter>.ipynb``:

- a first code cell installs, on Google Colab only, the versions of TensorFlow, Keras,
  NumPy, matplotlib and myst-nb pinned in ``requirements.txt`` and nnlib itself from
  the book's repository (``REPOSITORY_URL`` in ``conf.py``);
- the chapter's code cells follow unchanged, with the outputs of this build;
- MyST syntax that Jupyter and Colab cannot render is rewritten in the markdown cells:
  cross-reference roles become plain text or links to the site, glued numbers become
  their values, ``literalinclude`` becomes the included code, and exercises and
  solutions become headed paragraphs.

Every chapter page gets an "Open in Colab" and a "Download notebook" link at the top
of its text and in the header's download menu. Colab opens notebooks from GitHub, so
the Colab link points at ``notebooks/<chapter>.ipynb`` on the branch the site is
published from (``nnbook_pages_branch``; ``.github/workflows/pages.yml`` pushes the
built site there).

Each chapter's summary ends with "nnlib in this chapter": links to the API reference
entries of every nnlib function and class its code cells use.

Also, for partial builds (``NNBOOK_ONLY``): references to chapters left out of the
build, and numbers glued from them, become plain text instead of failing the build.
"""

from __future__ import annotations

import copy
import html
import json
import posixpath
import re
from pathlib import Path

import nbformat
import yaml
from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

NOTEBOOK_DIR = "notebooks"
SETUP_TAG = "nnbook-colab-setup"
COLAB = "https://colab.research.google.com/github"
# The packages a chapter needs at run time, with their pins taken from requirements.txt
# (tensorflow-cpu is pinned as `tensorflow` there: Colab has GPUs).
RUNTIME_PACKAGES = ("tensorflow", "keras", "numpy", "matplotlib", "myst-nb")


def is_chapter(docname):
    return docname.startswith("chapters/")


def chapter_slug(docname):
    return docname.split("/", 1)[1]


def github_parts(url):
    match = re.match(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?$", url)
    if not match:
        raise ValueError(
            f"REPOSITORY_URL must look like https://github.com/OWNER/REPO, "
            f"but it is {url!r}. Set it in conf.py."
        )
    return match.group(1), match.group(2)


def colab_url(config, docname):
    owner, repo = github_parts(config.nnbook_repository_url)
    return (
        f"{COLAB}/{owner}/{repo}/blob/{config.nnbook_pages_branch}/"
        f"{NOTEBOOK_DIR}/{chapter_slug(docname)}.ipynb"
    )


def runtime_pins(requirements: Path):
    """`name==version` for RUNTIME_PACKAGES, read from requirements.txt."""
    pins = {}
    for line in requirements.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"([A-Za-z0-9_.-]+)==([^;\s]+)", line)
        if not match:
            continue
        name = match.group(1).lower()
        name = "tensorflow" if name == "tensorflow-cpu" else name
        if name in RUNTIME_PACKAGES:
            pins[name] = f"{name}=={match.group(2)}"
    missing = [name for name in RUNTIME_PACKAGES if name not in pins]
    if missing:
        raise ValueError(f"requirements.txt pins none of {missing}; the notebooks need them.")
    return [pins[name] for name in RUNTIME_PACKAGES]


def setup_cells(config, requirements):
    pins = " ".join(f'"{pin}"' for pin in runtime_pins(requirements))
    repo = config.nnbook_repository_url
    ref = config.nnbook_nnlib_ref or config.nnbook_repository_branch
    site = config.html_baseurl or repo
    intro = nbformat.v4.new_markdown_cell(
        f"This notebook is a chapter of *{config.project}*, with the outputs of the "
        f"build of {config.nnbook_build_date} ({config.nnbook_versions}). The book: "
        f"<{site}>. Its code and nnlib: <{repo}>.\n\n"
        "To run it on Google Colab, run the next cell first: it installs the versions "
        "the book was built with and nnlib. If Colab then asks you to restart the "
        "session, do so and run the notebook from the top. On your own machine, "
        "follow the book's README instead (`make html` installs everything into "
        "`.venv`); the next cell then does nothing.\n\n"
        "A few cells fail on purpose, to show an error the chapter explains (they "
        "are tagged `raises-exception`). Jupyter runs on past them; Colab's *Run all* "
        "stops there: continue with *Runtime > Run after*."
    )
    intro.metadata["tags"] = [SETUP_TAG]
    install = nbformat.v4.new_code_cell(
        "# On Google Colab only: the versions this book was built with, and nnlib.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        f"    %pip install --quiet {pins}\n"
        f'    %pip install --quiet --no-deps "nnlib @ git+{repo}@{ref}"\n'
    )
    install.metadata["tags"] = [SETUP_TAG]
    return [intro, install]


# -- Markdown that Jupyter can render -----------------------------------------------

ROLE = re.compile(r"\{([a-z:]+)\}`([^`]*)`")
FENCE = re.compile(r"^(`{3,}|:{3,})\{([a-zA-Z0-9_:-]+)\}[ \t]*(.*?)\n(.*?)^\1[ \t]*$", re.M | re.S)


def _option_value(text):
    """The value of a `:key: value` option line, unquoted as MyST reads it."""
    try:
        value = yaml.safe_load(text) if text.strip() else ""
    except yaml.YAMLError:
        return text.strip()
    return _option_text(value) if not isinstance(value, (dict, list)) else text.strip()


def _option_text(value):
    """A directive option as Sphinx sees it: text, with MyST's YAML quotes removed."""
    return "" if value is None else str(value)


def _format_glue(value, spec):
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
        self.site = app.config.html_baseurl.rstrip("/") if app.config.html_baseurl else ""
        self.source_dir = Path(app.env.doc2path(docname)).parent
        self.executed_dir = Path(app.outdir).parent / "jupyter_execute"

    def page_link(self, text, target):
        target = self._docname(target)
        if self.site:
            return f"[{text}]({self.site}/{target}.html)"
        return text

    def role(self, match):
        name, content = match.group(1), match.group(2)
        explicit = re.match(r"^(.*?)\s*<([^>]+)>$", content, re.S)
        text, target = (explicit.group(1), explicit.group(2)) if explicit else (content, content)
        if name.startswith("glue"):
            doc, _, rest = content.rpartition("::")
            key, _, spec = rest.partition(":")
            glue = self.glue
            if doc:  # pasted from another chapter: path::key:format
                other = self._docname(str(Path(doc).with_suffix("")))
                glue = glued_values(self.executed_dir / f"{other}.glue.json")
            value = glue.get(key)
            return str(_format_glue(value, spec)) if value is not None else content
        if name == "doc":
            if not explicit:
                text = self.app.env.titles.get(self._docname(target))
                text = text.astext() if text is not None else target
            return self.page_link(text, target)
        if name in ("func", "meth", "class", "mod", "attr", "data", "obj", "exc"):
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
            if not explicit:
                text = section_name or text
            if self.site:
                return f"[{text}]({self.site}/{target_doc}.html#{label_id})"
            return text
        return text

    def _docname(self, target):
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.docname), target))

    def directive(self, match):
        name, argument, body = match.group(2), match.group(3).strip(), match.group(4)
        options = {}
        lines = body.splitlines()
        if lines and lines[0].strip() == "---" and "---" in [l.strip() for l in lines[1:]]:
            end = 1 + [l.strip() for l in lines[1:]].index("---")  # a YAML option block
            options = {k: _option_text(v) for k, v in
                       (yaml.safe_load("\n".join(lines[1:end])) or {}).items()}
            lines = lines[end + 1:]
        while lines and lines[0].startswith(":"):
            key, _, value = lines.pop(0)[1:].partition(":")
            options[key.strip()] = _option_value(value)
        body = "\n".join(lines).strip("\n")
        if name == "literalinclude":
            return self.literalinclude(argument, options)
        if name == "exercise":
            number = self.exercise_number(options.get("label"))
            title = f"Exercise {number}" if number else "Exercise"
            title += f": {argument}" if argument else ""
            return f"**{title}.** {self.rewrite(body)}"
        if name == "solution-start":
            return "**Solution.**"
        if name == "solution-end":
            return ""
        if name in ("note", "tip", "warning", "important", "admonition", "seealso"):
            title = argument if name == "admonition" else name.capitalize()
            quoted = "\n".join(f"> {line}" if line else ">" for line in self.rewrite(body).splitlines())
            return f"> **{title}.**\n>\n{quoted}"
        if name in ("math", "glossary", "toctree", "eval-rst"):
            return f"$$\n{body}\n$$" if name == "math" else ""
        if name in ("figure", "image"):
            return ""
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
        from sphinx.directives.code import LiteralInclude, LiteralIncludeReader

        path = (self.source_dir / argument).resolve()
        try:
            # Convert the option strings as the directive does (`:dedent:` alone is None).
            options = {key: LiteralInclude.option_spec[key](value or None)
                       if key in LiteralInclude.option_spec else value
                       for key, value in options.items()}
            text, _ = LiteralIncludeReader(str(path), options, self.app.config).read()
        except (OSError, ValueError) as exc:
            LOGGER.warning(f"nnbook: could not include {argument} in the notebook: {exc}")
            return ""
        where = path.relative_to(self.app.confdir) if path.is_relative_to(self.app.confdir) else path
        return f"From `{where}`:\n\n```python\n{text.rstrip()}\n```"

    def rewrite(self, text):
        text = FENCE.sub(self.directive, text)
        return ROLE.sub(self.role, text)


def glued_values(glue_file: Path):
    """The values a chapter glued, as text, by key (myst-nb's `<doc>.glue.json`)."""
    if not glue_file.exists():
        return {}
    values = {}
    for key, output in json.loads(glue_file.read_text()).items():
        data = output.get("data", {})
        text = data.get("text/plain", data.get("application/papermill.record/text/plain"))
        if text is not None:
            values[key] = text.strip("'\"")
    return values


def runnable_notebook(app, docname, executed, requirements, glue):
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
    notebook.cells = setup_cells(app.config, requirements) + cells
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
        if any(cell.get("outputs") for cell in notebook.cells):
            return notebook
        LOGGER.warning(f"nnbook: no cached outputs for {docname}; its notebook has none")
        return notebook
    return merged


def write_notebooks(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    executed_dir = Path(app.outdir).parent / "jupyter_execute"
    target_dir = Path(app.outdir) / NOTEBOOK_DIR
    target_dir.mkdir(parents=True, exist_ok=True)
    requirements = Path(app.confdir) / "requirements.txt"
    written = 0
    for docname in sorted(app.env.found_docs):
        if not is_chapter(docname):
            continue
        source = executed_dir / f"{docname}.ipynb"
        if not source.exists():
            LOGGER.warning(f"nnbook: no executed notebook for {docname} at {source}")
            continue
        executed = with_cached_outputs(app, nbformat.read(source, as_version=4), docname)
        glue = glued_values(source.with_name(f"{source.stem}.glue.json"))
        notebook = runnable_notebook(app, docname, executed, requirements, glue)
        target = target_dir / f"{chapter_slug(docname)}.ipynb"
        text = nbformat.writes(notebook) + "\n"
        if not target.exists() or target.read_text() != text:
            target.write_text(text)
        written += 1
    LOGGER.info(f"nnbook: {written} runnable notebooks in {target_dir}")


# -- Links on the chapter pages -------------------------------------------------------


def run_links_html(app, docname):
    slug = chapter_slug(docname)
    colab = html.escape(colab_url(app.config, docname))
    return (
        '<p class="nnbook-run">Run this chapter yourself: '
        f'<a class="nnbook-colab" href="{colab}">Open in Colab</a>'
        '<span aria-hidden="true"> · </span>'
        f'<a class="nnbook-download" href="../{NOTEBOOK_DIR}/{slug}.ipynb" '
        f'download="{slug}.ipynb">Download the notebook (.ipynb)</a>'
        "</p>"
    )


def add_run_links(app, doctree, docname):
    """Puts the Colab and download links under the chapter's title."""
    if app.builder.format != "html" or not is_chapter(docname):
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    title_index = section.first_child_matching_class(nodes.title)
    links = nodes.raw("", run_links_html(app, docname), format="html")
    section.insert((title_index or 0) + 1, links)


CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.M | re.S)
NNLIB_NAME = re.compile(r"\bnnlib((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")
FROM_IMPORT = re.compile(r"^\s*from nnlib((?:\.\w+)*) import ([^\n#]+)", re.M)


def nnlib_names_used(source_text):
    """Full names of the documented nnlib objects a chapter's code cells use."""
    import importlib

    found = []
    for cell in CODE_CELL.findall(source_text):
        used = [m.group(1).lstrip(".") for m in NNLIB_NAME.finditer(cell)]
        for module, names in FROM_IMPORT.findall(cell):
            used += [f"{module}.{n.split(' as ')[0].strip()}".lstrip(".")
                     for n in names.strip("()").split(",") if n.strip()]
        for dotted in used:
            parts = ["nnlib", *dotted.split(".")]
            obj = None
            for depth in range(len(parts), 0, -1):  # longest importable prefix
                try:
                    obj = importlib.import_module(".".join(parts[:depth]))
                except ImportError:
                    continue
                for attribute in parts[depth:]:
                    obj = getattr(obj, attribute, None)
                break
            module = getattr(obj, "__module__", None)
            qualname = getattr(obj, "__qualname__", None)
            if module and qualname and module.startswith("nnlib"):
                name = f"{module}.{qualname}"
                if name not in found:
                    found.append(name)
    return found


def add_api_links(app, doctree, docname):
    """Ends each chapter's summary with links to the API entries of the nnlib
    functions and classes its code uses."""
    if app.builder.format != "html" or not is_chapter(docname):
        return
    objects = app.env.get_domain("py").objects
    names = [n for n in nnlib_names_used(Path(app.env.doc2path(docname)).read_text())
             if n in objects]
    if not names:
        return
    paragraph = nodes.paragraph(classes=["nnbook-api-links"])
    paragraph += nodes.strong("", "nnlib in this chapter: ")
    for index, name in enumerate(names):
        target_doc, node_id = objects[name].docname, objects[name].node_id
        uri = app.builder.get_relative_uri(docname, target_doc) + "#" + node_id
        reference = nodes.reference("", "", internal=True, refuri=uri,
                                    reftitle=f"{name} in the API reference")
        reference += nodes.literal("", name.removeprefix("nnlib."))
        paragraph += reference
        paragraph += nodes.Text(", " if index < len(names) - 1 else ".")
    sections = list(doctree.findall(nodes.section))
    summary = next(
        (sec for sec in sections
         if sec.children and isinstance(sec[0], nodes.title)
         and sec[0].astext().strip().endswith("Summary")),
        None,
    )
    (summary or (sections[0] if sections else doctree)).append(paragraph)


def add_header_buttons(app, pagename, templatename, context, doctree):
    """Adds the notebook to the header's download menu and a Colab button."""
    if not is_chapter(pagename) or "header_buttons" not in context:
        return
    slug = chapter_slug(pagename)
    for button in context["header_buttons"]:
        if button.get("label") == "download-buttons":
            button["buttons"].insert(0, {
                "type": "link",
                "url": f"{context['pathto'](NOTEBOOK_DIR, 1)}/{slug}.ipynb",
                "text": ".ipynb",
                "icon": "fas fa-code",
                "tooltip": "Download the executed notebook",
                "label": "download-notebook-button",
            })
    context["header_buttons"].insert(0, {
        "type": "link",
        "url": colab_url(app.config, pagename),
        "tooltip": "Open this chapter in Colab",
        "icon": "fas fa-rocket",
        "label": "colab-button",
    })


def fix_module_index(app, pagename, templatename, context, doctree):
    """viewcode's module index puts a package's submodules in a <ul> directly inside
    the outer <ul> (invalid HTML, and axe's "list" rule): move it into the package's
    <li>."""
    if pagename == "_modules/index" and "body" in context:
        context["body"] = re.sub(
            r"</li>\s*<ul>(.*?)</ul>", r"<ul>\1</ul></li>", context["body"], flags=re.S
        )


# -- Partial builds (NNBOOK_ONLY) -----------------------------------------------------


def missing_reference(app, env, node, contnode):
    """In a partial build, a link to a chapter not built becomes plain text.

    That is a chapter left out by NNBOOK_ONLY, or one not written yet. A full build
    (no NNBOOK_ONLY) still fails on any link to a missing chapter.
    """
    if not app.config.nnbook_partial_build or node.get("reftype") != "doc":
        return None
    target = node.get("reftarget", "")
    if target.startswith("/"):
        target = target.lstrip("/")
    else:
        target = posixpath.normpath(
            posixpath.join(posixpath.dirname(node.get("refdoc", "")), target)
        )
    if target.startswith("chapters/") and target not in env.found_docs:
        return contnode
    return None


class GlueFromExcludedChapters(SphinxPostTransform):
    """In a partial build, numbers glued from chapters not built become '(not built)'."""

    default_priority = 4  # before myst-nb's ReplacePendingGlueReferences (5)

    def apply(self, **kwargs):
        if not self.config.nnbook_partial_build:
            return
        from myst_nb.ext.glue.utils import PendingGlueReference

        for node in list(self.document.findall(PendingGlueReference)):
            if node.refdoc not in self.env.found_docs:
                node.replace_self(nodes.emphasis("", "(not built)"))


def outdated_with_chapters(app, env, added, changed, removed):
    """Pages that glue numbers from chapters are rebuilt when a chapter is."""
    if any(is_chapter(doc) for doc in set(added) | set(changed)):
        return [doc for doc in app.config.nnbook_glue_pages if doc in env.found_docs]
    return []


def setup(app):
    app.add_config_value("nnbook_repository_url", "", "html")
    app.add_config_value("nnbook_repository_branch", "main", "html")
    app.add_config_value("nnbook_pages_branch", "gh-pages", "html")
    app.add_config_value("nnbook_nnlib_ref", "", "html")
    app.add_config_value("nnbook_build_date", "", "html")
    app.add_config_value("nnbook_versions", "", "html")
    app.add_config_value("nnbook_partial_build", False, "env")
    app.add_config_value("nnbook_glue_pages", [], "env")
    app.connect("doctree-resolved", add_run_links)
    app.connect("doctree-resolved", add_api_links)
    app.connect("html-page-context", add_header_buttons, priority=502)
    app.connect("html-page-context", fix_module_index)
    app.connect("build-finished", write_notebooks)
    app.connect("missing-reference", missing_reference)
    app.connect("env-get-outdated", outdated_with_chapters)
    app.add_post_transform(GlueFromExcludedChapters)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
