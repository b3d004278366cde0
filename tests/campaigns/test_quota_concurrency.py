"""Concurrent checkouts on PostgreSQL never sell more campaign-priced units than the quota."""

import pytest
from django.db import connection

from campaigns.models import Enrolment
from orders.models import OrderLine
from sellers.models import Product
from tests.factories import EnrolmentFactory, ProductFactory, UserFactory
from tests.orders.test_concurrency import race

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_concurrent_checkouts_never_sell_more_campaign_priced_units_than_the_quota():
    product = ProductFactory(stock=100)
    enrolment = EnrolmentFactory(product=product, quota=4)
    buyers = UserFactory.create_batch(24)

    results = race(buyers, lambda i: [(product.pk, 1)])

    assert results["errors"] == []
    assert results["ok"] == 24  # stock is plentiful: everyone buys, only four at the campaign price
    lines = OrderLine.objects.filter(product=product)
    assert lines.filter(unit_price=68000, campaign_id=enrolment.campaign_id).count() == 4
    assert lines.filter(unit_price=85000, campaign_id=None).count() == 20
    assert Enrolment.objects.get(pk=enrolment.pk).sold_units == 4
    assert Product.objects.get(pk=product.pk).stock == 76
