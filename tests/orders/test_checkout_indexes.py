"""Every index on the tables checkout writes earns its place: each is one more insert per order."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

CHECKOUT_TABLES = [
    "orders_order",
    "orders_shipment",
    "orders_orderline",
    "orders_payment",
    "orders_orderevent",
    "orders_outgoingemail",
]

# Each plain B-tree index: its table, name, columns, operator classes, whether unique or partial.
INDEXES_SQL = """
SELECT t.relname, i.relname, array_agg(a.attname ORDER BY k.ord), x.indclass::text, x.indisunique,
       x.indpred IS NOT NULL
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_am am ON am.oid = i.relam AND am.amname = 'btree'
CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
WHERE t.relname = ANY(%s) AND x.indexprs IS NULL
GROUP BY t.relname, i.relname, x.indclass, x.indisunique, x.indpred
"""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's catalogue")
def test_no_index_on_checkouts_tables_is_covered_by_another_that_leads_with_its_columns():
    with connection.cursor() as cursor:
        cursor.execute(INDEXES_SQL, [CHECKOUT_TABLES])
        indexes = cursor.fetchall()

    covered = []
    for table, name, columns, classes, unique, partial in indexes:
        if unique or partial:
            continue  # a unique index enforces something; a partial one is small on purpose
        for other_table, other, other_columns, other_classes, _unique, other_partial in indexes:
            if (
                other_table == table
                and other != name
                and not other_partial
                and len(other_columns) > len(columns)
                and other_columns[: len(columns)] == columns
                and other_classes.split()[: len(columns)] == classes.split()
            ):
                covered.append((name, other))
    assert covered == []
