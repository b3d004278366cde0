import socket
import threading

import pytest
from celery.result import allow_join_result
from rest_framework.test import APIClient

from tests.factories import CampaignFactory, ProductFactory, SellerFactory, UserFactory


class Api(APIClient):
    def as_user(self, user):
        """Authenticate as `user` (None: anonymous) and return self, so calls chain."""
        self.force_authenticate(user=user)
        return self


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases, restored faster between `serialized_rollback` tests (tests/db_restore.py),
    and dropped at the end even if a session is still open on them (see `_end_other_sessions`)."""
    from tests.db_restore import install

    install()
    yield
    with django_db_blocker.unblock():
        _end_other_sessions()


def _end_other_sessions() -> None:
    """A thread that ended without closing its database connection leaves it to Python's cycle
    collector, so its session may still be open when pytest-django drops the test database, which
    PostgreSQL then refuses: "database ... is being accessed by other users" (seen once a full run: an
    idle session whose last query read order lines). Collect such garbage first, then end whatever
    session remains."""
    import gc

    from django.db import connections

    gc.collect()
    for connection in connections.all():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            connection.close()


def _restores_its_rows(item) -> bool:
    marker = item.get_closest_marker("django_db") if item is not None else None
    return bool(marker and marker.kwargs.get("transaction") and marker.kwargs.get("serialized_rollback"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put the migrations' rows back after a transactional test flushed them, unless the next test
    restores them itself. pytest-django runs transactional tests last, but with xdist's work
    stealing a worker may be handed ordinary tests after one, and they would find no category,
    region or shipping rate. xdist names the next test before running one, so `nextitem` is None
    only after the last."""
    yield
    if nextitem is None or not _restores_its_rows(item) or _restores_its_rows(nextitem):
        return  # (no next test: the test databases are already gone)
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            if getattr(connection, "_test_serialized_contents", None):
                connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture(autouse=True)
def _results_may_be_awaited():
    """Celery marks the whole process "inside a task" while an eager task runs: a global, saved and
    restored around each task, not one per thread. Race tests place orders from several threads at
    once, and their eager email tasks can restore each other's saved mark and leave it set; a later
    test's `.delay().get()` was then refused ("Never call result.get() within a task!")."""
    with allow_join_result():
        yield


@pytest.fixture
def api():
    return Api()


@pytest.fixture
def customer(db):
    return UserFactory(full_name="Siti Pembeli")


@pytest.fixture
def ministry(db):
    return UserFactory(full_name="Staf Kemenperin", ministry=True)


@pytest.fixture
def seller_user(db):
    return UserFactory(full_name="Pak Aman Gayo")


@pytest.fixture
def other_seller_user(db):
    return UserFactory(full_name="Ibu Toraja")


@pytest.fixture
def shop(seller_user):
    return SellerFactory(owner=seller_user, name="Kopi Gayo Aman")


@pytest.fixture
def other_shop(other_seller_user):
    return SellerFactory(owner=other_seller_user, name="Toraja Sapan", province="73", city="Tana Toraja")


@pytest.fixture
def pending_shop(seller_user):
    return SellerFactory(owner=seller_user, pending=True, name="Toko Baru Menunggu")


@pytest.fixture
def product(shop):
    return ProductFactory(seller=shop)


@pytest.fixture
def campaign():
    return CampaignFactory(hashtag="#SatuDalamKopi", slug="satu-dalam-kopi", name="Satu Dalam Kopi")


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory):
    """Uploads and demo photos of the whole run go here, never under var/media (shared so demo drawings are reused)."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _isolated_cache_and_mail(settings, tmp_path, _media_root):
    """Lockout counters and rate limits live in the cache; each test starts clean."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = str(_media_root)
    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed, not security
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CATALOGUE_CACHE_SECONDS = 0  # tests/sellers/test_catalogue_cache.py turns it on
    # Tests sign in and post far faster than people; tests/marketplace/test_throttling.py sets real rates.
    settings.THROTTLE_RATES = {"auth": "100000/min", "anon": "100000/min", "user": "100000/min"}
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _celery_in_process(request, settings):
    """Unit tests run Celery tasks in-process even when REDIS_URL is set (as in CI).

    Tests marked `integration` talk to a real worker through Redis and keep the broker.
    """
    if request.node.get_closest_marker("integration"):
        yield
        return
    from marketplace.celery import app

    previous = app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


class DeadRedis:
    """Accepts TCP connections and closes them straight away; counts how many it was offered."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self):
        self.sock.close()


@pytest.fixture
def dead_redis(settings):
    """The production cache backend pointed at a Redis that hangs up on every connection."""
    server = DeadRedis()
    settings.CACHES = {
        "default": {
            "BACKEND": "marketplace.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield server
    server.close()
