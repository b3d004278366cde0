"""`/healthz`: is the database reachable, and the Celery broker (or are tasks eager)?"""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:  # noqa: BLE001 - any failure means "down", and the answer says so
        return "down"


def _broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    try:
        import redis

        with redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1) as client:
            client.ping()
        return "ok"
    except Exception:  # noqa: BLE001
        return "down"


def healthz(request):
    body = {"database": _database(), "broker": _broker()}
    healthy = all(value in ("ok", "eager") for value in body.values())
    return JsonResponse(body, status=200 if healthy else 503)
