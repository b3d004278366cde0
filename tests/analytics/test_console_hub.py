"""The ministry console hub: one page that leads to every ministry page, with what needs attention."""

import pytest
from django.urls import reverse

from tests.factories import CampaignFactory, SellerFactory
from tests.mailings.blast_helpers import make_blast

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(hashtag="#SatuDalamKopi", slug="satu-dalam-kopi", name="Satu Dalam Kopi")


@pytest.fixture
def blast(campaign, ministry):
    return make_blast(campaign, ministry)


def test_the_hub_counts_pending_shops_and_links_every_campaigns_pages(client, ministry, campaign, blast):
    SellerFactory(pending=True), SellerFactory(pending=True)
    SellerFactory()  # verified
    client.force_login(ministry)

    response = client.get(reverse("analytics:ministry_home"))

    text = response.text
    assert response.context["pending_shops"] == 2
    assert "2 toko menunggu verifikasi" in text
    assert reverse("sellers:ministry_shops") in text
    assert reverse("campaigns:console") in text and reverse("analytics:overview") in text
    assert "#SatuDalamKopi" in text
    for name in ("campaigns:console_enrolments", "mailings:blast_list", "analytics:impact"):
        assert reverse(name, args=[campaign.slug]) in text
    assert "Email promosi (1)" in text


def test_the_nav_leads_the_ministry_to_the_hub(client, ministry, customer):
    client.force_login(ministry)
    assert f'href="{reverse("analytics:ministry_home")}"' in client.get(reverse("home")).text
    client.force_login(customer)
    assert "Konsol Kementerian" not in client.get(reverse("home")).text
