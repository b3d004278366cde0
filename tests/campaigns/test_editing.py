"""Editing a campaign once shops have enrolled: the terms they joined on never change behind their back."""

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Campaign, Enrolment
from marketplace.pricing import quote
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory, category

pytestmark = pytest.mark.django_db
JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


def patch(api, user, campaign, body):
    return api.as_user(user).patch(f"/api/v1/campaigns/{campaign.slug}/", body, format="json")


@pytest.mark.parametrize(
    "change, field",
    [
        ({"discount_percent": 40}, "discount_percent"),
        ({"max_discount": 5000}, "max_discount"),
        ({"default_quota": 10}, "default_quota"),
        ({"benefit": "fixed_price"}, "benefit"),
    ],
)
def test_changing_the_discount_or_quota_after_products_are_enrolled_is_a_409_naming_the_field(
    api, ministry, product, change, field
):
    enrolment = EnrolmentFactory(product=product)

    response = patch(api, ministry, enrolment.campaign, change)

    assert response.status_code == 409
    assert field in response.json()
    campaign = Campaign.objects.get(pk=enrolment.campaign_id)
    assert (campaign.benefit, campaign.discount_percent, campaign.max_discount, campaign.default_quota) == (
        "discount_percent",
        20,
        None,
        None,
    )
    assert quote([product], campaign.starts_at + datetime.timedelta(hours=1))[product.pk].unit_price == 68000


def test_a_fixed_price_campaign_cannot_turn_into_a_discount_once_shops_set_their_prices(api, ministry, product):
    campaign = CampaignFactory(benefit=Campaign.Benefit.FIXED_PRICE, discount_percent=None)
    EnrolmentFactory(product=product, campaign=campaign, campaign_price=59000)

    response = patch(api, ministry, campaign, {"benefit": "discount_percent", "discount_percent": 10})

    assert response.status_code == 409
    assert "benefit" in response.json()
    assert Campaign.objects.get(pk=campaign.pk).benefit == Campaign.Benefit.FIXED_PRICE


def test_the_terms_may_still_change_while_nobody_has_enrolled_or_all_were_rejected(api, ministry, product):
    campaign = CampaignFactory()
    EnrolmentFactory(product=product, campaign=campaign, status=Enrolment.Status.REJECTED)

    response = patch(api, ministry, campaign, {"discount_percent": 30, "default_quota": 100})

    assert response.status_code == 200, response.json()
    assert response.json()["discount_percent"] == 30


def test_other_fields_of_an_enrolled_campaign_still_change(api, ministry, product):
    enrolment = EnrolmentFactory(product=product)

    response = patch(api, ministry, enrolment.campaign, {"name": "Satu Dalam Kopi 2020", "discount_percent": 20})

    assert response.status_code == 200, response.json()
    assert Campaign.objects.get(pk=enrolment.campaign_id).name == "Satu Dalam Kopi 2020"


def console_form(campaign, **overrides):
    data = {
        "hashtag": campaign.hashtag,
        "name": campaign.name,
        "description": "",
        "starts_at": campaign.starts_at.astimezone(JAKARTA).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": campaign.ends_at.astimezone(JAKARTA).strftime("%Y-%m-%dT%H:%M"),
        "categories": [str(category("kopi").pk)],
        "min_tkdn": "0",
        "benefit": campaign.benefit,
        "discount_percent": str(campaign.discount_percent or ""),
    }
    data.update(overrides)
    return data


def test_the_console_says_why_an_enrolled_campaigns_discount_cannot_change(client, ministry, product):
    enrolment = EnrolmentFactory(product=product)
    client.force_login(ministry)

    response = client.post(
        reverse("campaigns:console_edit", args=[enrolment.campaign.slug]),
        console_form(enrolment.campaign, discount_percent="35"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["discount_percent"]
    assert Campaign.objects.get(pk=enrolment.campaign_id).discount_percent == 20


def test_renaming_an_enrolled_fixed_price_campaign_on_the_console_keeps_the_shops_prices(client, ministry):
    campaign = CampaignFactory(benefit=Campaign.Benefit.FIXED_PRICE, discount_percent=None)
    product = ProductFactory()
    EnrolmentFactory(product=product, campaign=campaign, campaign_price=59000)
    client.force_login(ministry)

    response = client.post(
        reverse("campaigns:console_edit", args=[campaign.slug]), console_form(campaign, name="Harga Spesial")
    )

    assert response.status_code == 302
    assert Campaign.objects.get(pk=campaign.pk).name == "Harga Spesial"
    assert Enrolment.objects.get().campaign_price == 59000
