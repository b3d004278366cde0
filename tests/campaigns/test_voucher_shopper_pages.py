"""Shoppers see vouchers: on the product page and in the cart (the best suggested), itemised at
checkout, on the order page and in the order emails."""

import pytest
from django.core import mail

from orders.models import CartLine, Order
from tests.factories import ProductFactory, VoucherFactory, only_variant

pytestmark = pytest.mark.django_db

CHECKOUT = {
    "saved_address": "new",
    "recipient": "Siti Pembeli",
    "phone": "081234567890",
    "street": "Jl. Malioboro No. 1",
    "city": "Yogyakarta",
    "province": "34",
    "postal_code": "55213",
    "token": "6f1c1c52-6a43-4b55-9d3c-7a5c2b1d9e10",
}


def test_the_product_page_lists_the_vouchers_that_cover_it_the_best_first(client, product):
    VoucherFactory(code="KECIL", name="Hemat sedikit", value=5000, min_spend=0)
    VoucherFactory(code="BESAR", name="Hemat banyak", value=15000, min_spend=0)
    VoucherFactory(code="MINIMAL", name="Belanja banyak", value=30000, min_spend=200000)
    VoucherFactory(code="LAIN", name="Toko lain", min_spend=0).sellers.set([ProductFactory().seller])
    VoucherFactory(code="JEDA", name="Dijeda", min_spend=0, paused_at="2020-01-01T00:00:00+07:00")

    html = client.get(product.get_absolute_url()).content.decode()

    assert html.index("BESAR") < html.index("KECIL")
    assert "Terbaik" in html and "hemat Rp 15.000" in html
    assert "belanja Rp 115.000 lagi" in html  # 200.000 - 85.000
    assert "LAIN" not in html and "JEDA" not in html


def test_the_cart_suggests_the_best_voucher_for_what_is_in_it(client, customer, product):
    VoucherFactory(code="", name="Otomatis kopi", kind="percent", value=10, max_discount=50000, min_spend=0)
    VoucherFactory(code="KOPI", value=5000, min_spend=0)
    CartLine.objects.create(user=customer, product=product, variant=only_variant(product), quantity=2)
    client.force_login(customer)

    html = client.get("/keranjang/").content.decode()

    assert "hemat Rp 17.000" in html and "Terbaik" in html
    assert html.index("Otomatis kopi") < html.index("KOPI")


def test_checkout_itemises_the_voucher_and_the_shipping_subsidy_then_the_order_and_emails_show_them(
    client, customer, product, django_capture_on_commit_callbacks
):
    VoucherFactory(code="POTONG", value=10000)
    VoucherFactory(code="", name="Ongkir gratis", kind="shipping", value=100, min_spend=0, funded_by="platform")
    CartLine.objects.create(user=customer, product=product, variant=only_variant(product), quantity=1)
    client.force_login(customer)

    estimate = client.post("/checkout/", {**CHECKOUT, "voucher": "potong", "estimate": "1"}).content.decode()
    assert "−Rp 10.000" in estimate and "−Rp 19.500" in estimate  # the cheapest fee from Aceh, all of it
    assert "Rp 75.000" in estimate  # 85.000 - 10.000 + 19.500 - 19.500

    with django_capture_on_commit_callbacks(execute=True):  # the worker renders and sends the emails
        placed = client.post("/checkout/", {**CHECKOUT, "voucher": "potong"})
    order = Order.objects.get()
    assert placed.status_code == 302
    assert (order.voucher_discount, order.shipping_subsidy, order.total) == (10000, 19500, 75000)
    page = client.get(order.get_absolute_url()).content.decode()
    assert "Voucher (POTONG)" in page and "Subsidi ongkos kirim" in page
    buyer_mail = next(m for m in mail.outbox if m.to == [customer.email])
    assert "Voucher POTONG: -Rp 10.000" in buyer_mail.body and "Subsidi ongkos kirim: -Rp 19.500" in buyer_mail.body
    shop_mail = next(m for m in mail.outbox if m.to != [customer.email])
    assert "Subsidi ongkos kirim: -Rp 19.500, dibayar platform, tidak mengurangi dana toko" in shop_mail.body


def test_a_code_that_does_not_apply_is_explained_on_the_checkout_page(client, customer, product):
    CartLine.objects.create(user=customer, product=product, variant=only_variant(product), quantity=1)
    client.force_login(customer)
    html = client.post("/checkout/", {**CHECKOUT, "voucher": "TIDAKADA", "estimate": "1"}).content.decode()
    assert "Kode voucher TIDAKADA tidak dikenal" in html


@pytest.mark.parametrize("submit", [{"estimate": "1"}, {}], ids=["estimate", "place"])
def test_a_code_that_cannot_be_a_code_is_unknown_on_the_checkout_page_and_places_nothing(
    client, customer, product, submit
):
    """A NUL character: PostgreSQL refuses it in a query with an error, which answered 500."""
    CartLine.objects.create(user=customer, product=product, variant=only_variant(product), quantity=1)
    client.force_login(customer)

    response = client.post("/checkout/", {**CHECKOUT, "voucher": "KOPI\x00", **submit})

    assert response.status_code == 200
    assert "tidak dikenal atau tidak berlaku" in response.content.decode()
    assert not Order.objects.exists()


def test_the_vouchers_on_a_product_page_cost_the_same_queries_however_many(client, product, shop):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(product.get_absolute_url()).status_code == 200
        return len(ctx)

    VoucherFactory(min_spend=0).sellers.set([shop])
    one = count()
    for _ in range(9):
        VoucherFactory(min_spend=0, kind="percent", value=5, max_discount=9000).sellers.set([shop])
    assert count() == one
