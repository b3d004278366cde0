"""docs/api.md, "Operations": `/healthz` says whether the database and the Celery broker answer, and
reports the cache."""

import socket

import pytest

pytestmark = pytest.mark.django_db

# The cache is reported too, but never decides the status: "local" without REDIS_URL, "ok" with it.
CACHE = "ok" if __import__("os").environ.get("REDIS_URL") else "local"


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthz_is_ok_with_eager_tasks_in_the_default_settings(client, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is True

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "eager", "cache": CACHE}


def test_healthz_needs_no_login(client, django_user_model):
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("broker_url", ["redis://127.0.0.1:1/0", "closed-port", "amqp-closed-port"])
def test_healthz_is_503_naming_the_broker_when_it_is_down(client, settings, broker_url):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = {
        "closed-port": f"redis://127.0.0.1:{closed_port()}/0",
        "amqp-closed-port": f"amqp://guest:guest@127.0.0.1:{closed_port()}//",
    }.get(broker_url, broker_url)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "down", "cache": CACHE}


def test_healthz_is_503_naming_the_database_when_it_is_down(client, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OSError("connection refused")

    monkeypatch.setattr("marketplace.health.connection", Unreachable())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "down", "broker": "eager", "cache": CACHE}


def test_a_broker_url_that_is_not_redis_counts_as_down_rather_than_crashing(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "not a url"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["broker"] == "down"


@pytest.mark.skipif("not __import__('os').environ.get('REDIS_URL')", reason="needs a real Redis (REDIS_URL)")
def test_healthz_is_ok_with_a_reachable_broker(client, settings):
    import os

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = os.environ["REDIS_URL"]

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "cache": "ok"}
