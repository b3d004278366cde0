"""DATABASE_POOL: a process's threads share a bounded pool of PostgreSQL connections."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the pool is psycopg's, for PostgreSQL"),
]

THREADS = """
import json, threading, django
django.setup()
from django.conf import settings
from django.db import connection
pids, lock = set(), threading.Lock()
def work():
    for _ in range(5):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            with lock:
                pids.add(cursor.fetchone()[0])
        connection.close()  # a request's end: the connection goes back to the pool
threads = [threading.Thread(target=work) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
print(json.dumps({"pids": len(pids), "max_age": settings.DATABASES["default"]["CONN_MAX_AGE"]}))
"""


def run(pool: str) -> dict:
    s = connection.settings_dict
    url = f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "marketplace.settings", "DATABASE_URL": url, "DATABASE_POOL": pool}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-c", THREADS], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_eight_threads_share_the_two_connections_of_a_pool_of_two():
    figures = run("2")

    assert 1 <= figures["pids"] <= 2
    assert figures["max_age"] == 0


def test_without_the_pool_each_thread_opens_its_own_connection():
    assert run("0")["pids"] > 2
