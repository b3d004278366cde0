"""Writes on shops and their catalogue."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, NotAllowed, ValidationError
from marketplace.models import User
from marketplace.notifications import notify
from marketplace.provinces import PROVINCES
from marketplace.text import name_errors
from sellers.models import Category, Product, ProductVariant, Seller, SellerMember
from sellers.search import search_index
from sellers.services_shipping import couriers_check, seller_place_on_register
from sellers.services_variants import products_refresh, variants_lock

NIB_PATTERN = re.compile(r"[0-9]{13}")

# Shop slugs that would collide with fixed page paths under /toko/ (/toko/daftar/ registers a shop).
RESERVED_SELLER_SLUGS = frozenset({"daftar"})


def _unique_slug(model, base: str, *, max_length: int, reserved: frozenset = frozenset()) -> str:
    """A readable slug; a numeric suffix only when the name is already taken (or reserved)."""
    root = (slugify(base) or "item")[: max_length - 8]
    slug, n = root, 1
    while slug in reserved or model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{root}-{n}"
    return slug


def seller_register(
    *,
    owner: User,
    name: str,
    nib: str,
    province: str,
    city: str,
    scale: str,
    description: str = "",
    e_smart_ikm: bool = False,
    regency: str = "",
    district: str = "",
    postal_code: str = "",
    couriers: list[str] | None = None,
) -> Seller:
    """Register a shop; it waits for ministry verification before its products are public."""
    errors = name_errors({"name": name, "city": city})
    if not (name or "").strip():
        errors["name"] = [_("Nama toko wajib diisi.")]
    if province not in PROVINCES:
        errors["province"] = [_("Kode provinsi tidak dikenal.")]
    if not NIB_PATTERN.fullmatch(nib or ""):
        # ASCII digits only: `\d` would also take other scripts' digits, which OSS does not issue.
        errors["nib"] = [_("NIB harus 13 digit angka.")]
    if errors:
        raise ValidationError(errors)
    regency_row, district_row = seller_place_on_register(
        province=province, city=city, regency=regency, district=district
    )
    if not (city or "").strip() and regency_row is None:
        raise ValidationError({"city": [_("Isi kota/kabupaten, atau pilih kabupaten/kota.")]})
    extra = {"couriers": couriers_check(couriers)} if couriers is not None else {}
    with transaction.atomic():
        seller = Seller.objects.create(
            name=name.strip(),
            slug=_unique_slug(Seller, name, max_length=140, reserved=RESERVED_SELLER_SLUGS),
            nib=nib,
            province=province,
            city=regency_row.name if regency_row and (regency or not city.strip()) else city.strip(),
            regency=regency_row,
            district=district_row,
            postal_code=postal_code,
            **extra,
            scale=scale,
            description=description,
            e_smart_ikm=e_smart_ikm,
        )
        SellerMember.objects.create(seller=seller, user=owner, role=SellerMember.Role.OWNER)
    return seller


def _refuse_own_shop(*, seller: Seller, by: User) -> None:
    """Separation of duties: ministry staff never decide on a shop they belong to."""
    if SellerMember.objects.filter(seller=seller, user=by).exists():
        raise NotAllowed(_("Anda anggota toko ini; keputusan atas toko ini diambil staf lain."))


def seller_verify(*, seller: Seller, by: User) -> Seller:
    """Verify a shop so that its products appear in the catalogue."""
    _refuse_own_shop(seller=seller, by=by)
    if seller.status == Seller.Status.VERIFIED:
        raise ConflictError(_("Toko ini sudah terverifikasi."))
    seller.status = Seller.Status.VERIFIED
    seller.verified_at = timezone.now()
    seller.verified_by = by
    seller.rejection_reason = ""
    seller.save(update_fields=["status", "verified_at", "verified_by", "rejection_reason"])
    notify(kind="seller_verified", to=member_emails(seller), context={"seller": seller})
    return seller


def seller_reject(*, seller: Seller, by: User, reason: str) -> Seller:
    """Reject (or withdraw verification from) a shop, with a reason its members can read."""
    _refuse_own_shop(seller=seller, by=by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Alasan penolakan wajib diisi.")]})
    if seller.status == Seller.Status.REJECTED:
        raise ConflictError(_("Toko ini sudah ditolak."))
    seller.status = Seller.Status.REJECTED
    seller.rejection_reason = reason
    seller.verified_at = None
    seller.verified_by = by
    seller.save(update_fields=["status", "rejection_reason", "verified_at", "verified_by"])
    notify(kind="seller_rejected", to=member_emails(seller), context={"seller": seller})
    return seller


def member_emails(seller: Seller) -> list[str]:
    """Everyone who runs the shop hears about decisions on it."""
    return list(SellerMember.objects.filter(seller=seller).values_list("user__email", flat=True))


SELLER_RESUBMIT_FIELDS = ("name", "nib", "province", "city", "scale", "description", "e_smart_ikm")
# Where its parcels start may be corrected too; checked like at registration.
SELLER_PLACE_FIELDS = ("regency", "district", "postal_code", "couriers")


def seller_resubmit(*, seller: Seller, by: User, **data) -> Seller:
    """A rejected shop corrects its details and asks again: it goes back to the ministry's queue."""
    if seller.status != Seller.Status.REJECTED:
        raise ConflictError(_("Hanya toko yang ditolak yang bisa mengajukan ulang."))
    place = {field: data.pop(field) for field in SELLER_PLACE_FIELDS if field in data}
    errors = {field: [_("Kolom ini tidak bisa diubah.")] for field in sorted(set(data) - set(SELLER_RESUBMIT_FIELDS))}
    errors.update(name_errors({field: data[field] for field in ("name", "city") if field in data}))
    if "name" in data and not (data["name"] or "").strip():
        errors["name"] = [_("Nama toko wajib diisi.")]
    if "province" in data and data["province"] not in PROVINCES:
        errors["province"] = [_("Kode provinsi tidak dikenal.")]
    if "nib" in data and not NIB_PATTERN.fullmatch(data["nib"] or ""):
        errors["nib"] = [_("NIB harus 13 digit angka.")]
    if errors:
        raise ValidationError(errors)
    regency, district = place.get("regency", ""), place.get("district", "")
    province, city = data.get("province", seller.province), data.get("city", seller.city) or ""
    regency_row, district_row = seller_place_on_register(
        province=province, city=city, regency=regency, district=district
    )
    if not city.strip() and regency_row is None:
        raise ValidationError({"city": [_("Isi kota/kabupaten, atau pilih kabupaten/kota.")]})
    for field, value in data.items():
        setattr(seller, field, value.strip() if field in ("name", "city") else value)
    seller.regency, seller.district = regency_row, district_row
    if regency_row is not None and (regency or not city.strip()):
        seller.city = regency_row.name
    if place.get("postal_code"):
        seller.postal_code = place["postal_code"]
    if place.get("couriers") is not None:
        seller.couriers = couriers_check(place["couriers"])
    seller.status = Seller.Status.PENDING
    seller.rejection_reason = ""
    seller.save(
        update_fields=[*data, "city", "regency", "district", "postal_code", "couriers", "status", "rejection_reason"]
    )
    return seller


