"""A new order's emails are written as kind and ids and rendered once, by the worker that sends them."""

from smtplib import SMTPException

import pytest
from django.core import mail

from orders.models import OrderLine, OutgoingEmail
from orders.services import email as email_services

pytestmark = pytest.mark.django_db


def test_checkout_writes_each_email_as_its_kind_and_ids_without_rendering_it(
    place_order, product, other_product, customer
):
    order = place_order((product, 1), (other_product, 2))

    rows = list(OutgoingEmail.objects.filter(order=order).values_list("kind", "shipment__seller", "to", "subject"))
    assert sorted(rows, key=str) == sorted(
        [
            ("order_confirmation", None, customer.email, ""),
            ("new_order_seller", product.seller_id, product.seller.members.get().user.email, ""),
            ("new_order_seller", other_product.seller_id, other_product.seller.members.get().user.email, ""),
        ],
        key=str,
    )


def test_the_shop_notice_rendered_in_the_worker_lists_only_that_shops_lines(place_order, product, other_product):
    order = place_order((product, 1), (other_product, 2))
    notice = OutgoingEmail.objects.get(order=order, kind="new_order_seller", shipment__seller=product.seller)

    assert email_services.email_send(email_id=notice.pk) is True

    [message] = mail.outbox
    assert message.subject == f"Pesanan baru {order.number} untuk {product.seller.name}"
    assert product.name in message.body
    assert other_product.name not in message.body


def test_an_email_is_rendered_once_so_a_retry_sends_the_text_of_the_first_attempt(
    place_order, product, customer, settings
):
    order = place_order((product, 1))
    email = OutgoingEmail.objects.get(order=order, to=customer.email)
    settings.EMAIL_BACKEND = "tests.orders.test_email.FailingBackend"
    with pytest.raises(SMTPException):
        email_services.email_send(email_id=email.pk)
    email.refresh_from_db()
    assert order.number in email.subject and product.name in email.body_text
    OrderLine.objects.filter(order=order).update(product_name="Nama yang berubah kemudian")

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert email_services.email_send(email_id=email.pk) is True
    assert email_services.email_send(email_id=email.pk) is False

    [message] = mail.outbox
    assert product.name in message.body
    assert "Nama yang berubah kemudian" not in message.body
    assert message.extra_headers["Message-ID"] == email_services.email_message_id(email.pk)


def test_a_row_written_rendered_before_the_change_is_sent_as_it_was_written(place_order, product, customer):
    order = place_order((product, 1))
    OutgoingEmail.objects.filter(order=order).delete()
    old = OutgoingEmail.objects.create(
        kind="order_confirmation",
        order=order,
        to=customer.email,
        subject="Teks lama",
        body_text="Isi lama",
        body_html="<p>Isi lama</p>",
    )

    assert email_services.email_send(email_id=old.pk) is True

    [message] = mail.outbox
    assert (message.subject, message.body) == ("Teks lama", "Isi lama")
