"""Ministry staff who also belong to a shop never decide on that shop or its enrolments."""

import pytest
from django.urls import reverse

from campaigns.models import Enrolment
from sellers.models import Seller, SellerMember
from tests.factories import EnrolmentFactory, SellerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_with_a_shop():
    """A ministry user who is also a member of a pending shop (a family business, say)."""
    staff = UserFactory(ministry=True)
    shop = SellerFactory(pending=True, name="Kopi Keluarga")
    SellerMember.objects.create(seller=shop, user=staff, role=SellerMember.Role.STAFF)
    return staff, shop


@pytest.mark.parametrize("action, body", [("verify", {}), ("reject", {"reason": "Dokumen kurang."})])
def test_a_ministry_member_of_a_shop_may_not_verify_or_reject_it(api, staff_with_a_shop, action, body):
    staff, shop = staff_with_a_shop

    response = api.as_user(staff).post(f"/api/v1/sellers/{shop.pk}/{action}/", body, format="json")

    assert response.status_code == 403
    assert "anggota toko" in response.json()["detail"]
    assert Seller.objects.get(pk=shop.pk).status == "pending"


def test_another_ministry_user_verifies_that_shop(api, staff_with_a_shop, ministry):
    _, shop = staff_with_a_shop

    response = api.as_user(ministry).post(f"/api/v1/sellers/{shop.pk}/verify/")

    assert response.status_code == 200
    assert response.json()["status"] == "verified"


def test_the_ministry_shop_page_refuses_a_member_verifying_their_own_shop(client, staff_with_a_shop):
    staff, shop = staff_with_a_shop
    client.force_login(staff)

    response = client.post(reverse("sellers:ministry_verify", args=[shop.pk]), {"confirm": "on"}, follow=True)

    assert "anggota toko" in response.text
    assert Seller.objects.get(pk=shop.pk).status == "pending"


@pytest.mark.parametrize("action, body", [("approve", {}), ("reject", {"reason": "Foto buram."})])
def test_a_ministry_member_of_a_shop_may_not_decide_its_enrolments(api, staff_with_a_shop, action, body):
    staff, shop = staff_with_a_shop
    Seller.objects.filter(pk=shop.pk).update(status="verified")
    enrolment = EnrolmentFactory(product__seller=shop, status="pending")

    response = api.as_user(staff).post(f"/api/v1/enrolments/{enrolment.pk}/{action}/", body, format="json")

    assert response.status_code == 403
    assert Enrolment.objects.get(pk=enrolment.pk).status == "pending"


def test_another_ministry_user_approves_that_enrolment(api, staff_with_a_shop, ministry):
    _, shop = staff_with_a_shop
    Seller.objects.filter(pk=shop.pk).update(status="verified")
    enrolment = EnrolmentFactory(product__seller=shop, status="pending")

    response = api.as_user(ministry).post(f"/api/v1/enrolments/{enrolment.pk}/approve/")

    assert response.status_code == 200
    assert Enrolment.objects.get(pk=enrolment.pk).status == "approved"
