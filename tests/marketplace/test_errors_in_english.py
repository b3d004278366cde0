"""What the services refuse is said in the visitor's language: English pages say it in English."""

import pytest
from django.conf import settings
from django.urls import reverse

from campaigns.models import Enrolment
from tests.factories import CampaignFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_refused_enrolment_quota_is_explained_in_english(english, seller_user, shop, product):
    campaign = CampaignFactory(default_quota=100)
    english.force_login(seller_user)

    page = english.post(
        reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug]), {"products": [product.pk], "quota": 500}
    )

    assert "The quota is at most 100 units per product in this campaign." in page.text
    assert "paling banyak" not in page.text
    assert not Enrolment.objects.exists()


def test_an_ineligible_product_is_explained_in_english(english, seller_user, shop, product):
    campaign = CampaignFactory(min_tkdn=95)
    english.force_login(seller_user)

    page = english.post(reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug]), {"products": [product.pk]})

    assert "TKDN 85% is below the minimum of 95%." in page.text


def test_too_many_units_in_the_cart_is_explained_in_english(english, product):
    page = english.post(reverse("orders:cart_add"), {"product": product.pk, "quantity": 60}, follow=True)

    assert f"Only 50 of {product.name} left." in page.text
    assert "tinggal" not in page.text


def test_the_same_refusal_stays_indonesian_without_the_cookie(client, seller_user, shop, product):
    campaign = CampaignFactory(default_quota=100)
    client.force_login(seller_user)

    page = client.post(
        reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug]), {"products": [product.pk], "quota": 500}
    )

    assert "Kuota paling banyak 100 unit per produk di kampanye ini." in page.text


def test_an_api_conflict_is_in_english_for_a_client_that_chose_english(api, ministry, shop):
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = api.as_user(ministry).post(f"/api/v1/sellers/{shop.pk}/verify/")

    assert response.status_code == 409
    assert response.json()["detail"] == "This shop is already verified."


def test_a_ministry_member_refusal_is_in_english(api, shop):
    from sellers.models import SellerMember

    staff = UserFactory(ministry=True)
    SellerMember.objects.create(seller=shop, user=staff, role=SellerMember.Role.STAFF)
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = api.as_user(staff).post(f"/api/v1/sellers/{shop.pk}/reject/", {"reason": "x"}, format="json")

    assert response.json()["detail"] == "You are a member of this shop; another staff member decides on it."
