# TĐKT — build, run and test. `make run` and `make test` are the two set-up commands.
#
#   make run            virtualenv, translations, migrate, demo province, server on :8000 + worker
#   make test           whole suite on SQLite; with CI=true also on a throwaway PostgreSQL 15
#   make test-postgres  the PostgreSQL pass alone
#   make test-cluster   two gunicorn nodes + two workers behind nginx on one PostgreSQL (outside make test)
#   make bench | lint | messages | clean
#   make lock           regenerate requirements/*.lock (hashes) from pyproject.toml
#   make audit          pip-audit of the locked dependencies (exit 0 clean, 1 vulnerable, 2 no data fetched)

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

VENV   := .venv
PY     := $(VENV)/bin/python
# Touched after installing; make reinstalls when pyproject.toml or a lock file is newer than it.
STAMP  := $(VENV)/.installed-pyproject
LOCKS  := requirements/production.lock requirements/test.lock
# Extra pytest arguments, e.g. make test PYTEST_ARGS="-k search -x"
PYTEST_ARGS ?=
PYTEST := FAST_PASSWORD_HASHER=1 $(PY) -m pytest -n 2 $(PYTEST_ARGS)
SUDO   := $(if $(filter 0,$(shell id -u)),,sudo)
APT    := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get

.PHONY: venv lock audit messages run test test-sqlite test-postgres test-cluster cluster-deps ci-system-deps bench lint clean

# --- virtualenv -----------------------------------------------------------------------------
# Made once with a Python >= 3.12 (scripts/find_python.sh: $PYTHON, python3.13, python3.12,
# pyenv's newest 3.12/3.13). Dependencies come from the lock files only, every file checked against its
# hash (--require-hashes); then tdkt itself, without dependencies. Reinstalled when pyproject.toml or a
# lock changes. Production installs requirements/production.lock alone (README, "Production").
venv: $(STAMP)

$(STAMP): pyproject.toml $(LOCKS)
	@if ! $(PY) -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null; then \
		python="$$(scripts/find_python.sh)"; \
		echo "Creating $(VENV) with $$python"; \
		rm -rf $(VENV); "$$python" -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --require-hashes $(addprefix -r ,$(LOCKS))
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .  # setuptools comes from the test lock
	@touch $@

# Regenerate the locks from pyproject.toml with pip-compile (pip-tools), hashes included, against PyPI
# itself (local mirrors and find-links of this machine's pip config are ignored, so every pinned file exists
# on PyPI). Pins already in a lock are kept unless LOCK_ARGS asks otherwise (--upgrade,
# --upgrade-package NAME). The test lock is constrained by the production lock: the same versions in both.
LOCK_INDEX ?= https://pypi.org/simple
LOCK_ARGS  ?=
COMPILE = env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(VENV)/bin/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --index-url $(LOCK_INDEX) $(LOCK_ARGS)
lock:
	@test -x $(VENV)/bin/pip-compile || { echo "pip-compile missing: make venv first"; exit 1; }
	$(COMPILE) --output-file requirements/production.lock pyproject.toml
	$(COMPILE) --extra test --constraint requirements/production.lock --output-file requirements/test.lock pyproject.toml

# pip-audit of the locked dependencies: exit 0 no known vulnerability, 1 vulnerabilities (listed), 2 NO
# vulnerability data could be fetched (nothing was checked; said plainly), 3 pip-audit failed otherwise.
audit: venv
	scripts/audit.sh

# --- translations: src/tdkt/locale/*/LC_MESSAGES/django.po -> django.mo (polib, no gettext) ---
messages: venv
	$(PY) scripts/compile_messages.py

# --- development server and background worker with the demo province (safe to run again) -----
# The worker (`manage.py run_worker`) runs in the background beside `runserver` (scripts/with_worker.sh);
# Ctrl+C stops both.
run: venv messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --province "Lào Cai" --scale 1
	scripts/with_worker.sh "$(PY) manage.py run_worker" $(PY) manage.py runserver 127.0.0.1:8000

# --- tests ------------------------------------------------------------------------------------
# Outside CI: SQLite only. With CI=true: install Chromium and PostgreSQL 15 when missing,
# then run the whole suite twice, on SQLite and on PostgreSQL.
ifeq ($(CI),true)
test: ci-system-deps test-sqlite test-postgres
else
test: test-sqlite
endif

