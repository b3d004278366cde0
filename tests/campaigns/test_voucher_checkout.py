"""Vouchers at checkout: what comes off, who pays it, the stacking rule and budgets that hold."""

import pytest

from campaigns.models import Voucher, VoucherUse
from orders.models import Order
from orders.services import lifecycle
from tests.factories import (
    CampaignFactory,
    EnrolmentFactory,
    ProductFactory,
    SellerFactory,
    UserFactory,
    VoucherFactory,
)

pytestmark = pytest.mark.django_db

ADDRESS = {
    "recipient": "Siti Pembeli",
    "phone": "081234567890",
    "street": "Jl. Malioboro No. 1",
    "city": "Yogyakarta",
    "province": "34",
    "postal_code": "55213",
}


@pytest.fixture
def other_product(other_shop):
    return ProductFactory(seller=other_shop, name="Kopi Toraja Sapan 200 g", price=95000, weight_grams=1200)


def order(api, user, lines, **body):
    body = {"shipping_address": ADDRESS, "courier": "jne", **body}
    body["lines"] = [{"product": p.pk, "quantity": q} for p, q in lines]
    return api.as_user(user).post("/api/v1/orders/", body, format="json")


def test_an_amount_voucher_takes_its_value_off_the_goods_and_the_order_shows_it(api, customer, product):
    VoucherFactory(code="KOPI20", value=20000)

    response = order(api, customer, [(product, 1)], voucher="kopi20")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["voucher_discount"] == 20000
    assert body["vouchers"] == ["KOPI20"]
    assert body["total"] == 85000 - 20000 + 23000
    assert body["lines"][0]["voucher_discount"] == 20000
    assert body["lines"][0]["voucher_funder"] == "ministry"
    assert body["shipments"][0]["voucher_funder"] == "ministry"
    assert Order.objects.get().payment.amount == 88000


def test_a_percent_voucher_is_capped(api, customer, product):
    VoucherFactory(code="HEMAT", kind="percent", value=50, max_discount=15000)

    body = order(api, customer, [(product, 2)], voucher="HEMAT").json()

    assert body["voucher_discount"] == 15000  # half of 170.000 would be 85.000


def test_a_shipping_voucher_pays_part_of_each_fee_with_its_funder(api, customer, product, other_product):
    VoucherFactory(code="ONGKIR", kind="shipping", value=50, max_discount=None, min_spend=0, funded_by="platform")

    body = order(api, customer, [(product, 1), (other_product, 1)], voucher="ongkir").json()

    subsidy = {s["seller"]: (s["shipping_fee"], s["shipping_subsidy"], s["subsidy_funder"]) for s in body["shipments"]}
    assert subsidy == {
        product.seller_id: (23000, 11500, "platform"),
        other_product.seller_id: (62000, 31000, "platform"),
    }
    assert body["shipping_subsidy"] == 42500
    assert body["total"] == 85000 + 95000 + 85000 - 42500


def test_a_voucher_never_makes_a_line_negative(api, customer, shop):
    cheap = ProductFactory(seller=shop, price=5000)
    VoucherFactory(code="BESAR", value=50000, min_spend=0)

    body = order(api, customer, [(cheap, 1)], voucher="BESAR").json()

    assert body["voucher_discount"] == 5000
    assert body["lines"][0]["voucher_discount"] == 5000
    assert Voucher.objects.get().budget_used == 5000


def test_a_voucher_on_top_of_a_campaign_price_counts_the_campaign_price(api, customer, product):
    EnrolmentFactory(product=product)  # 20% off: 68.000
    VoucherFactory(code="HEMAT", kind="percent", value=10, min_spend=0)

    body = order(api, customer, [(product, 1)], voucher="HEMAT").json()

    assert body["lines"][0]["unit_price"] == 68000
    assert body["voucher_discount"] == 6800
    assert body["total"] == 68000 - 6800 + 23000


def test_one_goods_voucher_and_one_shipping_voucher_stack_but_two_goods_vouchers_do_not(api, customer, product):
    VoucherFactory(code="A", value=10000)
    VoucherFactory(code="B", kind="percent", value=10)
    VoucherFactory(code="KIRIM", kind="shipping", value=100, min_spend=0)

    both = order(api, customer, [(product, 1)], vouchers=["A", "KIRIM"])
    twice = order(api, customer, [(product, 1)], vouchers=["A", "B"])

    assert both.status_code == 201
    assert (both.json()["voucher_discount"], both.json()["shipping_subsidy"]) == (10000, 23000)
    assert twice.status_code == 400
    assert "voucher" in twice.json()
    assert Order.objects.count() == 1


