"""The ministry's verification queue: who may see it, and verifying or rejecting a shop with a reason
and a ticked confirmation."""

import pytest
from django.urls import reverse

from sellers.models import Seller
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_ministry_queue_sends_visitors_to_login(client):
    response = client.get(reverse("sellers:ministry_shops"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("who", ["customer", "seller_user"])
def test_ministry_queue_is_forbidden_to_everyone_outside_the_ministry(client, shop, pending_shop, who, request):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("sellers:ministry_shops")).status_code == 403
    assert client.post(reverse("sellers:ministry_verify", kwargs={"seller_id": pending_shop.pk})).status_code == 403
    reject = reverse("sellers:ministry_reject", kwargs={"seller_id": shop.pk})
    assert client.post(reject, {"reason": "coba"}).status_code == 403
    pending_shop.refresh_from_db()
    shop.refresh_from_db()
    assert (pending_shop.status, shop.status) == (Seller.Status.PENDING, Seller.Status.VERIFIED)


def test_ministry_queue_lists_shops_filtered_by_status(client, ministry, shop, pending_shop):
    client.force_login(ministry)

    everything = client.get(reverse("sellers:ministry_shops")).text
    pending = client.get(reverse("sellers:ministry_shops"), {"status": "pending"}).text
    nonsense = client.get(reverse("sellers:ministry_shops"), {"status": "<x>"})

    assert "Kopi Gayo Aman" in everything and "Toko Baru Menunggu" in everything
    assert "Toko Baru Menunggu" in pending and "Kopi Gayo Aman" not in pending
    assert nonsense.status_code == 200


def test_ministry_verifies_a_pending_shop_and_its_products_go_public(client, ministry, pending_shop):
    product = ProductFactory(seller=pending_shop, name="Kopi Setelah Verifikasi")
    client.force_login(ministry)

    response = client.post(
        reverse("sellers:ministry_verify", kwargs={"seller_id": pending_shop.pk}),
        {"status": "pending", "confirm": "on"},
    )

    assert response.status_code == 302
    assert response.url == reverse("sellers:ministry_shops") + "?status=pending"
    pending_shop.refresh_from_db()
    assert pending_shop.status == Seller.Status.VERIFIED
    assert pending_shop.verified_by == ministry
    client.logout()
    assert "Kopi Setelah Verifikasi" in client.get(product.get_absolute_url()).text


def test_ministry_rejects_a_shop_with_a_reason_its_members_read(client, ministry, seller_user, pending_shop):
    client.force_login(ministry)

    client.post(
        reverse("sellers:ministry_reject", kwargs={"seller_id": pending_shop.pk}),
        {"reason": "Foto produk buram.", "confirm": "on"},
    )

    pending_shop.refresh_from_db()
    assert pending_shop.status == Seller.Status.REJECTED
    client.force_login(seller_user)
    assert "Foto produk buram." in client.get(reverse("sellers:centre")).text


def test_ministry_cannot_reject_without_a_reason(client, ministry, pending_shop):
    client.force_login(ministry)

    response = client.post(
        reverse("sellers:ministry_reject", kwargs={"seller_id": pending_shop.pk}), {"reason": "  "}, follow=True
    )

    assert "Alasan penolakan wajib diisi." in response.text
    pending_shop.refresh_from_db()
    assert pending_shop.status == Seller.Status.PENDING


def test_verifying_an_already_verified_shop_shows_the_services_message(client, ministry, shop):
    client.force_login(ministry)

    response = client.post(
        reverse("sellers:ministry_verify", kwargs={"seller_id": shop.pk}), {"confirm": "on"}, follow=True
    )

    assert "Toko ini sudah terverifikasi." in response.text


def test_verifying_or_rejecting_a_shop_needs_the_ticked_confirmation(client, ministry, pending_shop):
    client.force_login(ministry)

    verify = client.post(reverse("sellers:ministry_verify", kwargs={"seller_id": pending_shop.pk}), follow=True)
    reject = client.post(
        reverse("sellers:ministry_reject", kwargs={"seller_id": pending_shop.pk}), {"reason": "NIB salah"}, follow=True
    )

    assert "belum diverifikasi" in verify.text and "belum ditolak" in reject.text
    pending_shop.refresh_from_db()
    assert pending_shop.status == Seller.Status.PENDING


def test_the_verify_and_reject_buttons_look_different_and_ask_first(client, ministry, pending_shop):
    client.force_login(ministry)

    html = client.get(reverse("sellers:ministry_shops")).text

    assert "button-approve" in html and "button-reject" in html
    assert html.count('name="confirm" required') == 2


def test_verification_buttons_only_answer_post(client, ministry, pending_shop):
    client.force_login(ministry)

    assert client.get(reverse("sellers:ministry_verify", kwargs={"seller_id": pending_shop.pk})).status_code == 405
