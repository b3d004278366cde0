"""HTTP API of reviews (docs/api.md, "After-sales"): write and list a product's reviews, reply, hide, vote."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.errors import error_responses
from marketplace.pagination import PageNumberPagination
from marketplace.permissions import IsMinistry
from orders.models_aftersales import Review
from orders.selectors_reviews import ORDERS, reviews_of_product
from orders.services import reviews
from sellers.models import Product
from sellers.selectors import product_public_list


def author_name(user) -> str:
    """First name and the initial of the last: a review is public, the buyer's full name is not."""
    parts = (user.full_name or "").split()
    if not parts:
        return _("Pembeli")
    return parts[0] if len(parts) == 1 else f"{parts[0]} {parts[-1][0]}."


class ReviewInput(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    text = serializers.CharField(max_length=reviews.TEXT_MAX, required=False, allow_blank=True, default="")
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=reviews.PHOTOS_MAX, default=list
    )


class TextInput(serializers.Serializer):
    text = serializers.CharField(max_length=reviews.TEXT_MAX)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=255)


class ReplyOutput(serializers.Serializer):
    text = serializers.CharField(source="reply")
    created_at = serializers.DateTimeField(source="replied_at")


class ReviewOutput(serializers.Serializer):
    id = serializers.IntegerField()
    rating = serializers.IntegerField()
    text = serializers.CharField()
    author_name = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    helpful_count = serializers.IntegerField()
    photos = serializers.SerializerMethodField()
    reply = serializers.SerializerMethodField()

    def get_photos(self, review) -> list[str]:
        return [photo.image.url for photo in review.photos.all()]

    def get_author_name(self, review) -> str:
        return author_name(review.author)

    def get_reply(self, review) -> ReplyOutput(allow_null=True):
        return ReplyOutput(review).data if review.replied_at else None


class ProductReviewsApi(APIView):
    pagination_class = PageNumberPagination

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    @extend_schema(
        responses={200: ReviewOutput(many=True), **error_responses(400, 404)},
        parameters=[OpenApiParameter("order", str, enum=list(ORDERS), description="newest (default) or helpful")],
    )
    def get(self, request, product_id: int):
        product = get_object_or_404(product_public_list(), pk=product_id)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            reviews_of_product(product_id=product.pk, order=request.query_params.get("order", "newest")),
            request,
            view=self,
        )
        return paginator.get_paginated_response(ReviewOutput(page, many=True).data)

    @extend_schema(request=ReviewInput, responses={201: ReviewOutput, **error_responses(400, 401, 403, 404, 409)})
    def post(self, request, product_id: int):
        product = get_object_or_404(Product, pk=product_id)
        data = ReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        review = reviews.review_create(author=request.user, product=product, **data.validated_data)
        return Response(ReviewOutput(review).data, status=status.HTTP_201_CREATED)


class ReviewReplyApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=TextInput, responses={200: ReviewOutput, **error_responses(400, 401, 403, 404, 409)})
    def post(self, request, review_id: int):
        review = get_object_or_404(Review.objects.select_related("seller", "author"), pk=review_id)
        data = TextInput(data=request.data)
        data.is_valid(raise_exception=True)
        review = reviews.review_reply(review=review, by=request.user, text=data.validated_data["text"])
        return Response(ReviewOutput(review).data)


class ReviewHideApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(request=ReasonInput, responses={200: ReviewOutput, **error_responses(400, 401, 403, 404, 409)})
    def post(self, request, review_id: int):
        review = get_object_or_404(Review.objects.select_related("author"), pk=review_id)
        data = ReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        review = reviews.review_hide(review=review, by=request.user, reason=data.validated_data["reason"])
        return Response(ReviewOutput(review).data)


class ReviewHelpfulApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: ReviewOutput, **error_responses(401, 404, 409)})
    def post(self, request, review_id: int):
        review = get_object_or_404(Review.objects.select_related("author").filter(hidden_at__isnull=True), pk=review_id)
        review = reviews.review_vote_helpful(review=review, user=request.user)
        return Response(ReviewOutput(review).data)
