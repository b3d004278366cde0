"""Rate limits on the API: sign-in and sign-up, anonymous writes, and everything a user does.

Counts live in the default cache (Redis in production, so every web process shares them). Rates come
from `settings.THROTTLE_RATES` (the environment's THROTTLE_AUTH, THROTTLE_ANON, THROTTLE_USER), read
at request time so an operator, a load test or a test can change them. The client's address is the
one `marketplace.client_ip` trusts, never a forwarded header a client wrote itself.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from marketplace.client_ip import client_ip

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return settings.THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_ip(request) or "unknown"

    def allow_request(self, request, view):
        # The rate is read per request (DRF reads it once, at start-up).
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


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
