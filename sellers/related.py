"""Selectors for the products shown under a product: more from its shop, and similar ones elsewhere."""

from django.db.models import Case, IntegerField, Value, When

from sellers.models import Product
from sellers.selectors import product_public_list

RELATED_LIMIT = 4


def _buyable_first(products):
    in_stock = Case(When(stock__gt=0, then=Value(1)), default=Value(0), output_field=IntegerField())
    return products.annotate(in_stock=in_stock).order_by("-in_stock", "-created_at", "-id")


def product_more_from_shop(*, product: Product, limit: int = RELATED_LIMIT) -> list[Product]:
    """Other products of the same shop ("dari toko ini"), those that can be bought first."""
    others = product_public_list().filter(seller_id=product.seller_id).exclude(pk=product.pk)
    return list(_buyable_first(others)[:limit])


def product_similar(*, product: Product, limit: int = RELATED_LIMIT) -> list[Product]:
    """Products of the same category from other shops ("produk serupa"), those that can be bought first."""
    similar = product_public_list().filter(category_id=product.category_id).exclude(seller_id=product.seller_id)
    return list(_buyable_first(similar)[:limit])
