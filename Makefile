# Two commands for a newcomer: `make run` and `make test`. Everything else is for the real stack.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTHON ?= python3
# Links in the emails of `make run` (under var/mail) point at the port it serves on.
SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test install browser-tools worker lint format migrate seed bench-deps cluster

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# axe-core (pinned in package-lock.json) for the browser tests' accessibility checks; they skip without it.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
	|| echo "npm ci failed: the browser tests' accessibility checks will be skipped"; \
	else echo "npm not found: the browser tests' accessibility checks will be skipped"; fi

browser-tools: node_modules/.package-lock.json

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	DEBUG=true SITE_URL=$(SITE_URL) $(PY) manage.py seed_demo

## Serve the site with demo data at http://127.0.0.1:$(PORT) (SQLite, Celery eager, email to var/mail).
run: seed
	DEBUG=true SITE_URL=$(SITE_URL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

## The whole suite. With DATABASE_URL and REDIS_URL set it also runs the integration tests.
## Browser tests save a screenshot of every page under var/screenshots/.
## TEST_WORKERS parallel pytest-xdist workers (default: one per core; 0 runs it in this one process).
## Each gets its own test database and, with REDIS_URL, its own Redis database (tests/xdist_redis.py).
## A worker that runs out of tests takes some of another's queue (worksteal), so no long test ends it alone.
TEST_WORKERS ?= auto
test: install browser-tools
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

## A Celery worker and beat as two supervised processes, each restarted if it exits (set DATABASE_URL,
## REDIS_URL, EMAIL_HOST). Ctrl-C stops both. Production runs them as separate compose services.
worker: install
	$(PY) manage.py run_workers

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## What the benchmarks need besides Python (Debian): wrk for load, HAProxy and PgBouncer for the cluster run.
bench-deps:
	command -v wrk >/dev/null && command -v haproxy >/dev/null && command -v pgbouncer >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk haproxy pgbouncer)

## Two web nodes behind HAProxy, PgBouncer, Redis, two workers and beat; kills and restarts a node and a worker.
cluster: install bench-deps
	$(PY) benchmarks/cluster.py
