"""Django's PostgreSQL backend, except that a rollback keeps the connection's prepared statements.

psycopg forgets every statement it prepared on a connection when a transaction rolls back, and sends
`DEALLOCATE ALL`: the rolled-back transaction might have dropped or changed what they refer to. For
checkout that undid the preparing (marketplace/rows.py, DATABASE_PREPARE_THRESHOLD) exactly when it
matters. Every out-of-stock answer (409) rolls back, and under a flash sale's load that is one
order in seven, so each connection kept planning its statements anew: PostgreSQL spent more CPU
planning checkout's lock statement than running it, and a third more CPU per order in all
(docs/benchmarks.md, change 21).

Here the outermost transaction rolls back with a plain `ROLLBACK` on the libpq connection, which
leaves psycopg's cache alone. That is safe because the only statements psycopg prepares are
checkout's (Django's own cursors bind on the client and are never prepared), and no transaction
that runs them changes the schema. psycopg still forgets them when a statement drops or alters
anything, and on a savepoint's rollback (`ROLLBACK TO SAVEPOINT` goes through a cursor).
"""

from django.db.backends.postgresql import base
from django.db.backends.utils import debug_transaction
from psycopg import OperationalError, pq


class DatabaseWrapper(base.DatabaseWrapper):
    def _rollback(self):
        if self.connection is not None:
            with debug_transaction(self, "ROLLBACK"), self.wrap_database_errors:
                rollback_keeping_prepared(self.connection)


def rollback_keeping_prepared(connection) -> None:
    """What `psycopg.Connection.rollback()` does, but for forgetting the prepared statements."""
    if connection.pgconn.transaction_status == pq.TransactionStatus.IDLE:
        return
    result = connection.pgconn.exec_(b"ROLLBACK")
    if result.status != pq.ExecStatus.COMMAND_OK:
        message = (result.error_message or connection.pgconn.error_message).decode(errors="replace").strip()
        raise OperationalError(message or "ROLLBACK failed")
