# govapp: two commands do everything on a fresh machine.
#   make run   set up, migrate, load demo data into an empty database, serve on http://127.0.0.1:5000
#   make test  set up, lint, type-check, run the whole suite on SQLite and (when one answers) PostgreSQL

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make
PG_PROBE_URL ?= postgresql://postgres@127.0.0.1:5432/test
export FLASK_APP := wsgi

.PHONY: run test lint typecheck assets install install-dev clean db-upgrade system-packages screenshots bench

$(STAMPS):
	mkdir -p $(STAMPS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMPS)/install: requirements.txt $(BIN)/python | $(STAMPS)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(STAMPS)/install-dev: requirements.txt requirements-dev.txt $(BIN)/python | $(STAMPS)
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(STAMPS)/install

$(STAMPS)/npm: package.json package-lock.json | $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

govapp/static/css/application.css: $(STAMPS)/npm assets/scss/application.scss scripts/build-assets.mjs
	node scripts/build-assets.mjs

assets: govapp/static/css/application.css

install: $(STAMPS)/install assets
install-dev: $(STAMPS)/install-dev assets

run: install
	GOVAPP_ENV=development $(BIN)/flask db upgrade
	GOVAPP_ENV=development $(BIN)/flask load-demo --if-empty
	@GOVAPP_ENV=development $(BIN)/flask demo-sign-ins || true
	GOVAPP_ENV=development $(BIN)/flask run --host 127.0.0.1 --port 5000

# Debian packages the tests use: Chromium for the browser suite (no browser download) and
# LibreOffice to check that documents open and convert to PDF, the PostgreSQL client (pg_dump) for
# backups, and ClamAV's daemon to scan uploads. Installed once, when missing.
SYSTEM_PACKAGES := chromium libreoffice-writer-nogui poppler-utils fonts-liberation postgresql-client clamav-daemon
system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

screenshots: install-dev system-packages
	GOVAPP_ENV=test GOVAPP_SCREENSHOTS=1 $(BIN)/python -m pytest tests/e2e -q

lint: $(STAMPS)/install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMPS)/install-dev
	$(BIN)/mypy

test: install-dev system-packages lint typecheck
	GOVAPP_ENV=test $(BIN)/python -m pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then url="$$TEST_DATABASE_URL"; \
	elif $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_PROBE_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  url="$(PG_PROBE_URL)"; else url=""; fi; \
	if [ -n "$$url" ]; then \
	  echo "== The database tests again, on PostgreSQL =="; \
	  GOVAPP_ENV=test TEST_DATABASE_URL="$$url" $(BIN)/python -m pytest -m "not nodb" --ignore=tests/e2e; \
	else echo "No PostgreSQL server answered: the PostgreSQL run was skipped."; fi

clean:
	rm -rf $(VENV) node_modules $(STAMPS) govapp/static/css govapp/static/js

# Figures, not a test: each page's SQL statements and times at two sizes of history (docs/performance.md).
# Figures, not tests: statements and times per page at two sizes of history, the Word documents'
# build times, then throughput under load (gunicorn from gunicorn.conf.py, driven by wrk).
bench: install-dev
	$(BIN)/python scripts/benchmark.py
	$(BIN)/python scripts/bench_documents.py -n 10
	@command -v wrk >/dev/null || { if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
	$(BIN)/python scripts/load.py
