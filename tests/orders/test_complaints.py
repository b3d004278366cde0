"""Complaints and returns per shipment: the buyer complains with evidence, the shop refunds, asks for
a return or rejects, either side escalates, staff decide; deadlines act for whoever is silent. While
a complaint is open the shop's funds stay held."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from orders.models import Complaint, Order, Payment, SalesDay, Shipment
from orders.services import complaints, lifecycle
from orders.services.completion import shipments_complete_due
from payouts.selectors import balance_of
from sellers.models import Product
from tests.factories import UserFactory
from tests.orders.aftersales_fixtures import shipped

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def delivered(two_shop_order, seller_user, shop) -> Shipment:
    """The shop's parcel (2 of `product`), reported delivered by the courier."""
    return lifecycle.shipment_deliver(shipment=shipped(two_shop_order, shop, seller_user), actor=None)


def photo(name="retak.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "brown").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def mp4() -> SimpleUploadedFile:
    head = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 200
    return SimpleUploadedFile("unboxing.mp4", head, content_type="video/mp4")


def open_complaint(api, user, shipment, **extra):
    body = {"reason": "damaged", "description": "Toples kopi pecah saat tiba.", **extra}
    return api.as_user(user).post(f"/api/v1/shipments/{shipment.pk}/complaint/", body, format="multipart")


def act(api, user, complaint_id, step, body=None):
    return api.as_user(user).post(f"/api/v1/complaints/{complaint_id}/{step}/", body or {}, format="json")


def test_the_buyer_complains_with_a_photo_and_the_shop_is_told_its_deadline(
    api, customer, shop, seller_user, delivered, settings, run_on_commit
):
    mail.outbox.clear()
    response = run_on_commit(lambda: open_complaint(api, customer, delivered, evidence=photo()))

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "awaiting_shop"
    assert body["messages"][0]["evidence_type"] == "image/png"
    respond_by = Complaint.objects.get().respond_by
    assert respond_by - timezone.now() == pytest.approx(settings.AFTERSALES_COMPLAINT_ANSWER, abs=timedelta(minutes=1))
    (email,) = [m for m in mail.outbox if "Komplain baru" in m.subject]
    assert email.to == [seller_user.email]


def test_an_open_complaint_keeps_the_funds_held_past_the_completion_window(api, customer, shop, delivered):
    open_complaint(api, customer, delivered)

    assert shipments_complete_due(now=timezone.now() + timedelta(days=30)) == 0
    assert Shipment.objects.get(pk=delivered.pk).status == "delivered"
    assert balance_of(seller=shop).available == 0
    assert api.as_user(customer).post(f"/api/v1/shipments/{delivered.pk}/confirm/").status_code == 409


def test_the_shop_refunds_part_and_the_rest_is_released_to_it(
    api, customer, seller_user, shop, delivered, run_on_commit, midtrans
):
    complaint_id = open_complaint(api, customer, delivered).json()["id"]
    held = balance_of(seller=shop).held

    response = run_on_commit(
        lambda: act(api, seller_user, complaint_id, "answer", {"action": "refund", "amount": 30000})
    )

    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["refund_amount"]) == ("refunded", 30000)
    payment = Payment.objects.get(order=delivered.order)
    assert (payment.status, payment.refunded_amount) == ("partially_refunded", 30000)
    assert Shipment.objects.get(pk=delivered.pk).status == "completed"
    shop_money = balance_of(seller=shop)
    assert shop_money.held == 0
    assert held - 30000 < shop_money.available < held


