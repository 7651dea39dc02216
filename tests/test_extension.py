"""The units of the book's Sphinx extension (book/_ext/nnbook), without a build."""

import doctest
import os
import sys
import tomllib
from types import SimpleNamespace

import pytest
from conftest import ROOT, load_conf
from myst_parser.config.main import MdParserConfig

from book._ext.nnbook import myst
from book._ext.nnbook.api_links import names_in_code
from book._ext.nnbook.doctests import NUMBER, NumberChecker, optionflags
from book._ext.nnbook.execution import environment, fingerprint, set_up_execution
from book._ext.nnbook.links import github_parts
from book._ext.nnbook.setup_cells import runtime_pins

# -- The execution cache and the kernels' environment -------------------------------


def test_fingerprint_follows_requirements_and_data_not_library_code(project, conf):
    """Library code keys each page on its own (test_reexecution.py); what every page
    depends on (the pins, the shipped data) keys the whole cache."""
    root = project
    patterns = conf.nnbook_execution_depends_on
    first = fingerprint(root, patterns)
    assert first == fingerprint(root, patterns)  # stable
    module = root / "nnlib" / "utils.py"
    module.write_text(module.read_text() + "\n# a comment\n")
    assert fingerprint(root, patterns) == first
    (root / "requirements.txt").write_text("numpy==0.0.1\n")
    second = fingerprint(root, patterns)
    assert second != first
    (root / "nnlib" / "datasets" / "workshop_line.csv").write_text("x,y\n1,2\n")
    assert fingerprint(root, patterns) != second