test-sqlite: venv messages
	@echo "=== Test pass: SQLite ==="
	$(PYTEST)

# A throwaway cluster (scripts/pg_cluster.sh), always stopped afterwards. As in production, the tests
# run as the application role (DATABASE_URL: owns nothing) while the owner role (DATABASE_OWNER_URL)
# creates, migrates, flushes and drops the test databases (tests/db_roles.py); the superuser URL is
# for the tests that inspect pages of the database files (pageinspect).
test-postgres: venv messages
	@echo "=== Test pass: PostgreSQL 15 ==="
	trap 'scripts/pg_cluster.sh stop' EXIT; \
	scripts/pg_cluster.sh start; \
	DATABASE_URL="$$(scripts/pg_cluster.sh url)" \
	DATABASE_OWNER_URL="$$(scripts/pg_cluster.sh owner-url)" \
	DATABASE_SUPERUSER_URL="$$(scripts/pg_cluster.sh superuser-url)" \
	$(PYTEST)

# Debian's Chromium for the browser tests (Playwright cannot download its own), the
# PostgreSQL 15 server (initdb lives in /usr/lib/postgresql/15/bin, off PATH), gettext
# (the catalogue-completeness test runs makemessages, which needs xgettext), and the OCR of scans
# (tdkt.lib.ocr): ocrmypdf with Tesseract's Vietnamese model, and poppler's pdftoppm, which the
# tests use to turn a rendered document into a scan; wamerican's English word list, against which the
# crawl of every persona's pages looks for English left on a Vietnamese page (issue 21).
ci-system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v xgettext >/dev/null || missing="$$missing gettext"; \
	[ -x /usr/lib/postgresql/15/bin/initdb ] || command -v initdb >/dev/null || missing="$$missing postgresql-15"; \
	command -v ocrmypdf >/dev/null || missing="$$missing ocrmypdf"; \
	ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata >/dev/null 2>&1 || missing="$$missing tesseract-ocr-vie"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	[ -f /usr/share/dict/american-english ] || missing="$$missing wamerican"; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(APT) update -qq && $(APT) install -y -qq $$missing; \
	else \
		echo "System packages present (chromium, gettext, postgresql-15, ocrmypdf, tesseract-ocr-vie," \
			"poppler-utils, wamerican): nothing to install"; \
	fi

# The production stack on localhost (scripts/cluster_check.py, scripts/cluster/): one throwaway PostgreSQL on its own
# port (CLUSTER_PG_PORT, default 55571), two gunicorn nodes and two workers behind one nginx rendered from
# deploy/nginx, then a bounded check (at most CLUSTER_TIMEOUT=600 s) that decision numbering, the secret ballot,
# the history import, protected media (X-Accel-Redirect), the outbox, the kept "Việc của tôi" and backup/restore stay
# correct across nodes.
# Never part of `make test`; everything it starts is stopped and removed, whatever happens.
test-cluster: venv messages cluster-deps
	$(PY) scripts/cluster_check.py

# nginx and the PostgreSQL 15 server and client (pg_dump, pg_restore) for test-cluster.
cluster-deps:
	@missing=""; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	[ -x /usr/lib/postgresql/15/bin/initdb ] || command -v initdb >/dev/null || missing="$$missing postgresql-15"; \
	[ -x /usr/lib/postgresql/15/bin/pg_dump ] || missing="$$missing postgresql-client-15"; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(APT) update -qq && $(APT) install -y -qq $$missing; \
	else \
		echo "System packages present (nginx, postgresql-15): nothing to install"; \
	fi

# --- the rest ---------------------------------------------------------------------------------
# Benchmarks are never part of `make test`. Every figure is printed beside its target (PASS/FAIL) with a summary;
# a missed target does not fail the build, a benchmark that crashes does. BENCH_ARGS="--write-doc" rewrites the
# results section of docs/performance.md; BENCH_ARGS="--only sqlite" etc. (bench/run.py --help).
BENCH_ARGS ?=
bench: venv
	$(PY) bench/run.py $(BENCH_ARGS)

# Only the paths that exist (git does not keep empty directories).
lint: venv
	$(VENV)/bin/ruff check $(wildcard src tests bench scripts)
	PYTHONPATH=src $(VENV)/bin/lint-imports --no-cache

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
