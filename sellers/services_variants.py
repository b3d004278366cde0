"""Writes on a product's variants, and the product's summary columns that follow them.

The product keeps the cheapest active variant's price and weight and the sum of active stock
(`products_refresh`, one UPDATE for any number of products), so the catalogue's filters, sorting,
search ranking and query counts stay those of one table. Every write here that changes a price,
a stock or which variants are active refreshes them in the same transaction (checkout's
`stock_take` subtracts from both instead of recounting).
"""

from collections import defaultdict
from functools import cache

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, OuterRef, Subquery, Sum, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, ValidationError
from marketplace.rows import instances, quoted_columns, statement_cursor
from marketplace.text import name_errors
from sellers.models import Category, Product, ProductVariant, Seller
from sellers.search import search_index

# The database CHECK constraints are the last guard, these the first.
VARIANT_LIMITS = {"price": (1, 10**12), "stock": (0, 10**9), "weight_grams": (1, 10**8), "position": (0, 32767)}
VARIANT_EDITABLE_FIELDS = ("name", "sku", "price", "stock", "weight_grams", "position", "is_active")
MAX_VARIANTS = 50


def products_refresh(product_ids) -> None:
    """Set each product's price and weight to its cheapest active variant's, its stock to their sum."""
    active = ProductVariant.objects.filter(product_id=OuterRef("pk"), is_active=True)
    cheapest = active.order_by("price", "position", "pk")
    total = active.order_by().values("product_id").annotate(total=Sum("stock")).values("total")
    ids = product_ids if hasattr(product_ids, "query") else list(product_ids)
    Product.objects.filter(pk__in=ids).update(
        price=Coalesce(Subquery(cheapest.values("price")[:1]), F("price")),
        price_max=Coalesce(Subquery(active.order_by("-price").values("price")[:1]), F("price")),
        weight_grams=Coalesce(Subquery(cheapest.values("weight_grams")[:1]), F("weight_grams")),
        stock=Coalesce(Subquery(total), 0),
    )


def variant_values_check(values: dict, *, field_prefix: str = "") -> None:
    """Raise a 400 naming each field that breaks the rules (for the API, the forms and the CSV)."""
    errors = {}
    if "name" in values:
        if not isinstance(values["name"], str):
            errors["name"] = [_("Nama varian harus teks.")]
        else:
            errors.update(name_errors({"name": values["name"]}))
            if len(values["name"].strip()) > 80:
                errors["name"] = [_("Nama varian paling panjang 80 karakter.")]
    if "sku" in values and (not isinstance(values["sku"], str) or len(values["sku"].strip()) > 64):
        errors["sku"] = [_("SKU paling panjang 64 karakter.")]
    for field, (low, high) in VARIANT_LIMITS.items():
        value = values.get(field)
        if field in values and (isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high):
            errors[field] = [_("Harus bilangan bulat antara %(low)s dan %(high)s.") % {"low": low, "high": high}]
    if errors:
        raise ValidationError({f"{field_prefix}{k}": v for k, v in errors.items()})


def variant_save(variant: ProductVariant, fields: list[str]) -> None:
    """Insert or update a variant; a SKU already used in the shop is a 400 naming `sku`."""
    try:
        with transaction.atomic():
            variant.save(update_fields=fields) if variant.pk else variant.save()
    except IntegrityError as error:
        if "sku" in str(error).lower():
            raise ValidationError({"sku": [_("SKU ini sudah dipakai varian lain di toko Anda.")]}) from error
        raise


def variant_create(
    *, product: Product, name: str, price: int, stock: int, weight_grams: int, sku: str = "", position=None
) -> ProductVariant:
    """Add an option to a product; a named one, since the product then has more than one."""
    variant_values_check({"name": name, "sku": sku, "price": price, "stock": stock, "weight_grams": weight_grams})
    if not name.strip():
        raise ValidationError({"name": [_("Nama varian wajib diisi, misalnya 250 g / biji atau XL.")]})
    with transaction.atomic():
        count = ProductVariant.objects.filter(product=product).count()
        if count >= MAX_VARIANTS:
            raise ConflictError(_("Paling banyak %(max)s varian per produk.") % {"max": MAX_VARIANTS})
        variant = ProductVariant(
            product=product,
            seller_id=product.seller_id,
            name=name.strip(),
            sku=sku.strip(),
            price=price,
            stock=stock,
            weight_grams=weight_grams,
            position=count if position is None else position,
        )
        variant_save(variant, [])
        products_refresh([product.pk])
        search_index([product.pk])
    return variant


