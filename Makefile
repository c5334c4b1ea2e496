# Samskab: two commands on a fresh machine with Python 3.11+ and make:
#   make run    the demo at http://127.0.0.1:8000 (SQLite under var/)
#   make test   the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
UV := $(VENV)/bin/uv
SAMSKAB := $(VENV)/bin/samskab
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install run demo test test-db test-fast test-e2e lint format messages bench vendor-dkfds clean

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv

# Installs from the lockfile (never re-resolves) and compiles the translations with Babel,
# so no GNU gettext is needed. The bytecode is compiled here once: where the environment sets
# PYTHONDONTWRITEBYTECODE, every process (each test worker, each command) would otherwise
# compile every module it imports again, seconds each time.
install: $(UV)
	$(UV) sync --frozen --quiet --compile-bytecode
	$(VENV)/bin/python -m compileall -q src >/dev/null
	$(VENV)/bin/python scripts/compile_messages.py

# The site and the task worker (email, retention) in one command; Ctrl-C stops both.
run: install
	$(SAMSKAB) migrate --no-input -v0
	$(SAMSKAB) demo
	$(SAMSKAB) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(SAMSKAB) runserver 127.0.0.1:8000

demo: install
	$(SAMSKAB) migrate --no-input -v0
	$(SAMSKAB) demo

# The whole suite, with the coverage gate ([tool.coverage] in pyproject.toml), on one worker
# per core (pytest-xdist; PYTEST_WORKERS=1 runs it in one process). `loadgroup` keeps a module
# marked xdist_group (the demo, loaded once) on one worker.
PYTEST_WORKERS ?= auto
PYTEST := $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadgroup
# On Python 3.12 and later coverage listens through sys.monitoring, which costs a few percent
# where the older tracer nearly doubles the suite's CPU time.
COVERAGE_CORE_FOR := $(VENV)/bin/python -c 'import sys; print("sysmon" if sys.version_info >= (3, 12) else "ctrace")'
test: install
	$(VENV)/bin/python scripts/check_browser.py
	COVERAGE_CORE=$$($(COVERAGE_CORE_FOR)) $(PYTEST) --cov --cov-report=term

# Everything but the browser suite, without the coverage gate: CI runs it on PostgreSQL after
# `make test` has run the whole suite, gate included, on SQLite.
test-db: install
	$(PYTEST) -m "not e2e"

test-fast: install
	$(PYTEST) -m "not e2e and not slow"

test-e2e: install
	$(PYTEST) -m e2e

lint: install
	$(VENV)/bin/ruff check src tests scripts bench
	$(VENV)/bin/ruff format --check src tests scripts bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache
	$(SAMSKAB) makemigrations --check --dry-run -v0

format: install
	$(VENV)/bin/ruff check --fix src tests scripts bench
	$(VENV)/bin/ruff format src tests scripts bench

# Developers: extract new strings (needs GNU gettext's xgettext), then translate da.
messages: install
	cd src/samskab && ../../$(SAMSKAB) makemessages -l da -l en --no-obsolete --no-location

bench: install
	$(VENV)/bin/python bench/run.py
	$(VENV)/bin/python -m bench.recruitment
	$(VENV)/bin/python -m bench.digest

vendor-dkfds:
	scripts/vendor-dkfds.sh

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
