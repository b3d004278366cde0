"""Free space on the pages of products and variants, so checkout's stock updates are HOT updates.

Every order rewrites its products' and variants' rows (`stock_take`). PostgreSQL can keep the new
version on the same page without touching any index (a heap-only tuple) only when that page has
room; at the default fill factor of 100 it has none, and each product update then inserted into all
twelve of the product's indexes, the two GIN indexes of search among them. Measured on the checkout
benchmark, only 23% of the product updates were HOT (docs/benchmarks.md). Stock is in no index, so
with room on the page every one can be.

Pages written from now on keep the room; `VACUUM FULL sellers_product, sellers_productvariant` gives
it to rows written before. SQLite has no fill factor; there the operation does nothing.
"""

from django.db import migrations

SET = [
    "ALTER TABLE sellers_product SET (fillfactor = 70)",  # rows of about 1 KB: room for one or two
    "ALTER TABLE sellers_productvariant SET (fillfactor = 80)",
]
RESET = ["ALTER TABLE sellers_product RESET (fillfactor)", "ALTER TABLE sellers_productvariant RESET (fillfactor)"]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("sellers", "0011_merge_photos_and_ratings")]
    operations = [migrations.RunPython(_run(SET), _run(RESET))]
