"""Existing data under the after-sales rules.

A shipment delivered longer ago than the completion window would have completed by now: it becomes
`completed` (at delivery + window), and so does an order whose shipments all did; the payouts sweep
releases what is still held. Newer deliveries stay `delivered` and complete through the beat task.
Each product's `units_sold` is counted from the sales ledger.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone


def forwards(apps, schema_editor):
    Shipment = apps.get_model("orders", "Shipment")
    Order = apps.get_model("orders", "Order")
    SalesDay = apps.get_model("orders", "SalesDay")
    Product = apps.get_model("sellers", "Product")
    window = settings.AFTERSALES_COMPLETE_AFTER_DELIVERY
    old = Shipment.objects.filter(status="delivered", delivered_at__lte=timezone.now() - window)
    for shipment in old.iterator():
        shipment.status, shipment.completed_at = "completed", shipment.delivered_at + window
        shipment.save(update_fields=["status", "completed_at"])
    for order in Order.objects.filter(status="delivered").iterator():
        if not order.shipments.exclude(status__in=["completed", "cancelled"]).exists():
            order.status = "completed"
            order.save(update_fields=["status"])
    sold = SalesDay.objects.filter(product_id=OuterRef("pk")).values("product_id").annotate(n=Sum("units")).values("n")
    Product.objects.update(units_sold=Coalesce(Subquery(sold), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0011_aftersales_completion_complaints_reviews"),
        ("sellers", "0008_product_and_shop_rating_counters"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
