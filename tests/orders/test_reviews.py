"""Reviews from real buyers: only a buyer whose shipment completed reviews what it held, once per
order line; the shop replies once; staff hide abuse (kept, with who and why); averages and counts
follow without extra queries."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from orders.models import Complaint, Review
from orders.services import reviews
from orders.services.completion import shipment_confirm
from sellers.models import Product, Seller
from tests.factories import ProductFactory, UserFactory
from tests.orders.aftersales_fixtures import shipment_of, shipped

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(two_shop_order, customer, seller_user, shop):
    """The shop's shipment of the order (2 of `product`) completed: the buyer confirmed receipt."""
    return shipment_confirm(shipment=shipped(two_shop_order, shop, seller_user), actor=customer)


def post_review(api, user, product, rating=5, text="Aromanya harum, pengiriman cepat."):
    return api.as_user(user).post(
        f"/api/v1/products/{product.pk}/reviews/", {"rating": rating, "text": text}, format="json"
    )


def test_a_buyer_whose_shipment_completed_reviews_the_product(api, customer, product, completed):
    response = post_review(api, customer, product, rating=4)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["rating"], body["text"], body["author_name"], body["reply"]) == (
        4,
        "Aromanya harum, pengiriman cepat.",
        "Siti P.",
        None,
    )
    shown = api.as_user(None).get(f"/api/v1/products/{product.pk}/").json()["rating"]
    assert shown == {"average": 4.0, "count": 1}


def test_nobody_reviews_twice_the_same_line(api, customer, product, completed):
    post_review(api, customer, product)

    response = post_review(api, customer, product, rating=1)

    assert response.status_code == 409
    assert Review.objects.count() == 1
    assert Product.objects.get(pk=product.pk).rating_count == 1


def test_who_may_review_a_product_once_its_shipment_completed(
    api, customer, seller_user, other_seller_user, ministry, product, completed
):
    """The role matrix: only the buyer; a stranger, the shop itself and the ministry get 403."""
    assert post_review(api, None, product).status_code == 401
    for user in (UserFactory(), seller_user, other_seller_user, ministry):
        assert post_review(api, user, product).status_code == 403, user
    assert post_review(api, customer, product).status_code == 201


def test_a_product_the_buyer_did_not_buy_cannot_be_reviewed(api, customer, shop, completed):
    never_bought = ProductFactory(seller=shop)
    assert post_review(api, customer, never_bought).status_code == 403


def test_a_shipment_not_yet_completed_cannot_be_reviewed(api, customer, seller_user, shop, product, two_shop_order):
    shipped(two_shop_order, shop, seller_user)
    assert post_review(api, customer, product).status_code == 403


def test_a_refunded_line_cannot_be_reviewed(api, customer, product, completed):
    Complaint.objects.create(
        shipment=completed, buyer=customer, reason="damaged", description="Pecah", status="refunded"
    )
    assert post_review(api, customer, product).status_code == 403


def test_a_declined_shipment_cannot_be_reviewed(api, customer, seller_user, shop, product, two_shop_order):
    from orders.services.declines import shipment_decline

    shipment_decline(shipment=shipment_of(two_shop_order, shop), actor=seller_user, reason="Stok habis")
    assert post_review(api, customer, product).status_code == 403


@pytest.mark.parametrize(
    "bad", [{"rating": 0}, {"rating": 6}, {"rating": "lima"}, {}, {"rating": 5, "text": "x" * 2001}]
)
def test_bad_input_is_a_400_naming_the_field_and_nothing_is_stored(api, customer, product, completed, bad):
    response = api.as_user(customer).post(f"/api/v1/products/{product.pk}/reviews/", bad, format="json")

    assert response.status_code == 400
    assert set(response.json()) & {"rating", "text"}
    assert not Review.objects.exists()


def test_the_shop_replies_once_and_only_the_shop(api, customer, seller_user, other_seller_user, product, completed):
    review_id = post_review(api, customer, product).json()["id"]
    url = f"/api/v1/reviews/{review_id}/reply/"

    assert api.as_user(other_seller_user).post(url, {"text": "Terima kasih"}, format="json").status_code == 403
    assert api.as_user(customer).post(url, {"text": "Terima kasih"}, format="json").status_code == 403
    first = api.as_user(seller_user).post(url, {"text": "Terima kasih, Bu Siti!"}, format="json")
    again = api.as_user(seller_user).post(url, {"text": "Sekali lagi"}, format="json")

    assert first.status_code == 200
    assert first.json()["reply"]["text"] == "Terima kasih, Bu Siti!"
    assert again.status_code == 409
    listed = api.as_user(None).get(f"/api/v1/products/{product.pk}/reviews/").json()["results"]
    assert listed[0]["reply"]["text"] == "Terima kasih, Bu Siti!"


def test_staff_hide_an_abusive_review_which_is_kept_and_leaves_the_averages(
    api, customer, seller_user, ministry, product, shop, completed
):
    review_id = post_review(api, customer, product, rating=1, text="kata kasar").json()["id"]
    url = f"/api/v1/reviews/{review_id}/hide/"

    assert api.as_user(seller_user).post(url, {"reason": "Tidak suka"}, format="json").status_code == 403
    response = api.as_user(ministry).post(url, {"reason": "Kata-kata kasar"}, format="json")

    assert response.status_code == 200
    hidden = Review.objects.get(pk=review_id)
    assert (hidden.hidden_by, hidden.hidden_reason) == (ministry, "Kata-kata kasar")
    assert api.as_user(None).get(f"/api/v1/products/{product.pk}/reviews/").json()["results"] == []
    assert (Product.objects.get(pk=product.pk).rating_count, Seller.objects.get(pk=shop.pk).rating_count) == (0, 0)


