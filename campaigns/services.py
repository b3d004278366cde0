"""Writes on campaigns and enrolments."""

import re
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from campaigns.models import Campaign, CampaignEvent, Enrolment, whole_second
from marketplace.errors import ConflictError, NotAllowed, ValidationError
from marketplace.notifications import notify
from marketplace.provinces import PROVINCES
from marketplace.text import name_errors
from sellers.models import Product, ProductVariant, Seller, SellerMember
from sellers.selectors import category_descendant_ids
from sellers.services import member_emails

HASHTAG = re.compile(r"^#[A-Za-z0-9_]{2,59}\Z")


def hashtag_slug(hashtag: str) -> str:
    """`#SatuDalamKopi` -> `satu-dalam-kopi`."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", hashtag.lstrip("#"))
    return slugify(words.replace("_", " "))


def campaign_price(*, list_price: int, campaign: Campaign, fixed_price: int | None = None) -> int:
    """The price a buyer pays in the campaign, from the list price at enrolment time."""
    if campaign.benefit == Campaign.Benefit.FIXED_PRICE:
        return fixed_price
    discount = list_price * campaign.discount_percent // 100
    if campaign.max_discount is not None:
        discount = min(discount, campaign.max_discount)
    return max(1, list_price - discount)


def _validate(data: dict, *, instance: Campaign | None = None) -> None:
    errors: dict[str, list[str]] = name_errors({"name": data.get("name")})

    def get(name):
        return data[name] if name in data else getattr(instance, name, None)

    hashtag = get("hashtag")
    if hashtag is not None:
        if not HASHTAG.match(hashtag):
            errors["hashtag"] = [_("Tagar diawali # lalu huruf, angka atau _ (3-60 karakter).")]
        else:
            clash = Campaign.objects.filter(hashtag__iexact=hashtag)
            if instance is not None:
                clash = clash.exclude(pk=instance.pk)
            if clash.exists():
                errors["hashtag"] = [_("Tagar ini sudah dipakai kampanye lain.")]
    starts_at, ends_at = get("starts_at"), get("ends_at")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = [_("Waktu selesai harus setelah waktu mulai.")]
    enrol_from, enrol_until = get("enrol_from"), get("enrol_until")
    if enrol_from and enrol_until and enrol_until <= enrol_from:
        errors["enrol_until"] = [_("Batas akhir pendaftaran harus setelah awal pendaftaran.")]
    if enrol_until and ends_at and enrol_until > ends_at:
        errors["enrol_until"] = [_("Pendaftaran harus ditutup paling lambat saat kampanye selesai.")]
    benefit = get("benefit") or Campaign.Benefit.DISCOUNT_PERCENT
    percent = get("discount_percent")
    if benefit == Campaign.Benefit.DISCOUNT_PERCENT and percent is None:
        errors["discount_percent"] = [_("Isi persentase diskon (1-90).")]
    elif percent is not None and not 1 <= percent <= 90:
        errors["discount_percent"] = [_("Diskon harus antara 1 dan 90 persen.")]
    unknown = [code for code in get("provinces") or [] if code not in PROVINCES]
    if unknown:
        errors["provinces"] = [_("Kode provinsi tidak dikenal: %(codes)s.") % {"codes": ", ".join(unknown)}]
    banner = data.get("banner")
    if banner and getattr(banner, "size", 0) > settings.BANNER_MAX_BYTES:
        errors["banner"] = [
            _("Banner paling besar %(size)s MB.") % {"size": f"{settings.BANNER_MAX_BYTES / 1024 / 1024:g}"}
        ]
    bad_scales = [s for s in get("scales") or [] if s not in Seller.Scale.values]
    if bad_scales:
        errors["scales"] = [_("Skala tidak dikenal: %(scales)s.") % {"scales": ", ".join(bad_scales)}]
    if errors:
        raise ValidationError(errors)


CAMPAIGN_FIELDS = (
    "hashtag", "name", "description", "banner", "starts_at", "ends_at", "enrol_from", "enrol_until",
    "provinces", "scales", "min_tkdn", "e_smart_ikm_only", "requires_approval", "benefit",
    "discount_percent", "max_discount", "default_quota", "limit_per_buyer",
)  # fmt: skip


def campaign_create(*, by, categories=(), draft: bool = False, **data) -> Campaign:
    """Publish a campaign (or keep it a draft); its status then follows the clock."""
    _validate(data)
    if (data.get("voucher_budget") or 0) < 0:
        raise ValidationError({"voucher_budget": [_("Anggaran tidak boleh negatif.")]})
    with transaction.atomic():
        campaign = Campaign(
            slug=_unique_slug(data["hashtag"]),
            is_draft=draft,
            created_by=by,
            voucher_budget=data.get("voucher_budget"),
            **{k: v for k, v in data.items() if k in CAMPAIGN_FIELDS},
        )
        campaign.save()
        campaign.categories.set(categories)
    return campaign


def _unique_slug(hashtag: str) -> str:
    root = hashtag_slug(hashtag) or "kampanye"
    slug, n = root, 1
    while Campaign.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{root}-{n}"
    return slug


def _changed_terms(campaign: Campaign, changes: dict) -> list[str]:
    """The benefit terms `changes` would alter; enrolments copied them (price, quota) when they joined."""
    terms = ["benefit", "default_quota"]
    if campaign.benefit == Campaign.Benefit.DISCOUNT_PERCENT:
        terms += ["discount_percent", "max_discount"]
    return [name for name in terms if name in changes and changes[name] != getattr(campaign, name)]


def campaign_update(*, campaign: Campaign, by, categories=None, draft: bool | None = None, **changes) -> Campaign:
    if campaign.status in (Campaign.Status.ENDED, Campaign.Status.CANCELLED):
        raise ConflictError(_("Kampanye yang sudah selesai atau dibatalkan tidak bisa diubah."))
    changed = _changed_terms(campaign, changes)
    if changed and campaign.enrolments.exclude(status=Enrolment.Status.REJECTED).exists():
        # Each enrolment holds the price and quota it was given; changing the terms would not reach them.
        message = _("Tidak bisa diubah setelah ada produk terdaftar: harga dan kuota kampanye mereka sudah ditetapkan.")
        raise ConflictError({name: [message] for name in changed})
    _validate(changes, instance=campaign)
    with transaction.atomic():
        for field, value in changes.items():
            if field in CAMPAIGN_FIELDS:
                setattr(campaign, field, value)
        if draft is not None:
            campaign.is_draft = draft
        # Never the voucher budget's counters: checkouts change them meanwhile, by conditional UPDATEs.
        campaign.save(update_fields=[*CAMPAIGN_FIELDS, "is_draft"])
        if "voucher_budget" in changes:
            from campaigns.services_vouchers import campaign_set_voucher_budget

            campaign_set_voucher_budget(campaign=campaign, budget=changes["voucher_budget"])
        if categories is not None:
            campaign.categories.set(categories)
    return campaign


def campaign_cancel(*, campaign: Campaign, by) -> Campaign:
    if campaign.status == Campaign.Status.ENDED:
        raise ConflictError(_("Kampanye sudah selesai."))
    campaign.cancelled_at = timezone.now()
    campaign.save(update_fields=["cancelled_at"])
    return campaign


def campaigns_record_transitions(*, now) -> int:
    """Record each campaign's start and end once (the beat task); prices never wait for this."""
    recorded = 0
    live = Campaign.objects.filter(is_draft=False, cancelled_at=None, starts_at__lte=now)
    for campaign in live.exclude(events__kind=CampaignEvent.Kind.STARTED):
        _, created = CampaignEvent.objects.get_or_create(
            campaign=campaign, kind=CampaignEvent.Kind.STARTED, defaults={"recorded_at": now}
        )
        recorded += created
    for campaign in live.filter(ends_at__lt=whole_second(now)).exclude(events__kind=CampaignEvent.Kind.ENDED):
        _, created = CampaignEvent.objects.get_or_create(
            campaign=campaign, kind=CampaignEvent.Kind.ENDED, defaults={"recorded_at": now}
        )
        recorded += created
    return recorded


