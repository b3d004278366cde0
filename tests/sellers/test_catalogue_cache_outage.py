"""The public catalogue does not depend on the cache: with Redis unreachable it is computed."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_catalogue_answers_with_redis_down(api, product, settings, dead_redis):
    settings.CATALOGUE_CACHE_SECONDS = 30

    first = api.get("/api/v1/products/")
    again = api.get("/api/v1/products/")

    assert first.status_code == again.status_code == 200
    assert [p["id"] for p in again.json()["results"]] == [product.pk]
    assert again.json()["count"] == 1