def test_the_best_automatic_voucher_applies_without_a_code(api, customer, product):
    VoucherFactory(code="", name="Rp 5.000", value=5000)
    VoucherFactory(code="", name="Rp 12.000", value=12000)

    body = order(api, customer, [(product, 1)]).json()

    assert body["voucher_discount"] == 12000
    assert body["vouchers"] == []


def test_a_typed_code_replaces_the_automatic_voucher_of_its_kind(api, customer, product):
    VoucherFactory(code="", value=12000)
    VoucherFactory(code="KECIL", value=3000)

    assert order(api, customer, [(product, 1)], voucher="KECIL").json()["voucher_discount"] == 3000


@pytest.mark.parametrize(
    "terms, why",
    [
        ({"min_spend": 100000}, "minimal"),
        ({"buyer_provinces": ["91"]}, "provinsi"),
        ({"shop_provinces": ["91"]}, "tidak ada produk"),
        ({"paused_at": "2020-01-01T00:00:00+07:00"}, "tidak dikenal"),
    ],
)
def test_a_code_that_does_not_apply_is_a_400_saying_why_and_nothing_is_placed(api, customer, product, terms, why):
    VoucherFactory(code="SYARAT", **terms)

    response = order(api, customer, [(product, 1)], voucher="SYARAT")

    assert response.status_code == 400
    assert why in response.json()["voucher"][0]
    assert Order.objects.count() == 0


def test_categories_shops_and_shop_provinces_limit_which_lines_get_the_discount(api, customer, shop, other_product):
    coffee = ProductFactory(seller=shop, price=60000)
    voucher = VoucherFactory(code="ACEH", kind="percent", value=10, min_spend=0, shop_provinces=["11"])
    voucher.sellers.set([shop])

    body = order(api, customer, [(coffee, 1), (other_product, 1)], voucher="ACEH").json()

    by_product = {line["product"]: line["voucher_discount"] for line in body["lines"]}
    assert by_product == {coffee.pk: 6000, other_product.pk: 0}


def test_first_order_only_vouchers_refuse_a_buyer_who_ordered_before(api, customer, product):
    VoucherFactory(code="PERTAMA", first_order_only=True)

    assert order(api, customer, [(product, 1)], voucher="PERTAMA").status_code == 201
    again = order(api, customer, [(product, 1)], voucher="PERTAMA")

    assert again.status_code == 400
    assert "pertama" in again.json()["voucher"][0]


def test_the_per_buyer_limit_counts_live_uses_and_a_cancellation_frees_one(api, customer, product):
    VoucherFactory(code="SEKALI", per_buyer_limit=1)
    first = order(api, customer, [(product, 1)], voucher="SEKALI")

    assert order(api, customer, [(product, 1)], voucher="SEKALI").status_code == 400
    lifecycle.order_cancel(order=Order.objects.get(number=first.json()["number"]))
    assert order(api, customer, [(product, 1)], voucher="SEKALI").status_code == 201


def test_a_budget_that_cannot_cover_the_order_is_a_409_and_nothing_is_placed(api, customer, product):
    voucher = VoucherFactory(code="SISA", value=20000, budget=30000, budget_used=15000)

    response = order(api, customer, [(product, 1)], voucher="SISA")

    assert response.status_code == 409
    assert Order.objects.count() == 0
    voucher.refresh_from_db()
    assert voucher.budget_used == 15000
    assert product.__class__.objects.get(pk=product.pk).stock == product.stock


def test_a_count_limit_holds_like_the_budget(api, customer, product):
    VoucherFactory(code="DUA", max_uses=1)
    assert order(api, customer, [(product, 1)], voucher="DUA").status_code == 201
    assert order(api, UserFactory(), [(product, 1)], voucher="DUA").status_code == 409


def test_a_campaign_budget_bounds_all_its_vouchers(api, customer, product):
    campaign = CampaignFactory(voucher_budget=15000)
    VoucherFactory(code="SATU", campaign=campaign)
    VoucherFactory(code="DUA", campaign=campaign)

    assert order(api, customer, [(product, 1)], voucher="SATU").status_code == 201
    assert order(api, UserFactory(), [(product, 1)], voucher="DUA").status_code == 409
    campaign.refresh_from_db()
    assert campaign.voucher_budget_used == 10000


def test_cancelling_an_order_gives_the_budget_back(api, customer, product):
    campaign = CampaignFactory(voucher_budget=50000)
    voucher = VoucherFactory(code="BALIK", campaign=campaign, kind="shipping", value=100, min_spend=0)
    number = order(api, customer, [(product, 1)], voucher="BALIK").json()["number"]
    voucher.refresh_from_db()
    assert (voucher.budget_used, voucher.uses) == (23000, 1)

    lifecycle.order_cancel(order=Order.objects.get(number=number))

    voucher.refresh_from_db()
    campaign.refresh_from_db()
    assert (voucher.budget_used, voucher.uses, campaign.voucher_budget_used) == (0, 0, 0)
    assert VoucherUse.objects.get().released_amount == 23000


