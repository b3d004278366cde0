"""The after-sales pages: the buyer's order page with per-shipment actions, the complaint page each
party acts on, the seller centre's complaint queue and decline, the staff queue, review pages."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from orders.models import Complaint, Review, Shipment
from orders.services import complaints, lifecycle, reviews
from orders.services.completion import shipment_confirm
from tests.factories import UserFactory
from tests.orders.aftersales_fixtures import shipment_of, shipped

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def delivered(two_shop_order, seller_user, shop) -> Shipment:
    return lifecycle.shipment_deliver(shipment=shipped(two_shop_order, shop, seller_user), actor=None)


@pytest.fixture
def complaint(delivered, customer) -> Complaint:
    return complaints.complaint_open(shipment=delivered, buyer=customer, reason="damaged", description="Pecah")


def test_the_order_page_offers_confirm_and_complain_for_a_delivered_parcel(as_user, customer, delivered):
    page = as_user(customer).get(delivered.order.get_absolute_url()).text

    assert reverse("orders:shipment_confirm", args=[delivered.order.number, delivered.pk]) in page
    assert reverse("orders:complaint_new", args=[delivered.order.number, delivered.pk]) in page


def test_pesanan_diterima_completes_the_shipment(as_user, customer, delivered):
    as_user(customer).post(reverse("orders:shipment_confirm", args=[delivered.order.number, delivered.pk]))
    assert Shipment.objects.get(pk=delivered.pk).status == "completed"


def test_the_buyer_complains_from_the_page_with_a_photo(as_user, customer, delivered):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "JPEG")
    url = reverse("orders:complaint_new", args=[delivered.order.number, delivered.pk])

    response = as_user(customer).post(
        url,
        {"reason": "damaged", "description": "Retak", "evidence": SimpleUploadedFile("a.jpg", buffer.getvalue())},
    )

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("orders:complaint", args=[complaint.pk])
    assert complaint.messages.get().evidence_type == "image/jpeg"


def test_a_bad_complaint_form_is_a_400_and_opens_nothing(as_user, customer, delivered):
    url = reverse("orders:complaint_new", args=[delivered.order.number, delivered.pk])
    fake = SimpleUploadedFile("a.jpg", b"bukan foto")

    response = as_user(customer).post(url, {"reason": "damaged", "description": "Retak", "evidence": fake})

    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_the_complaint_page_shows_each_party_its_own_actions(
    as_user, customer, seller_user, other_seller_user, ministry, complaint
):
    url = reverse("orders:complaint", args=[complaint.pk])
    answer = reverse("orders:complaint_step", args=[complaint.pk, "answer"])

    assert answer in as_user(seller_user).get(url).text
    assert answer not in as_user(customer).get(url).text
    assert as_user(ministry).get(url).status_code == 200
    assert as_user(other_seller_user).get(url).status_code == 404
    assert as_user(UserFactory()).get(url).status_code == 404


def test_the_shop_answers_and_staff_decide_through_the_pages(
    as_user, customer, seller_user, ministry, complaint, django_capture_on_commit_callbacks
):
    step = lambda name: reverse("orders:complaint_step", args=[complaint.pk, name])  # noqa: E731
    as_user(seller_user).post(step("answer"), {"action": "reject", "text": "Dikemas rapi"})
    as_user(customer).post(step("escalate"), {"text": "Tolong dicek"})
    assert Complaint.objects.get().status == "escalated"
    assert (
        reverse("orders:complaint", args=[complaint.pk])
        in as_user(ministry).get(reverse("orders:staff_complaints")).text
    )

    with django_capture_on_commit_callbacks(execute=True):
        as_user(ministry).post(step("decide"), {"outcome": "refund", "amount": "10000", "text": "Bukti cukup"})

    assert (Complaint.objects.get().status, Complaint.objects.get().refund_amount) == ("refunded", 10000)


def test_the_staff_queue_is_for_staff_only(as_user, customer, seller_user):
    assert as_user(customer).get(reverse("orders:staff_complaints")).status_code == 403
    assert as_user(seller_user).get(reverse("orders:staff_complaints")).status_code == 403


def test_the_seller_queue_lists_complaints_with_their_deadlines(
    as_user, seller_user, other_seller_user, shop, complaint
):
    url = reverse("orders:seller_complaints", args=[shop.pk])
    page = as_user(seller_user).get(url).text

    assert complaint.shipment.order.number in page
    assert "Batas waktu" in page
    assert as_user(other_seller_user).get(url).status_code == 404


def test_a_shop_declines_from_the_seller_centre(as_user, seller_user, shop, two_shop_order):
    shipment = shipment_of(two_shop_order, shop)
    page = as_user(seller_user).get(reverse("orders:seller_shipments", args=[shop.pk])).text
    url = reverse("orders:shipment_decline", args=[shop.pk, shipment.pk])
    assert url in page

    as_user(seller_user).post(url, {"reason": "Stok habis"})

    assert Shipment.objects.get(pk=shipment.pk).status == "cancelled"


def test_the_buyer_reviews_a_completed_line_from_the_order_page(as_user, customer, seller_user, shop, two_shop_order):
    shipment = shipment_confirm(shipment=shipped(two_shop_order, shop, seller_user), actor=customer)
    line = shipment.lines.get()
    url = reverse("orders:review_new", args=[two_shop_order.number, line.pk])
    assert url in as_user(customer).get(two_shop_order.get_absolute_url()).text

    as_user(customer).post(url, {"rating": "5", "text": "Mantap"})

    assert Review.objects.get().order_line == line
    assert url not in as_user(customer).get(two_shop_order.get_absolute_url()).text


def test_product_reviews_page_lists_reviews_and_the_shop_replies_from_its_centre(
    client, as_user, customer, seller_user, shop, product, two_shop_order, django_assert_max_num_queries
):
    shipment_confirm(shipment=shipped(two_shop_order, shop, seller_user), actor=customer)
    review = reviews.review_create(author=customer, product=product, rating=4, text="Harum sekali")
    as_user(seller_user).post(reverse("orders:review_reply", args=[shop.pk, review.pk]), {"text": "Terima kasih"})
    client.logout()

    with django_assert_max_num_queries(8):
        page = client.get(reverse("orders:product_reviews", args=[product.pk])).text

    assert "Harum sekali" in page and "Terima kasih" in page and "Siti P." in page


@pytest.fixture
def review(customer, seller_user, shop, product, two_shop_order) -> Review:
    shipment_confirm(shipment=shipped(two_shop_order, shop, seller_user), actor=customer)
    return reviews.review_create(author=customer, product=product, rating=4, text="Harum sekali")


def test_a_shop_reply_holding_a_nul_character_is_refused_on_the_page_and_stores_nothing(
    as_user, seller_user, shop, review
):
    """PostgreSQL refuses a NUL character with an error: it answered 500."""
    url = reverse("orders:review_reply", args=[shop.pk, review.pk])

    response = as_user(seller_user).post(url, {"text": "Terima\x00kasih"}, follow=True)

    assert response.status_code == 200
    assert "null" in response.text
    review.refresh_from_db()
    assert review.reply == "" and review.replied_at is None


def test_a_staff_hiding_reason_holding_a_nul_character_is_refused_and_the_review_stays(as_user, ministry, review):
    url = reverse("orders:review_hide", args=[review.pk])

    response = as_user(ministry).post(url, {"reason": "Kasar\x00"}, follow=True)

    assert response.status_code == 200
    assert "null" in response.text
    review.refresh_from_db()
    assert review.hidden_at is None
