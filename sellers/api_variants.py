"""HTTP API for a product's variants (docs/api.md, "Variants"): members of the owning shop add,
change and deactivate them; everyone sees the active ones on the product."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated, NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.errors import NotAllowed, error_responses
from marketplace.pricing import quote_variants
from sellers import selectors, services_variants
from sellers.models import Product, ProductVariant, Seller


class VariantOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="Blank for the one variant of a product without options")
    sku = serializers.CharField()
    price = serializers.IntegerField()
    price_now = serializers.IntegerField(help_text="What a buyer pays now (a campaign's price, if any)")
    stock = serializers.IntegerField()
    weight_grams = serializers.IntegerField()


class VariantMemberOutput(VariantOutput):
    is_active = serializers.BooleanField()


class VariantInput(serializers.Serializer):
    name = serializers.CharField(max_length=80)
    sku = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    price = serializers.IntegerField(min_value=1, max_value=10**12)
    stock = serializers.IntegerField(min_value=0, max_value=10**9)
    weight_grams = serializers.IntegerField(min_value=1, max_value=10**8)


class VariantUpdateInput(VariantInput):
    name = serializers.CharField(max_length=80, allow_blank=True)
    position = serializers.IntegerField(min_value=0, max_value=32767, required=False)
    is_active = serializers.BooleanField(required=False)


def variants_output(variants, request, *, member: bool = False) -> list[dict]:
    """The variants with their price now: one pricing call for all of them."""
    variants = list(variants)
    user = request.user if request.user.is_authenticated else None
    quotes = quote_variants(variants, timezone.now(), buyer=user)
    rows = []
    for v in variants:
        row = {
            "id": v.pk,
            "name": v.name,
            "sku": v.sku,
            "price": v.price,
            "price_now": quotes[v.pk].unit_price,
            "stock": v.stock,
            "weight_grams": v.weight_grams,
        }
        rows.append({**row, "is_active": v.is_active} if member else row)
    return rows


def page_variants_output(products, request) -> dict[int, list[dict]]:
    """The active variants of a page of products, by product id: one query and one pricing call."""
    by_id = {product.pk: product for product in products}
    variants = list(ProductVariant.objects.filter(product_id__in=by_id, is_active=True))
    for variant in variants:
        variant.product = by_id[variant.product_id]
    grouped: dict[int, list[dict]] = {product_id: [] for product_id in by_id}
    for variant, row in zip(variants, variants_output(variants, request), strict=True):
        grouped[variant.product_id].append(row)
    return grouped


def product_variants_output(product: Product, request) -> list[dict]:
    """A product's active variants, for the product's public detail."""
    variants = ProductVariant.objects.filter(product=product, is_active=True)
    for variant in variants:
        variant.product = product
    return variants_output(variants, request)


def _own(request, product: Product) -> None:
    """Members of the owning shop only: 403 where the product is public anyway, 404 where it is hidden."""
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    if selectors.is_member(user=request.user, seller=product.seller):
        return
    if product.is_active and product.seller.status == Seller.Status.VERIFIED:
        raise NotAllowed(_("Hanya anggota toko pemilik produk yang boleh mengubah variannya."))
    raise NotFound()


class ProductVariantListApi(APIView):
    @extend_schema(request=VariantInput, responses={201: VariantMemberOutput, **error_responses(400, 401, 403, 404)})
    def post(self, request, product_id: int):
        product = get_object_or_404(Product.objects.select_related("seller"), pk=product_id)
        _own(request, product)
        data = VariantInput(data=request.data)
        data.is_valid(raise_exception=True)
        variant = services_variants.variant_create(product=product, **data.validated_data)
        variant.product = product
        return Response(variants_output([variant], request, member=True)[0], status=status.HTTP_201_CREATED)


class VariantDetailApi(APIView):
    def _own(self, request, variant_id: int) -> ProductVariant:
        variant = get_object_or_404(ProductVariant.objects.select_related("product__seller"), pk=variant_id)
        _own(request, variant.product)
        return variant

    @extend_schema(
        request=VariantUpdateInput(partial=True),
        responses={200: VariantMemberOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request, variant_id: int):
        variant = self._own(request, variant_id)
        data = VariantUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        variant = services_variants.variant_update(variant=variant, **data.validated_data)
        return Response(variants_output([variant], request, member=True)[0])

    @extend_schema(
        responses={204: None, **error_responses(401, 403, 404, 409)},
        description="Takes the variant off sale (a product keeps at least one); placed orders keep their lines.",
    )
    def delete(self, request, variant_id: int):
        services_variants.variant_deactivate(variant=self._own(request, variant_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
