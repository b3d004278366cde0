"""Campaigns for superusers, read-only: staff run them from the ministry console, whose services
validate eligibility, fix campaign prices at enrolment and keep quotas consistent."""

from django.contrib import admin

from campaigns.models import Campaign, CampaignEvent, Enrolment
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
