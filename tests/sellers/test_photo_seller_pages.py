"""The seller centre's photo page: upload from a phone, describe, reorder, delete; only for the shop."""

import pytest
from django.urls import reverse

from sellers.models import ProductPhoto
from tests.factories import category
from tests.photo_helpers import add_photos, upload

pytestmark = pytest.mark.django_db


def photos_url(product):
    return reverse("sellers:product_photos", args=[product.seller_id, product.pk])


def test_the_page_offers_the_camera_and_the_gallery_and_says_how_to_shoot(client, seller_user, product):
    client.force_login(seller_user)

    html = client.get(photos_url(product)).text

    assert 'accept="image/*" capture="environment"' in html
    assert 'type="file" name="image" accept="image/*"' in html
    assert 'enctype="multipart/form-data"' in html
    assert "Cahaya" in html and "Latar" in html and "Sudut" in html


def test_a_member_uploads_a_photo_with_its_description(client, seller_user, product):
    client.force_login(seller_user)

    response = client.post(photos_url(product), {"image": upload(), "alt": "Kemasan kopi tampak depan"})

    assert response.status_code == 302
    photo = ProductPhoto.objects.get(product=product)
    assert photo.alt == "Kemasan kopi tampak depan"
    assert photo.thumb.url in client.get(photos_url(product)).text


def test_a_photo_without_a_description_is_refused_on_its_field(client, seller_user, product):
    client.force_login(seller_user)

    response = client.post(photos_url(product), {"image": upload(), "alt": ""})

    assert response.status_code == 400
    assert 'id="id_alt_error"' in response.text
    assert not ProductPhoto.objects.exists()


def test_a_file_that_is_not_a_picture_is_refused_with_the_reason(client, seller_user, product):
    client.force_login(seller_user)

    response = client.post(photos_url(product), {"image": upload(b"<html>hi</html>", name="foto.jpg"), "alt": "Kopi"})

    assert response.status_code == 400
    assert "Berkas bukan gambar JPEG, PNG, atau WebP." in response.text
    assert not ProductPhoto.objects.exists()


def test_moving_a_photo_up_makes_it_the_cover(client, seller_user, product):
    first, second = add_photos(product, 2)
    client.force_login(seller_user)

    client.post(
        reverse("sellers:product_photo_move", args=[product.seller_id, product.pk, second.pk]), {"direction": "up"}
    )

    assert list(product.photos.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]


def test_a_member_deletes_a_photo(client, seller_user, product):
    (photo,) = add_photos(product, 1)
    client.force_login(seller_user)

    client.post(reverse("sellers:product_photo_delete", args=[product.seller_id, product.pk, photo.pk]))

    assert not ProductPhoto.objects.exists()


def test_a_new_product_leads_to_its_photo_page(client, seller_user, shop):
    client.force_login(seller_user)
    coffee = category("kopi-biji-sangrai").pk
    data = {
        "name": "Kopi Baru",
        "category": coffee,
        "price": 50000,
        "stock": 3,
        "weight_grams": 250,
        "tkdn_percent": 80,
    }

    response = client.post(reverse("sellers:product_add", args=[shop.pk]), data)

    assert response.url.endswith("/foto/")


@pytest.mark.parametrize("who", ["customer", "other_seller_user", "ministry"])
def test_others_find_no_photo_page_and_cannot_change_photos(client, request, product, who):
    (photo,) = add_photos(product, 1)
    client.force_login(request.getfixturevalue(who))

    page = client.get(photos_url(product))
    upload_attempt = client.post(photos_url(product), {"image": upload(), "alt": "Palsu"})
    delete = client.post(reverse("sellers:product_photo_delete", args=[product.seller_id, product.pk, photo.pk]))

    assert (page.status_code, upload_attempt.status_code, delete.status_code) == (404, 404, 404)
    assert list(ProductPhoto.objects.all()) == [photo]


def test_an_anonymous_visitor_is_sent_to_log_in(client, product):
    response = client.get(photos_url(product))

    assert response.status_code == 302
    assert "login" in response.url or "masuk" in response.url
