"""Blasts and deliveries for superusers, read-only: staff send email from the ministry console."""

from django.contrib import admin

from mailings.models import Blast, Delivery
from marketplace.admin import ReadOnlyAdminMixin


@admin.register(Blast)
class BlastAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["subject", "campaign", "status", "recipients", "started_at", "finished_at"]
    list_filter = ["status"]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["blast", "email", "status", "attempts", "sent_at", "error"]
    list_filter = ["status"]
    search_fields = ["email"]
    list_select_related = ["blast"]
