"""Who a promotional email reaches: only opted-in, active customers, narrowed by purchases or province."""

import pytest

from mailings.audiences import Audience, audience_users
from mailings.models import Blast
from mailings.services import recipient_unsubscribe
from orders.services import checkout, lifecycle
from tests.factories import ProductFactory, UserFactory, category
from tests.mailings.blast_helpers import opted_in_user, paid_order
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.django_db

ALL = Audience(kind=Blast.AudienceKind.ALL_OPTED_IN)


def reached(audience):
    return set(audience_users(audience).values_list("email", flat=True))


def test_all_opted_in_leaves_out_who_never_agreed_and_inactive_accounts():
    agreed = opted_in_user()
    UserFactory()  # never opted in
    inactive = opted_in_user()
    inactive.is_active = False
    inactive.save()
    assert reached(ALL) == {agreed.email}


def test_an_unsubscribed_customer_is_in_no_audience(product):
    customer = opted_in_user()
    paid_order(customer, product, province="11")
    recipient_unsubscribe(user=customer)
    assert reached(ALL) == set()
    assert reached(Audience(kind="bought_category", category_id=category("kopi").pk)) == set()
    assert reached(Audience(kind="province", province="11")) == set()


def test_bought_category_includes_sub_categories(shop):
    roasted = ProductFactory(seller=shop, category=category("kopi-biji-sangrai"))
    honey = ProductFactory(seller=shop, category=category("madu"))
    coffee_buyer, honey_buyer = opted_in_user(), opted_in_user()
    paid_order(coffee_buyer, roasted)
    paid_order(honey_buyer, honey)
    assert reached(Audience(kind="bought_category", category_id=category("kopi").pk)) == {coffee_buyer.email}
    assert reached(Audience(kind="bought_category", category_id=category("kopi-biji-sangrai").pk)) == {
        coffee_buyer.email
    }


def test_bought_category_counts_only_paid_orders_within_the_window(product):
    recent, old, unpaid, cancelled = (opted_in_user() for _ in range(4))
    paid_order(recent, product, days_ago=10)
    paid_order(old, product, days_ago=100)
    checkout.order_place(buyer=unpaid, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)])
    lifecycle.order_cancel(order=paid_order(cancelled, product), actor=cancelled)  # paid, then refunded
    kopi = category("kopi").pk
    assert reached(Audience(kind="bought_category", category_id=kopi, days=90)) == {recent.email}
    assert reached(Audience(kind="bought_category", category_id=kopi, days=120)) == {recent.email, old.email}


def test_province_reaches_customers_with_an_order_shipped_there(product):
    jogja, aceh = opted_in_user(), opted_in_user()
    paid_order(jogja, product, province="34")
    paid_order(aceh, product, province="11")
    assert reached(Audience(kind="province", province="34")) == {jogja.email}


def test_a_buyer_with_several_orders_is_counted_once(product):
    customer = opted_in_user()
    paid_order(customer, product)
    paid_order(customer, product)
    audience = Audience(kind="bought_category", category_id=category("kopi").pk)
    assert audience_users(audience).count() == 1
