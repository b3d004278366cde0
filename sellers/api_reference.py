"""HTTP API for reference data: provinces and categories (docs/api.md, "Reference data")."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.provinces import PROVINCE_CHOICES
from sellers import selectors
from sellers.models import Category


class CategoryOutput(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "slug", "name", "parent"]


class ProvinceOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ProvinceListApi(APIView):
    @extend_schema(responses=ProvinceOutput(many=True))
    def get(self, request):
        return Response([{"code": code, "name": name} for code, name in PROVINCE_CHOICES])


class CategoryListApi(generics.ListAPIView):
    serializer_class = CategoryOutput
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return selectors.category_list()
