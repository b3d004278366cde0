"""Each pytest-xdist worker on its own Redis database (loaded before Django: `-p tests.xdist_redis`).

Tests empty the cache (FLUSHDB) around every test, purge Celery's queues and count what is queued:
two workers sharing REDIS_URL's database would empty and count each other's. Worker gwN moves
REDIS_URL from database n to (n + N) % 16 (Redis has 16 by default), before the settings read it, so
that the Celery workers and subprocesses the tests start inherit it too. PostgreSQL needs nothing:
pytest-django already gives each worker its own test database (test_<name>_gwN).
"""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest

DATABASES = 16


def worker_redis_url(url: str, worker: str) -> str:
    """REDIS_URL for xdist worker `worker` ("gw0", "gw1"...): the same server, database moved by N."""
    parts = urlsplit(url)
    path = parts.path.strip("/")
    if not path.isdigit() and path:
        return url  # not a numbered database (e.g. a unix socket path): leave it alone
    db = (int(path or 0) + int(worker.removeprefix("gw"))) % DATABASES
    return urlunsplit(parts._replace(path=f"/{db}"))


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    """Before pytest-django imports the settings (its own hook of this name)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = worker_redis_url(os.environ["REDIS_URL"], worker)
    return (yield)
