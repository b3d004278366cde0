"""The admin: staff edit shipping rates; orders, payments and email are read-only."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from orders.models import Order, OutgoingEmail, PaymentNotification, ShippingRate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client():
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="orders",
            codename__in=[
                "view_shippingrate",
                "change_shippingrate",
                "view_order",
                "view_orderline",
                "view_shipment",
                "view_orderevent",
                "view_outgoingemail",
                "view_paymentnotification",
            ],
        )
    )
    client = Client()
    client.force_login(staff)
    return client


def test_staff_change_a_per_kg_rate_from_the_rate_list(staff_client):
    from orders.rates import rate_table

    rates = list(ShippingRate.objects.filter(courier="jne").order_by("courier", "service", "origin_zone", "zone"))
    key = (rates[0].courier, rates[0].service, rates[0].origin_zone, rates[0].zone)
    assert rate_table()[key][0] == rates[0].per_kg  # now cached
    form = {
        "form-TOTAL_FORMS": str(len(rates)),
        "form-INITIAL_FORMS": str(len(rates)),
        "_save": "Simpan",
    }
    for i, rate in enumerate(rates):
        form[f"form-{i}-id"] = str(rate.pk)
        form[f"form-{i}-per_kg"] = "12500" if i == 0 else str(rate.per_kg)
        form[f"form-{i}-eta_min_days"] = str(rate.eta_min_days)
        form[f"form-{i}-eta_max_days"] = str(rate.eta_max_days)

    response = staff_client.post("/admin/orders/shippingrate/?courier__exact=jne", form)

    assert response.status_code == 302, response.content[:2000]
    rates[0].refresh_from_db()
    assert rates[0].per_kg == 12500
    assert rate_table()[key][0] == 12500  # the next checkout uses it


def test_staff_read_an_order_with_its_lines_shipments_and_events(staff_client, place_order, product, other_product):
    order = place_order((product, 2), (other_product, 1))

    response = staff_client.get(f"/admin/orders/order/{order.pk}/change/")

    assert response.status_code == 200
    page = response.content.decode()
    assert order.number in page
    assert product.name in page
    assert "Pesanan dibuat" in page


def test_staff_cannot_change_or_delete_an_order(staff_client, place_order, product):
    order = place_order((product, 1))

    staff_client.post(f"/admin/orders/order/{order.pk}/change/", {"status": "paid"})
    staff_client.post(f"/admin/orders/order/{order.pk}/delete/", {"post": "yes"})

    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


def test_staff_list_the_email_outbox_and_payment_notifications(staff_client, place_order, product):
    place_order((product, 1))
    PaymentNotification.objects.create(provider="midtrans", order_number="X", payload={}, accepted=False, outcome="x")

    assert staff_client.get("/admin/orders/outgoingemail/").status_code == 200
    assert staff_client.get("/admin/orders/paymentnotification/").status_code == 200
    assert staff_client.get("/admin/orders/outgoingemail/?sent_at__isempty=1").status_code == 200
    assert OutgoingEmail.objects.exists()


def test_customers_cannot_open_the_admin(customer):
    client = Client()
    client.force_login(customer)
    assert client.get("/admin/orders/shippingrate/").status_code == 302
