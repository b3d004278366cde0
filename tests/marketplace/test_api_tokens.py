"""API tokens expire after API_TOKEN_LIFETIME and can be rotated at any time."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.authtoken.models import Token

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
