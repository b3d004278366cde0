"""A rejected shop's second try over the API (the page is sellers.views.seller_resubmit)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.errors import error_responses
from sellers import selectors, services
from sellers.api import SellerInput, SellerPrivateOutput


class SellerResubmitApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=SellerInput,
        responses={200: SellerPrivateOutput, **error_responses(400, 401, 404, 409)},
        description="A rejected shop's members correct its details and send it back to the verification queue "
        "(`status` becomes `pending`). Another shop is a 404; a shop that is not rejected a 409.",
    )
    def post(self, request, seller_id: int):
        seller = selectors.seller_of_member(user=request.user, seller_id=seller_id)
        if seller is None:
            raise Http404
        data = SellerInput(data=request.data)
        data.is_valid(raise_exception=True)
        seller = services.seller_resubmit(seller=seller, by=request.user, **data.validated_data)
        return Response(SellerPrivateOutput(seller).data)
