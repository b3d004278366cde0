"""The public campaign pages: the landing page with its prices, dates and products, the list, the
home page's active campaigns, and the campaign badge and filter in the catalogue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.campaigns.page_helpers import JAKARTA, get_as
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_landing_page_shows_the_campaign_price_beside_the_struck_list_price(client, campaign, shop):
    product = ProductFactory(seller=shop, name="Kopi Arabika Gayo Wine 250 g", price=85000)
    EnrolmentFactory(campaign=campaign, product=product)

    text = client.get(campaign.get_absolute_url()).text

    assert "Kopi Arabika Gayo Wine 250 g" in text
    assert "Rp 68.000" in text
    assert '<s class="price-list"' in text and "Rp 85.000</s>" in text


def test_landing_page_shows_dates_in_jakarta_time_and_a_countdown(client, shop):
    campaign = CampaignFactory(
        starts_at=datetime.datetime(2040, 4, 20, 0, 0, tzinfo=JAKARTA),
        ends_at=datetime.datetime(2040, 4, 26, 23, 59, 59, tzinfo=JAKARTA),
    )

    text = client.get(campaign.get_absolute_url()).text

    assert "20 April 2040 00.00 WIB" in text
    assert "26 April 2040 23.59 WIB" in text
    assert "Terjadwal" in text
    # The countdown reads without JavaScript too: the server writes how long is left.
    assert 'data-countdown="2040-04-20T00:00:00+07:00"' in text
    assert "Dimulai dalam" in text and "tahun" in text


def test_a_scheduled_campaign_announces_its_prices_before_it_starts(client, shop):
    campaign = CampaignFactory(
        starts_at=timezone.now() + timezone.timedelta(days=2), ends_at=timezone.now() + timezone.timedelta(days=9)
    )
    EnrolmentFactory(campaign=campaign, product=ProductFactory(seller=shop, price=85000))

    text = client.get(campaign.get_absolute_url()).text

    assert "Rp 68.000" in text and "Rp 85.000</s>" in text
    assert "Harga kampanye berlaku mulai" in text


def test_landing_page_lists_only_approved_products(client, campaign, shop):
    EnrolmentFactory(campaign=campaign, product=ProductFactory(seller=shop, name="Kopi Disetujui"))
    EnrolmentFactory(campaign=campaign, product=ProductFactory(seller=shop, name="Kopi Menunggu"), status="pending")

    text = client.get(campaign.get_absolute_url()).text

    assert "Kopi Disetujui" in text
    assert "Kopi Menunggu" not in text


def test_landing_page_is_paginated(client, campaign, shop):
    for n in range(30):
        EnrolmentFactory(campaign=campaign, product=ProductFactory(seller=shop, name=f"Kopi Nomor {n:02d}"))

    first = client.get(campaign.get_absolute_url()).text
    second = client.get(campaign.get_absolute_url(), {"page": 2}).text

    assert first.count('class="card product-card"') == 24
    assert second.count('class="card product-card"') == 6
    assert "Halaman 1 dari 2" in first


def test_a_draft_campaign_page_is_404_to_the_public_but_open_to_the_ministry(client, customer, ministry):
    draft = CampaignFactory(is_draft=True)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert get_as(client, customer, draft.get_absolute_url()).status_code == 404
    response = get_as(client, ministry, draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draf" in response.text


def test_a_cancelled_campaign_page_is_404_to_the_public(client):
    cancelled = CampaignFactory(cancelled_at=timezone.now())

    assert client.get(cancelled.get_absolute_url()).status_code == 404


def test_an_html_campaign_name_is_shown_as_text(client):
    campaign = CampaignFactory(name='<script>alert("kopi")</script>', description="<b>tebal</b>")

    text = client.get(campaign.get_absolute_url()).text

    assert '<script>alert("kopi")' not in text
    assert "&lt;script&gt;alert(&quot;kopi&quot;)&lt;/script&gt;" in text
    assert "<b>tebal</b>" not in text


def test_home_page_lists_active_campaigns_only(client):
    CampaignFactory(hashtag="#SatuDalamKopi", name="Satu Dalam Kopi")
    CampaignFactory(
        hashtag="#FesyenMuslimRamadan",
        starts_at=timezone.now() + timezone.timedelta(days=30),
        ends_at=timezone.now() + timezone.timedelta(days=60),
    )
    CampaignFactory(hashtag="#DrafRahasia", is_draft=True)

    text = client.get(reverse("home")).text

    assert "Kampanye berlangsung" in text
    assert "#SatuDalamKopi" in text and "/kampanye/satu-dalam-kopi" in text
    assert "#FesyenMuslimRamadan" not in text
    assert "#DrafRahasia" not in text


def test_home_page_without_active_campaigns_shows_no_campaign_section(client):
    assert "Kampanye berlangsung" not in client.get(reverse("home")).text


def test_campaign_list_shows_active_and_scheduled_but_not_ended_or_drafts(client):
    CampaignFactory(hashtag="#SatuDalamKopi")
    CampaignFactory(
        hashtag="#FesyenMuslimRamadan",
        starts_at=timezone.now() + timezone.timedelta(days=30),
        ends_at=timezone.now() + timezone.timedelta(days=60),
    )
    CampaignFactory(
        hashtag="#KopiLama",
        starts_at=timezone.now() - timezone.timedelta(days=30),
        ends_at=timezone.now() - timezone.timedelta(days=20),
    )
    CampaignFactory(hashtag="#DrafRahasia", is_draft=True)

    text = client.get(reverse("campaigns:list")).text

    assert "#SatuDalamKopi" in text and "#FesyenMuslimRamadan" in text
    assert "#KopiLama" not in text and "#DrafRahasia" not in text


def test_product_cards_and_pages_link_the_campaign_badge_to_its_page(client, campaign, product):
    EnrolmentFactory(campaign=campaign, product=product)
    badge = f'<a class="badge badge-campaign" href="{campaign.get_absolute_url()}"'

    catalogue = client.get(reverse("sellers:catalogue")).text
    page = client.get(product.get_absolute_url()).text

    assert badge in catalogue and "Rp 68.000" in catalogue and "Rp 85.000</s>" in catalogue
    assert badge in page and "Rp 68.000" in page


def test_the_catalogue_filters_by_campaign(client, campaign, shop):
    EnrolmentFactory(campaign=campaign, product=ProductFactory(seller=shop, name="Kopi Kampanye"))
    ProductFactory(seller=shop, name="Kopi Biasa")

    text = client.get(reverse("sellers:catalogue"), {"campaign": campaign.slug}).text

    assert "Kopi Kampanye" in text and "Kopi Biasa" not in text
