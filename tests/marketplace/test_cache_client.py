"""The Redis cache builds one client per connection pool and keeps using it."""

import os
import uuid

import pytest
import redis

from marketplace.cache import ResilientRedisCache

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis (REDIS_URL)")


def test_every_cache_call_goes_through_one_client_built_once(monkeypatch):
    built = []
    original = redis.Redis.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting)
    cache = ResilientRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": f"test-{uuid.uuid4()}"})

    cache.set("tarif", {"jne": 23000}, 30)
    assert cache.get("tarif") == {"jne": 23000}
    assert cache.add("kuota", 1, 30) is True
    assert cache.incr("kuota") == 2
    cache.delete_many(["tarif", "kuota"])
    assert cache.get("tarif") is None

    assert len(built) == 1
