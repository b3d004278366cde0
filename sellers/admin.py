"""Shops and products for superusers. Verification goes through the ministry's page (it records who
verified and when), so status is read-only here."""

from django.contrib import admin

from sellers.models import Category, Product, Seller, SellerMember


class SellerMemberInline(admin.TabularInline):
    model = SellerMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "city", "scale", "status", "e_smart_ikm", "verified_at"]
    list_filter = ["status", "scale", "e_smart_ikm", "province"]
    search_fields = ["name", "nib", "city"]
    readonly_fields = ["status", "verified_at", "verified_by", "rejection_reason", "created_at"]
    inlines = [SellerMemberInline]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "position"]
    list_filter = ["parent"]
    ordering = ["parent_id", "position"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "seller", "category", "price", "stock", "tkdn_percent", "is_active"]
    list_filter = ["is_active", "category"]
    search_fields = ["name", "seller__name"]
    list_select_related = ["seller", "category"]
    raw_id_fields = ["seller"]