def variant_update(*, variant: ProductVariant, **changes) -> ProductVariant:
    unknown = set(changes) - set(VARIANT_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({field: [_("Kolom ini tidak bisa diubah.")] for field in sorted(unknown)})
    variant_values_check(changes)
    with transaction.atomic():
        # Locked as checkout locks (product with its variants), so a stock edit and a sale wait in turn.
        variants_lock(ProductVariant.objects.filter(product_id=variant.product_id).values_list("pk", flat=True))
        if changes.get("is_active") is False and variant.is_active:
            _refuse_last_active(variant)
        for field, value in changes.items():
            setattr(variant, field, value.strip() if field in ("name", "sku") else value)
        if changes:
            variant_save(variant, list(changes))
            products_refresh([variant.product_id])
        if {"name", "is_active"} & set(changes):
            search_index([variant.product_id])
    return variant


def _refuse_last_active(variant: ProductVariant) -> None:
    others = ProductVariant.objects.filter(product_id=variant.product_id, is_active=True).exclude(pk=variant.pk)
    if not others.exists():
        raise ConflictError(
            _("Produk perlu paling sedikit satu varian aktif; nonaktifkan produknya bila tidak dijual lagi.")
        )


def variant_deactivate(*, variant: ProductVariant) -> ProductVariant:
    """Take one option off sale; placed orders keep their lines, so nothing is deleted."""
    return variant_update(variant=variant, is_active=False)


def product_single_variant(product: Product) -> ProductVariant | None:
    """The product's only active variant, or None when it has several (or, oddly, none)."""
    variants = list(ProductVariant.objects.filter(product=product, is_active=True)[:2])
    return variants[0] if len(variants) == 1 else None


# ---- stock: every path that moves it takes its locks through `variants_lock`, in one order ----------


def variants_lock(variant_ids, *, product_ids=(), marks=()) -> dict[int, ProductVariant]:
    """Lock the variants and their products in one statement, in (product, variant) id order.

    Checkout, cancellation and a shop's edits all lock this way, so two of them crossing over the
    same products wait for each other instead of deadlocking. The product comes with its shop and
    category, which checkout needs. `product_ids` adds the active variants of those products (the
    first API names a product with one variant), in the same statement. Each of `marks` (`SqlMark`)
    is read into an attribute of each variant (checkout's ports mark what a campaign or an automatic
    voucher may touch).

    Checkout's hottest read, so its text is built once per shape (`_lock_sql`) instead of compiled
    by the ORM on every order: that took longer than PostgreSQL took to run it.
    """
    variant_ids, product_ids = list(variant_ids), list(product_ids)
    if not variant_ids and not product_ids:
        return {}
    sql = _lock_sql(len(variant_ids), len(product_ids), tuple((m.name, m.sql) for m in marks))
    params = [*(p for m in marks for p in m.params), *variant_ids, *product_ids]  # in the order of the text
    found = {}
    with statement_cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            variant, product, seller, category = instances(LOCKED_MODELS, row, alias=connection.alias)
            product.seller, product.category, variant.product = seller, category, product
            for mark, value in zip(marks, row[-len(marks) :] if marks else (), strict=True):
                setattr(variant, mark.name, bool(value))
            found[variant.pk] = variant
    return found


LOCKED_MODELS = (ProductVariant, Product, Seller, Category)


@cache
def _lock_sql(variants: int, products: int, marks: tuple[tuple[str, str], ...]) -> str:
    """`SELECT variant, product, shop, category [, marks] ... FOR UPDATE OF variant, product`."""
    qn = connection.ops.quote_name
    variant, product, seller, category = (qn(m._meta.db_table) for m in LOCKED_MODELS)
    columns = [c for model in LOCKED_MODELS for c in quoted_columns(model, connection)]
    columns += [f"({sql}) AS {qn(name)}" for name, sql in marks]
    wanted = []
    if variants:
        wanted.append(f"{variant}.{qn('id')} IN ({', '.join(['%s'] * variants)})")
    if products:
        wanted.append(
            f"({variant}.{qn('product_id')} IN ({', '.join(['%s'] * products)}) AND {variant}.{qn('is_active')})"
        )
    lock = f" FOR UPDATE OF {variant}, {product}" if connection.features.has_select_for_update_of else ""
    return (
        f"SELECT {', '.join(columns)} FROM {variant}"
        f" JOIN {product} ON {product}.{qn('id')} = {variant}.{qn('product_id')}"
        f" JOIN {seller} ON {seller}.{qn('id')} = {product}.{qn('seller_id')}"
        f" JOIN {category} ON {category}.{qn('id')} = {product}.{qn('category_id')}"
        f" WHERE {' OR '.join(wanted)} ORDER BY {variant}.{qn('product_id')}, {variant}.{qn('id')}{lock}"
    )


def stock_take(taken: dict[ProductVariant, int]) -> None:
    """Take `taken` {variant: units} from variants the caller locked and found active and in stock.

    Checkout's hottest write, so plain SQL (one statement on PostgreSQL) rather than the ORM's `Case` and
    `products_refresh`'s subqueries, which took Django longer to compile than PostgreSQL to run:
    taking stock changes no price, weight or active variant, only sums, and with the variant and
    its product locked, subtracting the same units from the product keeps it the sum of its active
    variants. The CHECK (stock >= 0) constraints are the last guard.
    """
    by_product: dict[int, int] = defaultdict(int)
    for variant, units in taken.items():
        by_product[variant.product_id] += units
    variants = _subtraction(ProductVariant, {variant.pk: units for variant, units in taken.items()})
    products = _subtraction(Product, by_product)
    with statement_cursor() as cursor:
        if connection.vendor == "postgresql":  # one statement, the variants' update a `WITH` part
            cursor.execute(f"WITH variants AS ({variants[0]}) {products[0]}", variants[1] + products[1])
        else:
            for sql, params in (variants, products):
                cursor.execute(sql, params)


def _subtraction(model, amounts: dict[int, int]) -> tuple[str, list]:
    """`UPDATE <model> SET stock = stock - <amount of its id>` for the ids in `amounts`."""
    ops = connection.ops
    whens = " ".join("WHEN %s THEN %s" for _ in amounts)
    ids = ", ".join("%s" for _ in amounts)
    sql = f"UPDATE {ops.quote_name(model._meta.db_table)} SET stock = stock - CASE id {whens} END WHERE id IN ({ids})"
    return sql, [x for pair in amounts.items() for x in pair] + list(amounts)


def stock_return(quantities: dict[int, int]) -> None:
    """Give `quantities` {variant id: units} back (a cancelled order, a return): lock, add, refresh."""
    variants_lock(quantities)
    _stock_add(quantities)


def _stock_add(quantities: dict[int, int]) -> None:
    """Add to the variants, then recount their products (a variant given back may be inactive now)."""
    if not quantities:
        return
    ProductVariant.objects.filter(pk__in=list(quantities)).update(
        stock=Case(*[When(pk=pk, then=F("stock") + units) for pk, units in quantities.items()])
    )
    products_refresh(ProductVariant.objects.filter(pk__in=list(quantities)).values("product_id"))


def variants_fill_missing(product_ids=None) -> int:
    """Give each product without any variant its one unnamed variant (products written in bulk, by the
    demo or a benchmark, have none). Returns how many it made."""
    products = Product.objects.filter(variants__isnull=True)
    if product_ids is not None:
        products = products.filter(pk__in=list(product_ids))
    made = [
        ProductVariant(product_id=pk, seller_id=seller_id, price=price, stock=stock, weight_grams=weight)
        for pk, seller_id, price, stock, weight in products.values_list(
            "pk", "seller_id", "price", "stock", "weight_grams"
        )
    ]
    ProductVariant.objects.bulk_create(made, batch_size=2000)
    return len(made)