def test_a_declined_shipment_gives_back_only_its_shops_part(customer, product, other_product):
    from orders.services import checkout
    from orders.vouchers import voucher_backend

    voucher = VoucherFactory(code="DUA_TOKO", kind="shipping", value=100, min_spend=0)
    placed = checkout.order_place(
        buyer=customer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1), (other_product.pk, 1)],
        courier="jne", vouchers=["dua_toko"],
    )  # fmt: skip
    shipment = placed.shipments.get(seller=other_product.seller)

    voucher_backend().release(order=placed, shipments=[shipment])
    voucher_backend().release(order=placed, shipments=[shipment])  # a repeat gives nothing more

    voucher.refresh_from_db()
    assert voucher.budget_used == 23000
    assert voucher.uses == 1


def test_checkout_runs_a_fixed_number_of_queries_with_vouchers_applied(
    api, customer, django_assert_max_num_queries, settings
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "vpin"}}
    shops = SellerFactory.create_batch(5, owner=UserFactory())
    products = [ProductFactory(seller=shop) for shop in shops for _ in range(3)]
    goods = VoucherFactory(code="", kind="percent", value=5, per_buyer_limit=100, first_order_only=False)
    goods.sellers.set(shops)
    VoucherFactory(
        code="GRATIS", kind="shipping", value=100, min_spend=0, campaign=CampaignFactory(voucher_budget=10**9)
    )
    order(api, customer, [(products[0], 1)])  # fills the rate table's cache

    # 16 for checkout without vouchers, plus: read the vouchers, their categories and shops, the
    # buyer's uses, two budget UPDATEs and the campaign's, and the insert of the uses.
    with django_assert_max_num_queries(24):
        small = order(api, customer, [(products[0], 1)], voucher="GRATIS")
    with django_assert_max_num_queries(24):
        large = order(api, customer, [(p, 1) for p in products], voucher="GRATIS")

    assert small.status_code == large.status_code == 201
    assert large.json()["shipping_subsidy"] == sum(s["shipping_fee"] for s in large.json()["shipments"])
    assert large.json()["voucher_discount"] > 0


def test_a_cancelled_order_frees_its_use_of_a_limit_above_one_for_the_next_order(api, customer, product):
    VoucherFactory(code="DUAKALI", per_buyer_limit=2)
    first = order(api, customer, [(product, 1)], voucher="DUAKALI")
    assert order(api, customer, [(product, 1)], voucher="DUAKALI").status_code == 201

    lifecycle.order_cancel(order=Order.objects.get(number=first.json()["number"]))
    again = order(api, customer, [(product, 1)], voucher="DUAKALI")

    assert again.status_code == 201, again.json()
    assert order(api, customer, [(product, 1)], voucher="DUAKALI").status_code == 400


def test_an_order_its_vouchers_pay_whole_is_paid_when_placed(
    api, customer, product, mailoutbox, django_capture_on_commit_callbacks
):
    """Midtrans charges no Rp 0: such an order is paid at once, and the buyer is told there is nothing to pay."""
    VoucherFactory(code="GRATIS", kind="percent", value=100, max_discount=None, min_spend=0)
    VoucherFactory(code="KIRIM", kind="shipping", value=100, min_spend=0)

    with django_capture_on_commit_callbacks(execute=True):
        response = order(api, customer, [(product, 1)], vouchers=["GRATIS", "KIRIM"])

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["total"], body["status"]) == (0, "paid")
    assert (body["payment"]["status"], body["payment"]["method"]) == ("paid", "voucher")
    placed = Order.objects.get()
    assert (placed.status, placed.payment.status) == ("paid", "paid")
    confirmation = next(m for m in mailoutbox if m.to == [customer.email])
    assert "tidak ada yang perlu dibayar" in confirmation.body and "Bayar sebelum" not in confirmation.body


def test_a_free_order_cancelled_gives_its_vouchers_budget_back(api, customer, product):
    goods = VoucherFactory(code="GRATIS", kind="percent", value=100, max_discount=None, min_spend=0)
    VoucherFactory(code="KIRIM", kind="shipping", value=100, min_spend=0)
    number = order(api, customer, [(product, 1)], vouchers=["GRATIS", "KIRIM"]).json()["number"]

    lifecycle.order_cancel(order=Order.objects.get(number=number))

    assert Order.objects.get(number=number).status == "cancelled"
    goods.refresh_from_db()
    assert goods.budget_used == 0
