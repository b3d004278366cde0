"""Campaigns for superusers, read-only: staff run them from the ministry console, whose services
validate eligibility, fix campaign prices at enrolment and keep quotas consistent."""

from django.contrib import admin

from campaigns.models import Blast, Campaign, CampaignEvent, Delivery, Enrolment
from marketplace.admin import ReadOnlyAdminMixin


class EnrolmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Enrolment
    extra = 0
    fields = ["product", "status", "list_price_at_enrolment", "campaign_price", "quota", "sold_units", "reason"]
    readonly_fields = fields


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["hashtag", "name", "starts_at", "ends_at", "discount_percent", "requires_approval"]
    search_fields = ["hashtag", "name"]
    inlines = [EnrolmentInline]


@admin.register(CampaignEvent)
class CampaignEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["campaign", "kind", "recorded_at"]


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
