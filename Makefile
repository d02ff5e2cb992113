# Build the series, the handbook and the tests; set-up happens on first use.
#
#   make html        the series site in $(BUILDDIR)/html
#   make latexpdf    one PDF per paper (and the series volume) in $(BUILDDIR)/latex
#   make epub        one EPUB 3 per paper in $(BUILDDIR)/epub
#   make site        the complete static site: html with every PDF and EPUB in downloads/
#   make test        the test suite (installs what the tests need first)
#   make docs        the handbook in $(BUILDDIR)/handbook
#   make preview     the series on http://127.0.0.1:$(PORT)/, rebuilt on every change
#   make check       every problem of every paper, without building the site
#   make bench       the performance benchmark (BENCHOPTS="--sizes 50,200,500")
#   make screenshots the handbook's screenshots of the site, a PDF page and an EPUB
#   make clean
#
# SPHINXOPTS and BUILDDIR work as in Sphinx's own Makefile, e.g.
#   make html SPHINXOPTS="-j auto" BUILDDIR=/tmp/out

SPHINXOPTS  ?=
BUILDDIR    ?= _build
SOURCEDIR   = papers
PORT        ?= 8000
VENV        ?= .venv
# Warnings fail the build; every warning of a run is reported first.
STRICT      = -W --keep-going

# Newest Python 3.11+ that actually runs here (a version shim may exist but fail).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)

SPHINXBUILD = $(VENV)/bin/sphinx-build
STAMP       = $(VENV)/.installed
PREVIEW_STAMP = $(VENV)/.installed-preview

.PHONY: help setup html latex latexpdf epub site bench docs preview check test lint system-deps browser-deps screenshots clean

help:
	@sed -n '2,16p' Makefile

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: Python 3.11 or newer is needed; install python3" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e ".[dev]"
	@# An editable install leaves byte-compiling the extension to its first use, which
	@# never happens where PYTHONDONTWRITEBYTECODE is set: ~25 ms on every build.
	$(VENV)/bin/python -m compileall -q _ext
	@touch $@

setup: $(STAMP)

html: $(STAMP)
	$(SPHINXBUILD) -M html "$(SOURCEDIR)" "$(BUILDDIR)" $(STRICT) $(SPHINXOPTS) $(O)

latex: $(STAMP)
	$(SPHINXBUILD) -M latex "$(SOURCEDIR)" "$(BUILDDIR)" $(STRICT) $(SPHINXOPTS) $(O)

latexpdf: $(STAMP)
	$(SPHINXBUILD) -M latexpdf "$(SOURCEDIR)" "$(BUILDDIR)" $(STRICT) $(SPHINXOPTS) $(O)

epub: $(STAMP)
	$(SPHINXBUILD) -M epub "$(SOURCEDIR)" "$(BUILDDIR)" $(STRICT) $(SPHINXOPTS) $(O)

# html, latexpdf and epub one after another in one process (they share
# $(BUILDDIR)/doctrees), then the downloads: research_series/editor/site.py.
site: $(STAMP)
	$(VENV)/bin/research-series site "$(SOURCEDIR)" --builddir "$(BUILDDIR)" --sphinx-options "$(STRICT) $(SPHINXOPTS) $(O)"

# The preview's server (sphinx-autobuild) is the `preview` extra, installed on first use.
$(PREVIEW_STAMP): $(STAMP)
	$(VENV)/bin/python -m pip install --quiet -e ".[preview]"
	@touch $@

preview: $(PREVIEW_STAMP)
	$(VENV)/bin/research-series preview "$(SOURCEDIR)" --port "$(PORT)" --builddir "$(BUILDDIR)" --sphinx-options "$(SPHINXOPTS) $(O)"

check: $(STAMP)
	$(VENV)/bin/research-series check "$(SOURCEDIR)"

bench: $(STAMP)
	$(VENV)/bin/python -m bench.run $(BENCHOPTS)

docs: $(STAMP)
	$(SPHINXBUILD) -b html docs "$(BUILDDIR)/handbook" $(STRICT) $(SPHINXOPTS) $(O)

system-deps:
	@sh tools/install-system-deps.sh

# axe-core for the browser tests, pinned by tools/browser/package-lock.json.
AXE = tools/browser/node_modules/axe-core/axe.min.js
$(AXE): tools/browser/package.json tools/browser/package-lock.json
	npm ci --prefix tools/browser --no-audit --no-fund --loglevel=error
	@touch $@

browser-deps: system-deps $(AXE)

test: $(STAMP) browser-deps
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

# The handbook's screenshots (docs/_static/screenshots): a paper on desktop and phone,
# the index, a PDF page and an EPUB chapter, from a fresh build of papers/.
screenshots: $(STAMP) browser-deps
	$(VENV)/bin/python tools/screenshots.py --builddir "$(BUILDDIR)/screenshots"

lint: $(STAMP)
	$(VENV)/bin/ruff check _ext tests bench
	$(VENV)/bin/ruff format --check _ext tests bench
	$(VENV)/bin/mypy

clean:
	rm -rf "$(BUILDDIR)"
