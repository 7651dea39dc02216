"""The links that run a chapter: "Open in Colab" and "Download the notebook".

Every chapter page gets both at the top of its text and in the header (a Colab
button, and the notebook in the download menu). Colab opens notebooks from GitHub, so
its link points at ``notebooks/<chapter>.ipynb`` on the branch the site is published
from (``nnbook_pages_branch``; ``.github/workflows/pages.yml`` pushes the built site
there).
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from docutils import nodes

from .docnames import chapter_slug, is_chapter
from .notebooks import NOTEBOOK_DIR

COLAB = "https://colab.research.google.com/github"


def github_parts(url):
    """``https://github.com/OWNER/REPO`` -> (OWNER, REPO)."""
    parts = urlsplit(url)
    path = parts.path.strip("/").removesuffix(".git").split("/")
    if parts.scheme != "https" or parts.netloc != "github.com" or len(path) != 2 or not all(path):
        raise ValueError(
            f"REPOSITORY_URL must look like https://github.com/OWNER/REPO, "
            f"but it is {url!r}. Set it in conf.py."
        )
    return path[0], path[1]


def colab_url(config, docname):
    owner, repo = github_parts(config.nnbook_repository_url)
    return (
        f"{COLAB}/{owner}/{repo}/blob/{config.nnbook_pages_branch}/"
        f"{NOTEBOOK_DIR}/{chapter_slug(docname)}.ipynb"
    )


def run_links_html(config, docname):
    slug = chapter_slug(docname)
    colab = html.escape(colab_url(config, docname))
    return (
        '<p class="nnbook-run">Run this chapter yourself: '
        f'<a class="nnbook-colab" href="{colab}">Open in Colab</a>'
        '<span aria-hidden="true"> · </span>'
        f'<a class="nnbook-download" href="../{NOTEBOOK_DIR}/{slug}.ipynb" '
        f'download="{slug}.ipynb">Download the notebook (.ipynb)</a>'
        "</p>"
    )


def add_run_links(app, doctree, docname):
    """``doctree-resolved``: the two links, under the chapter's title."""
    if app.builder.format != "html" or not is_chapter(docname):
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    title_index = section.first_child_matching_class(nodes.title)
    links = nodes.raw("", run_links_html(app.config, docname), format="html")
    section.insert((title_index or 0) + 1, links)


def add_header_buttons(app, pagename, templatename, context, doctree):
    """``html-page-context``: the notebook in the header's download menu, and a Colab
    button."""
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
