"""The campaign pricing rules: best price wins, caps, no stacking, the exact window, quota, price rises."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from campaigns import services
from marketplace.errors import ConflictError
from marketplace.pricing import quote
from orders.services import checkout
from sellers.models import Product
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory, SellerFactory, UserFactory, set_price
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")


def price_now(product, at=None, buyer=None):
    return quote([product], at or timezone.now(), buyer=buyer)[product.pk]


def test_without_a_campaign_a_product_sells_at_its_list_price(product):
    assert price_now(product).unit_price == 85000
    assert price_now(product).campaign is None


def test_an_enrolled_product_sells_at_the_campaign_price_during_the_campaign(product):
    enrolment = EnrolmentFactory(product=product)

    q = price_now(product)

    assert (q.unit_price, q.list_price, q.discount) == (68000, 85000, 17000)
    assert q.campaign.hashtag == enrolment.campaign.hashtag


def test_the_best_of_two_campaign_prices_wins_and_discounts_do_not_stack(product):
    EnrolmentFactory(product=product, campaign=CampaignFactory(discount_percent=10))
    best = EnrolmentFactory(product=product, campaign=CampaignFactory(discount_percent=25))

    q = price_now(product)

    assert q.unit_price == 85000 - 21250  # 25% only, not 10% on top
    assert q.campaign.id == best.campaign_id


def test_a_tie_goes_to_the_older_campaign_every_time(product):
    older = EnrolmentFactory(product=product, campaign=CampaignFactory(discount_percent=20))
    EnrolmentFactory(product=product, campaign=CampaignFactory(discount_percent=20))

    assert {price_now(product).campaign.id for _ in range(5)} == {older.campaign_id}


def test_the_discount_cap_limits_the_rupiah_off_each_unit(product):
    campaign = CampaignFactory(discount_percent=50, max_discount=10000)
    price = services.campaign_price(list_price=product.price, campaign=campaign)
    assert price == 75000


def test_the_campaign_price_holds_from_its_first_to_its_last_second_in_jakarta_time(product):
    campaign = CampaignFactory(
        starts_at=datetime(2020, 4, 20, 0, 0, 0, tzinfo=JAKARTA),
        ends_at=datetime(2020, 4, 26, 23, 59, 59, tzinfo=JAKARTA),
    )
    EnrolmentFactory(product=product, campaign=campaign)

    assert price_now(product, datetime(2020, 4, 19, 23, 59, 59, tzinfo=JAKARTA)).unit_price == 85000
    assert price_now(product, datetime(2020, 4, 20, 0, 0, 0, tzinfo=JAKARTA)).unit_price == 68000
    assert price_now(product, datetime(2020, 4, 26, 23, 59, 59, tzinfo=JAKARTA)).unit_price == 68000
    assert price_now(product, datetime(2020, 4, 27, 0, 0, 0, tzinfo=JAKARTA)).unit_price == 85000
    # 2020-04-19 17:00 UTC is already 20 April 00:00 in Jakarta.
    assert price_now(product, datetime(2020, 4, 19, 17, 0, 0, tzinfo=ZoneInfo("UTC"))).unit_price == 68000


def test_raising_the_list_price_after_enrolment_raises_neither_the_campaign_price_nor_the_discount(product):
    EnrolmentFactory(product=product)
    set_price(product, 120000)
    product.refresh_from_db()

    q = price_now(product)

    assert q.unit_price == 68000
    assert q.list_price == 85000  # the list price as at enrolment: 20% off, not 43%
    assert q.discount == 17000


def test_an_order_after_a_price_rise_records_and_totals_the_discount_as_at_enrolment(product, customer):
    EnrolmentFactory(product=product)
    set_price(product, 120000)

    order = place(customer, product, 2)

    line = order.lines.get()
    assert (line.list_price, line.unit_price, line.discount) == (85000, 68000, 17000)
    assert (order.subtotal, order.discount_total) == (170000, 34000)


def test_the_product_page_strikes_through_the_list_price_as_at_enrolment(client, product):
    EnrolmentFactory(product=product)
    set_price(product, 120000)

    page = client.get(product.get_absolute_url()).text

    assert "Rp 68.000" in page
    assert "Rp 85.000" in page
    assert "Rp 120.000" not in page


def test_once_the_quota_is_sold_a_raised_price_is_simply_the_list_price(product, customer):
    EnrolmentFactory(product=product, quota=1, sold_units=1)
    set_price(product, 120000)
    product.refresh_from_db()

    q = price_now(product)

    assert (q.unit_price, q.list_price, q.campaign) == (120000, 120000, None)


def test_a_list_price_cut_below_the_campaign_price_is_simply_the_price(product):
    EnrolmentFactory(product=product)
    set_price(product, 60000)
    product.refresh_from_db()

    q = price_now(product)

    assert q.unit_price == 60000
    assert q.campaign is None


def place(buyer, product, quantity):
    return checkout.order_place(
        buyer=buyer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, quantity)]
    )


def test_checkout_records_the_campaign_list_price_and_discount_on_the_line(product, customer):
    enrolment = EnrolmentFactory(product=product)

    order = place(customer, product, 2)

    line = order.lines.get()
    assert (line.list_price, line.unit_price, line.discount) == (85000, 68000, 17000)
    assert line.campaign_id == enrolment.campaign_id
    assert line.campaign_hashtag == enrolment.campaign.hashtag
    assert order.discount_total == 34000


def test_when_the_quota_is_used_up_the_product_sells_at_its_list_price_again(product, customer):
    enrolment = EnrolmentFactory(product=product, quota=3)

    first = place(customer, product, 3)
    second = place(UserFactory(), product, 1)

    assert first.lines.get().unit_price == 68000
    assert second.lines.get().unit_price == 85000
    enrolment.refresh_from_db()
    assert enrolment.sold_units == 3


def test_asking_for_more_campaign_units_than_are_left_is_a_409_and_changes_nothing(product, customer):
    enrolment = EnrolmentFactory(product=product, quota=3)

    with pytest.raises(ConflictError) as refused:
        place(customer, product, 4)

    assert refused.value.extra["products"][0]["campaign_units_left"] == 3
    enrolment.refresh_from_db()
    assert enrolment.sold_units == 0
    assert Product.objects.get(pk=product.pk).stock == 50


def test_the_per_buyer_limit_holds_across_orders(product, customer):
    EnrolmentFactory(product=product, campaign=CampaignFactory(limit_per_buyer=2))

    place(customer, product, 2)

    assert price_now(product, buyer=customer).unit_price == 85000
    assert price_now(product, buyer=UserFactory()).unit_price == 68000


def test_cancelling_an_order_gives_its_units_back_to_the_quota(product, customer):
    from orders.services.lifecycle import order_cancel

    enrolment = EnrolmentFactory(product=product, quota=3)
    order = place(customer, product, 3)

    order_cancel(order=order, actor=customer)

    enrolment.refresh_from_db()
    assert enrolment.sold_units == 0
    assert price_now(product).unit_price == 68000


def test_pricing_a_page_of_100_products_is_a_constant_number_of_queries(django_assert_max_num_queries):
    shop = SellerFactory()
    products = ProductFactory.create_batch(100, seller=shop)
    campaign = CampaignFactory(limit_per_buyer=5)
    for product in products[::2]:
        EnrolmentFactory(product=product, campaign=campaign)
    buyer = UserFactory()

    with django_assert_max_num_queries(2):
        quotes = quote(products, timezone.now(), buyer=buyer)

    assert sum(1 for q in quotes.values() if q.campaign) == 50


def test_a_scheduled_campaigns_page_announces_the_discount_from_the_list_price_as_at_enrolment(client, product):
    campaign = CampaignFactory(
        starts_at=timezone.now() + timezone.timedelta(days=2), ends_at=timezone.now() + timezone.timedelta(days=9)
    )
    EnrolmentFactory(campaign=campaign, product=product)
    set_price(product, 120000)

    page = client.get(campaign.get_absolute_url()).text

    assert "Rp 68.000" in page and "Rp 85.000" in page
    assert "Rp 120.000" not in page
