"""The seller centre's product form: a product and all its variants saved together, or nothing.

The form's own price, stock and weight are the product's first variant (so a product without options
is one row, as before); further rows add or change the other variants. Apart from services.py and
services_variants.py because it uses both.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.errors import ValidationError
from sellers import services
from sellers.models import Product, ProductVariant, Seller
from sellers.search import search_index
from sellers.services_variants import (
    MAX_VARIANTS,
    products_refresh,
    variant_save,
    variant_values_check,
    variants_lock,
)

ROW_FIELDS = ("name", "sku", "price", "stock", "weight_grams", "is_active")


def product_create_with_variants(*, seller: Seller, first: dict, others: list[dict], **fields) -> Product:
    with transaction.atomic():
        product = services.product_create(
            seller=seller,
            price=first["price"],
            stock=first["stock"],
            weight_grams=first["weight_grams"],
            **fields,
        )
        product_variants_save(product=product, first=first, others=others)
    return product


def product_update_with_variants(*, product: Product, first: dict, others: list[dict], **fields) -> Product:
    with transaction.atomic():
        product = services.product_update(product=product, **fields)
        product_variants_save(product=product, first=first, others=others)
        product.refresh_from_db(fields=["price", "price_max", "stock", "weight_grams"])
    return product


def product_variants_save(*, product: Product, first: dict, others: list[dict]) -> None:
    """Write the first variant and the other rows (`id` for an existing one, none for a new one)."""
    for index, row in enumerate([first, *others]):
        variant_values_check({k: v for k, v in row.items() if k in ROW_FIELDS}, field_prefix=f"{index}.")
    with transaction.atomic():
        locked = variants_lock(ProductVariant.objects.filter(product=product).values_list("pk", flat=True))
        ordered = sorted(locked.values(), key=lambda v: (v.position, v.pk))
        if len(ordered) + sum(1 for row in others if not row.get("id")) > MAX_VARIANTS:
            raise ValidationError({"variants": [_("Paling banyak %(max)s varian per produk.") % {"max": MAX_VARIANTS}]})
        rows = [(ordered[0], {**first, "is_active": True}), *[(locked.get(row.get("id")), row) for row in others]]
        for variant, row in rows[1:]:
            if row.get("id") and variant is None:
                raise ValidationError({"variants": [_("Varian %(id)s bukan milik produk ini.") % {"id": row["id"]}]})
        kept = {variant.pk for variant, _row in rows if variant is not None}
        active = [row for variant, row in rows if row.get("is_active", True)]
        active += [None for v in ordered if v.pk not in kept and v.is_active]
        if len(active) > 1 and any(row is not None and not row["name"].strip() for row in active):
            raise ValidationError({"variants": [_("Produk dengan beberapa varian: beri nama setiap varian.")]})
        position = max((v.position for v in ordered), default=0)
        for index, (variant, row) in enumerate(rows):
            if variant is None:
                position += 1
                variant = ProductVariant(product=product, seller_id=product.seller_id, position=position)
            for field in ROW_FIELDS:
                if field in row:
                    setattr(variant, field, row[field].strip() if field in ("name", "sku") else row[field])
            try:
                variant_save(variant, list(ROW_FIELDS))
            except ValidationError as error:  # a SKU used elsewhere in the shop: name the row it is on
                raise ValidationError({f"{index}.{k}": v for k, v in dict(error.detail).items()}) from error
        products_refresh([product.pk])
        search_index([product.pk])
