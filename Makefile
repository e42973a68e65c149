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
	SECRET_KEY=test-secret-key-not-for-production SECURE_SSL_REDIRECT=false SECURE_COOKIES=false \
	SECURE_HSTS_SECONDS=0 PLAIN_STATIC_STORAGE=true DJANGO_ALLOW_ASYNC_UNSAFE=true CHROMIUM=$(CHROMIUM)
RUN_ENV := DEBUG=true

.PHONY: install install-dev run seed test test-fast lint format system-deps clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/activate
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/activate
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

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
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else \
	    echo "Mangler:$$missing. Kør: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

test: install-dev system-deps
	$(TEST_ENV) $(VENV)/bin/pytest -n 2 --dist loadgroup

test-fast: install-dev
	$(TEST_ENV) $(VENV)/bin/pytest -n 2 --dist loadgroup -m "not e2e"

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DATABASE_URL=sqlite:////tmp/socialomraade-lint.sqlite3 DEBUG=true $(PY) manage.py makemigrations --check --dry-run

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