# ---- enrolment ---------------------------------------------------------------------------------


def ineligibility(*, campaign: Campaign, product: Product, category_ids: set[int], overlapping: set[int]) -> str | None:
    """Why a product may not join the campaign, or None when it may."""
    seller = product.seller
    if seller.status != Seller.Status.VERIFIED:
        return _("Toko belum terverifikasi.")
    if campaign.provinces and seller.province not in campaign.provinces:
        return _("Provinsi toko tidak termasuk kampanye ini.")
    if campaign.scales and seller.scale not in campaign.scales:
        return _("Skala usaha toko tidak termasuk kampanye ini.")
    if campaign.e_smart_ikm_only and not seller.e_smart_ikm:
        return _("Kampanye ini khusus peserta e-Smart IKM.")
    if not product.is_active:
        return _("Produk tidak aktif.")
    if category_ids and product.category_id not in category_ids:
        return _("Kategori produk tidak termasuk kampanye ini.")
    if product.tkdn_percent < campaign.min_tkdn:
        return _("TKDN %(tkdn)s%% di bawah batas minimal %(min)s%%.") % {
            "tkdn": product.tkdn_percent,
            "min": campaign.min_tkdn,
        }
    if product.pk in overlapping:
        return _("Produk sudah ikut kampanye lain pada waktu yang sama.")
    return None


