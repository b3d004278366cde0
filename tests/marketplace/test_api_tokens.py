"""API tokens expire after API_TOKEN_LIFETIME and can be rotated at any time."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.authtoken.models import Token

from marketplace.models import User
from marketplace.tokens import ExpiringTokenAuthentication, token_for, tokens_revoke
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
ROTATE = "/api/v1/auth/token/rotate/"


def get_token(api, user) -> dict:
    return api.post(TOKEN, {"email": user.email, "password": PASSWORD}, format="json").json()


def me(api, key):
    return api.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")


def test_a_token_says_when_it_expires(api, customer, settings):
    settings.API_TOKEN_LIFETIME = timedelta(days=30)

    body = get_token(api, customer)

    expires = parse_datetime(body["expires_at"])
    assert timedelta(days=29, hours=23) < expires - timezone.now() <= timedelta(days=30)


def test_an_expired_token_is_a_401(api, customer, settings):
    key = get_token(api, customer)["token"]
    Token.objects.filter(key=key).update(created=timezone.now() - settings.API_TOKEN_LIFETIME - timedelta(seconds=1))

    response = me(api, key)

    assert response.status_code == 401
    assert "kedaluwarsa" in response.json()["detail"]
    assert response["WWW-Authenticate"] == "Token"


def test_a_token_within_its_lifetime_works(api, customer):
    key = get_token(api, customer)["token"]

    assert me(api, key).status_code == 200


def test_logging_in_again_after_expiry_gives_a_new_token(api, customer, settings):
    old = get_token(api, customer)["token"]
    Token.objects.filter(key=old).update(created=timezone.now() - settings.API_TOKEN_LIFETIME)

    new = get_token(api, customer)["token"]

    assert new != old
    assert me(api, new).status_code == 200


def test_rotating_gives_a_new_token_and_the_old_one_stops_working(api, customer):
    old = get_token(api, customer)["token"]

    rotated = api.post(ROTATE, HTTP_AUTHORIZATION=f"Token {old}")

    assert rotated.status_code == 200
    new = rotated.json()["token"]
    assert new != old and rotated.json()["expires_at"]
    assert me(api, old).status_code == 401
    assert me(api, new).status_code == 200


def test_rotating_needs_credentials(api):
    assert api.post(ROTATE).status_code == 401


def test_an_expired_token_cannot_rotate_itself(api, customer, settings):
    key = get_token(api, customer)["token"]
    Token.objects.filter(key=key).update(created=timezone.now() - settings.API_TOKEN_LIFETIME)

    assert api.post(ROTATE, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_the_lifetime_comes_from_the_environment():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "API_TOKEN_LIFETIME_DAYS": "7"}
    code = "from marketplace import settings; print(settings.API_TOKEN_LIFETIME.days)"
    cwd = Path(__file__).resolve().parents[2]

    result = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True)

    assert result.stdout.strip() == "7", result.stderr


# ---- the lookup: one statement compiled once, nothing else kept -------------------------------------


def test_a_revoked_token_is_refused_on_its_very_next_request(api, customer):
    key = get_token(api, customer)["token"]
    assert me(api, key).status_code == 200

    tokens_revoke(user=customer)  # as a password change does

    response = me(api, key)
    assert response.status_code == 401
    assert response.json() == {"detail": "Token tidak valid."}  # DRF's words, in Indonesian from locale/id


def test_a_deactivated_users_token_is_refused_on_its_very_next_request(api, customer):
    key = get_token(api, customer)["token"]
    assert me(api, key).status_code == 200

    User.objects.filter(pk=customer.pk).update(is_active=False)

    response = me(api, key)
    assert response.status_code == 401
    assert response.json() == {"detail": "Pengguna tidak akfif atau telah dihapus."}


def test_the_token_and_its_user_are_those_the_orm_reads_and_need_no_further_query(customer):
    token = token_for(user=customer)
    expected = Token.objects.select_related("user").get(key=token.key)

    with CaptureQueriesContext(connection) as queries:
        user, found = ExpiringTokenAuthentication().authenticate_credentials(token.key)
        assert found.user is user and user.auth_token is found

    assert len(queries) == 1
    assert (found.key, found.user_id, found.created) == (expected.key, expected.user_id, expected.created)
    assert {f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields} == {
        f.attname: getattr(expected.user, f.attname) for f in User._meta.concrete_fields
    }
    assert not found._state.adding and not user._state.adding


def test_authenticating_a_token_compiles_no_sql(customer):
    key = token_for(user=customer).key
    authentication = ExpiringTokenAuthentication()
    authentication.authenticate_credentials(key)  # the first on this connection compiles the statement

    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as as_sql:
        user, _ = authentication.authenticate_credentials(key)

    assert user == customer
    assert as_sql.call_count == 0
