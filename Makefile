# Two commands for a newcomer: `make run` and `make test`. Everything else is for the real stack.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTHON ?= python3

.PHONY: run test install worker lint format migrate seed bench-deps cluster

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	DEBUG=true $(PY) manage.py seed_demo

## Serve the site with demo data at http://127.0.0.1:$(PORT) (SQLite, Celery eager, email to var/mail).
run: seed
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

## The whole suite. With DATABASE_URL and REDIS_URL set it also runs the integration tests.
test: install
	$(PY) -m pytest $(PYTEST_ARGS)

## A Celery worker with beat, for the PostgreSQL + Redis stack (set DATABASE_URL, REDIS_URL, EMAIL_HOST).
worker: install
	$(VENV)/bin/celery -A marketplace worker --beat --queues default,promo --loglevel INFO

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