def test_a_return_refunds_the_shipment_on_receipt_and_puts_the_stock_back(
    api, customer, seller_user, shop, product, delivered, run_on_commit
):
    complaint_id = open_complaint(api, customer, delivered, reason="wrong_item").json()["id"]
    stock_before = Product.objects.get(pk=product.pk).stock

    assert act(api, seller_user, complaint_id, "answer", {"action": "return"}).json()["status"] == "awaiting_return"
    returned = act(api, customer, complaint_id, "return", {"courier": "jne", "tracking_number": "JNERETUR1"})
    assert returned.json()["status"] == "return_shipped"
    received = run_on_commit(lambda: act(api, seller_user, complaint_id, "received"))

    assert received.json()["status"] == "returned"
    shipment = Shipment.objects.get(pk=delivered.pk)
    assert shipment.status == "returned"
    assert Product.objects.get(pk=product.pk).stock == stock_before + 2
    assert not SalesDay.objects.filter(product=product).exists()
    assert Payment.objects.get(order=shipment.order).refunded_amount == shipment.subtotal + shipment.shipping_fee
    assert balance_of(seller=shop).held == 0 and balance_of(seller=shop).available == 0


def test_a_rejection_the_buyer_escalates_is_decided_by_staff_who_see_both_sides(
    api, customer, seller_user, ministry, shop, delivered, run_on_commit
):
    complaint_id = open_complaint(api, customer, delivered, evidence=mp4()).json()["id"]
    act(api, seller_user, complaint_id, "answer", {"action": "reject", "text": "Dikemas dengan bubble wrap tebal."})
    act(api, customer, complaint_id, "escalate", {"text": "Videonya menunjukkan toples pecah."})

    seen = api.as_user(ministry).get(f"/api/v1/complaints/{complaint_id}/").json()
    assert [m["role"] for m in seen["messages"]] == ["buyer", "shop", "buyer"]
    assert seen["messages"][0]["evidence_type"] == "video/mp4"
    assert act(api, seller_user, complaint_id, "decide", {"outcome": "refund", "text": "x"}).status_code == 403
    decided = run_on_commit(
        lambda: act(api, ministry, complaint_id, "decide", {"outcome": "refund", "text": "Bukti video jelas."})
    )

    assert decided.json()["status"] == "refunded"
    assert Shipment.objects.get(pk=delivered.pk).status == "completed"
    assert balance_of(seller=shop).held == 0


def test_a_shop_silent_past_its_deadline_refunds_in_full_once(api, customer, shop, delivered, run_on_commit, settings):
    complaint_id = open_complaint(api, customer, delivered).json()["id"]
    later = timezone.now() + settings.AFTERSALES_COMPLAINT_ANSWER + timedelta(minutes=1)

    assert complaints.complaints_enforce_deadlines(now=later - timedelta(minutes=2)) == 0
    assert run_on_commit(lambda: complaints.complaints_enforce_deadlines(now=later)) == 1
    assert complaints.complaints_enforce_deadlines(now=later + timedelta(minutes=1)) == 0

    complaint = Complaint.objects.get(pk=complaint_id)
    shipment = Shipment.objects.get(pk=delivered.pk)
    assert (complaint.status, complaint.refund_amount) == ("refunded", shipment.subtotal + shipment.shipping_fee)
    assert Payment.objects.get(order=shipment.order).refunded_amount == complaint.refund_amount
    assert shipment.status == "completed"


def test_a_return_the_shop_never_confirms_goes_to_staff(api, customer, seller_user, delivered, settings):
    complaint_id = open_complaint(api, customer, delivered).json()["id"]
    act(api, seller_user, complaint_id, "answer", {"action": "return"})
    act(api, customer, complaint_id, "return", {"courier": "jne", "tracking_number": "JNERETUR1"})
    later = timezone.now() + settings.AFTERSALES_RETURN_RECEIVE + timedelta(minutes=1)

    assert complaints.complaints_enforce_deadlines(now=later) == 1
    assert complaints.complaints_enforce_deadlines(now=later) == 0
    assert Complaint.objects.get(pk=complaint_id).status == "escalated"