def test_fingerprint_ignores_bytecode(project, conf):
    root = project
    before = fingerprint(root, conf.nnbook_execution_depends_on)
    (root / "nnlib" / "__pycache__").mkdir(exist_ok=True)
    (root / "nnlib" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    assert fingerprint(root, conf.nnbook_execution_depends_on) == before


def test_cache_is_keyed_on_the_fingerprint_and_old_caches_go(tmp_path, conf, monkeypatch):
    cache_root = tmp_path / "cache"
    stale, kept = cache_root / "0123456789abcdef", cache_root / "not-a-cache"
    stale.mkdir(parents=True)
    kept.mkdir()
    config = SimpleNamespace(**{name: getattr(conf, name) for name in dir(conf)
                                if name.startswith("nnbook_")})
    config.nnbook_cache_root = str(cache_root)
    for name in ("IPYTHONDIR", "PYTHONHASHSEED"):
        monkeypatch.delenv(name, raising=False)  # restored after the test
    set_up_execution(SimpleNamespace(confdir=str(ROOT)), config)
    assert config.nnbook_fingerprint == fingerprint(
        ROOT, conf.nnbook_execution_depends_on, environment(config))
    assert fingerprint(ROOT, conf.nnbook_execution_depends_on, ["tensorflow==0"]) != (
        config.nnbook_fingerprint)  # another package version: another cache
    assert config.nb_execution_cache_path == str(cache_root / config.nnbook_fingerprint)
    assert not stale.exists() and kept.exists()
    assert os.environ["IPYTHONDIR"] == str(ROOT / "book" / "_ext" / "ipython")
    assert os.environ["PYTHONHASHSEED"] == "0"


def test_importing_conf_changes_nothing():
    environment, path = dict(os.environ), list(sys.path)
    conf = load_conf()
    assert dict(os.environ) == environment and sys.path == path
    assert not hasattr(conf, "nb_execution_cache_path")  # the extension sets it
    assert "book._ext.nnbook" in conf.extensions


# -- Doctests: the NUMBER flag -------------------------------------------------------


@pytest.mark.parametrize("want, got, matches", [
    ("0.25", "0.2500001", True),
    ("0.25", "0.26", False),
    ("0.25", "0.2", False),
    ("[0.33 0.67]", "[0.33333334 0.6666667]", True),
    ("loss 1.5e-3", "loss 0.0015000002", True),
    ("3.", "3.4", True),
    ("3.", "4.2", False),
    ("0.25 0.5", "0.25", False),  # a float missing is a difference
])
def test_number_checker_compares_floats_to_the_precision_written(want, got, matches):
    flags = doctest.NORMALIZE_WHITESPACE | NUMBER
    assert NumberChecker().check_output(want + "\n", got + "\n", flags) is matches


def test_number_checker_without_number_compares_text():
    assert not NumberChecker().check_output("0.25\n", "0.2500001\n", doctest.ELLIPSIS)


def test_book_doctests_use_pytests_flags(conf):
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert conf.nnbook_doctest_optionflags == (
        pyproject["tool"]["pytest"]["ini_options"]["doctest_optionflags"])
    assert optionflags("ELLIPSIS NUMBER") == doctest.ELLIPSIS | NUMBER
    assert doctest.OPTIONFLAGS_BY_NAME["NUMBER"] == NUMBER  # pytest's flag, if it made one


# -- The notebooks' setup cells and links --------------------------------------------


def test_runtime_pins_come_from_requirements():
    pins = runtime_pins((ROOT / "requirements.txt").read_text())
    assert [pin.split("==")[0] for pin in pins] == [
        "tensorflow", "keras", "numpy", "matplotlib", "myst-nb"]
    text = ('tensorflow-cpu==2.1.0; sys_platform == "linux"  # CPU wheel\nkeras==3.0\n'
            "numpy==2.0\nmatplotlib==3.9\nmyst-nb==1.1\n-r other.txt\n")
    assert runtime_pins(text)[0] == "tensorflow==2.1.0"
    with pytest.raises(ValueError, match=r"pins none of \['keras'\]"):
        runtime_pins(text.replace("keras==3.0\n", "keras>=3\n"))


def test_github_parts():
    assert github_parts("https://github.com/nnbook/nnbook") == ("nnbook", "nnbook")
    assert github_parts("https://github.com/o/r.git/") == ("o", "r")
    for bad in ["https://gitlab.com/o/r", "https://github.com/o", "http://github.com/o/r"]:
        with pytest.raises(ValueError, match="REPOSITORY_URL must look like"):
            github_parts(bad)


# -- MyST, found by myst-parser's parser ----------------------------------------------


@pytest.fixture(scope="module")
def md():
    return myst.markdown_parser(MdParserConfig(enable_extensions={"colon_fence", "dollarmath"}))


def show(text, md):
    return myst.rewrite(text, md, lambda d: f"<{d.name} {d.arguments} {d.body!r}>",
                        lambda r: f"<{r.name}: {r.content}>")


def test_rewrite_finds_roles_and_directives(md):
    text = ("Use {func}`nnlib.losses.mse`, {doc}`the\nchapter <02-x>`.\n\n"
            ":::{admonition} Title\nBody with {term}`loss`.\n:::\n\n"
            "```{note} First line\nmore\n```\n")
    assert show(text, md) == (
        "Use <func: nnlib.losses.mse>, <doc: the chapter <02-x>>.\n\n"
        "<admonition ['Title'] 'Body with {term}`loss`.'>\n\n"
        "<note [] 'First line\\nmore'>\n")


def test_rewrite_leaves_code_alone(md):
    text = ("A code span `{func}`f`` and {func}`f`.\n\n"
            '```python\nf"`{arg}` must be"\n```\n\n    {func}`indented code`\n')
    assert show(text, md) == text.replace("and {func}`f`", "and <func: f>")


def test_rewrite_keeps_a_directive_inside_its_blockquote(md):
    assert show("> Quoted:\n>\n> ```{note}\n> inner\n> ```\n", md) == (
        "> Quoted:\n>\n> <note [] 'inner'>\n")
    assert show("---\n```{note}\nlast\n```", md) == "---\n<note [] 'last'>"  # no newline


# -- API links -----------------------------------------------------------------------


def test_names_in_code_are_the_ones_python_reads():
    code = ("from nnlib.losses import mse, categorical_crossentropy as cce\n"
            "model = nnlib.models.LineModel(m=1.0)  # nnlib.layers.Linear is not used\n"
            'print("nnlib.data.line_data")\n'
            "nnlib.seed(0)\n")
    assert names_in_code(code) == ["nnlib.losses.mse", "nnlib.losses.categorical_crossentropy",
                                   "nnlib.models.LineModel", "nnlib.seed"]
    assert names_in_code("def broken(:\n") == []
