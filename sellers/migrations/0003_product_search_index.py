"""Trigram indexes so `?search=` (icontains on name) uses an index on PostgreSQL.

Django renders `name__icontains` as `UPPER("name"::text) LIKE UPPER(...)`, so the index is on that
expression. SQLite (the embedded default) has no pg_trgm; there the operation does nothing.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    'CREATE INDEX IF NOT EXISTS product_name_trgm ON sellers_product USING gin (UPPER("name"::text) gin_trgm_ops)',
    'CREATE INDEX IF NOT EXISTS seller_name_trgm ON sellers_seller USING gin (UPPER("name"::text) gin_trgm_ops)',
]
DROP = ["DROP INDEX IF EXISTS product_name_trgm", "DROP INDEX IF EXISTS seller_name_trgm"]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("sellers", "0002_category_tree")]
    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
