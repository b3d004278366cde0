"""Staff edit shipping rates here; orders, payments and email are shown read-only.

Orders change only through services (lifecycle.py), which lock the row, log an event and queue
email; an admin form saving a status directly would skip all of that, so nothing here writes them.
"""

from django.contrib import admin

from marketplace.admin import ReadOnlyAdminMixin
from orders.models import Order, OrderEvent, OrderLine, OutgoingEmail, PaymentNotification, Shipment, ShippingRate
from orders.shipping import shipping_rates_changed


@admin.register(ShippingRate)
class ShippingRateAdmin(admin.ModelAdmin):
    list_display = ["courier", "zone", "per_kg"]
    list_editable = ["per_kg"]
    list_filter = ["courier", "zone"]
    ordering = ["courier", "zone"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        shipping_rates_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        shipping_rates_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        shipping_rates_changed()


class OrderLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = OrderLine
    extra = 0
    fields = ["product_name", "seller", "quantity", "list_price", "unit_price", "discount", "campaign_hashtag"]
    readonly_fields = fields


class ShipmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Shipment
    extra = 0
    fields = ["seller", "status", "subtotal", "weight_grams", "shipping_fee", "courier", "tracking_number"]
    readonly_fields = [*fields, "shipped_at", "delivered_at"]


class OrderEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = OrderEvent
    extra = 0
    fields = ["created_at", "actor", "shipment", "from_status", "to_status", "note"]
    readonly_fields = fields


@admin.register(Order)
class OrderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "buyer", "status", "total", "created_at", "paid_at"]
    list_filter = ["status", "courier", "province"]
    search_fields = ["number", "buyer__email", "recipient"]
    date_hierarchy = "created_at"
    list_select_related = ["buyer"]
    inlines = [OrderLineInline, ShipmentInline, OrderEventInline]
    readonly_fields = [field.name for field in Order._meta.fields]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "kind", "to", "subject", "created_at", "sent_at", "attempts"]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject", "order__number"]
    list_select_related = ["order"]
    readonly_fields = [field.name for field in OutgoingEmail._meta.fields]


@admin.register(PaymentNotification)
class PaymentNotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["received_at", "provider", "order_number", "accepted", "outcome"]
    list_filter = ["provider", "accepted"]
    search_fields = ["order_number"]
    readonly_fields = [field.name for field in PaymentNotification._meta.fields]


from orders import admin_payments  # noqa: E402, F401  (registers the payment admins)