def test_a_rejection_the_buyer_lets_lapse_closes_and_completes_the_shipment(
    api, customer, seller_user, shop, delivered, settings
):
    complaint_id = open_complaint(api, customer, delivered).json()["id"]
    act(api, seller_user, complaint_id, "answer", {"action": "reject", "text": "Foto bukan dari toko kami."})

    complaints.complaints_enforce_deadlines(
        now=timezone.now() + settings.AFTERSALES_COMPLAINT_ANSWER + timedelta(hours=1)
    )

    assert Complaint.objects.get(pk=complaint_id).status == "rejected"
    assert Shipment.objects.get(pk=delivered.pk).status == "completed"
    assert balance_of(seller=shop).held == 0


@pytest.mark.parametrize(
    "evidence",
    [
        SimpleUploadedFile("foto.jpg", b"bukan gambar sama sekali", content_type="image/jpeg"),
        SimpleUploadedFile("video.mp4", b"\x00\x00\x00\x18ftypXXXX" + b"\x00" * 20, content_type="video/mp4"),
    ],
)
def test_evidence_that_is_not_a_photo_or_video_is_refused_and_nothing_is_opened(api, customer, delivered, evidence):
    response = open_complaint(api, customer, delivered, evidence=evidence)

    assert response.status_code == 400
    assert "evidence" in response.json()
    assert not Complaint.objects.exists()


def test_evidence_over_the_size_cap_is_refused(api, customer, delivered, settings):
    settings.AFTERSALES_EVIDENCE_MAX_BYTES = 100
    response = open_complaint(api, customer, delivered, evidence=mp4())
    assert response.status_code == 400
    assert "evidence" in response.json()


def test_a_complaint_after_the_window_or_twice_is_refused(api, customer, delivered, settings):
    Shipment.objects.filter(pk=delivered.pk).update(delivered_at=timezone.now() - timedelta(days=4))
    assert open_complaint(api, customer, delivered).status_code == 409
    Shipment.objects.filter(pk=delivered.pk).update(delivered_at=timezone.now())
    assert open_complaint(api, customer, delivered).status_code == 201
    assert open_complaint(api, customer, delivered).status_code == 409


def test_who_may_do_what_with_a_complaint(
    api, customer, seller_user, other_seller_user, ministry, shop, two_shop_order, delivered
):
    assert open_complaint(api, None, delivered).status_code == 401
    assert open_complaint(api, UserFactory(), delivered).status_code == 404
    assert open_complaint(api, other_seller_user, delivered).status_code == 404
    assert open_complaint(api, seller_user, delivered).status_code == 403
    complaint_id = open_complaint(api, customer, delivered).json()["id"]
    detail = f"/api/v1/complaints/{complaint_id}/"
    for stranger in (UserFactory(), other_seller_user):
        assert api.as_user(stranger).get(detail).status_code == 404
        assert act(api, stranger, complaint_id, "answer", {"action": "refund"}).status_code == 404
    assert act(api, customer, complaint_id, "answer", {"action": "refund"}).status_code == 403
    assert act(api, ministry, complaint_id, "answer", {"action": "refund"}).status_code == 403
    assert act(api, seller_user, complaint_id, "accept").status_code == 403
    assert api.as_user(ministry).get(detail).status_code == 200
    assert api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/complaints/").json()["count"] == 1
    assert api.as_user(other_seller_user).get(f"/api/v1/sellers/{shop.pk}/complaints/").status_code == 404
    assert Order.objects.get(pk=two_shop_order.pk).status == "partially_shipped"
    assert Complaint.objects.get().status == "awaiting_shop"


def test_an_escalation_emails_the_staff_who_decide_next(api, customer, seller_user, ministry, delivered, run_on_commit):
    complaint_id = open_complaint(api, customer, delivered).json()["id"]
    mail.outbox.clear()

    run_on_commit(lambda: act(api, customer, complaint_id, "escalate", {"text": "Mohon diputuskan"}))

    recipients = {to for m in mail.outbox for to in m.to}
    assert ministry.email in recipients
    assert {customer.email, seller_user.email} <= recipients
