"""The `default` database from the environment: DATABASE_URL, and how connections are kept.

CONN_MAX_AGE keeps a connection per thread (checked with a `SELECT 1` at the start of a request,
CONN_HEALTH_CHECKS). DATABASE_POOL=<n> instead gives each process a pool of up to n PostgreSQL
connections (Django's psycopg pool) that its threads borrow per request. The pool opens lazily, after
gunicorn and Celery have forked their workers, so no connection is shared across a fork. With
PgBouncer in front (docker-compose.yml) both may be used: the pool saves the round trips, PgBouncer
caps the server's connections across every node.

DATABASE_PREPARE_THRESHOLD: checkout's hand-built statements (marketplace/rows.py) bind on the
server, and psycopg prepares each after this many runs on a connection, so PostgreSQL stops planning
them anew: planning the lock statement alone cost it more than running it. Every other query binds
on the client and is never prepared. Our backend (marketplace/postgresql) keeps them prepared when a
transaction rolls back, as every out-of-stock answer does. Empty turns it off (a pooler in
transaction mode cannot keep prepared statements; the compose file's PgBouncer pools sessions).
"""

from django.core.exceptions import ImproperlyConfigured


def database_from_env(env, *, default_url: str) -> dict:
    database = env.db("DATABASE_URL", default=default_url)
    database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    database["CONN_HEALTH_CHECKS"] = True
    options = database.setdefault("OPTIONS", {})
    if database["ENGINE"] == "django.db.backends.postgresql":
        database["ENGINE"] = "marketplace.postgresql"  # Django's, keeping prepared statements across a rollback
        pool = env.int("DATABASE_POOL", default=0)
        if pool:
            database["CONN_MAX_AGE"] = 0  # the pool keeps the connections; Django refuses both
            options["pool"] = {
                "min_size": 1,
                "max_size": pool,
                "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10.0),  # seconds to wait for a free connection
            }
        threshold = env.str("DATABASE_PREPARE_THRESHOLD", default="5").strip()
        if threshold and not (threshold.isascii() and threshold.isdigit()):
            raise ImproperlyConfigured(
                f"DATABASE_PREPARE_THRESHOLD={threshold!r}: a whole number of runs, or empty to prepare nothing."
            )
        options["prepare_threshold"] = int(threshold) if threshold else None
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # SQLite serialises writers; wait for the lock instead of failing with "database is locked".
        options.update(timeout=20, transaction_mode="IMMEDIATE")
    return database