def enrolments_create(
    *,
    campaign: Campaign,
    seller: Seller,
    product_ids: list[int],
    by,
    quota: int | None = None,
    prices: dict[int, int] | None = None,
) -> list[Enrolment]:
    """Enrol a shop's products; all or nothing, each refusal naming the product and why.

    One transaction: the rows of earlier (rejected) enrolments are locked and renewed together with
    the new rows, so a refusal or a concurrent enrolment of the same product leaves nothing half done.
    """
    now = timezone.now()
    if not campaign.enrolment_open_at(now):
        raise ConflictError(_("Pendaftaran kampanye ini sedang tidak dibuka."))
    _check_quota(campaign=campaign, quota=quota)
    prices = prices or {}
    try:
        with transaction.atomic():
            return _enrol(campaign=campaign, seller=seller, product_ids=product_ids, by=by, quota=quota,
                          prices=prices, now=now)  # fmt: skip
    except IntegrityError as exc:
        # Another request enrolled one of these products at the same moment: the unique row won there.
        raise ConflictError(_("Produk ini baru saja didaftarkan oleh permintaan lain; muat ulang halaman.")) from exc


def _check_quota(*, campaign: Campaign, quota: int | None) -> None:
    """A shop may offer fewer units than the campaign's quota, never more."""
    if quota is None:
        return
    if quota < 1:
        raise ValidationError({"quota": [_("Kuota minimal 1 unit.")]})
    if campaign.default_quota is not None and quota > campaign.default_quota:
        message = _("Kuota paling banyak %(max)s unit per produk di kampanye ini.") % {"max": campaign.default_quota}
        raise ValidationError({"quota": [message]})


def _enrol(*, campaign, seller, product_ids, by, quota, prices, now) -> list[Enrolment]:
    products = {p.pk: p for p in Product.objects.select_related("seller").filter(pk__in=product_ids)}
    category_ids = category_descendant_ids(campaign.categories.values_list("pk", flat=True))
    overlapping = set(
        Enrolment.objects.filter(
            product_id__in=product_ids,
            status__in=(Enrolment.Status.PENDING, Enrolment.Status.APPROVED),
            campaign__cancelled_at=None,
            campaign__starts_at__lte=campaign.ends_at,
            campaign__ends_at__gte=campaign.starts_at,
        )
        .exclude(campaign=campaign)
        .values_list("product_id", flat=True)
    )
    # A rejected enrolment may be tried again (the shop fixed what the ministry asked); its row is reused.
    existing = {
        e.product_id: e
        for e in campaign.enrolments.select_for_update().filter(product_id__in=product_ids).order_by("pk")
    }
    already = {pid for pid, e in existing.items() if e.status != Enrolment.Status.REJECTED}
    refusals: dict[str, str] = {}
    for product_id in dict.fromkeys(product_ids):
        product = products.get(product_id)
        if product is None or product.seller_id != seller.pk:
            refusals[str(product_id)] = _("Produk tidak ditemukan di toko ini.")
            continue
        if product_id in already:
            refusals[str(product_id)] = _("Produk sudah terdaftar di kampanye ini.")
            continue
        reason = ineligibility(campaign=campaign, product=product, category_ids=category_ids, overlapping=overlapping)
        if reason is None and campaign.benefit == Campaign.Benefit.FIXED_PRICE:
            price = prices.get(product_id)
            if price is None or not 0 < price < product.price:
                reason = _("Harga kampanye wajib diisi dan harus di bawah harga normal.")
        earlier = existing.get(product_id)
        new_quota = quota if quota is not None else campaign.default_quota
        if reason is None and earlier and new_quota is not None and new_quota < earlier.sold_units:
            # Units already sold at the campaign price stay sold; the quota cannot go below them.
            reason = _("Kuota tidak boleh di bawah %(sold)s unit yang sudah terjual di kampanye ini.") % {
                "sold": earlier.sold_units
            }
        if reason:
            refusals[str(product_id)] = reason
    if refusals:
        raise ValidationError(
            {"products": [_("Produk %(id)s: %(why)s") % {"id": pid, "why": why} for pid, why in refusals.items()]},
            extra={"refusals": refusals},
        )
    variants = defaultdict(list)
    for variant in ProductVariant.objects.filter(product_id__in=product_ids, is_active=True):
        variants[variant.product_id].append(variant)
    enrolments = []
    for pid in dict.fromkeys(product_ids):
        enrolment = existing.get(pid) or Enrolment(campaign=campaign, product=products[pid], seller=seller)
        # A product once rejected goes back to review, even where the campaign admits without one.
        review = campaign.requires_approval or enrolment.pk is not None
        enrolment.status = Enrolment.Status.PENDING if review else Enrolment.Status.APPROVED
        enrolment.reason = ""
        enrolment.list_price_at_enrolment = products[pid].price
        enrolment.campaign_price = campaign_price(
            list_price=products[pid].price, campaign=campaign, fixed_price=prices.get(pid)
        )
        enrolment.variant_prices = variant_campaign_prices(
            campaign=campaign, product=products[pid], variants=variants.get(pid, []), fixed_price=prices.get(pid)
        )
        enrolment.quota = quota if quota is not None else campaign.default_quota
        enrolment.enrolled_by = by
        enrolment.decided_by = None
        enrolment.decided_at = None if review else now
        enrolments.append(enrolment)
    renewed = [e for e in enrolments if e.pk]
    if renewed:
        Enrolment.objects.bulk_update(
            renewed,
            ["status", "reason", "list_price_at_enrolment", "campaign_price", "variant_prices", "quota", "enrolled_by",
             "decided_by", "decided_at"],
        )  # fmt: skip
    Enrolment.objects.bulk_create([e for e in enrolments if not e.pk])
    return enrolments


