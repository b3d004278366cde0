"""The Redis broker publishes with one Redis client per channel, not one built for every message."""

import base64
import contextlib
import json
import os
import shutil
import socket
import time
import uuid
from unittest import mock

import pytest
import redis
from django.conf import settings
from kombu import Connection, Consumer, Exchange, Queue
from kombu.common import ignore_errors

from marketplace.celery import app
from marketplace.celery_redis import Transport
from tests.integration.faults import RedisServer

pytestmark = [
    pytest.mark.integration,  # publishes for real (tasks are not run in-process)
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a real broker)"),
]


@pytest.fixture
def queue():
    """A queue of this test's own on the broker, deleted with its bindings afterwards."""
    name = f"test-{uuid.uuid4().hex[:8]}"
    yield Queue(name, routing_key=name)
    with app.connection_for_write() as connection:
        connection.default_channel.queue_delete(name)


def queued(queue: Queue) -> list:
    """The bodies waiting in the queue, oldest first."""
    with app.connection_for_write() as connection:
        raw = connection.default_channel.client.lrange(queue.name, 0, -1)
    return [json.loads(base64.b64decode(json.loads(message)["body"])) for message in reversed(raw)]


def test_the_broker_is_this_transport_when_it_is_redis():
    assert settings.CELERY_BROKER_TRANSPORT == "marketplace.celery_redis:Transport"


def test_publishing_task_after_task_builds_no_redis_client_per_message(queue):
    app.send_task("orders.tasks.send_emails", args=([0],), queue=queue.name)  # the channel's first client

    with mock.patch.object(redis.Redis, "__init__", autospec=True, side_effect=redis.Redis.__init__) as built:
        for n in range(1, 6):
            app.send_task("orders.tasks.send_emails", args=([n],), queue=queue.name)

    assert built.call_count == 0
    assert [args for args, _, _ in queued(queue)] == [[[n]] for n in range(6)]


def test_a_channel_whose_pool_was_dropped_publishes_with_a_new_client_on_the_new_pool(queue):
    with app.connection_for_write() as connection:
        channel = connection.default_channel
        producer = connection.Producer(channel)
        producer.publish([1], routing_key=queue.name, declare=[queue])
        first = channel._publish_client

        channel._disconnect_pools()  # as kombu does after a lost connection or a fork
        producer.publish([2], routing_key=queue.name, declare=[queue])

        assert channel._publish_client is not first
        assert channel._publish_client.connection_pool is channel.pool
    assert queued(queue) == [[1], [2]]


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server (a broker this test kills)")
def test_a_worker_connection_torn_down_after_losing_redis_fails_only_with_connection_errors():
    """What a worker's consumer does when Redis dies: `collect()` then `close()` (celery's
    on_connection_error_after_connected). With a BRPOP in flight and a pidbox-like fanout channel,
    collect() detaches the transport before it closes the task channel; close() then restores the
    unacked message and kombu rebuilt the channel's pool from the detached transport: AttributeError,
    which escapes celery's ignore_errors and the worker stopped ("Unrecoverable error")."""
    server = RedisServer().start()
    try:
        connection = Connection(server.url(0), transport=Transport)
        tasks = Queue("work", Exchange("work"), "work")
        channel = connection.default_channel
        received = []
        Consumer(channel, [tasks], callbacks=[lambda body, message: received.append(message)]).consume()
        control = Queue("c.pidbox", Exchange("c.pidbox", type="fanout"), auto_delete=True)
        Consumer(connection.channel(), [control], callbacks=[lambda body, message: None]).consume()
        connection.Producer().publish({"n": 1}, exchange=tasks.exchange, routing_key="work", declare=[tasks])
        deadline = time.monotonic() + 10
        while not received and time.monotonic() < deadline:
            with contextlib.suppress(socket.timeout):
                connection.drain_events(timeout=1)
        assert len(received) == 1  # delivered, not acked: the close has a message to restore
        channel._brpop_start()  # an idle worker waits in BRPOP

        server.stop()
        connection.collect(socket_timeout=1)
        ignore_errors(connection, connection.close)  # raised AttributeError
        assert channel.closed
    finally:
        server.stop()
