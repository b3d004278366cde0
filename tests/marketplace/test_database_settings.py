"""How the environment sets up the database connection (marketplace/database_settings.py)."""

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from marketplace.database_settings import database_from_env

POSTGRES = "postgres://postgres@127.0.0.1:5432/pasar"


@pytest.fixture
def database(monkeypatch):
    def read(**environment):
        for name in ("DATABASE_URL", "DATABASE_POOL", "DATABASE_PREPARE_THRESHOLD", "CONN_MAX_AGE"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return database_from_env(environ.Env(), default_url="sqlite:///dev.sqlite3")

    return read


def test_postgresql_prepares_checkouts_statements_after_five_runs_unless_told_otherwise(database):
    assert database(DATABASE_URL=POSTGRES)["OPTIONS"]["prepare_threshold"] == 5
    assert database(DATABASE_URL=POSTGRES, DATABASE_PREPARE_THRESHOLD="1")["OPTIONS"]["prepare_threshold"] == 1


def test_an_empty_threshold_turns_prepared_statements_off_for_a_pooler_in_transaction_mode(database):
    assert database(DATABASE_URL=POSTGRES, DATABASE_PREPARE_THRESHOLD="")["OPTIONS"]["prepare_threshold"] is None


def test_a_pool_replaces_persistent_connections(database):
    pooled = database(DATABASE_URL=POSTGRES, DATABASE_POOL="4")

    assert pooled["CONN_MAX_AGE"] == 0
    assert pooled["OPTIONS"]["pool"]["max_size"] == 4


def test_sqlite_waits_for_the_write_lock_and_knows_nothing_of_pools(database):
    local = database(DATABASE_POOL="4")

    assert local["OPTIONS"] == {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    assert local["CONN_MAX_AGE"] == 60


def test_a_threshold_that_is_not_a_number_stops_start_up_naming_the_setting(database):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_PREPARE_THRESHOLD='five'"):
        database(DATABASE_URL=POSTGRES, DATABASE_PREPARE_THRESHOLD="five")
