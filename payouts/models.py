"""Seller money: an append-only, double-entry ledger in whole Rupiah, and what pays it out.

Every account belongs to one shop, so a payment locks only that shop's rows and the ledger balances
per shop as well as in total. `Account.balance` is kept in the same transaction as each entry and
guarded by CHECK constraints; on PostgreSQL, triggers (migration 0002) also refuse any update or
delete of a journal or entry and any journal whose entries do not sum to zero.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orders.models import Order, Shipment
from sellers.models import Category, Seller


class Account(models.Model):
    class Kind(models.TextChoices):
        BUYER_FUNDS = "buyer_funds", _("Dana pembeli")  # what buyers paid for the shop: negative
        HELD = "held", _("Dana ditahan")
        AVAILABLE = "available", _("Saldo tersedia")  # may go negative: a refund after release
        IN_TRANSIT = "in_transit", _("Sedang ditransfer")
        PAID_OUT = "paid_out", _("Sudah ditransfer")
        COMMISSION = "commission", _("Komisi platform")
        TAX = "tax", _("PPh 22 dipotong")
        # What a voucher's funder owes for this shop's sales (negative, like buyer funds).
        MINISTRY_DUE = "ministry_due", _("Subsidi dari kementerian")
        PLATFORM_DUE = "platform_due", _("Subsidi dari platform")

    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="money_accounts")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    balance = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["seller", "kind"], name="money_account_one_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=["buyer_funds", "ministry_due", "platform_due"], balance__lte=0)
                | Q(kind="available")
                | (~Q(kind__in=["buyer_funds", "ministry_due", "platform_due", "available"]) & Q(balance__gte=0)),
                name="money_account_balance_sign_with_funders",
            ),
        ]

    def __str__(self):
        return f"{self.seller_id}:{self.kind}={self.balance}"


class Journal(models.Model):
    """One business event that moves money; its entries sum to zero. Never edited, never deleted."""

    class Kind(models.TextChoices):
        SALE = "sale", _("Penjualan")
        REFUND = "refund", _("Pengembalian dana")
        RELEASE = "release", _("Dana dilepas")
        PAYOUT = "payout", _("Penarikan dana")
        PAYOUT_PAID = "payout_paid", _("Transfer berhasil")
        PAYOUT_FAILED = "payout_failed", _("Transfer gagal, dana kembali")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=120, unique=True, null=True, blank=True, help_text="Makes a repeat a no-op")
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="+")
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    shipment = models.ForeignKey(Shipment, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    payout = models.ForeignKey("Payout", null=True, blank=True, on_delete=models.PROTECT, related_name="journals")
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["shipment", "kind"], name="money_journal_shipment"),
            models.Index(fields=["seller", "created_at"], name="money_journal_seller_at"),
        ]


class Entry(models.Model):
    class Kind(models.TextChoices):
        SALE = "sale", _("Penjualan")
        COMMISSION = "commission", _("Komisi")
        TAX = "tax", _("PPh 22")
        SUBSIDY = "subsidy", _("Subsidi voucher")
        SHOP_DISCOUNT = "shop_discount", _("Voucher dari toko")
        REFUND = "refund", _("Pengembalian dana")
        RELEASE = "release", _("Dana dilepas")
        PAYOUT = "payout", _("Penarikan")
        PAYOUT_PAID = "payout_paid", _("Transfer berhasil")
        PAYOUT_RETURNED = "payout_returned", _("Transfer gagal")

    journal = models.ForeignKey(Journal, on_delete=models.PROTECT, related_name="entries")
    # (account, -id) below serves every lookup by account; no separate index on the column alone.
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries", db_index=False)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    amount = models.BigIntegerField()
    balance_after = models.BigIntegerField(help_text="The account's balance right after this entry")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["account", "-id"], name="money_entry_account"),
            models.Index(fields=["account", "created_at"], name="money_entry_account_at"),
        ]
        constraints = [models.CheckConstraint(condition=~Q(amount=0), name="money_entry_not_zero")]


class CommissionRate(models.Model):
    """The platform's commission on goods in a category (sub-categories inherit), in basis points."""

    category = models.OneToOneField(Category, on_delete=models.CASCADE, related_name="commission_rate")
    basis_points = models.PositiveIntegerField(
        _("komisi (basis poin, 100 = 1%)"), help_text=_("0 untuk program kementerian; paling tinggi 5000 (50%).")
    )

    class Meta:
        verbose_name = _("tarif komisi")
        verbose_name_plural = _("tarif komisi")
        constraints = [models.CheckConstraint(condition=Q(basis_points__lte=5000), name="commission_at_most_half")]

    def __str__(self):
        return f"{self.category}: {self.basis_points / 100:g}%"


