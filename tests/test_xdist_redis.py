"""Parallel test workers never share a Redis database (tests/xdist_redis.py)."""

from tests.xdist_redis import worker_redis_url


def test_each_worker_gets_its_own_database_on_the_same_server():
    urls = [worker_redis_url("redis://127.0.0.1:6379/9", f"gw{n}") for n in range(3)]

    assert urls == ["redis://127.0.0.1:6379/9", "redis://127.0.0.1:6379/10", "redis://127.0.0.1:6379/11"]


def test_numbers_wrap_within_redis_sixteen_databases_and_keep_credentials_and_options():
    url = worker_redis_url("redis://:secret@cache.internal:6380/15?socket_timeout=1", "gw1")

    assert url == "redis://:secret@cache.internal:6380/0?socket_timeout=1"


def test_a_url_without_a_database_is_database_zero():
    assert worker_redis_url("redis://127.0.0.1:6379", "gw2") == "redis://127.0.0.1:6379/2"
