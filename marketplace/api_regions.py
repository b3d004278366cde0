"""Reference lists of regencies and districts, for the address pickers of shops and buyers."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace import regions
from marketplace.errors import error_responses
from marketplace.provinces import PROVINCE_CHOICES


class RegencyOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    province = serializers.CharField()


class DistrictOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    regency = serializers.CharField()


class RegencyQuery(serializers.Serializer):
    province = serializers.ChoiceField(choices=PROVINCE_CHOICES, required=False)


class DistrictQuery(serializers.Serializer):
    regency = serializers.RegexField(
        regions.REGENCY_CODE.pattern + r"\Z", error_messages={"invalid": _("Kode kabupaten/kota seperti 34.71.")}
    )


class RegencyListApi(APIView):
    """All 514 regencies and cities, or those of one province."""

    authentication_classes = []

    @extend_schema(
        parameters=[OpenApiParameter("province", str, description="Kemendagri province code, e.g. 34")],
        responses={200: RegencyOutput(many=True), **error_responses(400)},
    )
    def get(self, request):
        query = RegencyQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        province = query.validated_data.get("province")
        rows = regions.regency_list(province=province) if province else regions.Regency.objects.order_by("code")
        return Response([{"code": r.code, "name": r.name, "province": r.province} for r in rows])


class DistrictListApi(APIView):
    """The districts (kecamatan) of one regency."""

    authentication_classes = []

    @extend_schema(
        parameters=[OpenApiParameter("regency", str, required=True, description="Regency code, e.g. 34.71")],
        responses={200: DistrictOutput(many=True), **error_responses(400)},
    )
    def get(self, request):
        query = DistrictQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = regions.district_list(regency=query.validated_data["regency"])
        return Response([{"code": d.code, "name": d.name, "regency": d.regency_id} for d in rows])
