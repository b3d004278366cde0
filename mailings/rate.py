"""The shared sending rate of promotional email: one counter per clock minute in the cache (Redis).

When the cache is unreachable each sending task counts alone, at its share of the rate
(rate / BLAST_PARALLEL_TASKS), so all together still stay under it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from marketplace.cache import CacheUnavailable

RATE_CHUNK = 20


class RateLimiter:
    """Messages per minute across every worker: one counter per clock minute in the shared cache.

    Tokens are taken `chunk` at a time so a worker asks the cache once per `chunk` messages. When the
    minute's budget is spent, it sleeps until the next minute (calling `idle` now and then, so the
    caller can keep its claim fresh).
    """

    def __init__(self, per_minute: int, *, chunk: int = RATE_CHUNK, clock=time.time, sleep=time.sleep):
        self.per_minute = per_minute
        self.chunk = max(1, min(chunk, per_minute))
        self.clock, self.sleep = clock, sleep
        self.tokens = 0
        self.local_minute, self.local_used = -1, 0

    def take(self, idle: Callable[[], None] | None = None) -> None:
        """Block until one message may go."""
        while self.tokens <= 0:
            self.tokens = self._grab()
            if self.tokens <= 0:
                wait = 60 - (self.clock() % 60) + 0.01
                while wait > 0:
                    step = min(wait, 5.0)
                    self.sleep(step)
                    wait -= step
                    if idle:
                        idle()
        self.tokens -= 1

    def _grab(self) -> int:
        """Take up to `chunk` tokens from this minute's budget (two or three cache round trips)."""
        for _ in range(3):
            key = f"blast-rate:{int(self.clock() // 60)}"
            cache.add(key, 0, timeout=120)
            try:
                used = cache.incr(key, self.chunk)
            except ValueError:  # the key expired between add and incr: try again
                continue
            except CacheUnavailable:
                return self._grab_locally()
            return max(0, min(self.chunk, self.per_minute - (used - self.chunk)))
        return 0

    def _grab_locally(self) -> int:
        """No shared counter: this task takes its share of the minute, so all together stay under the rate."""
        minute = int(self.clock() // 60)
        if minute != self.local_minute:
            self.local_minute, self.local_used = minute, 0
        share = max(1, self.per_minute // max(1, settings.BLAST_PARALLEL_TASKS))
        tokens = max(0, min(self.chunk, share - self.local_used))
        self.local_used += tokens
        return tokens
