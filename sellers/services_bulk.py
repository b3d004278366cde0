"""Bulk edit of a shop's prices and stock: from the table page, or a CSV checked first (a dry run).

A CSV row names a variant by `id` or `sku` and gives its new `price` and/or `stock` (a blank cell
leaves it). `variants_csv_plan` says, row by row, what it would change or why it refuses; applying
writes the rows the plan accepts, all in one transaction, under the same locks as checkout.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Case, F, When
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, ValidationError
from sellers.models import ProductVariant, Seller
from sellers.services_variants import VARIANT_LIMITS, products_refresh, variants_lock

MAX_CSV_BYTES = 1_000_000
MAX_CSV_ROWS = 5_000
CSV_COLUMNS = ("id", "sku", "product", "variant", "price", "stock")


@dataclass
class PlanRow:
    line: int  # the CSV line, counting the header as 1
    label: str  # what the row names: "Kopi Gayo (1 kg / biji)", or what it said
    variant_id: int | None = None
    changes: dict = field(default_factory=dict)  # {"price": (old, new), ...}
    refusal: str = ""

    @property
    def accepted(self) -> bool:
        return not self.refusal and bool(self.changes)


def variants_csv_export(*, seller: Seller) -> str:
    """The shop's variants as a CSV to edit and upload again."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for v in (
        ProductVariant.objects.filter(seller=seller)
        .select_related("product")
        .order_by("product__name", "position", "pk")
    ):
        writer.writerow([v.pk, v.sku, v.product.name, v.name, v.price, v.stock])
    return out.getvalue()


def _number(value: str, name: str):
    """(number or None for blank, or an error message)."""
    value = (value or "").strip().replace(".", "")
    if not value:
        return None, ""
    low, high = VARIANT_LIMITS[name]
    # The length first: int() refuses thousands of digits with an error.
    if not value.isascii() or not value.isdigit() or len(value) > 18 or not low <= int(value) <= high:
        return None, _("%(field)s harus bilangan bulat antara %(low)s dan %(high)s.") % {
            "field": _("Harga") if name == "price" else _("Stok"),
            "low": low,
            "high": high,
        }
    return int(value), ""


def _rows(text: str) -> list[dict]:
    if len(text.encode()) > MAX_CSV_BYTES:
        raise ValidationError({"file": [_("Berkas CSV paling besar 1 MB.")]})
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = {(h or "").strip().lower() for h in reader.fieldnames or []}
    if not ({"id", "sku"} & headers) or not ({"price", "stock"} & headers):
        raise ValidationError({"file": [_("Kolom CSV: id atau sku, lalu price dan/atau stock (lihat CSV unduhan).")]})
    rows = []
    for row in reader:
        rows.append({(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)})
        if len(rows) > MAX_CSV_ROWS:
            raise ValidationError({"file": [_("Paling banyak %(max)s baris per unggahan.") % {"max": MAX_CSV_ROWS}]})
    return rows


def variants_csv_plan(*, seller: Seller, text: str) -> list[PlanRow]:
    """What applying the CSV would do, row by row; changes nothing."""
    rows = _rows(text)
    variants = ProductVariant.objects.filter(seller=seller).select_related("product")
    by_id = {str(v.pk): v for v in variants}
    by_sku = {v.sku.lower(): v for v in by_id.values() if v.sku}
    plan, seen = [], {}
    for line, row in enumerate(rows, start=2):
        variant = by_id.get(row.get("id", "")) or (by_sku.get(row.get("sku", "").lower()) if row.get("sku") else None)
        said = row.get("id") or row.get("sku") or "?"
        item = PlanRow(line=line, label=said)
        plan.append(item)
        if variant is None:
            item.refusal = _("Tidak ada varian dengan id/SKU ini di toko Anda.")
            continue
        item.variant_id = variant.pk
        item.label = f"{variant.product.name} ({variant.name})" if variant.name else variant.product.name
        if variant.pk in seen:
            item.refusal = _("Varian yang sama sudah di baris %(line)s.") % {"line": seen[variant.pk]}
            continue
        seen[variant.pk] = line
        for name in ("price", "stock"):
            value, error = _number(row.get(name, ""), name)
            if error:
                item.refusal, item.changes = error, {}
                break
            if value is not None and value != getattr(variant, name):
                item.changes[name] = (getattr(variant, name), value)
    return plan


def variants_bulk_update(*, seller: Seller, changes: dict[int, dict], stock_seen: dict[int, int] | None = None) -> int:
    """Set {variant id: {"price": n, "stock": n}} of the shop's variants; all or nothing. Returns how many.

    `stock_seen` is the stock the table showed: a variant sold meanwhile is refused rather than its
    sale overwritten by an older number.
    """
    if not changes:
        return 0
    for values in changes.values():
        for name, value in values.items():
            low, high = VARIANT_LIMITS[name]
            if name not in ("price", "stock") or isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError({name: [_("Kolom ini tidak bisa diubah di sini.")]})
            if not low <= value <= high:
                raise ValidationError(
                    {name: [_("Harus bilangan bulat antara %(low)s dan %(high)s.") % {"low": low, "high": high}]}
                )
    with transaction.atomic():
        locked = variants_lock(changes)
        if len(locked) != len(changes) or any(v.seller_id != seller.pk for v in locked.values()):
            raise ValidationError({"variants": [_("Ada varian yang bukan milik toko ini.")]})
        moved = [
            locked[pk]
            for pk, values in changes.items()
            if "stock" in values and stock_seen and pk in stock_seen and locked[pk].stock != stock_seen[pk]
        ]
        if moved:
            names = ", ".join(f"{v.product.name} {v.name}".strip() for v in moved)
            raise ConflictError(
                _("Stok berubah sejak halaman dibuka (ada penjualan): %(names)s. Muat ulang lalu ubah lagi.")
                % {"names": names}
            )
        for name in ("price", "stock"):
            whens = [When(pk=pk, then=values[name]) for pk, values in changes.items() if name in values]
            if whens:
                output = ProductVariant._meta.get_field(name)
                ProductVariant.objects.filter(pk__in=list(changes)).update(
                    **{name: Case(*whens, default=F(name), output_field=output)}
                )
        products_refresh({v.product_id for v in locked.values()})
    return len(changes)


def variants_csv_apply(*, seller: Seller, text: str) -> list[PlanRow]:
    """Apply the rows the plan accepts (the refused ones are left, and named in the plan returned)."""
    plan = variants_csv_plan(seller=seller, text=text)
    changes = {row.variant_id: {k: new for k, (_old, new) in row.changes.items()} for row in plan if row.accepted}
    variants_bulk_update(seller=seller, changes=changes)
    return plan
