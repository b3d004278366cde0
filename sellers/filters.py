"""Catalogue filters shared by the product API and the catalogue page."""

import django_filters
from django import forms
from django.db.models import Case, ExpressionWrapper, F, FloatField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.pricing import pricing_backend
from marketplace.provinces import PROVINCE_CHOICES
from sellers.models import Category, Product
from sellers.search import search_backend
from sellers.search.text import query_words
from sellers.selectors import category_descendant_ids

# The largest id a database row can have (64-bit keys); a larger `?seller=` is a 400, not an overflow.
MAX_ID = 2**63 - 1


class CategoryChoiceField(forms.ModelChoiceField):
    """A category by id (`?category=3`) or by slug (`?category=kopi`)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        key = "pk" if value.isascii() and value.isdigit() else "slug"
        # A NUL byte can never be in a slug, and PostgreSQL refuses to even compare with one; no id has
        # more than 19 digits, and the lookup's int() refuses thousands of them with an error.
        hopeless = "\x00" in value or (key == "pk" and len(value) > 19)
        category = None if hopeless else self.queryset.filter(**{key: value}).first()
        if category is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return category


class SearchField(forms.CharField):
    """What a shopper typed; it must hold at least one letter or digit (`???` alone is a 400, not everything)."""

    def clean(self, value):
        value = super().clean(value)
        if value and value.strip() and not query_words(value):
            raise forms.ValidationError(_("Kata pencarian harus berisi huruf atau angka."), code="no_words")
        return value


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class YesNoField(forms.NullBooleanField):
    """`true`/`false` (or `1`/`0`); anything else is a 400 rather than silently ignored."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if str(value).lower() in ("true", "1"):
            return True
        if str(value).lower() in ("false", "0"):
            return False
        raise forms.ValidationError(_("Pilih true atau false."), code="invalid")

    def validate(self, value):
        pass


class YesNoFilter(django_filters.BooleanFilter):
    field_class = YesNoField


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryChoiceField


class IdFilter(django_filters.NumberFilter):
    """A whole-number id; `1.5` or an id beyond any key is a 400 instead of a rounded or failing lookup."""

    field_class = forms.IntegerField


class ProductOrderingFilter(django_filters.OrderingFilter):
    """`price`, `-price`, `created`, `-created`, `-rating` (best rated first, unrated last, more
    reviews before fewer at the same average); ties broken by id so pages never overlap."""

    def filter(self, qs, value):
        if value and value[0] in ("rating", "-rating"):
            average = Case(
                When(rating_count=0, then=Value(None)),
                default=ExpressionWrapper(F("rating_sum") * 1.0 / F("rating_count"), output_field=FloatField()),
                output_field=FloatField(),
            )
            direction = "desc" if value[0] == "-rating" else "asc"
            return qs.annotate(rating_average_sort=average).order_by(
                getattr(F("rating_average_sort"), direction)(nulls_last=True), "-rating_count", "-id"
            )
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "-id")
        return qs


class ProductFilter(django_filters.FilterSet):
    search = SearchFilter(method="filter_search", max_length=100, label="Cari")
    category = CategoryFilter(queryset=Category.objects.all(), method="filter_category", label="Kategori")
    province = django_filters.ChoiceFilter(choices=PROVINCE_CHOICES, field_name="seller__province", label="Provinsi")
    seller = IdFilter(field_name="seller_id", min_value=1, max_value=MAX_ID, label="Toko")
    min_tkdn = django_filters.NumberFilter(field_name="tkdn_percent", lookup_expr="gte", min_value=0, max_value=100)
    campaign = django_filters.CharFilter(method="filter_campaign", max_length=140, label="Kampanye")
    in_stock = django_filters.BooleanFilter(method="filter_in_stock", label="Ada stok")
    in_campaign = YesNoFilter(method="filter_in_campaign", label="Dalam kampanye")
    min_price = django_filters.NumberFilter(field_name="price", lookup_expr="gte", min_value=0, max_value=10**12)
    max_price = django_filters.NumberFilter(field_name="price", lookup_expr="lt", min_value=1, max_value=10**12)
    ordering = ProductOrderingFilter(
        fields=(("price", "price"), ("created_at", "created"), ("rating_count", "rating")),
        field_labels={"price": "Harga", "created_at": "Terbaru", "rating_count": "Rating"},
    )

    class Meta:
        model = Product
        fields = [
            "search",
            "category",
            "province",
            "seller",
            "min_tkdn",
            "campaign",
            "in_stock",
            "in_campaign",
            "min_price",
            "max_price",
        ]

    def filter_search(self, queryset, name, value):
        """Every word must match; the result comes in relevance order unless `ordering` asks otherwise
        (the ordering filter runs after this one)."""
        if not value.strip():
            return queryset
        return search_backend().search(queryset, value)

    def filter_category(self, queryset, name, value):
        return queryset.filter(category_id__in=category_descendant_ids([value.pk]))

    def filter_campaign(self, queryset, name, value):
        return pricing_backend().filter_campaign(queryset, value.strip())

    def filter_in_stock(self, queryset, name, value):
        return queryset.filter(stock__gt=0) if value else queryset.filter(stock=0)

    def filter_in_campaign(self, queryset, name, value):
        if value:
            return pricing_backend().filter_in_campaign(queryset, timezone.now())
        in_campaign = pricing_backend().filter_in_campaign(Product.objects.all(), timezone.now())
        return queryset.exclude(pk__in=in_campaign.values("pk"))
