"""HTTP API of search: facet counts for a catalogue query, and suggestions as the shopper types."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.errors import error_responses
from sellers.facets import product_facets_shared
from sellers.filters import ProductFilter
from sellers.selectors import product_public_list
from sellers.suggestions import search_suggestions


class FacetCategoryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()
    children = serializers.ListField(child=serializers.DictField(), help_text="Sub-categories, same fields.")


class FacetProvinceOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class FacetPriceBandOutput(serializers.Serializer):
    min_price = serializers.IntegerField()
    max_price = serializers.IntegerField(allow_null=True, help_text="Exclusive; null: no upper bound.")
    count = serializers.IntegerField()


class FacetCountOutput(serializers.Serializer):
    count = serializers.IntegerField()


class FacetsOutput(serializers.Serializer):
    categories = FacetCategoryOutput(many=True)
    provinces = FacetProvinceOutput(many=True)
    price_bands = FacetPriceBandOutput(many=True)
    in_campaign = FacetCountOutput()


def _category_row(row) -> dict:
    category = row.category
    return {
        "id": category.pk,
        "slug": category.slug,
        "name": category.name,
        "count": row.count,
        "children": [_category_row(child) for child in row.children],
    }


def facets_body(facets) -> dict:
    return {
        "categories": [_category_row(row) for row in facets.categories],
        "provinces": [{"code": code, "name": name, "count": count} for code, name, count in facets.provinces],
        "price_bands": [
            {"min_price": band.min_price, "max_price": band.max_price, "count": band.count}
            for band in facets.price_bands
        ],
        "in_campaign": {"count": facets.in_campaign},
    }


class ProductFacetsApi(APIView):
    """Counts per category, province, price band and "in a campaign" for the catalogue's parameters."""

    @extend_schema(
        parameters=[OpenApiParameter(name, str) for name in ProductFilter.base_filters if name != "ordering"],
        responses={200: FacetsOutput, **error_responses(400)},
        description="Takes the parameters of `GET /api/v1/products/` (`search`, `category`, `province`, "
        "`min_tkdn`, `in_stock`, `in_campaign`, `min_price`, `max_price`, ...). Each facet is counted with "
        "every filter except its own, so the alternatives stay visible. The counts do not depend on who "
        "asks and are shared briefly (`CATALOGUE_CACHE_SECONDS`, never across a campaign's start or end).",
    )
    def get(self, request):
        filterset = ProductFilter(request.query_params, queryset=product_public_list(), request=request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return Response(facets_body(product_facets_shared(params=request.query_params, request=request)))


class SuggestionsQuery(serializers.Serializer):
    q = serializers.CharField(max_length=100, allow_blank=True, trim_whitespace=False)


class SuggestionOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["product", "category", "shop"])
    text = serializers.CharField()
    url = serializers.CharField(help_text="Where choosing it leads: a catalogue search, a category, a shop.")


class SuggestionsOutput(serializers.Serializer):
    query = serializers.CharField()
    suggestions = SuggestionOutput(many=True)


class SearchSuggestionsApi(APIView):
    @extend_schema(
        parameters=[SuggestionsQuery],
        responses={200: SuggestionsOutput, **error_responses(400)},
        description="Up to 8 suggestions (product names first, then categories and shops) for what has been "
        "typed so far; an empty list before 2 letters.",
    )
    def get(self, request):
        query = SuggestionsQuery(data={"q": request.query_params.get("q", "")})
        query.is_valid(raise_exception=True)
        text = query.validated_data["q"]
        suggestions = search_suggestions(text)
        return Response(
            {"query": text, "suggestions": [{"kind": s.kind, "text": s.text, "url": s.url} for s in suggestions]}
        )
