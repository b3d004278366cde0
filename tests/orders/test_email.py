"""Transactional email: outbox rows written with the order, sent by Celery after commit, never lost."""

from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from orders.models import Order, OutgoingEmail, Payment, Shipment
from orders.services import email as email_services
from orders.services import lifecycle
from sellers.models import SellerMember
from tests.factories import UserFactory, set_stock

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _eager(eager_celery):
    return eager_celery


def checkout(api, user, address, lines, courier="jne"):
    body = {
        "shipping_address": address,
        "lines": [{"product": p.pk, "quantity": q} for p, q in lines],
        "courier": courier,
    }
    return api.as_user(user).post("/api/v1/orders/", body, format="json")


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def age_outbox(seconds=120):
    OutgoingEmail.objects.update(created_at=timezone.now() - timedelta(seconds=seconds))


def test_checkout_writes_the_outbox_rows_before_anything_is_sent(
    api, customer, address, product, other_product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = checkout(api, customer, address, [(product, 2), (other_product, 1)])

    assert response.status_code == 201
    assert OutgoingEmail.objects.filter(sent_at=None).count() == 3
    assert len(callbacks) == 1  # one on-commit hook enqueues the whole order's email
    assert mail.outbox == []


def test_a_checkout_that_fails_leaves_no_outbox_rows(api, customer, address, product):
    set_stock(product, 1)

    response = checkout(api, customer, address, [(product, 2)])

    assert response.status_code == 409
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []


def test_after_commit_the_buyer_and_every_seller_member_get_their_email(
    api,
    customer,
    seller_user,
    other_seller_user,
    shop,
    address,
    product,
    other_product,
    django_capture_on_commit_callbacks,
):
    staff = UserFactory()
    SellerMember.objects.create(seller=shop, user=staff, role=SellerMember.Role.STAFF)

    with django_capture_on_commit_callbacks(execute=True):
        response = checkout(api, customer, address, [(product, 2), (other_product, 1)])

    number = response.json()["number"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [customer.email, seller_user.email, staff.email, other_seller_user.email]
    )
    assert not OutgoingEmail.objects.filter(sent_at=None).exists()
    for message in mail.outbox:
        assert number in message.subject
        assert number in message.body
        assert number in html_of(message)


def test_the_buyers_confirmation_is_in_indonesian_with_rupiah_totals(
    api, customer, address, product, other_product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        number = checkout(api, customer, address, [(product, 2), (other_product, 1)]).json()["number"]

    [message] = [m for m in mail.outbox if m.to == [customer.email]]
    total = 2 * 85000 + 95000 + 23000 + 2 * 31000  # JNE REG to Java: 23.000/kg from Aceh, 31.000/kg from Toraja
    assert message.subject == f"Pesanan {number} diterima, silakan bayar Rp 350.000"
    assert total == 350000
    assert "Total: Rp 350.000" in message.body
    assert "Ongkos kirim: Rp 85.000" in message.body
    assert "Rp 350.000" in html_of(message)
    assert "<html" not in message.body


def test_each_seller_gets_a_notice_with_only_their_own_lines(
    api, customer, seller_user, address, product, other_product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        number = checkout(api, customer, address, [(product, 2), (other_product, 1)]).json()["number"]

    [message] = [m for m in mail.outbox if m.to == [seller_user.email]]
    assert message.subject == f"Pesanan baru {number} untuk {product.seller.name}"
    assert product.name in message.body
    assert other_product.name not in message.body
    assert "Rp 85.000" in message.body
    assert other_product.name not in html_of(message)


def test_sending_an_email_twice_sends_it_once(api, customer, address, product, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        checkout(api, customer, address, [(product, 1)])
    sent = len(mail.outbox)
    email = OutgoingEmail.objects.filter(to=customer.email).get()

    assert email_services.email_send(email_id=email.pk) is False
    assert len(mail.outbox) == sent
    assert OutgoingEmail.objects.get(pk=email.pk).attempts == 1


def test_when_the_broker_is_down_checkout_still_succeeds_and_the_sweep_sends_later(
    api, customer, address, product, other_product, monkeypatch, django_capture_on_commit_callbacks
):
    from orders import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to localhost:6379. Connection refused.")

    with monkeypatch.context() as patched:
        patched.setattr(tasks.send_emails, "delay", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            response = checkout(api, customer, address, [(product, 2), (other_product, 1)])

    assert response.status_code == 201
    assert Order.objects.count() == 1
    assert OutgoingEmail.objects.filter(sent_at=None).count() == 3
    assert mail.outbox == []

    assert tasks.send_pending_email.delay().get() == 0  # too fresh: a worker may still be on it
    age_outbox()
    assert tasks.send_pending_email.delay().get() == 3

    assert len(mail.outbox) == 3
    assert not OutgoingEmail.objects.filter(sent_at=None).exists()
    assert tasks.send_pending_email.delay().get() == 0
    assert len(mail.outbox) == 3


def test_a_failed_send_is_counted_and_kept_for_the_sweep(place_order, product, customer, settings):
    order = place_order((product, 1))
    email = OutgoingEmail.objects.get(order=order, to=customer.email)
    settings.EMAIL_BACKEND = "tests.orders.test_email.FailingBackend"

    with pytest.raises(SMTPException):
        email_services.email_send(email_id=email.pk)

    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts == 1
    assert "421" in email.last_error


def test_the_sweep_gives_up_on_an_email_that_keeps_failing(place_order, product):
    place_order((product, 1))
    age_outbox()
    OutgoingEmail.objects.update(attempts=10)

    assert email_services.email_unsent_ids() == []


def test_shipping_a_shipment_emails_the_buyer_the_courier_and_tracking_number(
    api, customer, seller_user, shop, place_order, product, django_capture_on_commit_callbacks
):
    order = lifecycle.order_mark_paid(order=place_order((product, 1)), method=Payment.Method.TEST)
    shipment = Shipment.objects.get(order=order, seller=shop)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = api.as_user(seller_user).post(
            f"/api/v1/shipments/{shipment.pk}/ship/",
            {"courier": "jnt", "tracking_number": "JP1234567890"},
            format="json",
        )

    assert response.status_code == 200
    [message] = [m for m in mail.outbox if m.to == [customer.email]]
    assert order.number in message.subject
    assert "J&T Express" in message.body
    assert "JP1234567890" in message.body
    assert "JP1234567890" in html_of(message)
    assert "https://jet.co.id/track?awb=JP1234567890" in message.body  # the courier's tracking page
    assert OutgoingEmail.objects.get(kind="shipment_shipped").sent_at is not None


def test_cancelling_an_order_emails_the_buyer(place_order, product, customer, django_capture_on_commit_callbacks):
    order = place_order((product, 1))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.order_cancel(order=order, actor=customer)

    [message] = mail.outbox
    assert message.subject == f"Pesanan {order.number} dibatalkan"


class FailingBackend:
    """An SMTP server that answers 421 to everything."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise SMTPException("421 Service not available")


def test_cancelling_a_paid_order_tells_each_shop_not_to_ship(place_order, product, other_product, customer):
    order = place_order((product, 1), (other_product, 1))
    lifecycle.order_mark_paid(order=order, method="test")

    lifecycle.order_cancel(order=order, actor=customer)

    to_shops = OutgoingEmail.objects.filter(order=order, kind="order_cancelled_seller")
    owners = SellerMember.objects.filter(seller__in=[product.seller, other_product.seller])
    assert sorted(to_shops.values_list("to", flat=True)) == sorted(m.user.email for m in owners)
    assert all("Jangan kirim" in email.body_text and order.number in email.subject for email in to_shops)
    assert OutgoingEmail.objects.filter(order=order, kind="order_cancelled", to=customer.email).count() == 1


def test_cancelling_an_unpaid_order_does_not_bother_the_shops(place_order, product, customer):
    order = place_order((product, 1))

    lifecycle.order_cancel(order=order, actor=customer)

    assert not OutgoingEmail.objects.filter(order=order, kind="order_cancelled_seller").exists()
