"""HTTP API for a product's photos (docs/api.md, "Photos"): members of the owning shop add, delete and reorder."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated, NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.errors import NotAllowed, error_responses
from sellers import selectors, services_photos
from sellers.models import Product, ProductPhoto, Seller
from sellers.photos import photo_output


class PhotoOutput(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField(help_text="The product-page rendition (WebP, at most 960 px a side).")
    thumbnail_url = serializers.CharField(help_text="The card rendition (WebP, 480 x 360).")
    zoom_url = serializers.CharField(help_text="The zoom rendition (WebP, at most 2000 px a side).")
    alt = serializers.CharField()
    position = serializers.IntegerField()
    variant = serializers.IntegerField(allow_null=True, help_text="The variant this photo shows, if one.")


class PhotosOutputMixin(serializers.Serializer):
    """Adds a product's photos, in order, to a product serializer (the product detail)."""

    images = PhotoOutput(many=True, read_only=True)

    def to_representation(self, product):
        return {**super().to_representation(product), "images": [photo_output(p) for p in product.photos.all()]}


class PhotoInput(serializers.Serializer):
    image = serializers.FileField(help_text="A JPEG, PNG or WebP picture, at most 10 MB and 6,000 px a side.")
    alt = serializers.CharField(max_length=200, help_text="What the photo shows, for screen readers.")
    variant = serializers.IntegerField(required=False, help_text="The variant (of this product) it shows.")


class PhotoOrderInput(serializers.Serializer):
    images = serializers.ListField(child=serializers.IntegerField(), allow_empty=False, max_length=50)


def _own_product(request, product_id: int) -> Product:
    """The product if the user works for its shop; 403 when the product is public anyway, else 404."""
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    product = get_object_or_404(Product.objects.select_related("seller"), pk=product_id)
    if not selectors.is_member(user=request.user, seller=product.seller):
        if product.is_active and product.seller.status == Seller.Status.VERIFIED:
            raise NotAllowed(_("Hanya anggota toko pemilik produk yang boleh mengubah fotonya."))
        raise NotFound()
    return product


class ProductPhotoListApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": PhotoInput},
        responses={201: PhotoOutput, **error_responses(400, 401, 403, 404)},
        description="Adds a photo after the others (at most 8). The file's content is checked, whatever its "
        "name or declared type: JPEG, PNG or WebP only, at most 10 MB and 6,000 px a side; EXIF (with "
        "the camera's location) is removed.",
    )
    def post(self, request, product_id: int):
        product = _own_product(request, product_id)
        data = PhotoInput(data=request.data)
        data.is_valid(raise_exception=True)
        photo = services_photos.product_photo_add(
            product=product,
            upload=data.validated_data["image"],
            alt=data.validated_data["alt"],
            variant_id=data.validated_data.get("variant"),
        )
        return Response(photo_output(photo), status=status.HTTP_201_CREATED)


class ProductPhotoDetailApi(APIView):
    @extend_schema(responses={204: None, **error_responses(401, 403, 404)})
    def delete(self, request, product_id: int, image_id: int):
        product = _own_product(request, product_id)
        photo = get_object_or_404(ProductPhoto, pk=image_id, product=product)
        services_photos.product_photo_delete(photo=photo)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProductPhotoOrderApi(APIView):
    @extend_schema(
        request=PhotoOrderInput,
        responses={200: PhotoOutput(many=True), **error_responses(400, 401, 403, 404)},
        description="Puts the photos in this order; every photo of the product exactly once. The first is the "
        "cover shown on cards.",
    )
    def put(self, request, product_id: int):
        product = _own_product(request, product_id)
        data = PhotoOrderInput(data=request.data)
        data.is_valid(raise_exception=True)
        photos = services_photos.product_photos_reorder(product=product, photo_ids=data.validated_data["images"])
        return Response([photo_output(photo) for photo in photos])
