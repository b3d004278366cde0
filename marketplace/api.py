"""HTTP API for accounts (docs/api.md, "Accounts")."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace import selectors, services, tokens
from marketplace.errors import error_responses
from marketplace.throttles import AuthRateThrottle


class RegisterInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)
    full_name = serializers.CharField(max_length=150)
    marketing_opt_in = serializers.BooleanField(required=False, default=False)


class RegisterOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    token = serializers.CharField()


class TokenInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class TokenOutput(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField(help_text="After this the token answers 401: ask for a new one")


def _token_body(token) -> dict:
    return TokenOutput({"token": token.key, "expires_at": tokens.token_expires_at(token)}).data


class MeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    roles = serializers.ListField(child=serializers.ChoiceField(choices=["customer", "seller", "ministry"]))
    marketing_opt_in = serializers.BooleanField()
    sellers = serializers.ListField(child=serializers.IntegerField())


class MeInput(serializers.Serializer):
    full_name = serializers.CharField(max_length=150, required=False)
    marketing_opt_in = serializers.BooleanField(required=False)


def _me(user) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "roles": selectors.user_roles(user=user),
        "marketing_opt_in": user.marketing_opt_in,
        "sellers": selectors.user_seller_ids(user=user),
    }


class RegisterApi(APIView):
    authentication_classes = []
    throttle_classes = [AuthRateThrottle]

    @extend_schema(request=RegisterInput, responses={201: RegisterOutput, **error_responses(400, 429)})
    def post(self, request):
        data = RegisterInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_register(**data.validated_data)
        body = {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "token": services.user_token(user=user),
        }
        return Response(body, status=status.HTTP_201_CREATED)


class TokenApi(APIView):
    """Exchange email and password for a token. Repeated failures lock the account and address out."""

    authentication_classes = []
    throttle_classes = [AuthRateThrottle]

    @extend_schema(request=TokenInput, responses={200: TokenOutput, **error_responses(400, 429)})
    def post(self, request):
        data = TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_authenticate(
            request=request, email=data.validated_data["email"], password=data.validated_data["password"]
        )
        if getattr(request, "axes_locked_out", False):
            return Response(
                {"detail": _("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit.")},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        if user is None:
            raise serializers.ValidationError({"non_field_errors": [_("Email atau kata sandi salah.")]})
        return Response(_token_body(tokens.token_for(user=user)))


class TokenRotateApi(APIView):
    """Swap the caller's token for a new one; the old token stops working at once."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [AuthRateThrottle]

    @extend_schema(request=None, responses={200: TokenOutput, **error_responses(401, 429)})
    def post(self, request):
        return Response(_token_body(tokens.token_rotate(user=request.user)))


class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MeOutput, **error_responses(401)})
    def get(self, request):
        return Response(_me(request.user))

    @extend_schema(request=MeInput, responses={200: MeOutput, **error_responses(400, 401)})
    def patch(self, request):
        data = MeInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_update(user=request.user, **data.validated_data)
        return Response(_me(request.user))
