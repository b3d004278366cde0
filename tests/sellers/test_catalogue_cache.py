"""Anonymous catalogue answers are cached briefly, but never across a campaign's start or end."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.pricing import seconds_prices_hold
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory, set_stock

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def catalogue_cache(settings):
    settings.CATALOGUE_CACHE_SECONDS = 30


def test_a_repeated_anonymous_catalogue_request_is_answered_without_the_database(
    api, product, django_assert_num_queries
):
    first = api.get("/api/v1/products/")
    with django_assert_num_queries(0):
        again = api.get("/api/v1/products/")
    assert again.json() == first.json()


def test_logged_in_buyers_always_see_the_current_catalogue(api, customer, product):
    api.get("/api/v1/products/")
    set_stock(product, 3)

    assert api.as_user(customer).get("/api/v1/products/").json()["results"][0]["stock"] == 3


def test_different_filters_are_cached_apart(api, product):
    ProductFactory(seller=product.seller, name="Gula Aren Banten")
    assert api.get("/api/v1/products/").json()["count"] == 2
    assert api.get("/api/v1/products/?search=aren").json()["count"] == 1


def test_without_campaigns_prices_hold_for_the_whole_cache_time(product):
    assert seconds_prices_hold(timezone.now(), at_most=30) == 30


def test_the_cache_never_outlives_a_campaign_start_or_end(product):
    now = timezone.now()
    CampaignFactory(starts_at=now + timedelta(seconds=12), ends_at=now + timedelta(days=3))
    assert seconds_prices_hold(now, at_most=30) == 12

    running = CampaignFactory(starts_at=now - timedelta(days=1), ends_at=now + timedelta(seconds=5))
    EnrolmentFactory(product=product, campaign=running)
    assert seconds_prices_hold(now, at_most=30) == 5
