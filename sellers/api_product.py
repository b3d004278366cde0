"""HTTP API for one product (docs/api.md, "Catalogue"): its public detail with its variants; members of
the owning shop edit and deactivate it. Apart from sellers/api.py for size."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated, NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.errors import NotAllowed, error_responses
from sellers import selectors, services
from sellers.api import ProductMemberOutput, ProductOutput, ProductUpdateInput, with_quotes
from sellers.api_photos import PhotoOutput
from sellers.api_variants import VariantOutput, product_variants_output
from sellers.models import Product, Seller
from sellers.photos import photo_output


class ProductDetailOutput(ProductOutput):
    """A product's own page: also its variants, each with its price now, and its photos in order."""

    variants = VariantOutput(many=True, read_only=True)
    images = PhotoOutput(many=True, read_only=True)

    class Meta(ProductOutput.Meta):
        fields = [*ProductOutput.Meta.fields, "variants", "images"]


class ProductDetailApi(APIView):
    """Public read of an active product; members of the owning shop also edit and deactivate it."""

    def _public(self, product_id):
        return get_object_or_404(selectors.product_public_list(), pk=product_id)

    def _own(self, request, product_id):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        product = get_object_or_404(Product.objects.select_related("seller", "category"), pk=product_id)
        if not selectors.is_member(user=request.user, seller=product.seller):
            # A product on sale is public, so saying "not yours" reveals nothing; a hidden one stays hidden.
            if product.is_active and product.seller.status == Seller.Status.VERIFIED:
                raise NotAllowed(_("Hanya anggota toko pemilik produk yang boleh mengubahnya."))
            raise NotFound()
        return product

    @extend_schema(responses={200: ProductDetailOutput, **error_responses(404)})
    def get(self, request, product_id: int):
        product = self._public(product_id)
        body = ProductOutput(product, context=with_quotes([product], request)).data
        images = [photo_output(photo) for photo in product.photos.all()]
        return Response({**body, "variants": product_variants_output(product, request), "images": images})

    @extend_schema(
        request=ProductUpdateInput(partial=True),
        responses={200: ProductMemberOutput, **error_responses(400, 401, 403, 404)},
    )
    def patch(self, request, product_id: int):
        product = self._own(request, product_id)
        data = ProductUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        product = services.product_update(product=product, **data.validated_data)
        return Response(ProductMemberOutput(product, context=with_quotes([product], request)).data)

    @extend_schema(
        responses={204: None, **error_responses(401, 403, 404)},
        description="Takes the product off sale; placed orders keep their lines, so nothing is deleted.",
    )
    def delete(self, request, product_id: int):
        product = self._own(request, product_id)
        services.product_deactivate(product=product)
        return Response(status=status.HTTP_204_NO_CONTENT)
