"""Vouchers: an amount or a percentage off the goods, or a subsidy on shipping, paid from a budget.

A voucher has a Rupiah budget (and optionally a count of uses); checkout reserves each use against
it with a conditional UPDATE inside its own transaction, so no number of concurrent buyers can spend
more than the budget (the CHECK constraints are the last guard). A voucher that belongs to a
campaign also spends the campaign's voucher budget, when it has one. Every use is a `VoucherUse`
row: the per-buyer limit counts them, a cancellation gives their amount back, reports sum them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sellers.models import Category, Seller


class Voucher(models.Model):
    class Kind(models.TextChoices):
        AMOUNT = "amount", _("Potongan harga (Rp)")
        PERCENT = "percent", _("Potongan harga (%)")
        SHIPPING = "shipping", _("Subsidi ongkos kirim")

    class Funder(models.TextChoices):
        MINISTRY = "ministry", _("Kementerian")
        SHOP = "shop", _("Toko")
        PLATFORM = "platform", _("Platform")

    # Blank: applied automatically to every eligible order, no code to type.
    code = models.CharField(max_length=32, blank=True)
    name = models.CharField(max_length=120, help_text="What shoppers see, e.g. Gratis ongkir Indonesia Timur")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.PositiveBigIntegerField(
        help_text="Rupiah off (amount); percent off the goods (percent); percent of each fee paid (shipping)"
    )
    max_discount = models.PositiveBigIntegerField(null=True, blank=True, help_text="Cap in Rupiah per order")
    min_spend = models.PositiveBigIntegerField(default=0, help_text="Eligible goods at campaign prices, in Rupiah")

    # Who may use it; empty means no restriction.
    categories = models.ManyToManyField(Category, related_name="vouchers", blank=True)
    sellers = models.ManyToManyField(Seller, related_name="vouchers", blank=True)
    buyer_provinces = models.JSONField(default=list, blank=True, help_text="Delivery provinces (Kemendagri codes)")
    shop_provinces = models.JSONField(default=list, blank=True, help_text="Provinces of the shops")
    first_order_only = models.BooleanField(default=False)
    per_buyer_limit = models.PositiveIntegerField(null=True, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    # The money: what it may spend, what it has spent (net of releases) and who pays.
    budget = models.PositiveBigIntegerField()
    budget_used = models.PositiveBigIntegerField(default=0)
    max_uses = models.PositiveIntegerField(null=True, blank=True)
    uses = models.PositiveIntegerField(default=0)
    funded_by = models.CharField(max_length=10, choices=Funder.choices)
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.PROTECT, related_name="vouchers"
    )
    paused_at = models.DateTimeField(null=True, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "id"]
        constraints = [
            models.UniqueConstraint(Lower("code"), condition=~Q(code=""), name="voucher_code_ci_unique"),
            models.CheckConstraint(condition=Q(budget_used__lte=models.F("budget")), name="voucher_within_budget"),
            models.CheckConstraint(
                condition=Q(max_uses__isnull=True) | Q(uses__lte=models.F("max_uses")), name="voucher_within_uses"
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="voucher_ends_after_start"),
            models.CheckConstraint(
                condition=Q(kind="amount") | Q(value__gte=1, value__lte=100), name="voucher_percent_1_to_100"
            ),
        ]
        indexes = [models.Index(fields=["starts_at", "ends_at"], name="voucher_window")]

    def __str__(self):
        return self.code or self.name

    @property
    def budget_left(self) -> int:
        return self.budget - self.budget_used

    @property
    def is_goods(self) -> bool:
        return self.kind != self.Kind.SHIPPING

    def live_at(self, at) -> bool:
        return self.paused_at is None and self.starts_at <= at <= self.ends_at


class VoucherUse(models.Model):
    """One order's use of one voucher: what it cost, split per shop so a declined shipment gives its part back."""

    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, related_name="use_rows")
    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="+")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The buyer's n-th live use of a voucher with a per-buyer limit: unique, so two tabs of one buyer
    # cannot pass the limit together (empty for vouchers without a limit).
    seq = models.PositiveIntegerField(null=True, blank=True)
    amount = models.PositiveBigIntegerField(help_text="Rupiah taken from the budget")
    parts = models.JSONField(default=dict, help_text="{seller id: Rupiah} not yet given back")
    released_amount = models.PositiveBigIntegerField(default=0)
    released_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["voucher", "buyer", "seq"], condition=Q(released_at=None), name="voucher_use_seq_per_buyer"
            ),
            models.CheckConstraint(condition=Q(released_amount__lte=models.F("amount")), name="voucher_use_release"),
        ]
        indexes = [models.Index(fields=["voucher", "created_at"], name="voucher_use_voucher_at")]
