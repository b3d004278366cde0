"""The pay page: choosing a method, what the buyer sees to pay with, and finding out it was paid."""

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import Order
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(place_order, product):
    return place_order((product, 1))


@pytest.fixture
def buyer(client, customer):
    client.force_login(customer)
    return client


def pay_url(order) -> str:
    return reverse("orders:pay", args=[order.number])


def test_the_page_shows_the_total_the_deadline_and_a_countdown(buyer, order):
    text = buyer.get(pay_url(order)).text

    assert order.number in text
    assert f'<strong class="amount" id="pay-total">Rp {order.total:,}</strong>'.replace(",", ".") in text
    assert "Bayar sebelum" in text
    assert f'data-countdown="{timezone.localtime(order.payment_deadline).isoformat()}"' in text


def test_in_development_the_simulated_payment_pays_the_order(buyer, order, settings):
    settings.DEBUG = settings.PAYMENT_TEST_PROVIDER_ENABLED = True

    assert "Bayar sekarang (simulasi)" in buyer.get(pay_url(order)).text
    response = buyer.post(pay_url(order), {"method": "test"})

    assert response.url == order.get_absolute_url()
    assert Order.objects.get(pk=order.pk).status == "paid"


def test_with_debug_off_there_is_no_simulation_and_posting_it_pays_nothing(buyer, order, settings):
    settings.DEBUG, settings.PAYMENT_TEST_PROVIDER_ENABLED = False, True

    text = buyer.get(pay_url(order)).text
    buyer.post(pay_url(order), {"method": "test"})

    assert "Bayar sekarang (simulasi)" not in text
    assert "Pembayaran daring belum tersedia" in text
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


def test_with_midtrans_the_buyer_chooses_among_its_methods(buyer, order, midtrans):
    text = buyer.get(pay_url(order)).text

    for label in ("QRIS", "Virtual account BCA", "Virtual account Mandiri", "GoPay", "ShopeePay"):
        assert label in text


def test_a_virtual_account_shows_its_number_a_copy_button_and_the_banks_steps(buyer, order, midtrans):
    buyer.post(pay_url(order), {"method": "va_bca"})

    text = buyer.get(pay_url(order)).text

    va = Order.objects.get(pk=order.pk).payment.charges.get().va_number
    assert f'id="va-number">{va}</strong>' in text
    assert f'data-copy="{va}"' in text
    assert "Buka aplikasi m-banking atau ATM BCA" in text


def test_mandiri_shows_the_company_code_and_the_bill_key(buyer, order, midtrans):
    buyer.post(pay_url(order), {"method": "va_mandiri"})

    text = buyer.get(pay_url(order)).text

    assert "Kode perusahaan" in text and "70012" in text
    assert "Multipayment" in text


def test_qris_is_drawn_on_our_server_as_an_inline_svg(buyer, order, midtrans):
    buyer.post(pay_url(order), {"method": "qris"})

    text = buyer.get(pay_url(order)).text

    assert '<figure class="qr"><svg' in text
    assert "<img" not in text.split('<figure class="qr">')[1].split("</figure>")[0]


def test_snap_sends_the_buyer_to_the_midtrans_page(buyer, order, midtrans):
    buyer.post(pay_url(order), {"method": "snap"})

    text = buyer.get(pay_url(order)).text

    assert "Lanjut ke halaman pembayaran Midtrans" in text
    assert f'href="{midtrans.url}/snap/v4/redirection/' in text


def test_checking_the_status_without_javascript_finds_the_payment(buyer, order, midtrans):
    buyer.post(pay_url(order), {"method": "va_bni"})
    midtrans.settle(order.number)

    response = buyer.post(pay_url(order), {"check": "1"})

    assert response.url == order.get_absolute_url()
    assert Order.objects.get(pk=order.pk).status == "paid"


def test_a_refused_change_of_method_is_a_message_not_an_error_page(buyer, order, midtrans):
    buyer.post(pay_url(order), {"method": "snap"})

    response = buyer.post(pay_url(order), {"method": "qris"}, follow=True)

    assert response.status_code == 200
    assert "belum bisa dibatalkan" in response.text


def test_the_status_the_page_polls_is_the_buyers_own(client, customer, order):
    url = reverse("orders:pay_status", args=[order.number])
    client.force_login(customer)
    assert client.get(url).json() == {"order_status": "awaiting_payment", "payment_status": "pending"}

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_another_customer_cannot_open_or_use_the_pay_page(client, order, midtrans):
    client.force_login(UserFactory())

    assert client.get(pay_url(order)).status_code == 404
    assert client.post(pay_url(order), {"method": "qris"}).status_code == 404
    assert midtrans.calls == []
