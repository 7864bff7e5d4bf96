# Everyday commands. Each one creates the virtual environment in .venv first if it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SOURCES ?= ../shared/sources
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build test check golden bench chromium lint clean

$(BIN)/refsite: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## serve: build the site and serve it on http://127.0.0.1:8000 with live reload
serve: $(BIN)/refsite
	$(BIN)/mkdocs serve

## build: build the site into site/ (fails on any warning)
build: $(BIN)/refsite
	$(BIN)/mkdocs build --strict

## check: validate every note and check every quote against the source texts
check: $(BIN)/refsite
	$(BIN)/refsite check --sources $(SOURCES)

## chromium: install Debian's Chromium for the browser tests, if it is missing
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

## lint: ruff over the code
lint: $(BIN)/refsite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## test: lint, then every test, browser tests included
test: $(BIN)/refsite chromium lint
	$(BIN)/python -m pytest

## golden: regenerate the expected pages of the fixture corpus after an intended change
golden: $(BIN)/refsite
	$(BIN)/python -m tests.golden

clean:
	rm -rf site $(VENV) .pytest_cache