def variant_campaign_prices(*, campaign, product, variants, fixed_price) -> dict[str, list[int]]:
    """Each variant's campaign price from its own list price now. A fixed price is the cheapest
    variant's; the others get the same share off, so a 1 kg bag is not sold at a 250 g bag's price."""
    prices = {}
    for variant in variants:
        fixed = None
        if fixed_price is not None:
            fixed = max(1, variant.price * fixed_price // product.price) if product.price else fixed_price
        prices[str(variant.pk)] = [
            variant.price,
            campaign_price(list_price=variant.price, campaign=campaign, fixed_price=fixed),
        ]
    return prices


def _refuse_own_enrolment(*, enrolment: Enrolment, by) -> None:
    """Separation of duties: ministry staff never decide on the enrolments of a shop they belong to."""
    if SellerMember.objects.filter(seller_id=enrolment.seller_id, user=by).exists():
        raise NotAllowed(_("Anda anggota toko ini; pendaftarannya diputuskan staf lain."))


def enrolment_approve(*, enrolment: Enrolment, by) -> Enrolment:
    _refuse_own_enrolment(enrolment=enrolment, by=by)
    if enrolment.status != Enrolment.Status.PENDING:
        raise ConflictError(_("Pendaftaran berstatus %(status)s.") % {"status": enrolment.get_status_display()})
    enrolment.status, enrolment.decided_by, enrolment.decided_at = Enrolment.Status.APPROVED, by, timezone.now()
    enrolment.reason = ""
    enrolment.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    _notify_decision(enrolment)
    return enrolment


def enrolment_reject(*, enrolment: Enrolment, by, reason: str) -> Enrolment:
    _refuse_own_enrolment(enrolment=enrolment, by=by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Alasan penolakan wajib diisi.")]})
    if enrolment.status == Enrolment.Status.REJECTED:
        raise ConflictError(_("Pendaftaran ini sudah ditolak."))
    enrolment.status, enrolment.decided_by, enrolment.decided_at = Enrolment.Status.REJECTED, by, timezone.now()
    enrolment.reason = reason
    enrolment.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    _notify_decision(enrolment)
    return enrolment


def _notify_decision(enrolment: Enrolment) -> None:
    """The shop hears the ministry's decision on its product (an outbox row, sent on commit)."""
    context = {
        "approved": enrolment.status == Enrolment.Status.APPROVED,
        "reason": enrolment.reason,
        "product_name": enrolment.product.name,
        "seller_name": enrolment.seller.name,
        "seller_id": enrolment.seller_id,
        "hashtag": enrolment.campaign.hashtag,
        "campaign_price": enrolment.campaign_price,
    }
    notify(kind="enrolment_decided", to=member_emails(enrolment.seller), context=context)
