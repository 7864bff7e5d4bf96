# Everyday commands. Each one creates the virtual environment in .venv first if it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The folder of source texts that quotes are checked against, kept outside the repository. One
# setting for refsite check, the MkDocs build (mkdocs.yml) and CI: `make check REFSITE_SOURCES=dir`.
# `make check REFSITE_REQUIRE_SOURCES=1` fails when the folder is missing instead of checking notes alone.
export REFSITE_SOURCES ?= ../shared/sources
ifeq ($(origin SOURCES),command line)
$(error SOURCES is now called REFSITE_SOURCES: make $(MAKECMDGOALS) REFSITE_SOURCES=$(SOURCES))
endif
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build test check golden bench chromium lint clean schemas

$(BIN)/refsite: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## serve: build the site and serve it on http://127.0.0.1:8000/; a saved note rebuilds only the pages it changes
serve: $(BIN)/refsite
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

## build: build the site into site/ (fails on any warning); dated by the last commit, so reproducible
build: $(BIN)/refsite
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 0)} $(BIN)/mkdocs build --strict

## check: validate every note and check every quote against the source texts (in $REFSITE_SOURCES)
check: $(BIN)/refsite
	$(BIN)/refsite check

## chromium: install Debian's Chromium for the browser tests (they drive /usr/bin/chromium), if it is missing
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then \
	    echo "The browser tests need Debian's Chromium: run 'apt-get install chromium' as root, then 'make test' again."; exit 1; \
	  fi; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q --no-install-recommends chromium; }

## lint: ruff and mypy --strict over the code
lint: $(BIN)/refsite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## test: lint, then every test, browser tests included
test: $(BIN)/refsite chromium lint
	$(BIN)/python -m pytest

## schemas: rewrite the JSON Schemas in schemas/ after a change to the note format
schemas: $(BIN)/refsite
	$(BIN)/refsite schema --out schemas

## bench: time synthetic corpora of 100, 1,000 and 10,000 notes against plain MkDocs (~35 min), write docs/performance.md
bench: $(BIN)/refsite
	$(BIN)/python -m tests.bench --sizes $${SIZES:-100,1000,10000} --report docs/performance.md

## golden: regenerate the expected pages of the fixture corpus after an intended change
golden: $(BIN)/refsite
	$(BIN)/python -m tests.golden

clean:
	rm -rf site $(VENV) .pytest_cache
