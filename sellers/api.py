"""HTTP API for shops and the catalogue (docs/api.md: "Shops", "Catalogue", "Reference data")."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.errors import NotAllowed, error_responses
from marketplace.pagination import CataloguePagination
from marketplace.permissions import IsMinistry
from marketplace.pricing import quote, seconds_prices_hold
from sellers import selectors, services
from sellers.api_rating import RatingOutput
from sellers.api_shipping import SellerInput
from sellers.api_variants import VariantOutput, page_variants_output, product_variants_output
from sellers.filters import ProductFilter
from sellers.models import Category, Product, Seller
from sellers.photos import card_image_url

# ---- serializers -------------------------------------------------------------------------------


class SellerOutput(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Seller
        fields = [
            "id",
            "name",
            "slug",
            "url",
            "description",
            "province",
            "city",
            "regency",
            "district",
            "postal_code",
            "couriers",
            "scale",
            "status",
            "e_smart_ikm",
            "verified_at",
        ]


class SellerPrivateOutput(SellerOutput):
    """What the shop's members and the ministry see."""

    class Meta(SellerOutput.Meta):
        fields = [*SellerOutput.Meta.fields, "nib", "rejection_reason"]


class SellerListQuery(serializers.Serializer):
    status = serializers.ChoiceField(choices=Seller.Status.choices, required=False)


class RejectInput(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class ProductSellerOutput(serializers.ModelSerializer):
    class Meta:
        model = Seller
        fields = ["id", "name", "province"]


class ProductCategoryOutput(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "slug", "name"]


class CampaignBadgeOutput(serializers.Serializer):
    slug = serializers.CharField()
    hashtag = serializers.CharField()


class ProductOutput(serializers.ModelSerializer):
    """A product with what it costs now (the fields docs/api.md lists, no more); the view passes the page's quotes."""

    url = serializers.CharField(source="get_absolute_url", read_only=True)
    price_now = serializers.SerializerMethodField()
    campaign = serializers.SerializerMethodField()
    bangga_buatan_indonesia = serializers.BooleanField(read_only=True)
    seller = ProductSellerOutput(read_only=True)
    category = ProductCategoryOutput(read_only=True)
    rating = RatingOutput(source="*", read_only=True)
    units_sold = serializers.IntegerField(read_only=True, help_text="Units sold, from the sales ledger")
    image = serializers.CharField(allow_null=True, read_only=True, help_text="The first photo's card rendition.")

    class Meta:
        model = Product
        fields = [
            "id",
            "name",
            "slug",
            "url",
            "description",
            "price",
            "price_now",
            "campaign",
            "stock",
            "weight_grams",
            "tkdn_percent",
            "bangga_buatan_indonesia",
            "seller",
            "category",
            "rating",
            "units_sold",
            "image",
        ]

    def _quote(self, product):
        return self.context["quotes"][product.pk]

    def get_price_now(self, product) -> int:
        return self._quote(product).unit_price

    @extend_schema_field(CampaignBadgeOutput(allow_null=True))
    def get_campaign(self, product) -> dict | None:
        ref = self._quote(product).campaign
        return {"slug": ref.slug, "hashtag": ref.hashtag} if ref else None

    def to_representation(self, product):
        """Built by hand: a catalogue page renders up to 100 of these, and DRF's generic walk over
        the fields cost more than the page's queries. The declared fields still describe it in the
        schema, and a test compares both."""
        quote = self._quote(product)
        seller, category = product.seller, product.category
        return {
            "id": product.pk,
            "name": product.name,
            "slug": product.slug,
            "url": product.get_absolute_url(),
            "description": product.description,
            "price": product.price,
            "price_now": quote.unit_price,
            "campaign": {"slug": quote.campaign.slug, "hashtag": quote.campaign.hashtag} if quote.campaign else None,
            "stock": product.stock,
            "weight_grams": product.weight_grams,
            "tkdn_percent": product.tkdn_percent,
            "bangga_buatan_indonesia": product.bangga_buatan_indonesia,
            "seller": {"id": seller.pk, "name": seller.name, "province": seller.province},
            "category": {"id": category.pk, "slug": category.slug, "name": category.name},
            "rating": {"average": product.rating_average, "count": product.rating_count},
            "units_sold": product.units_sold,
            "image": card_image_url(product),
        }


class ProductListOutput(ProductOutput):
    """A product in a page of the catalogue: also its variants, read for the whole page at once
    (`page_variants_output` in the context), so a client can order one without another read."""

    variants = serializers.SerializerMethodField()

    class Meta(ProductOutput.Meta):
        fields = [*ProductOutput.Meta.fields, "variants"]

    @extend_schema_field(VariantOutput(many=True))
    def get_variants(self, product) -> list[dict]:
        return self.context["variants"].get(product.pk, [])

    def to_representation(self, product):
        return {**super().to_representation(product), "variants": self.get_variants(product)}


class ProductMemberOutput(ProductOutput):
    """What the shop's members get back when they add or change a product: also whether it is on sale,
    and its variants (a new product has the one made with it), so the next call can name one."""

    variants = serializers.SerializerMethodField()

    class Meta(ProductOutput.Meta):
        fields = [*ProductOutput.Meta.fields, "is_active", "variants"]

    @extend_schema_field(VariantOutput(many=True))
    def get_variants(self, product) -> list[dict]:
        return product_variants_output(product, self.context["request"])

    def to_representation(self, product):
        body = super().to_representation(product)
        return {**body, "is_active": product.is_active, "variants": self.get_variants(product)}


class ProductInput(serializers.Serializer):
    name = serializers.CharField(max_length=160)
    description = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    price = serializers.IntegerField(min_value=1, max_value=10**12)
    stock = serializers.IntegerField(min_value=0, max_value=10**9)
    weight_grams = serializers.IntegerField(min_value=1, max_value=10**8)
    tkdn_percent = serializers.IntegerField(min_value=0, max_value=100, required=False, default=0)


class ProductUpdateInput(ProductInput):
    is_active = serializers.BooleanField(required=False)


def with_quotes(products, request) -> dict:
    """Serializer context holding the price quotes of a whole page (one pricing call, not one per row)."""
    user = request.user if request.user.is_authenticated else None
    return {"request": request, "quotes": quote(products, timezone.now(), buyer=user)}


# ---- shops -------------------------------------------------------------------------------------


def _seller_output(seller, request):
    private = selectors.seller_shows_private(user=request.user, seller=seller)
    return (SellerPrivateOutput if private else SellerOutput)(seller).data


class SellerListApi(generics.ListAPIView):
    """Verified shops; the ministry sees every shop, with its NIB and rejection reason, and may filter by status."""

    serializer_class = SellerOutput
    filter_backends = []

    def get_queryset(self):
        query = SellerListQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.seller_list(user=self.request.user, status=query.validated_data.get("status"))

    def get_serializer_class(self):
        if self.request.user.is_authenticated and self.request.user.is_ministry:
            return SellerPrivateOutput
        return SellerOutput

    @extend_schema(
        parameters=[SellerListQuery],
        responses={200: SellerOutput(many=True), **error_responses(400, 404)},
        description="Verified shops. Ministry staff see every shop, also `nib` and `rejection_reason`, and may "
        "filter with `?status=`; for others a valid `status` changes nothing.",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=SellerInput, responses={201: SellerPrivateOutput, **error_responses(400, 401)})
    def post(self, request):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        data = SellerInput(data=request.data)
        data.is_valid(raise_exception=True)
        seller = services.seller_register(owner=request.user, **data.validated_data)
        return Response(SellerPrivateOutput(seller).data, status=status.HTTP_201_CREATED)


class SellerDetailApi(APIView):
    @extend_schema(
        responses={200: SellerPrivateOutput, **error_responses(404)},
        description="`nib` and `rejection_reason` only for the shop's members and the ministry. A shop that is "
        "not verified is a 404 for everyone else.",
    )
    def get(self, request, seller_id: int):
        seller = get_object_or_404(selectors.seller_visible_list(user=request.user), pk=seller_id)
        return Response(_seller_output(seller, request))


class SellerVerifyApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(request=None, responses={200: SellerPrivateOutput, **error_responses(401, 403, 404, 409)})
    def post(self, request, seller_id: int):
        seller = get_object_or_404(Seller, pk=seller_id)
        seller = services.seller_verify(seller=seller, by=request.user)
        return Response(SellerPrivateOutput(seller).data)


class SellerRejectApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(
        request=RejectInput, responses={200: SellerPrivateOutput, **error_responses(400, 401, 403, 404, 409)}
    )
    def post(self, request, seller_id: int):
        seller = get_object_or_404(Seller, pk=seller_id)
        data = RejectInput(data=request.data)
        data.is_valid(raise_exception=True)
        seller = services.seller_reject(seller=seller, by=request.user, reason=data.validated_data["reason"])
        return Response(SellerPrivateOutput(seller).data)


# ---- products ----------------------------------------------------------------------------------


class SellerProductCreateApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ProductInput, responses={201: ProductMemberOutput, **error_responses(400, 401, 403, 404, 409)}
    )
    def post(self, request, seller_id: int):
        seller = get_object_or_404(selectors.seller_visible_list(user=request.user), pk=seller_id)
        if not selectors.is_member(user=request.user, seller=seller):
            raise NotAllowed(_("Hanya anggota toko ini yang boleh menambah produk."))
        data = ProductInput(data=request.data)
        data.is_valid(raise_exception=True)
        product = services.product_create(seller=seller, **data.validated_data)
        return Response(
            ProductMemberOutput(product, context=with_quotes([product], request)).data, status=status.HTTP_201_CREATED
        )


