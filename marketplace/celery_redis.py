"""kombu's Redis transport, publishing with one Redis client per channel instead of one per message.

Named by CELERY_BROKER_TRANSPORT when the broker is Redis (marketplace/settings.py). kombu's channel
makes a new `redis.Redis` for every message it publishes (`conn_or_acquire()` without a client), and
making one copies redis-py's table of some 170 response callbacks: about 550 Python calls, a third of
the Celery publish that every checkout does on commit. The client itself holds no connection (each
command borrows one from the channel's pool and gives it back), so one client serves every publish
of its channel, in whichever thread: it only changes when the channel's pool does (kombu drops the
pool after a disconnect and after a fork).
"""

from contextlib import contextmanager

from kombu.transport import redis


class Channel(redis.Channel):
    _publish_client = None

    @contextmanager
    def conn_or_acquire(self, client=None):
        if client:
            yield client
            return
        reused = self._publish_client
        if reused is None or reused.connection_pool is not self.pool:
            reused = self._publish_client = self._create_client()
        yield reused


class Transport(redis.Transport):
    Channel = Channel
