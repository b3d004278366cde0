"""Rates in DRF's notation ("20/min"), read from the environment: checked when the settings load, so a
mistyped THROTTLE_* or PAYMENT_NOTIFICATION_RATE stops start-up naming itself instead of failing
every request that counts against it."""

from django.core.exceptions import ImproperlyConfigured

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str, *, name: str = "rate") -> tuple[int, int]:
    """ "20/min" -> (20, 60): requests, seconds. The unit is read from its first letter, as DRF does."""
    count, _, unit = rate.partition("/")
    if not (count.isascii() and count.isdigit()) or unit[:1] not in _PERIODS:
        raise ImproperlyConfigured(f"{name}={rate!r}: a number of requests per sec, min, hour or day, e.g. 20/min.")
    return int(count), _PERIODS[unit[0]]
