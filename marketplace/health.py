"""`/healthz`: is the database reachable, and the Celery broker (or are tasks eager)? And the cache?

The cache is reported but never makes the answer 503: the site works without it (marketplace/cache.py),
and a load balancer that took every web node out because Redis blinked would cause the outage itself.
"""

from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.http import JsonResponse

from marketplace.cache import cache_state


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:  # noqa: BLE001 - any failure means "down", and the answer says so
        return "down"


@lru_cache(maxsize=1)
def _broker_client(url: str):
    """One client (and its connection pool) per process: a new connection per probe costs more than the probe."""
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)


def _amqp_ping(url: str) -> None:
    """A broker other than Redis (RabbitMQ, when CELERY_BROKER_URL says so): open and close a connection."""
    from kombu import Connection

    with Connection(url, connect_timeout=1) as conn:
        conn.ensure_connection(max_retries=0, timeout=1)  # no retry: a probe answers now


def _broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    url = settings.CELERY_BROKER_URL
    try:
        if url.startswith(("amqp://", "amqps://", "pyamqp://")):
            _amqp_ping(url)
        else:
            _broker_client(url).ping()
        return "ok"
    except Exception:  # noqa: BLE001 - any failure means "down", and the answer says so
        return "down"


def healthz(request):
    body = {"database": _database(), "broker": _broker()}
    healthy = all(value in ("ok", "eager") for value in body.values())
    body["cache"] = cache_state()
    return JsonResponse(body, status=200 if healthy else 503)


# ---- in the OpenAPI schema ---------------------------------------------------------------------

HEALTH_OUTPUT = {
    "type": "object",
    "properties": {
        "database": {"type": "string", "enum": ["ok", "down"]},
        "broker": {"type": "string", "enum": ["ok", "eager", "down"]},
        "cache": {"type": "string", "enum": ["ok", "local", "down"], "description": "Reported; never makes a 503"},
    },
    "required": ["database", "broker", "cache"],
}


def schema_with_healthz(result, generator, request, public):
    """A drf-spectacular postprocessing hook: `/healthz` is a plain Django view (cheap enough for a load
    balancer to call every few seconds), so the generator does not see it; the schema describes it here."""
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/HealthOutput"}}}
    result.setdefault("components", {}).setdefault("schemas", {})["HealthOutput"] = HEALTH_OUTPUT
    result["paths"]["/healthz"] = {
        "get": {
            "operationId": "healthz_retrieve",
            "description": "Whether the database and the Celery broker answer (tasks may run eagerly instead).",
            "tags": ["healthz"],
            "security": [{}],
            "responses": {
                "200": {"content": body, "description": "Everything needed answers."},
                "503": {"content": body, "description": 'The database or the broker is "down".'},
            },
        }
    }
    return result
