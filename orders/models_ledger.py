"""The sales ledger's daily rollups: what the impact report, the programme overview and a shop's
dashboard read instead of scanning order lines (written by orders/services/ledger.py)."""

from django.conf import settings
from django.db import models

from sellers.models import Category, Product, Seller


class SalesDay(models.Model):
    """One product's paid sales on one Jakarta day, inside one campaign or outside any (campaign_key 0).

    Kept additively as orders are paid and cancelled, and rebuilt from the order lines by
    `manage.py rebuild_sales_rollup`. `orders` counts the orders that held this product that day (an
    order holding two of its variants counts once); units and revenue add up across its variants.
    Counters are plain integers, not positive ones: taking out an order the rollup never saw must not
    break a cancellation; a rebuild fixes it.
    """

    date = models.DateField()
    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    campaign_key = models.BigIntegerField(default=0, help_text="The campaign's id; 0 for sales outside campaigns")
    campaign_hashtag = models.CharField(max_length=60, blank=True)
    seller_province = models.CharField(max_length=2)
    orders = models.BigIntegerField(default=0)
    units = models.BigIntegerField(default=0)
    revenue = models.BigIntegerField(default=0, help_text="Sum of unit_price * quantity")
    list_revenue = models.BigIntegerField(default=0, help_text="Sum of list_price * quantity")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["date", "seller", "product", "campaign_key", "category"], name="sales_day_unique"
            )
        ]
        indexes = [
            models.Index(fields=["seller", "date"], name="sales_day_seller_date"),
            models.Index(fields=["category", "date"], name="sales_day_category_date"),
            models.Index(fields=["campaign_key", "date"], name="sales_day_campaign_date"),
        ]


class SellerSalesDay(models.Model):
    """One shop's paid sales on one Jakarta day; `orders` counts distinct orders exactly."""

    date = models.DateField()
    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    orders = models.BigIntegerField(default=0)
    units = models.BigIntegerField(default=0)
    revenue = models.BigIntegerField(default=0)
    campaign_units = models.BigIntegerField(default=0)
    campaign_revenue = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["seller", "date"], name="seller_sales_day_unique")]


class SellerBuyerDay(models.Model):
    """Who bought from a shop on one Jakarta day: distinct buyers over any range, from a narrow index."""

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    date = models.DateField()
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    orders = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["seller", "date", "buyer"], name="seller_buyer_day_unique")]
