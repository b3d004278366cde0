"""Staff set commission rates here; the ledger, payouts and bank accounts are shown read-only.

Money moves only through the services (an entry is never edited; PostgreSQL refuses it anyway), and
bank accounts are checked on the console's own page, so nothing else here writes.
"""

from django.contrib import admin

from marketplace.admin import ReadOnlyAdminMixin
from payouts.models import Account, BankAccount, CommissionRate, Entry, Invoice, Journal, Payout, PayoutBatch


@admin.register(CommissionRate)
class CommissionRateAdmin(admin.ModelAdmin):
    list_display = ["category", "basis_points"]
    list_editable = ["basis_points"]
    ordering = ["category__name"]


@admin.register(Account)
class AccountAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["seller", "kind", "balance"]
    list_filter = ["kind"]
    list_select_related = ["seller"]
    search_fields = ["seller__name"]


class EntryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Entry
    extra = 0
    fields = ["account", "kind", "amount", "balance_after"]
    readonly_fields = fields


@admin.register(Journal)
class JournalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "kind", "seller", "order", "shipment", "payout", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["seller", "order"]
    search_fields = ["seller__name", "order__number", "key"]
    inlines = [EntryInline]


@admin.register(BankAccount)
class BankAccountAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["seller", "bank", "number", "holder_name", "verified_at"]
    list_select_related = ["seller"]
    search_fields = ["seller__name", "holder_name"]


@admin.register(PayoutBatch)
class PayoutBatchAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "provider", "trigger", "status", "created_at"]
    list_filter = ["status", "provider"]


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "batch", "seller", "amount", "status", "provider_reference", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["seller", "batch"]


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "seller", "shipment", "issued_at"]
    list_select_related = ["seller"]
