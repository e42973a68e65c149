# Strategi for Socialområdet. `make run` serves the app; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Tests use the real services; override these to point elsewhere.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/socialomraade
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
CHROMIUM ?= /usr/bin/chromium
TEST_ENV := DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) DEBUG=false \
	SECRET_KEY=test-secret-key-not-for-production-0123456789abcdefghijklmn SECURE_SSL_REDIRECT=false SECURE_COOKIES=false \
	SECURE_HSTS_SECONDS=0 SITE_URL=http://testserver PLAIN_STATIC_STORAGE=true DJANGO_ALLOW_ASYNC_UNSAFE=true CHROMIUM=$(CHROMIUM)
# make run's own database and in-process tasks, whatever a production .env beside it says.
RUN_DATABASE_URL ?= sqlite:///$(CURDIR)/db.sqlite3
RUN_ENV := DEBUG=true DATABASE_URL=$(RUN_DATABASE_URL) REDIS_URL=

.PHONY: install install-dev run seed test test-fast lint format system-deps clean backup restore \
	bench bench-smoke lock audit pytest

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)

# The lock files pin every package, transitive ones and pip itself too (--allow-unsafe), with
# hashes. They are installed as they stand: --no-deps resolves nothing against the index (so a
# dependency's extra, such as fonttools[woff], can never pull a release newer than the lock),
# --only-binary builds nothing (a build would fetch unpinned build tools), and `pip check` then
# proves the set is complete and consistent: a lock that lacks a package stops here, naming it.
# The venv's own pip does this (23.2.1 with Python 3.11.7, 23.0.1 on Debian bookworm); nothing
# upgrades pip first, so no unpinned bootstrap is needed. PIP_INSTALL_ARGS=--dry-run shows what
# would be installed (tests/test_supply_chain.py runs it in a throwaway venv).
LOCK ?= requirements.txt
DEV_LOCK ?= requirements-dev.txt
PIP_INSTALL_ARGS ?=
PIP_INSTALL_LOCK = $(VENV)/bin/pip install --quiet --no-deps --require-hashes --only-binary=:all: \
	$(PIP_INSTALL_ARGS)
$(VENV)/.installed: $(LOCK) | $(VENV)/bin/activate
	$(PIP_INSTALL_LOCK) -r $(LOCK)
	$(VENV)/bin/pip check
	touch $@

$(VENV)/.installed-dev: $(LOCK) $(DEV_LOCK) | $(VENV)/bin/activate
	$(PIP_INSTALL_LOCK) -r $(DEV_LOCK)
	$(VENV)/bin/pip check
	touch $(VENV)/.installed $@

# After changing requirements.in or requirements-dev.in: recompile both lock files (from PyPI).
# Versions already in a lock file are kept unless the .in file asks for another;
# `make lock LOCK_ARGS=--upgrade` moves every package to its newest allowed release.
LOCK_ARGS ?=
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links \
	--no-emit-index-url $(LOCK_ARGS)
lock: install-dev
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

# Known vulnerabilities in the locked packages (pip-audit, PyPI's advisory data; AUDIT_ARGS="-s osv"
# for OSV). Exits 1 on a finding and 2, saying so plainly, when the vulnerability database could
# not be reached for some or all packages (pip-audit alone would then report "no known ...").
AUDIT_ARGS ?=
audit: install-dev
	$(PY) scripts/audit.py $(AUDIT_ARGS)

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Loads the real strategy, organisation, development plan and staffing, plus demo accounts.
seed: install
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_strategy
	$(RUN_ENV) $(PY) manage.py load_plan --demo-status
	$(RUN_ENV) $(PY) manage.py load_staffing
	$(RUN_ENV) $(PY) manage.py create_demo_users

run: seed
	@echo "Åbn http://127.0.0.1:8000 og log ind med en demo-bruger fra README.md"
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# Chromium (browser journeys), docker-compose (compose validation) and poppler (pdftotext).
system-deps:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing="$$missing chromium"; \
	command -v docker-compose >/dev/null || missing="$$missing docker-compose"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v xmlsec1 >/dev/null || missing="$$missing xmlsec1"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else \
	    echo "Mangler:$$missing. Kør: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

