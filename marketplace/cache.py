"""The shared cache (Redis) as an optimisation, never a dependency.

Everything the site keeps in the cache can be computed again (the shipping-rate table, anonymous
catalogue answers, page counts) or safely allowed (rate-limit counters). So when Redis is unreachable
a read answers "not cached", a write is dropped, and the caller computes or allows, instead of
turning a cache outage into 500s.

`ResilientRedisCache` is Django's Redis backend with that rule built in, configured in settings as
the default cache: every `cache.get/set/add/delete/...` of our code and of libraries (DRF's throttles,
which count our rate limits) goes through it. A short circuit breaker keeps a dead Redis cheap:
after one failure this process does not try Redis again for `CACHE_CIRCUIT_SECONDS`, so an outage
costs one failed connection per process per window, not one timeout per request.

`incr` is the one call whose caller must know: a shared counter that cannot be read is not zero.
It raises `CacheUnavailable`, and the caller picks its own fallback (the blast rate limiter counts
locally).
"""

from __future__ import annotations

import logging
import math
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

log = logging.getLogger(__name__)


class CacheUnavailable(Exception):
    """The shared cache did not answer (or the breaker is open); only raised by `incr`."""


def _outage_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class CircuitBreaker:
    """Open for `cooldown` seconds after a failure: while open, callers skip the remote call."""

    def __init__(self, cooldown: float, *, clock=time.monotonic):
        self.cooldown = cooldown
        self.clock = clock
        self.open_until = 0.0
        self.failures = 0  # outages seen by this process (each opened the breaker once)
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self.clock() < self.open_until

    def trip(self, exc: BaseException) -> None:
        with self._lock:
            if not self.is_open:
                self.failures += 1
                log.warning("Cache unreachable (%s); skipping it for %s s", exc, self.cooldown)
            self.open_until = self.clock() + self.cooldown


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str) -> CircuitBreaker:
    """One breaker per Redis location per process (Django builds a backend per thread)."""
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = CircuitBreaker(getattr(settings, "CACHE_CIRCUIT_SECONDS", 10))
        return _breakers[location]


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one `redis.Redis` per connection pool instead of building one per call.

    Building a `redis.Redis` fills a table of ~170 response callbacks; Django did it for every cache
    call, four times per checkout (rate limits, the shipping-rate table): about 6% of a checkout's
    Python calls (docs/benchmarks.md). A `redis.Redis` is safe to share: each command borrows a
    connection from the pool, as before.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class ResilientRedisCache(RedisCache):
    """Django's RedisCache whose calls degrade to "not cached" while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self.breaker = breaker_for(server if isinstance(server, str) else ",".join(server))
        self._errors = _outage_errors()
        self._scripts = {}

    def _guard(self, call, *args, fallback=None, **kwargs):
        if self.breaker.is_open:
            return fallback
        try:
            return call(*args, **kwargs)
        except self._errors as exc:
            self.breaker.trip(exc)
            return fallback

    def get(self, key, default=None, version=None):
        return self._guard(super().get, key, default, version=version, fallback=default)

    def get_many(self, keys, version=None):
        return self._guard(super().get_many, keys, version=version, fallback={})

    def has_key(self, key, version=None):
        return self._guard(super().has_key, key, version=version, fallback=False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guard(super().set, key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().set_many, data, timeout, version=version, fallback=list(data))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().add, key, value, timeout, version=version, fallback=False)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().touch, key, timeout, version=version, fallback=False)

    def delete(self, key, version=None):
        return self._guard(super().delete, key, version=version, fallback=False)

    def delete_many(self, keys, version=None):
        self._guard(super().delete_many, keys, version=version)

    def clear(self):
        return self._guard(super().clear, fallback=False)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._guard(super().incr, key, delta, version=version, fallback=missing)
        if value is missing:
            raise CacheUnavailable("the shared cache is unreachable")
        return value

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version=version)

    def log_hit(self, key: str, period: float, now: float, member: str) -> int | None:
        """Log `member` at `now` in the sorted set `key`, forget what is `period` old or older, and
        answer how many are left, itself included: one atomic script, or None while Redis is
        unreachable. The rate limits' count (marketplace/throttles.py)."""
        return self._guard(self._script, _LOG_HIT, key, now, period, member, math.ceil(period))

    def log_take_back(self, key: str, member: str) -> float | None:
        """Remove `member` from the log `key`; the time of the oldest one left, if any."""
        oldest = self._guard(self._script, _LOG_TAKE_BACK, key, member)
        return float(oldest) if oldest is not None else None

    def _script(self, source: str, key: str, *args):
        """Run a Lua script on `key` (EVALSHA, loaded once per server): one command, run atomically."""
        key = self.make_and_validate_key(key)
        client = self._cache.get_client(key, write=True)
        if (client, source) not in self._scripts:
            self._scripts[client, source] = client.register_script(source)
        return self._scripts[client, source](keys=[key], args=args)


_LOG_HIT = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return redis.call('ZCARD', KEYS[1])
"""
_LOG_TAKE_BACK = """
redis.call('ZREM', KEYS[1], ARGV[1])
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return oldest[2]
"""


def cache_state(alias: str = "default") -> str:
    """ "ok", "local" (a per-process cache: nothing to lose), or "down" (breaker open or no answer)."""
    backend = caches[alias]
    if not isinstance(backend, ResilientRedisCache):
        return "local"
    if backend.breaker.is_open:
        return "down"
    probe = object()
    answer = backend._guard(backend._cache.get_client().ping, fallback=probe)
    return "down" if answer is probe else "ok"
