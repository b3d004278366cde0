"""`manage.py rebuild_sales_rollup`: recompute the daily sales rollups from the order lines.

Safe at any time: it runs in one transaction, so reports see the old rollup or the new one.
"""

import time

from django.core.management.base import BaseCommand

from orders.services.ledger import rollup_rebuild


class Command(BaseCommand):
    help = "Rebuild the daily sales rollups (per product and per shop) from paid, uncancelled order lines."

    def handle(self, *args, verbosity=1, **options):
        started = time.monotonic()
        product_rows, shop_rows = rollup_rebuild()
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Sales rollup rebuilt: {product_rows} product-day rows, {shop_rows} shop-day rows "
                    f"in {time.monotonic() - started:.1f} s."
                )
            )
