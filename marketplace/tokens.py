"""API tokens that expire and can be rotated.

A token lives `settings.API_TOKEN_LIFETIME` from when it was issued; after that it answers 401 and
the client asks for a new one with email and password. Rotating swaps the token for a fresh one at
once (a token that may have leaked stops working), and a password change or reset revokes it.
"""

import weakref
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections, router, transaction
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
    gives them (`token.user` and `user.auth_token` without a further query), or None."""
    using = router.db_for_read(Token)
    connection = connections[using]
    statement = _statements.get(connection)
    if statement is None:
        statement = _statements[connection] = _TokenStatement(using)
    return statement.fetch(connection, key)


# One statement per database connection. Django's connections belong to one thread each, so each
# thread compiles its own once, and it goes when the connection object does.
_statements: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _TokenStatement:
    """The SQL the ORM writes for the token and its user, with the converters the ORM would apply."""

    def __init__(self, using: str):
        self.using = using
        self.user_model = user_model = get_user_model()
        self.token_names = [f.attname for f in Token._meta.concrete_fields]
        self.user_names = [f.attname for f in user_model._meta.concrete_fields]
        placeholder = "token-key"
        columns = [*self.token_names, *(f"user__{name}" for name in self.user_names)]
        query = Token.objects.using(using).filter(key=placeholder).values_list(*columns).query
        compiler = query.get_compiler(using)
        self.sql, params = compiler.as_sql()
        assert list(params) == [placeholder], params
        # Values the driver returns as the model would not hold them (SQLite's datetimes, booleans).
        self.converters = list(compiler.get_converters([selected[0] for selected in compiler.select]).items())
        self.user_field = Token._meta.get_field("user")

    def fetch(self, connection, key: str) -> Token | None:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [key])
            row = cursor.fetchone()
        if row is None:
            return None
        if self.converters:
            row = list(row)
            for position, (converters, expression) in self.converters:
                for converter in converters:
                    row[position] = converter(row[position], expression, connection)
        split = len(self.token_names)
        token = Token.from_db(self.using, self.token_names, row[:split])
        user = self.user_model.from_db(self.using, self.user_names, row[split:])
        self.user_field.set_cached_value(token, user)
        self.user_field.remote_field.set_cached_value(user, token)
        return token
