"""kombu's Redis transport, publishing with one Redis client per channel instead of one per message.

Named by CELERY_BROKER_TRANSPORT when the broker is Redis (marketplace/settings.py). kombu's channel
makes a new `redis.Redis` for every message it publishes (`conn_or_acquire()` without a client), and
making one copies redis-py's table of some 170 response callbacks: about 550 Python calls, a third of
the Celery publish that every checkout does on commit. The client itself holds no connection (each
command borrows one from the channel's pool and gives it back), so one client serves every publish
of its channel, in whichever thread: it only changes when the channel's pool does (kombu drops the
pool after a disconnect and after a fork).

A channel whose transport kombu has already detached from its connection raises a ConnectionError
when it needs a pool, where kombu (5.7) raises AttributeError (see `Channel._get_pool`).
"""

from contextlib import contextmanager

from kombu.transport import redis
from redis import exceptions as redis_errors


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

    def _get_pool(self, asynchronous=False):
        # A worker that loses Redis runs `connection.collect()` then `connection.close()` (celery's
        # Consumer.on_connection_error_after_connected). With a BRPOP in flight and the pidbox's fanout
        # channel failing to close, collect() detaches the transport (`transport.client = None`) before
        # the task channel is closed; close() then closes it: `_disconnect_pools()`, then the QoS
        # restores the unacked messages through `conn_or_acquire()`, which needs a new pool, and kombu
        # builds it from `self.connection.client.hostname`: AttributeError. That is no connection error,
        # so it escaped celery's ignore_errors and the worker stopped consuming ("Unrecoverable error").
        # As a connection error it is what the teardown expects: ignored, and the consumer reconnects.
        if self.connection.client is None:
            raise redis_errors.ConnectionError("the channel's broker connection was closed")
        return super()._get_pool(asynchronous=asynchronous)


class Transport(redis.Transport):
    Channel = Channel
