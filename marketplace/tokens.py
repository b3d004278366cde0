"""API tokens that expire and can be rotated.

A token lives `settings.API_TOKEN_LIFETIME` from when it was issued; after that it answers 401 and
the client asks for a new one with email and password. Rotating swaps the token for a fresh one at
once (a token that may have leaked stops working), and a password change or reset revokes it.
"""

from datetime import datetime
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from marketplace.rows import instances, quoted_columns, statement_cursor


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
    """`Authorization: Token <key>`, refused with a 401 once the token is older than its lifetime.

    The token and its user are read with one statement compiled once per connection (`token_with_user`)
    rather than by DRF's `select_related("user").get(key=key)`, which Django compiles anew on every
    request. Nothing is cached but the SQL: a rotated or revoked token is refused on its next request.
    A refusal (no such token, an inactive user) is left to DRF's own lookup, so it reads word for word
    as before.
    """

    def authenticate_credentials(self, key):
        token = token_with_user(key)
        if token is None or not token.user.is_active:
            token = super().authenticate_credentials(key)[1]  # raises DRF's 401, in the request's language
        if token_is_expired(token):
            raise exceptions.AuthenticationFailed(_("Token sudah kedaluwarsa; minta token baru."))
        return token.user, token


def token_with_user(key: str) -> Token | None:
    """The token with this key and its user, as `Token.objects.select_related("user").filter(key=key).first()`
    gives them (`token.user` and `user.auth_token` without a further query), or None.

    Every API request asks this, so the statement is built once (marketplace/rows.py) instead of
    compiled by the ORM each time; only its text is kept, so a revoked token fails at once."""
    using = router.db_for_read(Token)
    with statement_cursor(using) as cursor:
        cursor.execute(_token_sql(using), [key])
        row = cursor.fetchone()
    if row is None:
        return None
    token, user = instances((Token, get_user_model()), row, alias=using)
    user_field = Token._meta.get_field("user")
    user_field.set_cached_value(token, user)
    user_field.remote_field.set_cached_value(user, token)
    return token


@cache
def _token_sql(using: str) -> str:
    connection = connections[using]
    qn = connection.ops.quote_name
    user_model = get_user_model()
    token, user = qn(Token._meta.db_table), qn(user_model._meta.db_table)
    columns = [*quoted_columns(Token, connection), *quoted_columns(user_model, connection)]
    return (
        f"SELECT {', '.join(columns)} FROM {token}"
        f" JOIN {user} ON {user}.{qn(user_model._meta.pk.column)} = {token}.{qn(Token._meta.get_field('user').column)}"
        f" WHERE {token}.{qn(Token._meta.get_field('key').column)} = %s"
    )
