"""The sales ledger: paid order lines become daily facts by Jakarta date; cancellations take them out."""

from datetime import date

import pytest
from django.core.management import call_command

from orders.models import SalesDay, SellerSalesDay
from orders.services import checkout, ledger, lifecycle
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory, category
from tests.sales_helpers import ADDRESS, cancel, clock, jkt, paid_order, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabica(shop):
    return ProductFactory(seller=shop, name="Arabika Gayo 250 g", price=80_000, stock=500)


@pytest.fixture
def dripper(shop):
    return ProductFactory(seller=shop, name="Dripper Kayu", price=120_000, stock=500, category=category("alat-seduh"))


@pytest.fixture
def toraja(other_shop):
    return ProductFactory(seller=other_shop, name="Toraja Sapan 200 g", price=95_000, stock=500)


def test_a_paid_order_becomes_one_fact_per_product_on_its_jakarta_date(customer, shop, arabica, dripper):
    paid_order(customer, (arabica, 2), (dripper, 1), at=jkt(2020, 4, 20, 9))

    facts = {f.product_id: f for f in SalesDay.objects.all()}
    assert facts[arabica.pk].date == date(2020, 4, 20)
    assert (facts[arabica.pk].orders, facts[arabica.pk].units, facts[arabica.pk].revenue) == (1, 2, 160_000)
    assert facts[dripper.pk].category.slug == "alat-seduh"
    assert facts[dripper.pk].seller_province == "11"
    day = SellerSalesDay.objects.get()
    assert (day.seller_id, day.date, day.orders, day.units, day.revenue) == (shop.pk, date(2020, 4, 20), 1, 3, 280_000)


def test_payments_at_2359_and_0001_jakarta_time_land_on_their_own_dates(customer, arabica):
    paid_order(customer, (arabica, 1), at=jkt(2020, 4, 19, 23, 59))  # 16:59 UTC, April 19
    paid_order(customer, (arabica, 3), at=jkt(2020, 4, 20, 0, 1))  # 17:01 UTC, still April 19 in UTC

    units = dict(SellerSalesDay.objects.values_list("date", "units"))
    assert units == {date(2020, 4, 19): 1, date(2020, 4, 20): 3}


def test_an_unpaid_order_is_not_a_sale(customer, arabica):
    with clock(jkt(2020, 4, 20)):
        place(customer, (arabica, 1))
    assert not SalesDay.objects.exists()
    assert not SellerSalesDay.objects.exists()


def test_cancelling_a_paid_order_takes_its_sales_out_again(customer, arabica):
    kept = paid_order(customer, (arabica, 1), at=jkt(2020, 4, 20, 8))
    refunded = paid_order(customer, (arabica, 2), at=jkt(2020, 4, 20, 9))
    cancel(refunded)

    day = SellerSalesDay.objects.get()
    assert (day.orders, day.units, day.revenue) == (1, 1, 80_000)
    assert kept.status == "paid"


def test_cancelling_the_only_order_of_a_day_leaves_no_rows(customer, arabica):
    cancel(paid_order(customer, (arabica, 2), at=jkt(2020, 4, 20, 9)))
    assert not SalesDay.objects.exists()
    assert not SellerSalesDay.objects.exists()


def test_recording_an_order_takes_a_fixed_number_of_queries(
    customer, arabica, dripper, toraja, django_assert_num_queries
):
    with clock(jkt(2020, 4, 20)):
        small = place(customer, (arabica, 1))
        large = place(customer, (arabica, 1), (dripper, 2), (toraja, 3))
    small.paid_at = large.paid_at = jkt(2020, 4, 20)
    with django_assert_num_queries(4):
        ledger.ledger_record_order(order=small)
    with django_assert_num_queries(4):
        ledger.ledger_record_order(order=large)


def test_the_rebuilt_rollup_equals_the_one_kept_as_orders_changed(customer, ministry, arabica, dripper, toraja):
    campaign = CampaignFactory(
        starts_at=jkt(2020, 4, 20, 0), ends_at=jkt(2020, 4, 26, 23, 59), created_at=jkt(2020, 4, 1), categories=["kopi"]
    )
    EnrolmentFactory(campaign=campaign, product=arabica)
    paid_order(customer, (arabica, 2), (toraja, 1), at=jkt(2020, 4, 18, 10))  # before: list prices
    paid_order(customer, (arabica, 1), (dripper, 1), at=jkt(2020, 4, 21, 23, 59))  # campaign price on arabica
    paid_order(ministry, (arabica, 4), at=jkt(2020, 4, 22, 0, 1))
    cancel(paid_order(customer, (arabica, 5), (toraja, 2), at=jkt(2020, 4, 22, 13)))
    with clock(jkt(2020, 4, 23)):
        place(customer, (dripper, 7))  # never paid
    paid_order(customer, (toraja, 1), (dripper, 2), at=jkt(2020, 4, 23, 7))

    kept = ledger.rollup_rows_for_comparison()
    campaign_units = SalesDay.objects.filter(campaign_key=campaign.pk).values_list("date", "units", "revenue")
    assert sorted(campaign_units) == [(date(2020, 4, 21), 1, 64_000), (date(2020, 4, 22), 4, 256_000)]

    SalesDay.objects.all().delete()
    SellerSalesDay.objects.all().delete()
    call_command("rebuild_sales_rollup", verbosity=0)

    assert ledger.rollup_rows_for_comparison() == kept
    assert len(kept[0]) == 7 and len(kept[1]) == 6


def test_an_order_of_two_variants_of_one_product_counts_once_for_it_and_the_rebuild_agrees(customer, shop):
    from sellers.models import ProductVariant

    gamis = ProductFactory(
        seller=shop,
        category=category("gamis"),
        variants=[{"name": "M", "price": 250000}, {"name": "XL", "price": 275000}],
    )
    medium, large = ProductVariant.objects.filter(product=gamis).order_by("position")
    with clock(jkt(2020, 4, 21, 10)):
        order = checkout.order_place(buyer=customer, address=ADDRESS, items=[(medium.pk, 1), (large.pk, 2)])
        lifecycle.order_mark_paid(order=order, method="test")
    kept = ledger.rollup_rows_for_comparison()

    day = SalesDay.objects.get(product=gamis)
    assert (day.orders, day.units, day.revenue) == (1, 3, 800_000)
    SalesDay.objects.all().delete()
    SellerSalesDay.objects.all().delete()
    call_command("rebuild_sales_rollup", verbosity=0)
    assert ledger.rollup_rows_for_comparison() == kept
