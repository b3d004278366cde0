"""Ministry campaigns (#SatuDalamKopi) and the products shops enrol in them (their email: mailings)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sellers.models import Category, Product, Seller


def whole_second(at):
    """`at` without its fraction of a second: a campaign ending at 23:59:59 runs through all of that second."""
    return at.replace(microsecond=0)


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SCHEDULED = "scheduled", _("Terjadwal")
        ACTIVE = "active", _("Berlangsung")
        ENDED = "ended", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    class Benefit(models.TextChoices):
        DISCOUNT_PERCENT = "discount_percent", _("Diskon persen")
        FIXED_PRICE = "fixed_price", _("Harga kampanye tetap per produk")

    hashtag = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    banner = models.ImageField(upload_to="campaigns/", blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(help_text="Inclusive: the campaign price holds up to and including this instant")
    enrol_from = models.DateTimeField(null=True, blank=True)
    enrol_until = models.DateTimeField(null=True, blank=True)
    is_draft = models.BooleanField(default=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    # Who may join
    categories = models.ManyToManyField(Category, related_name="campaigns", blank=True)
    provinces = models.JSONField(default=list, blank=True, help_text="Kemendagri codes; empty means all")
    scales = models.JSONField(default=list, blank=True, help_text="Shop scales; empty means all")
    min_tkdn = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    e_smart_ikm_only = models.BooleanField(default=False)
    requires_approval = models.BooleanField(default=False)

    # What buyers get
    benefit = models.CharField(max_length=20, choices=Benefit.choices, default=Benefit.DISCOUNT_PERCENT)
    discount_percent = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    max_discount = models.PositiveBigIntegerField(null=True, blank=True, help_text="Cap in Rupiah per unit")
    default_quota = models.PositiveIntegerField(null=True, blank=True, help_text="Units per product at campaign price")
    limit_per_buyer = models.PositiveIntegerField(null=True, blank=True)
    # What all its vouchers together may spend (campaigns/models_vouchers.py); empty: only each voucher's own.
    voucher_budget = models.PositiveBigIntegerField(null=True, blank=True)
    voucher_budget_used = models.PositiveBigIntegerField(default=0)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "id"]
        constraints = [
            models.UniqueConstraint(Lower("hashtag"), name="campaign_hashtag_ci_unique"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="campaign_ends_after_start"),
            models.CheckConstraint(
                condition=Q(discount_percent__isnull=True) | Q(discount_percent__gte=1, discount_percent__lte=90),
                name="campaign_discount_1_to_90",
            ),
            models.CheckConstraint(
                condition=Q(voucher_budget__isnull=True) | Q(voucher_budget_used__lte=models.F("voucher_budget")),
                name="campaign_voucher_budget_holds",
            ),
        ]
        indexes = [models.Index(fields=["starts_at", "ends_at"], name="campaign_window")]

    def __str__(self):
        return self.hashtag

    def get_absolute_url(self):
        return reverse("campaigns:landing", kwargs={"slug": self.slug})

    def status_at(self, at) -> str:
        """The status follows the clock, so no worker has to run for a campaign to start or end."""
        if self.cancelled_at:
            return self.Status.CANCELLED
        if self.is_draft:
            return self.Status.DRAFT
        if at < self.starts_at:
            return self.Status.SCHEDULED
        if whole_second(at) <= self.ends_at:
            return self.Status.ACTIVE
        return self.Status.ENDED

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    def enrolment_open_at(self, at) -> bool:
        """Open from the exact instant it opens (a campaign made a moment ago is open at once) through the
        whole last second of its closing time."""
        opens = self.enrol_from or self.created_at
        closes = self.enrol_until or self.ends_at
        live = self.status_at(at) in (self.Status.SCHEDULED, self.Status.ACTIVE)
        return live and opens <= at and whole_second(at) <= closes


class CampaignEvent(models.Model):
    """The start and end of a campaign, each recorded once by the beat task."""

    class Kind(models.TextChoices):
        STARTED = "started", _("Dimulai")
        ENDED = "ended", _("Berakhir")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "kind"], name="campaign_event_once")]


class Enrolment(models.Model):
    """A product in a campaign, with the campaign price fixed when it was enrolled."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu persetujuan")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="enrolments")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="enrolments")
    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(blank=True)
    # Guard against fake discounts: the price is computed from the list price at enrolment and never rises.
    list_price_at_enrolment = models.PositiveBigIntegerField()
    campaign_price = models.PositiveBigIntegerField()
    # Each variant's own {"<variant id>": [list price at enrolment, campaign price]}; the two fields above
    # are the cheapest variant's, for the product's card. A variant added after enrolment is not here
    # and sells at its list price: it had no list price at enrolment to hold the discount honest against.
    variant_prices = models.JSONField(default=dict, blank=True)
    quota = models.PositiveIntegerField(null=True, blank=True, help_text="Units at the campaign price; empty: no cap")
    sold_units = models.PositiveIntegerField(default=0)
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "product"], name="enrolment_once_per_campaign"),
            models.CheckConstraint(condition=Q(campaign_price__gt=0), name="enrolment_price_positive"),
            models.CheckConstraint(
                condition=Q(quota__isnull=True) | Q(sold_units__lte=models.F("quota")), name="enrolment_within_quota"
            ),
        ]
        indexes = [models.Index(fields=["product", "status"], name="enrolment_product_status")]

    @property
    def units_left(self) -> int | None:
        return None if self.quota is None else max(0, self.quota - self.sold_units)


# Vouchers and their uses live in their own module for size; importing them here registers them.
from campaigns.models_vouchers import Voucher, VoucherUse  # noqa: E402, F401
