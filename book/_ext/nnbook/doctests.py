"""The API reference's doctests, compared as ``pytest --doctest-modules`` compares them.

The docstrings' examples run twice: under pytest, with the option flags of
``pyproject.toml``, and in the book, with Sphinx's doctest builder. Both must accept
the same output. pytest's NUMBER flag lets a float match to the precision written
(``0.25`` matches ``0.2500001``), as TensorFlow's own doctest runner does; the
standard library knows no such flag. This module registers it under the same name
(``doctest.register_optionflag`` returns the flag pytest registered, if it did),
compares numbers by pytest's rule, and gives Sphinx's doctest builder that checker.
"""

from __future__ import annotations

import doctest
import re
from functools import reduce
from operator import or_

from sphinx.ext import doctest as sphinx_doctest

NUMBER = doctest.register_optionflag("NUMBER")
# A number written with a decimal point or an exponent (pytest's pattern): `3` is
# not one, `3.`, `.5`, `0.25` and `1e-3` are.
FLOAT = re.compile(
    r"""
    (?P<mantissa> (?P<integer1> [+-]?\d*)\.(?P<fraction>\d+) | [+-]?\d+\. )
    (?: [Ee] (?P<exponent1> [+-]?\d+) )?
    | [+-]?\d+ [Ee] (?P<exponent2> [+-]?\d+)
    """,
    re.VERBOSE,
)


def optionflags(names):
    """The doctest flags named in ``"ELLIPSIS NUMBER"``, or-ed together."""
    return reduce(or_, (doctest.OPTIONFLAGS_BY_NAME[name] for name in names.split()), 0)


class NumberChecker(doctest.OutputChecker):
    """doctest's checker, plus NUMBER: each float in the expected output matches a
    float in the output within one unit of its last written digit (``0.25`` matches
    from 0.24 to 0.26), when both outputs hold as many floats."""

    def check_output(self, want, got, optionflags):
        if super().check_output(want, got, optionflags):
            return True
        if not optionflags & NUMBER:
            return False
        return super().check_output(want, self.with_wanted_floats(want, got), optionflags)

    @staticmethod
    def with_wanted_floats(want, got):
        """``got`` with each float close enough to the wanted one written as wanted."""
        wanted, found = list(FLOAT.finditer(want)), list(FLOAT.finditer(got))
        if len(wanted) != len(found):
            return got
        pieces, end = [], 0
        for w, g in zip(wanted, found):
            exponent = w["exponent1"] or w["exponent2"] or "0"
            precision = len(w["fraction"] or "") - int(exponent)
            close = abs(float(w[0]) - float(g[0])) <= 10.0 ** -precision
            pieces += [got[end:g.start()], w[0] if close else g[0]]
            end = g.end()
        return "".join(pieces) + got[end:]


class DocTestRunner(sphinx_doctest.SphinxDocTestRunner):
    def __init__(self, optionflags):
        super().__init__(checker=NumberChecker(), verbose=False, optionflags=optionflags)


class DocTestBuilder(sphinx_doctest.DocTestBuilder):
    """Sphinx's doctest builder (``-b doctest``), comparing outputs with NumberChecker.

    For each page, Sphinx's ``test_doc`` makes three runners, then tests the page's
    groups one by one: before the first group, the runners are made again with the
    checker (doctest's runners take it as an argument).
    """

    def test_group(self, group):
        if not isinstance(self.test_runner, DocTestRunner):
            self.setup_runner, self.test_runner, self.cleanup_runner = (
                DocTestRunner(self.opt) for _ in range(3))
        return super().test_group(group)


def set_flags(app, config):
    """``config-inited``: ``doctest_default_flags`` from ``nnbook_doctest_optionflags``."""
    config.doctest_default_flags = optionflags(config.nnbook_doctest_optionflags)
