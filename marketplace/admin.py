"""Django admin for superusers: users and their consent history.

Business changes (verifying a shop, an order's status, a campaign's enrolments) go through the
services and their pages; the admin shows those rows read-only where a direct edit would skip them.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from marketplace.models import MarketingConsent, User


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MarketingConsentInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Consent is recorded by the user's own actions; staff read it, never write it for them."""

    model = MarketingConsent
    extra = 0
    fields = ["recorded_at", "opted_in", "source", "wording"]
    readonly_fields = fields


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "marketing_opt_in", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "marketing_opt_in"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["marketing_opt_in", "date_joined", "last_login"]
    inlines = [MarketingConsentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profil", {"fields": ["full_name", "marketing_opt_in"]}),
        ("Hak akses", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Waktu", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]
