"""Checkout takes the campaign enrolment locks only when a campaign can price one of its products."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import Enrolment
from orders.models import OrderLine
from orders.services import checkout
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.django_db


def place(buyer, *products):
    with CaptureQueriesContext(connection) as ctx:
        order = checkout.order_place(
            buyer=buyer, address=checkout.Address(**ADDRESS), items=[(p.pk, 1) for p in products], courier="jne"
        )
    enrolment_reads = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('SELECT "campaigns_enrolment"')]
    return order, enrolment_reads


def test_an_order_no_campaign_can_price_reads_no_enrolments(customer, product):
    order, enrolment_reads = place(customer, product)

    assert enrolment_reads == []
    assert OrderLine.objects.get(order=order).unit_price == product.price


def test_a_campaign_on_other_products_leaves_this_order_without_enrolment_locks(customer, shop, product):
    EnrolmentFactory(product=ProductFactory(seller=shop))

    order, enrolment_reads = place(customer, product)

    assert enrolment_reads == []
    assert OrderLine.objects.get(order=order).campaign_id is None


def test_a_campaign_that_ended_or_has_not_started_does_not_take_the_lock(customer, product):
    now = timezone.now()
    EnrolmentFactory(
        product=product, campaign=CampaignFactory(starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=2))
    )
    EnrolmentFactory(
        product=product, campaign=CampaignFactory(starts_at=now + timedelta(days=2), ends_at=now + timedelta(days=9))
    )

    order, enrolment_reads = place(customer, product)

    assert enrolment_reads == []
    assert OrderLine.objects.get(order=order).unit_price == product.price


def test_a_live_campaign_on_one_product_of_the_order_prices_it_and_counts_its_quota(customer, shop, product):
    enrolment = EnrolmentFactory(product=product, quota=5)
    plain = ProductFactory(seller=shop)

    order, enrolment_reads = place(customer, product, plain)

    assert len(enrolment_reads) == 1  # the locking read (FOR UPDATE on PostgreSQL)
    lines = {line.product_id: line for line in OrderLine.objects.filter(order=order)}
    assert lines[product.pk].campaign_id == enrolment.campaign_id
    assert lines[product.pk].unit_price == enrolment.campaign_price
    assert lines[plain.pk].campaign_id is None
    assert Enrolment.objects.get(pk=enrolment.pk).sold_units == 1


def test_a_product_whose_campaign_quota_is_used_up_sells_at_list_price_without_the_lock(customer, product):
    EnrolmentFactory(product=product, quota=2, sold_units=2)

    order, enrolment_reads = place(customer, product)

    assert enrolment_reads == []
    assert OrderLine.objects.get(order=order).unit_price == product.price


def test_a_draft_or_cancelled_campaign_does_not_take_the_lock(customer, product):
    EnrolmentFactory(product=product, campaign=CampaignFactory(is_draft=True))
    EnrolmentFactory(product=product, campaign=CampaignFactory(cancelled_at=timezone.now()))

    order, enrolment_reads = place(customer, product)

    assert enrolment_reads == []
    assert OrderLine.objects.get(order=order).unit_price == product.price


def test_a_campaign_in_its_last_second_still_takes_the_lock_and_gives_its_price(customer, product):
    """The mark counts whole seconds as the enrolment query does: 23:59:59 lasts the whole second."""
    now = timezone.now()
    enrolment = EnrolmentFactory(product=product, campaign=CampaignFactory(ends_at=now.replace(microsecond=0)))

    order, enrolment_reads = place(customer, product)

    assert len(enrolment_reads) == 1
    assert OrderLine.objects.get(order=order).campaign_id == enrolment.campaign_id
