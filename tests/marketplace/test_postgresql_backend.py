"""Our PostgreSQL backend (marketplace/postgresql): a rollback keeps what psycopg prepared, and a
connection the server dropped mid-transaction still rolls back cleanly and is replaced."""

import pytest
from django.db import OperationalError, connection, transaction

from marketplace.rows import statement_cursor

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # the rollback under test is the outermost one
]


class Refused(Exception):
    pass


def run_prepared(value: int) -> int:
    with statement_cursor() as cursor:
        cursor.execute("SELECT %s::int * 2", [value])
        return cursor.fetchone()[0]


def prepared_statements() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        return cursor.fetchone()[0]


def test_a_rolled_back_transaction_leaves_the_prepared_statements_prepared():
    for value in range(8):  # psycopg prepares a text after five runs on a connection
        run_prepared(value)
    assert prepared_statements() == 1

    with pytest.raises(Refused), transaction.atomic():
        run_prepared(21)
        raise Refused

    assert prepared_statements() == 1
    assert run_prepared(21) == 42


def test_a_session_the_server_ended_mid_transaction_is_replaced_on_the_next_use():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        first_session = cursor.fetchone()[0]

    with pytest.raises(OperationalError), transaction.atomic():
        run_prepared(1)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")

    assert run_prepared(2) == 4
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != first_session
