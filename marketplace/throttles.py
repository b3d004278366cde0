"""Rate limits on the API: sign-in and sign-up, anonymous writes, and everything a user does.

Counts live in the default cache (Redis in production, so every web process shares them). Rates come
from `settings.THROTTLE_RATES` (the environment's THROTTLE_AUTH, THROTTLE_ANON, THROTTLE_USER), read
at request time so an operator, a load test or a test can change them. The client's address is the
one `marketplace.client_ip` trusts, never a forwarded header a client wrote itself.
"""

import threading
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import BaseThrottle

from marketplace.cache import CacheUnavailable, ResilientRedisCache
from marketplace.client_ip import client_ip
from marketplace.rates import parse_rate

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

_local_lock = threading.Lock()


def log_hit(key: str, period: int, now: float, member: str) -> int:
    """Log a request at `now` under `key`; how many of those logged are younger than `period`.

    In Redis a sorted set, changed and counted in one atomic script. Any other cache is this
    process's own (LocMemCache, `make run`), where a lock makes the read and write one step."""
    cache = caches["default"]
    if isinstance(cache, ResilientRedisCache):
        count = cache.log_hit(key, period, now, member)
        if count is None:
            raise CacheUnavailable("the shared cache is unreachable")
        return count
    with _local_lock:
        log = {m: t for m, t in cache.get(key, {}).items() if t > now - period} | {member: now}
        cache.set(key, log, period)
    return len(log)


def log_take_back(key: str, member: str, period: int) -> float | None:
    """Forget the request `member`; the time of the oldest request still logged, if any."""
    cache = caches["default"]
    if isinstance(cache, ResilientRedisCache):
        return cache.log_take_back(key, member)
    with _local_lock:
        log = cache.get(key, {})
        log.pop(member, None)
        cache.set(key, log, period)
    return min(log.values(), default=None)


class _SettingsRateThrottle(BaseThrottle):
    """At most `rate` requests in any period: a log of each client's recent requests.

    DRF's own throttle reads that log from the cache and writes it back: two round trips, and
    requests arriving together each read the same log, so a burst of them all got through a limit
    meant to stop exactly that (sign-in guessing). Here adding a request to the log and counting it is
    one atomic step in Redis. A refused request is taken out again, as DRF never logged it. With the
    cache unreachable, requests are allowed (marketplace/cache.py).
    """

    scope: str
    cache_format = "throttle-log:%(scope)s:%(ident)s"  # a sorted set; never the key of DRF's list
    clock = staticmethod(time.time)

    def get_cache_key(self, request, view) -> str | None:
        raise NotImplementedError

    def get_ident(self, request):
        return client_ip(request) or "unknown"

    def allow_request(self, request, view):
        self._wait = None
        rate = settings.THROTTLE_RATES.get(self.scope)  # read per request, unlike DRF: operators and tests change it
        key = self.get_cache_key(request, view) if rate else None
        if key is None:
            return True
        limit, period = parse_rate(rate)
        now, member = self.clock(), uuid.uuid4().hex
        try:
            if log_hit(key, period, now, member) <= limit:
                return True
            oldest = log_take_back(key, member, period)
        except CacheUnavailable:
            return True
        self._wait = max(oldest + period - now, 0) if oldest is not None else None
        return False

    def wait(self):
        return self._wait


class AuthRateThrottle(_SettingsRateThrottle):
    """Logging in, registering, asking for a token or a password reset: per address, whoever asks."""

    scope = "auth"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AnonWriteRateThrottle(_SettingsRateThrottle):
    """Anonymous writes, per address; anonymous reads are the cached catalogue and stay free."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.method in SAFE_METHODS or (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class UserRateThrottle(_SettingsRateThrottle):
    """Everything a signed-in user asks, per user, generous: it stops a runaway script, not a person."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


def page_allows(request, scope: str) -> tuple[bool, int | None]:
    """The same limits for web pages (not DRF views): (allowed, seconds to wait)."""
    throttle = {"auth": AuthRateThrottle, "anon": AnonWriteRateThrottle}[scope]()
    if throttle.allow_request(request, None):
        return True, None
    wait = throttle.wait()
    return False, int(wait) + 1 if wait is not None else None