def test_reviews_list_newest_or_most_helpful_first(api, shop, product):
    buyers = [UserFactory() for _ in range(3)]
    made = []
    for buyer, rating in zip(buyers, (5, 3, 4), strict=True):
        made.append(_completed_review(buyer, product, rating))
    voter = UserFactory()
    reviews.review_vote_helpful(review=made[0], user=voter)
    reviews.review_vote_helpful(review=made[0], user=voter)  # twice: counts once

    newest = api.get(f"/api/v1/products/{product.pk}/reviews/").json()["results"]
    helpful = api.get(f"/api/v1/products/{product.pk}/reviews/?order=helpful").json()["results"]

    assert [r["id"] for r in newest] == [made[2].pk, made[1].pk, made[0].pk]
    assert helpful[0]["id"] == made[0].pk
    assert helpful[0]["helpful_count"] == 1
    assert Product.objects.get(pk=product.pk).rating_average == 4.0
    assert Seller.objects.get(pk=shop.pk).rating_count == 3


def test_the_catalogue_sorts_by_rating_best_first_unrated_last(api, shop, product):
    good = ProductFactory(seller=shop, name="Kopi Enak")
    unrated = ProductFactory(seller=shop, name="Kopi Baru")
    _completed_review(UserFactory(), product, 3)
    _completed_review(UserFactory(), good, 5)

    rows = api.get("/api/v1/products/", {"ordering": "-rating"}).json()["results"]

    assert [r["id"] for r in rows] == [good.pk, product.pk, unrated.pk]


def test_the_review_list_and_catalogue_take_a_fixed_number_of_queries(
    api, shop, product, django_assert_max_num_queries
):
    for _ in range(6):
        _completed_review(UserFactory(), product, 4)
    # the product with its photos, the count, the reviews, their photos: however many reviews
    with django_assert_max_num_queries(5):
        api.get(f"/api/v1/products/{product.pk}/reviews/")


def _completed_review(buyer, product, rating) -> Review:
    from orders.services import checkout, lifecycle
    from tests.orders.conftest import ADDRESS

    order = checkout.order_place(
        buyer=buyer, address=checkout.Address(**ADDRESS), product_items=[(product.pk, 1)], courier="jne"
    )
    lifecycle.order_mark_paid(order=order, method="test")
    shipment = order.shipments.get()
    member = shipment.seller.members.first().user
    lifecycle.shipment_ship(shipment=shipment, actor=member, courier="jne", tracking_number="JNE1")
    shipment_confirm(shipment=shipment, actor=buyer)
    return reviews.review_create(author=buyer, product=product, rating=rating, text="Mantap")


def _png(color="green") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), color).save(buffer, "PNG")
    return SimpleUploadedFile("kopi.png", buffer.getvalue(), content_type="image/png")


def test_a_phone_photo_is_kept_at_most_2000_px_and_the_review_list_shows_a_small_webp_of_it(
    api, client, customer, product, completed, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), "brown").save(buffer, "JPEG", quality=90)
    photo = SimpleUploadedFile("toples.jpg", buffer.getvalue(), content_type="image/jpeg")

    response = api.as_user(customer).post(
        f"/api/v1/products/{product.pk}/reviews/", {"rating": 4, "photos": [photo]}, format="multipart"
    )

    assert response.status_code == 201, response.json()
    kept = Review.objects.get().photos.get()
    assert (kept.width, kept.height) == (2000, 1500)
    with Image.open(kept.thumb.path) as thumb:
        assert (thumb.format, thumb.size) == ("WEBP", (176, 176))
    page = client.get(reverse("orders:product_reviews", kwargs={"product_id": product.pk})).text
    assert f'src="{kept.thumb.url}"' in page
    assert f'href="{kept.image.url}"' in page


def test_a_review_carries_up_to_five_photos_checked_by_content(api, customer, product, completed, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    url = f"/api/v1/products/{product.pk}/reviews/"
    fake = SimpleUploadedFile("kopi.jpg", b"<html>bukan foto</html>", content_type="image/jpeg")

    refused = api.as_user(customer).post(url, {"rating": 5, "photos": [fake]}, format="multipart")
    too_many = api.as_user(customer).post(url, {"rating": 5, "photos": [_png() for _ in range(6)]}, format="multipart")
    accepted = api.as_user(customer).post(url, {"rating": 5, "photos": [_png(), _png("red")]}, format="multipart")

    assert refused.status_code == 400 and "photos" in refused.json()
    assert too_many.status_code == 400 and "photos" in too_many.json()
    assert accepted.status_code == 201, accepted.json()
    assert len(accepted.json()["photos"]) == 2
    listed = api.as_user(None).get(url).json()["results"][0]
    assert [p.endswith(".png") for p in listed["photos"]] == [True, True]


def test_the_shops_own_members_cannot_vote_its_reviews_helpful(api, shop, product, seller_user):
    review = _completed_review(UserFactory(), product, 2)
    url = f"/api/v1/reviews/{review.pk}/helpful/"

    response = api.as_user(seller_user).post(url)

    assert response.status_code == 403
    assert Review.objects.get(pk=review.pk).helpful_count == 0
    assert api.as_user(UserFactory()).post(url).status_code == 200
