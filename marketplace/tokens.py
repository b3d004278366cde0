"""API tokens that expire and can be rotated.

A token lives `settings.API_TOKEN_LIFETIME` from when it was issued; after that it answers 401 and
the client asks for a new one with email and password. Rotating swaps the token for a fresh one at
once (a token that may have leaked stops working), and a password change or reset revokes it.
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def token_expires_at(token: Token) -> datetime:
    return token.created + settings.API_TOKEN_LIFETIME


def token_is_expired(token: Token, *, now: datetime | None = None) -> bool:
    return (now or timezone.now()) >= token_expires_at(token)


def token_for(*, user) -> Token:
    """The user's current token, or a new one when there is none or it has expired."""
    with transaction.atomic():
        token = Token.objects.select_for_update().filter(user=user).first()
        if token is not None and not token_is_expired(token):
            return token
        if token is not None:
            token.delete()
        return Token.objects.create(user=user)


def token_rotate(*, user) -> Token:
    """Replace the user's token with a new one; the old one stops working now."""
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user)


def tokens_revoke(*, user) -> None:
    """Forget the user's API token (after a password change or reset: it may be why they changed it)."""
    Token.objects.filter(user=user).delete()


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, refused with a 401 once the token is older than its lifetime."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_is_expired(token):
            raise exceptions.AuthenticationFailed(_("Token sudah kedaluwarsa; minta token baru."))
        return user, token
