"""The cache is an optimisation: with Redis unreachable the site computes instead of failing.

`dead_redis` (tests/conftest.py) points the production cache backend at a local server that accepts
each connection and hangs up at once, counting the connections it was offered.
"""

import pytest

from marketplace.cache import CacheUnavailable, CircuitBreaker

pytestmark = pytest.mark.django_db


def test_reads_miss_and_writes_are_dropped_while_redis_is_down(dead_redis):
    from django.core.cache import cache

    cache.set("answer", 42)
    assert cache.get("answer") is None
    assert cache.get("answer", "fallback") == "fallback"
    assert cache.add("answer", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("answer") is False


def test_a_dead_redis_is_tried_once_then_skipped_while_the_breaker_is_open(dead_redis):
    from django.core.cache import cache

    for _ in range(20):
        cache.get("shipping-rates")
    assert dead_redis.connections == 1


def test_a_shared_counter_that_cannot_be_read_says_so_instead_of_counting_from_zero(dead_redis):
    from django.core.cache import cache

    with pytest.raises(CacheUnavailable):
        cache.incr("blast-rate:1", 20)


def test_the_breaker_tries_again_after_its_cooldown():
    now = [100.0]
    breaker = CircuitBreaker(10, clock=lambda: now[0])
    breaker.trip(ConnectionError("refused"))
    assert breaker.is_open
    now[0] += 9.9
    assert breaker.is_open
    now[0] += 0.2
    assert not breaker.is_open
    assert breaker.failures == 1


def test_healthz_reports_the_cache_down_but_stays_up_because_the_site_works_without_it(client, dead_redis):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["cache"] == "down"


def test_with_redis_down_rate_limits_allow_rather_than_fail(api, settings, dead_redis):
    """A limit whose counter cannot be read lets the request through: a dead cache is not an attack."""
    settings.THROTTLE_RATES = {"auth": "3/min", "anon": "4/min", "user": "5/min"}
    body = {"password": "kopi-gayo-2020", "full_name": "Pembeli Baru"}

    codes = [
        api.post("/api/v1/auth/register/", {**body, "email": f"baru{n}@example.id"}, format="json").status_code
        for n in range(5)
    ]

    assert codes == [201] * 5
