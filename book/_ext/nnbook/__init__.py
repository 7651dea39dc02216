"""The book's own Sphinx extension (``extensions`` in ``conf.py``), one job a module:

- :mod:`.execution`: the execution cache, in a folder keyed on a fingerprint of the
  pinned requirements, the data and the kernels' startup files, and the environment
  of the kernels that run the chapters;
- :mod:`.dependencies`: within that cache, each page keyed on the library files
  whose code its execution ran (the keys: :mod:`.records`), so that an edit
  re-executes only those pages;
- :mod:`.notebooks`: each chapter as a notebook a reader can run anywhere, in the
  site's ``notebooks/``, opened by the cells of :mod:`.setup_cells` and with its
  markdown rewritten for Jupyter by :mod:`.jupyter_markdown` (which finds MyST's
  directives and roles with myst-parser's parser, :mod:`.myst`);
- :mod:`.links`: "Open in Colab" and "Download the notebook" on every chapter page;
- :mod:`.api_links`: links from each chapter's summary to the API entries of the
  nnlib names its code uses;
- :mod:`.doctests`: Sphinx's doctest builder, comparing floats as pytest's NUMBER
  flag does;
- :mod:`.viewcode`: valid HTML in viewcode's module index;
- :mod:`.partial`: partial builds (``NNBOOK_ONLY``).

Everything that acts does so on Sphinx events; ``conf.py`` only sets values.
"""

from . import (
    api_links, dependencies, doctests, execution, links, notebooks, partial, viewcode,
)

CONFIG_VALUES = [
    # name, default, what a change rebuilds
    ("nnbook_repository_url", "", "html"),
    ("nnbook_repository_branch", "main", "html"),
    ("nnbook_pages_branch", "gh-pages", "html"),
    ("nnbook_nnlib_ref", "", "html"),
    ("nnbook_build_date", "", "html"),
    ("nnbook_versions", "", "html"),
    ("nnbook_only", "", "env"),
    ("nnbook_glue_pages", [], "env"),
    ("nnbook_cache_root", "_build/.jupyter_cache", ""),
    ("nnbook_execution_depends_on", [], ""),
    ("nnbook_execution_measured", [], ""),
    ("nnbook_execution_extra_depends", {}, ""),
    ("nnbook_ipython_dir", "", ""),
    ("nnbook_kernel_environment", {}, ""),
    ("nnbook_doctest_optionflags", "ELLIPSIS", ""),
    # Set by execution.set_up_execution. An "env" value: when the pinned requirements,
    # the data or the kernels' startup files change, Sphinx reads every page again.
    ("nnbook_fingerprint", "", "env"),
]


def setup(app):
    for name, default, rebuild in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild)
    app.setup_extension("sphinx.ext.doctest")  # its builder is replaced below
    app.add_builder(doctests.DocTestBuilder, override=True)
    app.connect("config-inited", execution.set_up_execution)
    app.connect("config-inited", partial.exclude_chapters)
    app.connect("config-inited", doctests.set_flags)
    app.connect("builder-inited", dependencies.drop_stale_outputs)
    app.connect("source-read", dependencies.start_recording)
    app.connect("doctree-read", dependencies.save_record)
    app.connect("env-get-outdated", dependencies.outdated)
    app.connect("env-purge-doc", dependencies.purge)
    app.connect("env-merge-info", dependencies.merge)
    app.connect("doctree-resolved", links.add_run_links)
    app.connect("doctree-resolved", api_links.add_api_links)
    app.connect("html-page-context", links.add_header_buttons, priority=502)
    app.connect("html-page-context", viewcode.fix_module_index)
    app.connect("build-finished", notebooks.write_notebooks)
    app.connect("missing-reference", partial.missing_reference)
    app.connect("env-get-outdated", partial.outdated_with_chapters)
    app.add_post_transform(partial.GlueFromExcludedChapters)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
