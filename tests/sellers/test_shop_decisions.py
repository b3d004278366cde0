"""A shop hears the ministry's decisions by email, and a rejected shop can correct itself and ask again."""

import pytest
from django.core import mail
from django.urls import reverse

from orders.models import OutgoingEmail
from sellers import services
from sellers.models import Seller, SellerMember
from tests.factories import SellerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rejected_shop(seller_user):
    return SellerFactory(
        owner=seller_user, status=Seller.Status.REJECTED, verified_at=None, rejection_reason="NIB tidak cocok"
    )


def resubmit_data(shop, **overrides):
    data = {
        "name": shop.name,
        "nib": "9120000000999",
        "province": shop.province,
        "city": shop.city,
        "scale": shop.scale,
        "description": "",
    }
    data.update(overrides)
    return data


def test_verifying_a_shop_emails_everyone_who_runs_it_after_commit(
    ministry, pending_shop, seller_user, django_capture_on_commit_callbacks
):
    helper = UserFactory()
    SellerMember.objects.create(seller=pending_shop, user=helper, role=SellerMember.Role.STAFF)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.seller_verify(seller=pending_shop, by=ministry)
    assert OutgoingEmail.objects.filter(kind="seller_verified").count() == 2
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()

    assert sorted(m.to[0] for m in mail.outbox) == sorted([seller_user.email, helper.email])
    assert all(pending_shop.name in m.subject and "terverifikasi" in m.subject for m in mail.outbox)


def test_a_rejected_shop_is_told_why_and_where_to_correct_it(
    client, ministry, pending_shop, seller_user, django_capture_on_commit_callbacks
):
    client.force_login(ministry)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("sellers:ministry_reject", kwargs={"seller_id": pending_shop.pk}),
            {"reason": "Foto NIB buram.", "confirm": "on"},
        )

    [message] = mail.outbox
    assert message.to == [seller_user.email]
    assert "Foto NIB buram." in message.body
    assert f"/penjual/{pending_shop.pk}/ajukan-ulang/" in message.body


def test_a_rejected_shop_corrects_its_details_and_goes_back_to_the_queue(client, ministry, seller_user, rejected_shop):
    client.force_login(seller_user)
    assert reverse("sellers:resubmit", args=[rejected_shop.pk]) in client.get(reverse("sellers:centre")).text
    form = client.get(reverse("sellers:resubmit", args=[rejected_shop.pk]))
    assert "NIB tidak cocok" in form.text and f'value="{rejected_shop.nib}"' in form.text

    response = client.post(reverse("sellers:resubmit", args=[rejected_shop.pk]), resubmit_data(rejected_shop))

    assert response.status_code == 302
    rejected_shop.refresh_from_db()
    assert (rejected_shop.status, rejected_shop.nib, rejected_shop.rejection_reason) == (
        Seller.Status.PENDING,
        "9120000000999",
        "",
    )
    client.force_login(ministry)
    assert rejected_shop.name in client.get(reverse("sellers:ministry_shops"), {"status": "pending"}).text


def test_a_resubmission_with_a_bad_nib_changes_nothing(client, seller_user, rejected_shop):
    client.force_login(seller_user)

    response = client.post(
        reverse("sellers:resubmit", args=[rejected_shop.pk]), resubmit_data(rejected_shop, nib="12345")
    )

    assert response.status_code == 200
    assert "NIB harus 13 digit angka." in response.text
    rejected_shop.refresh_from_db()
    assert rejected_shop.status == Seller.Status.REJECTED


def test_only_a_rejected_shop_may_resubmit_and_only_its_members(client, seller_user, shop, rejected_shop):
    client.force_login(seller_user)
    response = client.post(reverse("sellers:resubmit", args=[shop.pk]), resubmit_data(shop))
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.status == Seller.Status.VERIFIED

    client.force_login(UserFactory())
    assert client.get(reverse("sellers:resubmit", args=[rejected_shop.pk])).status_code == 404


def test_the_api_resubmits_a_rejected_shop_for_its_members_only(api, seller_user, rejected_shop):
    body = resubmit_data(rejected_shop, city="Takengon")

    assert api.as_user(UserFactory()).post(f"/api/v1/sellers/{rejected_shop.pk}/resubmit/", body).status_code == 404
    response = api.as_user(seller_user).post(f"/api/v1/sellers/{rejected_shop.pk}/resubmit/", body)

    assert response.status_code == 200
    assert response.json()["status"] == "pending" and response.json()["city"] == "Takengon"
    again = api.as_user(seller_user).post(f"/api/v1/sellers/{rejected_shop.pk}/resubmit/", body)
    assert again.status_code == 409


def test_a_resubmitted_name_may_not_hold_a_newline(seller_user, rejected_shop):
    from marketplace.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        data = resubmit_data(rejected_shop, name="Kopi\nGayo")
        services.seller_resubmit(seller=rejected_shop, by=seller_user, **data)

    assert "name" in refused.value.detail
    rejected_shop.refresh_from_db()
    assert rejected_shop.status == Seller.Status.REJECTED
