"""Writes on vouchers: create, edit (terms locked once used), pause and resume."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from campaigns.models_vouchers import Voucher
from marketplace.errors import ConflictError, ValidationError
from marketplace.provinces import PROVINCES

CODE = re.compile(r"[A-Za-z0-9_-]{3,32}")

VOUCHER_FIELDS = (
    "code", "name", "kind", "value", "max_discount", "min_spend", "buyer_provinces", "shop_provinces",
    "first_order_only", "per_buyer_limit", "starts_at", "ends_at", "budget", "max_uses", "funded_by", "campaign",
)  # fmt: skip
# What a buyer was promised and what each use was priced by: fixed once a voucher has been used, as a
# campaign's benefit terms are once a product is enrolled (campaigns.services._changed_terms).
LOCKED_TERMS = (
    "code", "kind", "value", "max_discount", "min_spend", "buyer_provinces", "shop_provinces", "first_order_only",
    "per_buyer_limit", "funded_by", "campaign", "starts_at", "categories", "sellers",
)  # fmt: skip


def _validate(data: dict, *, instance: Voucher | None = None) -> None:
    def get(name):
        return data[name] if name in data else getattr(instance, name, None)

    errors: dict[str, list[str]] = {}
    code = (get("code") or "").strip()
    if code:
        if not CODE.fullmatch(code):
            errors["code"] = [_("Kode 3-32 karakter: huruf, angka, - atau _.")]
        else:
            clash = Voucher.objects.filter(code__iexact=code)
            if instance is not None:
                clash = clash.exclude(pk=instance.pk)
            if clash.exists():
                errors["code"] = [_("Kode ini sudah dipakai voucher lain.")]
    if not (get("name") or "").strip():
        errors["name"] = [_("Isi nama voucher yang dilihat pembeli.")]
    kind, value = get("kind"), get("value")
    if kind not in Voucher.Kind.values:
        errors["kind"] = [_("Pilih salah satu: %(kinds)s.") % {"kinds": ", ".join(Voucher.Kind.values)}]
    elif value is None or value < 1:
        errors["value"] = [_("Nilai voucher minimal 1.")]
    elif kind != Voucher.Kind.AMOUNT and value > 100:
        errors["value"] = [_("Persentase antara 1 dan 100.")]
    if kind == Voucher.Kind.PERCENT and get("max_discount") is None:
        errors["max_discount"] = [_("Voucher persen wajib punya batas potongan (Rp).")]
    starts_at, ends_at = get("starts_at"), get("ends_at")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = [_("Waktu selesai harus setelah waktu mulai.")]
    budget = get("budget")
    used = instance.budget_used if instance is not None else 0
    if budget is None or budget < 1:
        errors["budget"] = [_("Anggaran minimal Rp 1.")]
    elif budget < used:
        errors["budget"] = [_("Anggaran tidak bisa di bawah yang sudah terpakai (Rp %(used)s).") % {"used": used}]
    max_uses = get("max_uses")
    if max_uses is not None and instance is not None and max_uses < instance.uses:
        errors["max_uses"] = [
            _("Batas pemakaian tidak bisa di bawah yang sudah terpakai (%(uses)s).") % {"uses": instance.uses}
        ]
    for name in ("buyer_provinces", "shop_provinces"):
        unknown = [c for c in get(name) or [] if c not in PROVINCES]
        if unknown:
            errors[name] = [_("Kode provinsi tidak dikenal: %(codes)s.") % {"codes": ", ".join(unknown)}]
    if get("funded_by") not in Voucher.Funder.values:
        errors["funded_by"] = [_("Pilih salah satu: %(funders)s.") % {"funders": ", ".join(Voucher.Funder.values)}]
    sellers = data.get("sellers") if "sellers" in data else (list(instance.sellers.all()) if instance else [])
    if get("funded_by") == Voucher.Funder.SHOP and len(sellers or []) != 1:
        errors["sellers"] = [_("Voucher yang dibayar toko berlaku hanya untuk satu toko itu.")]
    if errors:
        raise ValidationError(errors)


def voucher_create(*, by, categories=(), sellers=(), **data) -> Voucher:
    data["code"] = (data.get("code") or "").strip().upper()
    _validate({**data, "sellers": list(sellers)})
    with transaction.atomic():
        voucher = Voucher(created_by=by, **{k: v for k, v in data.items() if k in VOUCHER_FIELDS})
        voucher.save()
        voucher.categories.set(categories)
        voucher.sellers.set(sellers)
    return voucher


def _changed_terms(voucher: Voucher, changes: dict) -> list[str]:
    changed = []
    for name in LOCKED_TERMS:
        if name not in changes:
            continue
        if name in ("categories", "sellers"):
            before = {o.pk for o in getattr(voucher, name).all()}
            if {o.pk for o in changes[name]} != before:
                changed.append(name)
        elif name in ("buyer_provinces", "shop_provinces"):
            if sorted(changes[name] or []) != sorted(getattr(voucher, name)):
                changed.append(name)
        elif name == "code":
            if (changes[name] or "").strip().upper() != voucher.code:
                changed.append(name)
        elif changes[name] != getattr(voucher, name):
            changed.append(name)
    return changed


def voucher_update(*, voucher: Voucher, by, **changes) -> Voucher:
    """Edit a voucher. Once used, its terms stay as buyers got them: only the name, the end, the
    budget and the count limit may change (a budget never below what is spent)."""
    with transaction.atomic():
        voucher = Voucher.objects.select_for_update().get(pk=voucher.pk)
        changed = _changed_terms(voucher, changes)
        if changed and voucher.use_rows.exists():
            message = _("Tidak bisa diubah setelah voucher dipakai: pembeli sudah mendapatkannya dengan syarat ini.")
            raise ConflictError({name: [message] for name in changed})
        if "code" in changes:
            changes["code"] = (changes["code"] or "").strip().upper()
        _validate(changes, instance=voucher)
        for name, value in changes.items():
            if name in VOUCHER_FIELDS:
                setattr(voucher, name, value)
        voucher.save()
        if "categories" in changes:
            voucher.categories.set(changes["categories"])
        if "sellers" in changes:
            voucher.sellers.set(changes["sellers"])
    return voucher


def voucher_pause(*, voucher: Voucher, by) -> Voucher:
    """Stop it at once: the next checkout no longer sees it (checkout reads vouchers live, uncached)."""
    Voucher.objects.filter(pk=voucher.pk, paused_at=None).update(paused_at=timezone.now())
    voucher.refresh_from_db()
    return voucher


def voucher_resume(*, voucher: Voucher, by) -> Voucher:
    Voucher.objects.filter(pk=voucher.pk).update(paused_at=None)
    voucher.refresh_from_db()
    return voucher


def campaign_set_voucher_budget(*, campaign: Campaign, budget: int | None) -> Campaign:
    """The campaign-wide cap on its vouchers; never below what they have spent."""
    if budget is not None:
        if budget < 0:
            raise ValidationError({"voucher_budget": [_("Anggaran tidak boleh negatif.")]})
        if not Campaign.objects.filter(pk=campaign.pk, voucher_budget_used__lte=budget).update(voucher_budget=budget):
            raise ValidationError({"voucher_budget": [_("Anggaran tidak bisa di bawah yang sudah terpakai.")]})
    else:
        Campaign.objects.filter(pk=campaign.pk).update(voucher_budget=None)
    campaign.refresh_from_db(fields=["voucher_budget", "voucher_budget_used"])
    return campaign
