# nnbook: `make html` builds the book, `make test` checks it. See README.md.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
BUILDDIR ?= _build
SPHINXOPTS ?= -nW --keep-going
# The execution cache lives in the build folder, one folder per fingerprint of the
# pins, the data and the installed packages; within it, each page is keyed on the
# library files it ran (conf.py, README "What a change re-executes").
export NNBOOK_CACHE_ROOT := $(abspath $(BUILDDIR))/.jupyter_cache
# conf.py names the book's Sphinx extension by its path from here, book._ext.nnbook.
export PYTHONPATH := $(CURDIR)$(if $(PYTHONPATH),:$(PYTHONPATH))
STAMP := $(VENV)/.installed

.PHONY: help venv html test unit doctest browser bench serve determinism clean

help:
	@echo "make html         build the book into $(BUILDDIR)/html (creates .venv on first use)"
	@echo "make test         unit, parity and doctests of nnlib, the book's doctests, site checks"
	@echo "make unit         only the pytest suite, without the browser checks (no site build)"
	@echo "make browser      only the browser checks of the built site (after make html)"
	@echo "make doctest      only Sphinx's doctest builder over the book"
	@echo "make bench        benchmarks (prints a table of ratios)"
	@echo "make determinism  execute every chapter again and compare its outputs with the build's"
	@echo "make serve        preview on http://127.0.0.1:8000, rebuilt on every change"
	@echo "make clean        remove the build folder (keeps .venv)"

# The virtual environment is (re)made when missing or older than the requirements.
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

html: $(STAMP)
	$(BIN)/sphinx-build $(SPHINXOPTS) -c . book $(BUILDDIR)/html

# The site checks (tests/test_site.py, tests/test_notebooks.py) read the site that
# `make html` built: $(BUILDDIR)/html.
export NNBOOK_SITE := $(abspath $(BUILDDIR))/html

unit: $(STAMP)
	$(BIN)/python -m pytest -m "not browser"

browser: $(STAMP)
	$(BIN)/python -m pytest -m browser tests/test_site.py

doctest: $(STAMP)
	$(BIN)/sphinx-build $(SPHINXOPTS) -b doctest -c . book $(BUILDDIR)/doctest

test: html
	$(BIN)/python -m pytest
	$(BIN)/sphinx-build $(SPHINXOPTS) -b doctest -c . book $(BUILDDIR)/doctest

# Trainer vs model.fit at each speed setting, and all vs the matmul time (benchmarks/bench.py).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

# Every chapter executed once more, each output compared with the site's (make html).
determinism: html
	NNBOOK_DETERMINISM=build $(BIN)/python -m pytest tests/test_determinism.py

serve: $(STAMP)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port 8000 --watch nnlib --watch benchmarks \
		$(SPHINXOPTS) -c . book $(BUILDDIR)/html

clean:
	rm -rf $(BUILDDIR)
