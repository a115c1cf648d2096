# Registro Metropolitano: set-up, run and test in one command each (see README.md).
#   make run    the app with the demo data on http://127.0.0.1:5000 (ADMIN_EMAIL=… names the first
#               administrator; otherwise asked in a terminal, or made up when unattended)
#   make test   lint (ruff, mypy), then the whole suite (SQLite; also PostgreSQL when REGISTRY_TEST_POSTGRES_URL is set)
#   make bench  page speed at scale; make load  20 officials at once on PostgreSQL for 30 s

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app registry
PYTEST_ARGS ?=
LOAD_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 5000

APP_STAMP := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test test-sqlite test-postgres install install-test browser lint bench load lock clean

# gunicorn's control socket is this instance's own (`gunicornc -s instance/gunicorn.ctl`), not the
# ~/.gunicorn/gunicorn.ctl that every other gunicorn of the same user would take over.
run: $(APP_STAMP)
	@mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) demo load
	@$(FLASK) setup
	@echo "Registro Metropolitano en http://$(HOST):$(PORT)/  (Ctrl+C para detener)"
	$(BIN)/gunicorn --workers 2 --bind $(HOST):$(PORT) --control-socket instance/gunicorn.ctl \
	  --access-logfile - 'registry:create_app()'

install: $(APP_STAMP)
install-test: $(TEST_STAMP)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Exact versions from the lock files: a fresh machine gets what passed the tests. The project
# itself is not installed: flask, gunicorn and pytest all run it from this directory.
$(APP_STAMP): $(VENV)/bin/python requirements/app.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/app.lock
	@touch $@

$(TEST_STAMP): $(APP_STAMP) requirements/test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/test.lock
	@touch $@

test: $(TEST_STAMP) browser
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$REGISTRY_TEST_POSTGRES_URL" ]; then \
	  $(MAKE) --no-print-directory test-postgres; \
	else \
	  echo "(PostgreSQL: omitido; defina REGISTRY_TEST_POSTGRES_URL para probar también sobre PostgreSQL)"; \
	fi

test-sqlite: $(TEST_STAMP)
	@echo "== Pruebas sobre SQLite"
	env -u REGISTRY_TEST_DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: $(TEST_STAMP)
	@echo "== Pruebas sobre PostgreSQL ($$REGISTRY_TEST_POSTGRES_URL)"
	REGISTRY_TEST_DATABASE_URL="$$REGISTRY_TEST_POSTGRES_URL" $(BIN)/python -m pytest $(PYTEST_ARGS)

# Debian's Chromium for the browser tests: installed when missing and we are root; otherwise
# those tests skip and say why.
browser:
	@if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Instalando Chromium (Debian) para las pruebas de navegador…"; \
	  apt-get install -y -qq --no-install-recommends chromium >/dev/null \
	  || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; } \
	  || echo "No se pudo instalar Chromium: las pruebas de navegador se omitirán."; \
	else \
	  echo "Chromium no está instalado (y no soy root para instalarlo): las pruebas de navegador se omitirán."; \
	fi

# ruff check and ruff format --check: the code is as the formatter writes it (no fmt: skip);
# mypy over registry/ (settings in pyproject.toml): zero errors.
lint: $(TEST_STAMP)
	$(BIN)/ruff check registry tests
	$(BIN)/ruff format --check registry tests
	$(BIN)/mypy

bench: $(TEST_STAMP)
	$(BIN)/python -m pytest tests/benchmarks -p no:xdist --benchmark-only $(PYTEST_ARGS)

# gunicorn (2 workers) on a new PostgreSQL database of REGISTRY_TEST_POSTGRES_URL's server (default
# postgres@127.0.0.1:5432), 1,000 synthetic agreements, 20 officials for 30 s; see README.md.
load: $(TEST_STAMP)
	$(BIN)/python -m tests.benchmarks.load $(LOAD_ARGS)

# Re-resolve the lock files from pyproject.toml in throw-away environments.
lock:
	rm -rf /tmp/registry-lock && $(PYTHON) -m venv /tmp/registry-lock
	/tmp/registry-lock/bin/pip install --quiet --disable-pip-version-check .
	/tmp/registry-lock/bin/pip freeze --exclude registro-metropolitano > requirements/app.lock
	/tmp/registry-lock/bin/pip install --quiet --disable-pip-version-check ".[test]"
	/tmp/registry-lock/bin/pip freeze --exclude registro-metropolitano > requirements/test.lock
	rm -rf /tmp/registry-lock build *.egg-info

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache test-artifacts
