# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
VENV ?= .venv
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000

BIN := $(VENV)/bin
# Installs are redone only when the packaging changes (stamp files inside the venv).
PACKAGING := pyproject.toml setup.py

.DEFAULT_GOAL := help
.PHONY: help run test lint openapi migrate

help:
	@echo "make run      create $(VENV) if missing, install, migrate, load seeds/ into an empty database,"
	@echo "              serve on http://$(HOST):$(PORT) (HOST=... PORT=... to change)"
	@echo "make test     install the dev extras, run ruff, mypy, hadolint and pytest"
	@echo "make openapi  regenerate openapi/openapi.json from the app"
	@echo "make migrate  apply database migrations (DATABASE_URL)"

$(BIN)/python:
	$(PYTHON) -m venv --upgrade-deps $(VENV)

$(VENV)/.installed-run: $(PACKAGING) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[postgres]'
	touch $@

$(VENV)/.installed-dev: $(PACKAGING) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,postgres]'
	touch $@ $(VENV)/.installed-run

migrate: $(VENV)/.installed-run
	$(BIN)/wirediff migrate

# Seeds are imported in file-name order, so seed 000 is article 1, 001 (Reuters) is 2, and so on.
run: migrate
	$(BIN)/wirediff import seeds --if-empty
	exec $(BIN)/wirediff serve --host $(HOST) --port $(PORT)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app
	$(BIN)/hadolint Dockerfile

test: lint
	$(BIN)/python -m pytest

openapi: $(VENV)/.installed-run
	$(BIN)/wirediff export-openapi --output openapi/openapi.json