def private_storage() -> FileSystemStorage:
    """Files only members and staff may read: outside MEDIA_ROOT, so never served as public media."""
    return FileSystemStorage(location=settings.PAYOUTS_PRIVATE_ROOT)


class TaxStatement(models.Model):
    """A shop's yearly statement that its turnover is at most Rp 500 juta: no PPh 22 that year."""

    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="tax_statements")
    year = models.PositiveSmallIntegerField()
    file = models.FileField(upload_to="tax-statements/", storage=private_storage)
    content_type = models.CharField(max_length=40)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["seller", "year"], name="tax_statement_one_per_year")]


class Bank(models.TextChoices):
    BCA = "BCA", "BCA"
    BNI = "BNI", "BNI"
    BRI = "BRI", "BRI"
    MANDIRI = "MANDIRI", "Mandiri"
    BSI = "BSI", "Bank Syariah Indonesia"
    CIMB = "CIMB", "CIMB Niaga"
    PERMATA = "PERMATA", "Permata"
    BTN = "BTN", "BTN"
    DANAMON = "DANAMON", "Danamon"
    BPD_SULSELBAR = "BPD_SULSELBAR", "Bank Sulselbar"


class BankAccount(models.Model):
    """Where a shop's money goes. Staff check the holder's name against the shop's owner first."""

    seller = models.OneToOneField(Seller, on_delete=models.PROTECT, related_name="bank_account")
    bank = models.CharField(_("bank"), max_length=16, choices=Bank.choices)
    number = models.CharField(_("nomor rekening"), max_length=20)
    holder_name = models.CharField(_("nama pemilik rekening"), max_length=100)
    updated_at = models.DateTimeField(default=timezone.now)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class PayoutBatch(models.Model):
    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("Terjadwal")
        REQUEST = "request", _("Permintaan toko")
        STAFF = "staff", _("Dijalankan staf")

    class Status(models.TextChoices):
        OPEN = "open", _("Diproses")
        DONE = "done", _("Selesai")

    provider = models.CharField(max_length=20)
    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def number(self) -> str:
        return f"PO-{self.pk:06d}"


class Payout(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu dikirim")
        SENT = "sent", _("Dikirim ke bank")
        PAID = "paid", _("Berhasil")
        FAILED = "failed", _("Gagal")

    batch = models.ForeignKey(PayoutBatch, on_delete=models.PROTECT, related_name="payouts")
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="payouts")
    amount = models.PositiveBigIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    # A snapshot of the bank account when the payout was made: later edits never redirect it.
    bank = models.CharField(max_length=16, choices=Bank.choices)
    account_number = models.CharField(max_length=20)
    holder_name = models.CharField(max_length=100)
    provider_reference = models.CharField(max_length=100, blank=True)
    failure_reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_amount_positive"),
            models.UniqueConstraint(
                fields=["seller"], condition=Q(status__in=["pending", "sent"]), name="payout_one_open_per_shop"
            ),
        ]

    @property
    def reference(self) -> str:
        """Our idempotency key at the provider: a retried send can never pay twice."""
        return f"pasarikm-payout-{self.pk}"


class Invoice(models.Model):
    """The numbered invoice of one shipment: what the buyer paid that shop. Numbered per shop and year."""

    shipment = models.OneToOneField(Shipment, on_delete=models.PROTECT, related_name="invoice")
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    issued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["seller", "year", "sequence"], name="invoice_number_unique"),
        ]

    @property
    def number(self) -> str:
        return f"INV/{self.year}/{self.seller_id:05d}/{self.sequence:06d}"
