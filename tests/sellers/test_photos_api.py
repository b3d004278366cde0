"""Product photos over the API: who may add, delete and reorder them, and what is refused."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from sellers.models import ProductPhoto
from tests.factories import ProductFactory
from tests.photo_helpers import add_photos, picture, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def role_user(request, seller_user):
    """The user playing a role towards `product` (which belongs to seller_user's shop)."""

    def user_for(role: str):
        if role == "anonymous":
            return None
        if role == "other_shop":
            request.getfixturevalue("other_shop")
            return request.getfixturevalue("other_seller_user")
        return request.getfixturevalue({"customer": "customer", "ministry": "ministry", "member": "seller_user"}[role])

    return user_for


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def post_photo(api, product, data=None, *, alt="Kopi Gayo 250 g, kemasan depan", name="foto.jpg"):
    return api.post(
        f"/api/v1/products/{product.pk}/images/", {"image": upload(data, name=name), "alt": alt}, format="multipart"
    )


def media_file(url: str) -> Path:
    return Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL if url.startswith("media") else "/media/")


def test_a_shop_member_uploads_a_photo_and_gets_its_webp_renditions(api, seller_user, product, media):
    response = post_photo(api.as_user(seller_user), product, picture(size=(1200, 900)))

    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) >= {"id", "url", "thumbnail_url", "alt", "position"}
    assert (body["alt"], body["position"]) == ("Kopi Gayo 250 g, kemasan depan", 0)
    card = Image.open(media_file(body["thumbnail_url"]))
    page = Image.open(media_file(body["url"]))
    assert (card.format, card.size) == ("WEBP", (480, 360))
    assert (page.format, page.size) == ("WEBP", (960, 720))


def test_the_product_shows_its_photos_in_order_and_the_catalogue_its_cover(api, seller_user, product, media):
    first, second = add_photos(product, 2)

    detail = api.get(f"/api/v1/products/{product.pk}/").json()
    listed = api.get("/api/v1/products/").json()["results"]

    assert [image["id"] for image in detail["images"]] == [first.pk, second.pk]
    assert detail["image"] == detail["images"][0]["thumbnail_url"]
    assert [item["image"] for item in listed if item["id"] == product.pk] == [first.card.url]


def test_a_product_without_photos_has_no_image(api, product):
    detail = api.get(f"/api/v1/products/{product.pk}/").json()

    assert (detail["image"], detail["images"]) == (None, [])


@pytest.mark.parametrize(
    "who, expected",
    [("anonymous", 401), ("customer", 403), ("other_shop", 403), ("ministry", 403), ("member", 201)],
)
def test_only_members_of_the_owning_shop_add_photos(api, product, media, role_user, who, expected):

    response = post_photo(api.as_user(role_user(who)), product)

    assert response.status_code == expected
    assert ProductPhoto.objects.count() == (1 if expected == 201 else 0)


def test_a_hidden_product_is_not_found_for_another_shop(api, other_seller_user, media):
    hidden = ProductFactory(is_active=False)

    assert post_photo(api.as_user(other_seller_user), hidden).status_code == 404


HOSTILE = {
    "html renamed jpg": (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "Berkas bukan gambar"),
    "svg": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "Berkas bukan gambar"),
    "php behind a jpeg header": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00<?php system($_GET['c']); ?>", "JPEG"),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_file_that_is_not_a_picture_is_refused_and_nothing_is_stored(api, seller_user, product, media, kind):
    data, reason = HOSTILE[kind]

    response = post_photo(api.as_user(seller_user), product, data)

    assert response.status_code == 400
    assert reason in response.json()["image"][0]
    assert not ProductPhoto.objects.exists()
    assert stored_files(media) == []


def test_a_decompression_bomb_is_refused_and_nothing_is_stored(api, seller_user, product, media):
    from tests.marketplace.test_uploads import png_bomb

    response = post_photo(api.as_user(seller_user), product, png_bomb(20_000, 20_000), name="bom.png")

    assert response.status_code == 400
    assert "piksel per sisi" in response.json()["image"][0]
    assert (ProductPhoto.objects.count(), stored_files(media)) == (0, [])


def test_alt_text_is_required(api, seller_user, product, media):
    response = post_photo(api.as_user(seller_user), product, alt="   ")

    assert response.status_code == 400
    assert "alt" in response.json()
    assert (ProductPhoto.objects.count(), stored_files(media)) == (0, [])


def test_a_ninth_photo_is_refused_and_not_stored(api, seller_user, product, media):
    add_photos(product, 8)
    files_before = len(stored_files(media))

    response = post_photo(api.as_user(seller_user), product)

    assert response.status_code == 400
    assert response.json()["image"] == ["Paling banyak 8 foto per produk."]
    assert ProductPhoto.objects.filter(product=product).count() == 8
    assert len(stored_files(media)) == files_before


