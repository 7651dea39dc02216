"""A fix to the module index that ``sphinx.ext.viewcode`` writes (``_modules/index``).

viewcode puts a package's submodules in a ``<ul>`` directly inside the outer ``<ul>``,
after the package's ``<li>``: invalid HTML, and a failure of axe's "list" rule in the
browser checks. This moves each such list into the package's ``<li>``.
"""

import re

NESTED_LIST = re.compile(r"</li>\s*<ul>(.*?)</ul>", re.S)


def fix_module_index(app, pagename, templatename, context, doctree):
    """``html-page-context``."""
    if pagename == "_modules/index" and "body" in context:
        context["body"] = NESTED_LIST.sub(r"<ul>\1</ul></li>", context["body"])