# What a product's numbers may be; the database CHECK constraints are the last guard, these the first.
PRODUCT_LIMITS = {"price": (1, 10**12), "stock": (0, 10**9), "weight_grams": (1, 10**8), "tkdn_percent": (0, 100)}


def _check_product_values(values: dict) -> None:
    """Raise a 400 naming each field that breaks the catalogue's rules (callers other than the API too)."""
    errors = name_errors({"name": values.get("name")})
    if "name" in values and not (values["name"] or "").strip():
        errors["name"] = [_("Nama produk wajib diisi.")]
    for field, (low, high) in PRODUCT_LIMITS.items():
        value = values.get(field)
        if field in values and (isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high):
            errors[field] = [_("Harus bilangan bulat antara %(low)s dan %(high)s.") % {"low": low, "high": high}]
    if errors:
        raise ValidationError(errors)


def product_create(
    *,
    seller: Seller,
    name: str,
    category: Category,
    price: int,
    stock: int,
    weight_grams: int,
    description: str = "",
    tkdn_percent: int = 0,
) -> Product:
    _check_product_values(
        {"name": name, "price": price, "stock": stock, "weight_grams": weight_grams, "tkdn_percent": tkdn_percent}
    )
    if seller.status != Seller.Status.VERIFIED:
        raise ConflictError(_("Toko belum terverifikasi; produk bisa ditambahkan setelah verifikasi."))
    product = Product.objects.create(
        seller=seller,
        category=category,
        name=name.strip(),
        slug=_unique_slug(Product, f"{name} {seller.name}", max_length=200),
        description=description,
        price=price,
        price_max=price,
        stock=stock,
        weight_grams=weight_grams,
        tkdn_percent=tkdn_percent,
    )
    # A product without options has exactly one (unnamed) variant: what the buyer chooses and stock lives on.
    ProductVariant.objects.create(product=product, seller=seller, price=price, stock=stock, weight_grams=weight_grams)
    search_index([product.pk])
    return product


# Changing one of these changes what a search finds, so the product's search document is rebuilt.
PRODUCT_SEARCHED_FIELDS = {"name", "description", "category"}

PRODUCT_EDITABLE_FIELDS = (
    "name",
    "description",
    "category",
    "price",
    "stock",
    "weight_grams",
    "tkdn_percent",
    "is_active",
)


def product_update(*, product: Product, **changes) -> Product:
    unknown = set(changes) - set(PRODUCT_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({field: [_("Kolom ini tidak bisa diubah.")] for field in sorted(unknown)})
    _check_product_values(changes)
    variant_changes = {field: changes[field] for field in PRODUCT_VARIANT_FIELDS if field in changes}
    with transaction.atomic():
        if variant_changes:
            _update_the_only_variant(product, variant_changes)
        own = {field: value for field, value in changes.items() if field not in variant_changes}
        for field, value in own.items():
            setattr(product, field, value.strip() if field == "name" else value)
        if changes:
            product.save(update_fields=[*own, "updated_at"])
        if variant_changes:
            products_refresh([product.pk])
            product.refresh_from_db(fields=list(PRODUCT_VARIANT_FIELDS))
    if PRODUCT_SEARCHED_FIELDS & set(changes):
        search_index([product.pk])
    return product


# Kept on the product for the first API's clients; they live on its variant.
PRODUCT_VARIANT_FIELDS = ("price", "stock", "weight_grams")


def _update_the_only_variant(product: Product, changes: dict) -> None:
    """The first API's price/stock/weight edit: fine for a product with one variant, ambiguous otherwise."""
    locked = variants_lock(ProductVariant.objects.filter(product=product).values_list("pk", flat=True))
    variants = [v for v in locked.values() if v.is_active]
    if len(variants) != 1:
        message = _("Produk ini punya beberapa varian: ubah harga, stok dan berat per varian.")
        raise ValidationError({field: [message] for field in changes})
    ProductVariant.objects.filter(pk=variants[0].pk).update(**changes)


def product_deactivate(*, product: Product) -> Product:
    """Take a product off sale; placed orders keep their lines, so nothing is deleted."""
    return product_update(product=product, is_active=False)