def test_the_stored_photo_has_no_gps_position(api, seller_user, product, media):
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (6.0, 12.0, 30.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (200, 150), "brown").save(buffer, "JPEG", exif=exif)

    post_photo(api.as_user(seller_user), product, buffer.getvalue())

    original = Image.open(ProductPhoto.objects.get().image.path)
    assert not original.getexif()


@pytest.mark.parametrize(
    "who, expected",
    [("anonymous", 401), ("customer", 403), ("other_shop", 403), ("ministry", 403), ("member", 204)],
)
def test_only_members_of_the_owning_shop_delete_photos(api, product, media, role_user, who, expected):
    photo, later = add_photos(product, 2)

    response = api.as_user(role_user(who)).delete(f"/api/v1/products/{product.pk}/images/{photo.pk}/")

    assert response.status_code == expected
    assert ProductPhoto.objects.filter(pk=photo.pk).exists() == (expected != 204)


def test_deleting_a_photo_removes_its_files_and_moves_the_next_one_up(
    api, seller_user, product, media, django_capture_on_commit_callbacks
):
    photo, later = add_photos(product, 2)
    photo_files = [photo.image.path, photo.card.path, photo.page.path, photo.zoom.path]
    assert all(Path(path).exists() for path in photo_files)

    with django_capture_on_commit_callbacks(execute=True):
        api.as_user(seller_user).delete(f"/api/v1/products/{product.pk}/images/{photo.pk}/")

    assert not any(Path(path).exists() for path in photo_files)
    later.refresh_from_db()
    assert later.position == 0
    assert Path(later.image.path).exists()


def test_a_photo_of_another_product_is_not_found(api, seller_user, shop, product, media):
    (elsewhere,) = add_photos(ProductFactory(seller=shop), 1)

    response = api.as_user(seller_user).delete(f"/api/v1/products/{product.pk}/images/{elsewhere.pk}/")

    assert response.status_code == 404


def test_a_member_reorders_the_photos_and_the_first_becomes_the_cover(api, seller_user, product, media):
    first, second, third = add_photos(product, 3)

    response = api.as_user(seller_user).put(
        f"/api/v1/products/{product.pk}/images/order/", {"images": [third.pk, first.pk, second.pk]}, format="json"
    )

    assert response.status_code == 200
    assert [image["id"] for image in response.json()] == [third.pk, first.pk, second.pk]
    assert api.get(f"/api/v1/products/{product.pk}/").json()["image"] == third.card.url


def test_a_reorder_must_name_every_photo_once(api, seller_user, product, media):
    first, second = add_photos(product, 2)

    response = api.as_user(seller_user).put(
        f"/api/v1/products/{product.pk}/images/order/", {"images": [first.pk, first.pk]}, format="json"
    )

    assert response.status_code == 400
    assert list(ProductPhoto.objects.order_by("position").values_list("pk", flat=True)) == [first.pk, second.pk]


@pytest.mark.parametrize("who, expected", [("anonymous", 401), ("customer", 403), ("other_shop", 403)])
def test_only_members_reorder_photos(api, product, media, role_user, who, expected):
    first, second = add_photos(product, 2)

    response = api.as_user(role_user(who)).put(
        f"/api/v1/products/{product.pk}/images/order/", {"images": [second.pk, first.pk]}, format="json"
    )

    assert response.status_code == expected
    assert ProductPhoto.objects.get(pk=first.pk).position == 0


@pytest.mark.parametrize("size", [(1000, 333), (333, 1000), (500, 400), (2001, 1999)])
def test_the_sizes_the_pages_declare_are_the_renditions_real_sizes(product, media, size):
    from sellers.services_photos import product_photo_add

    photo = product_photo_add(product=product, upload=upload(picture("PNG", size)), alt="Kopi")

    assert Image.open(photo.page.path).size == photo.page_size
    assert Image.open(photo.zoom.path).size == photo.zoom_size
    assert Image.open(photo.card.path).size == (480, 360)


def test_a_photo_may_show_one_of_the_products_variants(api, seller_user, product, media):
    from tests.factories import only_variant

    variant = only_variant(product)

    response = api.as_user(seller_user).post(
        f"/api/v1/products/{product.pk}/images/",
        {"image": upload(), "alt": "Kemasan 250 g", "variant": variant.pk},
        format="multipart",
    )

    assert response.status_code == 201
    assert response.json()["variant"] == variant.pk


def test_a_variant_of_another_product_is_refused_and_nothing_is_stored(api, seller_user, shop, product, media):
    from tests.factories import only_variant

    elsewhere = only_variant(ProductFactory(seller=shop))

    response = api.as_user(seller_user).post(
        f"/api/v1/products/{product.pk}/images/",
        {"image": upload(), "alt": "Kemasan", "variant": elsewhere.pk},
        format="multipart",
    )

    assert response.status_code == 400
    assert "variant" in response.json()
    assert (ProductPhoto.objects.count(), stored_files(media)) == (0, [])
