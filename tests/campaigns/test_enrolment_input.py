"""Odd enrolment input is a 400 naming the field, never a server error."""

import pytest

from campaigns.models import Campaign, Enrolment
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", ["²", "٣x", "abc", "-1", "9" * 5000], ids=["²", "٣x", "abc", "-1", "5000 nines"])
def test_a_price_keyed_by_something_other_than_a_product_id_is_a_400(api, seller_user, shop, product, key):
    campaign = CampaignFactory(benefit=Campaign.Benefit.FIXED_PRICE, discount_percent=None)

    response = api.as_user(seller_user).post(
        f"/api/v1/campaigns/{campaign.slug}/enrolments/",
        {"seller": shop.pk, "products": [product.pk], "prices": {key: 59000}},
        format="json",
    )

    assert response.status_code == 400
    assert "prices" in response.json()
    assert Enrolment.objects.count() == 0
