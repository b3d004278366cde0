"""A product's variants: what a buyer actually chooses, prices, and takes from stock."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProductVariant(models.Model):
    """One option of a product (`250 g / biji`, `XL`); a product without options has exactly one, unnamed.

    Price, stock and weight live here. The product keeps the cheapest active variant's price and the
    sum of active stock in its own columns (kept by `sellers.services_variants.products_refresh`), so
    the catalogue filters, sorts and counts on one table as before.
    `seller` repeats the product's shop (products never change shops) so that a SKU is unique per
    shop: two shops may both use "KOPI-250", one shop may not use it twice.
    """

    product = models.ForeignKey("sellers.Product", on_delete=models.CASCADE, related_name="variants")
    seller = models.ForeignKey("sellers.Seller", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nama varian"), max_length=80, blank=True)
    sku = models.CharField(_("SKU"), max_length=64, blank=True)
    price = models.PositiveBigIntegerField(_("harga (Rp)"), validators=[MinValueValidator(1)])
    stock = models.PositiveIntegerField(_("stok"), default=0)
    weight_grams = models.PositiveIntegerField(_("berat (gram)"), validators=[MinValueValidator(1)])
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("varian")
        verbose_name_plural = _("varian")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gt=0), name="variant_price_positive"),
            models.CheckConstraint(condition=Q(stock__gte=0), name="variant_stock_not_negative"),
            models.CheckConstraint(condition=Q(weight_grams__gt=0), name="variant_weight_positive"),
            models.UniqueConstraint(fields=["seller", "sku"], condition=~Q(sku=""), name="variant_sku_unique_per_shop"),
        ]
        indexes = [models.Index(fields=["product", "is_active"], name="variant_product_active")]

    def __str__(self):
        return f"{self.product_id}: {self.display_name}"

    @property
    def display_name(self) -> str:
        return self.name or str(_("Standar"))
