"""Records which library files' functions this kernel runs, for the book's execution cache.

The book's extension (book/_ext/nnbook/dependencies.py) sets NNBOOK_RECORD_TO before a
page's kernel starts. Then every module imported from the folders NNBOOK_RECORD_SOURCES
names (nnlib/ and benchmarks/) is compiled with one extra statement at the start of
each function, which adds the module's file to a set when the function runs; a
function that tf.function traces is read and converted by AutoGraph instead, so its
file is added when AutoGraph converts it. After every cell the files whose functions
ran, and those imported, are written to NNBOOK_RECORD_TO as JSON. The marked code exists only in this kernel (no bytecode is
written), and a marker costs a set insertion per call, so the page's timings are those
of unmarked code. Without NNBOOK_RECORD_TO (a reader's own Jupyter), this file does
nothing.

A line-tracing tool such as coverage.py would record the same, but slows every Python
call of the kernel (Keras' included) by a third or more, which would distort the
timings the chapters measure and glue.
"""

import ast
import builtins
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys

_TARGET = os.environ.pop("NNBOOK_RECORD_TO", "")  # popped: subprocesses do not record
_FOLDERS = tuple(os.path.join(folder, "") for folder in
                 os.environ.pop("NNBOOK_RECORD_SOURCES", "").split(os.pathsep) if folder)
_TRANSPILER = "tensorflow.python.autograph.pyct.transpiler"


class _Marker(ast.NodeTransformer):
    """Puts ``__nnbook_ran__.add(path)`` first in every function (after its docstring)."""

    def __init__(self, path):
        self.path = path

    def visit_FunctionDef(self, node):
        self.generic_visit(node)
        first = 1 if ast.get_docstring(node) is not None else 0
        mark = ast.parse(f"__nnbook_ran__.add({self.path!r})").body[0]
        anchor = node.body[min(first, len(node.body) - 1)]
        node.body.insert(first, ast.copy_location(mark, anchor))
        return node

    visit_AsyncFunctionDef = visit_FunctionDef


class _MarkingLoader(importlib.machinery.SourceFileLoader):
    def get_code(self, fullname):  # no bytecode cache: the marks are this kernel's alone
        path = self.get_filename(fullname)
        _IMPORTED.add(path)
        tree = _Marker(path).visit(ast.parse(self.get_data(path), path))
        return compile(ast.fix_missing_locations(tree), path, "exec", dont_inherit=True)


class _Finder(importlib.abc.MetaPathFinder):
    """Loads the measured folders' modules marked, and marks AutoGraph's conversions."""

    def find_spec(self, name, path, target=None):
        if name == _TRANSPILER:
            return self._transpiler_spec(name)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or not str(spec.origin).endswith(".py") or not str(
                spec.origin).startswith(_FOLDERS):
            return None
        spec.loader = _MarkingLoader(name, spec.origin)
        return spec

    def _transpiler_spec(self, name):
        sys.meta_path.remove(self)  # find the module the usual way, then come back
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            convert = module.PyToPy.transform_function

            def transform_function(transpiler, fn, user_context):
                code = getattr(getattr(fn, "__func__", fn), "__code__", None)
                if code is not None and code.co_filename.startswith(_FOLDERS):
                    builtins.__nnbook_ran__.add(code.co_filename)
                return convert(transpiler, fn, user_context)

            module.PyToPy.transform_function = transform_function

        spec.loader.exec_module = exec_module
        return spec


if _TARGET and _FOLDERS:
    from IPython import get_ipython

    builtins.__nnbook_ran__, _IMPORTED = set(), set()
    sys.meta_path.insert(0, _Finder())

    def _write_files_run(result=None):
        partial = f"{_TARGET}.{os.getpid()}"
        with open(partial, "w", encoding="utf-8") as file:
            json.dump({"ran": sorted(builtins.__nnbook_ran__),
                       "imported": sorted(_IMPORTED)}, file)
        os.replace(partial, _TARGET)  # whole, or not at all

    get_ipython().events.register("post_run_cell", _write_files_run)
