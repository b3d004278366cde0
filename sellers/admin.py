"""Shops and products for superusers. Verification goes through the ministry's page (it records who
verified and when), so status is read-only here."""

from django.contrib import admin
from django.db.models import Q

from sellers.models import Category, Product, Seller, SellerMember
from sellers.search import search_index


class ReindexOnSaveMixin:
    """A shop, category or product edited here changes what searches find: rebuild the documents."""

    def product_ids(self, obj):
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        search_index(self.product_ids(obj))


class SellerMemberInline(admin.TabularInline):
    model = SellerMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Seller)
class SellerAdmin(ReindexOnSaveMixin, admin.ModelAdmin):
    list_display = ["name", "province", "city", "scale", "status", "e_smart_ikm", "verified_at"]
    list_filter = ["status", "scale", "e_smart_ikm", "province"]
    search_fields = ["name", "nib", "city"]
    readonly_fields = ["status", "verified_at", "verified_by", "rejection_reason", "created_at"]
    inlines = [SellerMemberInline]

    def product_ids(self, obj):
        return obj.products.values_list("pk", flat=True)


@admin.register(Category)
class CategoryAdmin(ReindexOnSaveMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "position"]
    list_filter = ["parent"]
    ordering = ["parent_id", "position"]

    def product_ids(self, obj):
        return Product.objects.filter(Q(category=obj) | Q(category__parent=obj)).values_list("pk", flat=True)


@admin.register(Product)
class ProductAdmin(ReindexOnSaveMixin, admin.ModelAdmin):
    list_display = ["name", "seller", "category", "price", "stock", "tkdn_percent", "is_active"]
    list_filter = ["is_active", "category"]
    search_fields = ["name", "seller__name"]
    list_select_related = ["seller", "category"]
    raw_id_fields = ["seller"]

    def product_ids(self, obj):
        return [obj.pk]