test: install-dev system-deps
	@mkdir -p staticfiles  # whitenoise warns on every request when STATIC_ROOT is missing
	$(TEST_ENV) $(VENV)/bin/pytest -n 2 --dist loadgroup

# Some of the suite: make pytest ARGS="tests/initiatives/test_views.py -k conflict"
ARGS ?=
pytest: install-dev
	$(TEST_ENV) $(VENV)/bin/pytest $(ARGS)

test-fast: install-dev
	$(TEST_ENV) $(VENV)/bin/pytest -n 2 --dist loadgroup -m "not e2e"

# Benchmarks (bench/run.py): fills so_bench_* databases on BENCH_PG at realistic and stress scale,
# times pages, reports and a wrk load test, writes bench/results.md and says which targets are
# missed. BENCH_ARGS="--reuse" keeps databases already generated with the same seed.
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
BENCH_ARGS ?=
bench: install-dev
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; \
	  else echo "Mangler wrk. Kør: sudo apt-get install -y wrk"; exit 1; fi; }
	BENCH_PG=$(BENCH_PG) $(PY) -m bench.run $(BENCH_ARGS)

# The benchmark at a tiny scale (also part of `make test`).
bench-smoke: install-dev
	@mkdir -p staticfiles  # whitenoise warns on every request when STATIC_ROOT is missing
	$(TEST_ENV) $(VENV)/bin/pytest -p no:xdist tests/bench

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DATABASE_URL=sqlite:////tmp/socialomraade-lint.sqlite3 DEBUG=true $(VENV)/bin/mypy \
		core accounts strategy initiatives staffing reports indicators meetings api pages socialomraade
	DATABASE_URL=sqlite:////tmp/socialomraade-lint.sqlite3 DEBUG=true $(PY) manage.py makemigrations --check --dry-run

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Backups: the database as a pg_dump custom-format file and the uploaded and generated files
# (MEDIA_ROOT, e.g. the report PDFs) as a tar beside it. Both read DATABASE_URL (postgres://…).
BACKUP_DIR ?= backups
MEDIA_ROOT ?= media

backup:
	@test -n "$(DATABASE_URL)" || { echo "Sæt DATABASE_URL=postgres://… (fx fra .env)"; exit 1; }
	@mkdir -p "$(BACKUP_DIR)" "$(MEDIA_ROOT)" && chmod 700 "$(BACKUP_DIR)"
	@# Password hashes, session keys and the audit log: readable by the owner only (0600).
	@umask 077; stem="$(BACKUP_DIR)/socialomraade-$$(date +%Y%m%d-%H%M%S)"; \
	pg_dump --format=custom --no-owner --file="$$stem.dump" "$(DATABASE_URL)" && \
	tar -czf "$$stem.media.tar.gz" -C "$(MEDIA_ROOT)" . && \
	echo "Backup skrevet: $$stem.dump og $$stem.media.tar.gz"

# make restore FILE=backups/socialomraade-….dump  (the .media.tar.gz beside it is restored too)
restore:
	@test -n "$(FILE)" || { echo "Brug: make restore FILE=backups/socialomraade-….dump"; exit 1; }
	@test -n "$(DATABASE_URL)" || { echo "Sæt DATABASE_URL=postgres://… (fx fra .env)"; exit 1; }
	pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$(DATABASE_URL)" "$(FILE)"
	@media="$(FILE:.dump=.media.tar.gz)"; \
	if [ -f "$$media" ]; then mkdir -p "$(MEDIA_ROOT)" && tar -xzf "$$media" -C "$(MEDIA_ROOT)" && \
	  echo "Filer gendannet i $(MEDIA_ROOT)"; else echo "Ingen $$media: kun databasen er gendannet"; fi

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