class ProductListApi(generics.ListAPIView):
    serializer_class = ProductListOutput
    filterset_class = ProductFilter
    pagination_class = CataloguePagination

    def get_queryset(self):
        return selectors.product_public_list()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "category",
                OpenApiTypes.STR,
                description="A category id or slug; a parent category (`kopi`) includes its sub-categories.",
            ),
            OpenApiParameter("seller", OpenApiTypes.INT, description="A shop's id."),
            OpenApiParameter("ordering", OpenApiTypes.STR, enum=["price", "-price", "created", "-created", "-rating"]),
        ],
        responses={200: ProductListOutput(many=True), **error_responses(400, 404)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        """Anonymous visitors share a briefly cached answer (never across a campaign's start or end);
        logged-in buyers, whose prices may depend on what they already bought, always get a fresh one."""
        cache_seconds = settings.CATALOGUE_CACHE_SECONDS
        if request.user.is_authenticated or not cache_seconds:
            return self._fresh(request)
        key = "catalogue:" + hashlib.sha1(request.get_full_path().encode()).hexdigest()
        body = cache.get(key)
        if body is None:
            body = self._fresh(request).data
            seconds = seconds_prices_hold(timezone.now(), at_most=cache_seconds)
            if seconds > 0:
                cache.set(key, body, seconds)
        return Response(body)

    def _fresh(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = {**with_quotes(page, request), "variants": page_variants_output(page, request)}
        serializer = ProductListOutput(page, many=True, context=context)
        return self.get_paginated_response(serializer.data)
