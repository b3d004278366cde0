"""An order's id taken before its insert, so that its number is written with the row.

The number shows the id (`INV-20261130-000042`). Learning the id from the insert meant a second
statement, an `UPDATE` of the new row that rewrote it and its unique index entry (no HOT update:
`number` is indexed). On PostgreSQL the id comes from the id column's own sequence first:
`nextval` is atomic and never hands out a value twice, also across concurrent transactions and
after a rollback (a rolled-back order leaves a gap, as the column's default does), so ids and
numbers stay unique, and orders inserted by anything else keep drawing from the same sequence. Other
databases (SQLite for `make run`) have no sequence to draw from: there the id is known after the
insert and the caller writes the number then.
"""

from django.db import connection

from marketplace.rows import statement_cursor
from orders.models import Order


def order_id_next() -> int | None:
    """The id for the next order (PostgreSQL), or None where it is known only after the insert."""
    if connection.vendor != "postgresql":
        return None
    with statement_cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [Order._meta.db_table])
        return cursor.fetchone()[0]
