"""Staff see charges and refunds read-only; the one thing they do here is confirm a manual refund
transfer, through the service (which records who and when, and updates the order's payment)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from marketplace.admin import ReadOnlyAdminMixin
from marketplace.errors import DomainError
from orders.models import PaymentCharge, PaymentRefund
from orders.services.refunds import refund_mark_transferred


@admin.register(PaymentCharge)
class PaymentChargeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["provider_order_id", "provider", "method", "status", "gross_amount", "created_at", "checked_at"]
    list_filter = ["provider", "method", "status"]
    search_fields = ["provider_order_id", "transaction_id"]
    readonly_fields = [field.name for field in PaymentCharge._meta.fields]


@admin.register(PaymentRefund)
class PaymentRefundAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["refund_key", "status", "amount", "bank_name", "account_number", "account_holder", "created_at"]
    list_filter = ["status"]
    search_fields = ["refund_key", "payment__order__number", "account_number"]
    readonly_fields = [field.name for field in PaymentRefund._meta.fields]
    actions = ["mark_transferred"]

    @admin.action(description=_("Tandai sudah ditransfer ke rekening pembeli"))
    def mark_transferred(self, request, queryset):
        done = 0
        for refund in queryset:
            try:
                refund_mark_transferred(refund=refund, by=request.user)
                done += 1
            except DomainError as exc:
                messages.error(request, f"{refund.refund_key}: {exc.detail}")
        if done:
            messages.success(request, _("%(count)s pengembalian dana ditandai selesai.") % {"count": done})
