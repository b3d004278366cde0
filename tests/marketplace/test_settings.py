"""The settings a deployment relies on: production hardening, and the Indonesian locale."""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(__file__).resolve().parents[2]


def test_the_deploy_checks_pass_without_warnings_in_production_mode():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "example.id",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_site_speaks_indonesian_on_jakarta_time():
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.USE_TZ is True


def test_the_api_asks_anonymous_callers_to_authenticate_with_a_token():
    # DRF answers 401 (not 403) only when the first authentication class names a WWW-Authenticate scheme.
    from django.utils.module_loading import import_string
    from rest_framework.authentication import TokenAuthentication

    first = import_string(settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][0])
    assert issubclass(first, TokenAuthentication)


def test_lockout_is_after_five_failed_logins():
    assert settings.AXES_FAILURE_LIMIT == 5


def _manage_check(**overrides):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY")}
    env.update({"DJANGO_SETTINGS_MODULE": "marketplace.settings", "ALLOWED_HOSTS": "example.id", **overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_its_own_secret_key():
    result = _manage_check(DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_with_the_development_secret_key():
    import marketplace.settings

    result = _manage_check(DEBUG="false", SECRET_KEY=marketplace.settings.DEV_SECRET_KEY)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_development_still_starts_without_a_secret_key():
    assert _manage_check().returncode == 0


def test_uploaded_banners_are_served_when_serve_media_is_on(client, settings, tmp_path):
    from django.urls import clear_url_caches

    import marketplace.urls

    (tmp_path / "campaigns").mkdir()
    (tmp_path / "campaigns" / "banner.txt").write_text("kopi")
    settings.MEDIA_ROOT = str(tmp_path)
    settings.SERVE_MEDIA = True
    try:
        importlib.reload(marketplace.urls)
        clear_url_caches()
        response = client.get("/media/campaigns/banner.txt")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"kopi"
    finally:
        settings.SERVE_MEDIA = False
        importlib.reload(marketplace.urls)
        clear_url_caches()
