"""The seller centre's campaign pages: the campaigns a shop's products can join, enrolling them, and
why a product cannot join; and the hints the campaign forms point at."""

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign, Enrolment
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory, category

pytestmark = pytest.mark.django_db


def test_seller_sees_open_campaigns_and_enrols_a_product(client, seller_user, shop, campaign):
    product = ProductFactory(seller=shop, name="Kopi Arabika Gayo Wine 250 g", price=85000)
    client.force_login(seller_user)

    listing = client.get(reverse("campaigns:seller_campaigns", args=[shop.pk])).text
    assert "#SatuDalamKopi" in listing
    form = client.get(reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug])).text
    assert "Kopi Arabika Gayo Wine 250 g" in form and "Rp 68.000" in form

    response = client.post(
        reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug]), {"products": [str(product.pk)], "quota": "10"}
    )

    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert (enrolment.product, enrolment.status, enrolment.quota) == (product, "approved", 10)
    assert enrolment.campaign_price == 68000
    assert "Disetujui" in client.get(reverse("campaigns:seller_campaigns", args=[shop.pk])).text


def test_seller_enrol_form_says_why_a_product_cannot_join_before_anything_is_submitted(client, seller_user, shop):
    campaign = CampaignFactory(min_tkdn=40)
    fine = ProductFactory(seller=shop, name="Kopi Gayo Lokal", tkdn_percent=90)
    low = ProductFactory(seller=shop, name="Kopi Campuran Impor", tkdn_percent=10)
    gamis = ProductFactory(seller=shop, name="Gamis Katun", category=category("gamis"))
    client.force_login(seller_user)

    response = client.get(reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug]))

    assert [row["product"].pk for row in response.context["rows"]] == [fine.pk]
    assert dict((p.pk, why) for p, why in response.context["ineligible"]) == {
        low.pk: "TKDN 10% di bawah batas minimal 40%.",
        gamis.pk: "Kategori produk tidak termasuk kampanye ini.",
    }
    assert "Kopi Campuran Impor</strong> — TKDN 10% di bawah batas minimal 40%." in response.text
    assert f'value="{low.pk}"' not in response.text


def test_a_forged_enrolment_of_an_ineligible_product_changes_nothing(client, seller_user, shop):
    campaign = CampaignFactory(min_tkdn=40)
    fine = ProductFactory(seller=shop, tkdn_percent=90)
    low = ProductFactory(seller=shop, tkdn_percent=10)
    client.force_login(seller_user)

    response = client.post(
        reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug]),
        {"products": [str(fine.pk), str(low.pk)]},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["products"]
    assert not Enrolment.objects.exists()


def test_the_seller_centre_lists_only_campaigns_a_shops_products_can_join(client, seller_user, shop):
    coffee = CampaignFactory(hashtag="#SatuDalamKopi", categories=["kopi"])
    fashion = CampaignFactory(hashtag="#RamadanBerkah", categories=["fesyen-muslim"])
    elsewhere = CampaignFactory(hashtag="#BaliSaja", provinces=["51"])
    ProductFactory(seller=shop, name="Kopi Gayo Lokal")
    client.force_login(seller_user)

    response = client.get(reverse("campaigns:seller_campaigns", args=[shop.pk]))

    assert [offer.campaign for offer in response.context["open_campaigns"]] == [coffee]
    assert [offer.eligible_products for offer in response.context["open_campaigns"]] == [1]
    assert response.context["unsuitable_campaigns"] == [fashion]
    assert "belum ada produk aktif yang memenuhi syarat" in response.text
    assert elsewhere.hashtag not in response.text


def test_a_shop_awaiting_verification_is_offered_no_campaign(client, seller_user, pending_shop):
    CampaignFactory(hashtag="#SatuDalamKopi")
    ProductFactory(seller=pending_shop)
    client.force_login(seller_user)

    response = client.get(reverse("campaigns:seller_campaigns", args=[pending_shop.pk]))

    assert response.context["open_campaigns"] == []
    assert "setelah diverifikasi" in response.text


def test_a_fixed_price_campaign_asks_a_price_per_product(client, seller_user, shop):
    campaign = CampaignFactory(benefit=Campaign.Benefit.FIXED_PRICE, discount_percent=None)
    product = ProductFactory(seller=shop, price=85000)
    url = reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug])
    client.force_login(seller_user)

    missing = client.post(url, {"products": [str(product.pk)]})
    assert "Harga kampanye wajib diisi dan harus di bawah harga normal." in missing.text

    client.post(url, {"products": [str(product.pk)], f"price_{product.pk}": "70000"})
    assert Enrolment.objects.get().campaign_price == 70000


def test_seller_sees_no_form_once_enrolment_closed(client, seller_user, shop, product):
    campaign = CampaignFactory(enrol_until=timezone.now() - timezone.timedelta(hours=1))
    client.force_login(seller_user)

    text = client.get(reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug])).text

    assert "Pendaftaran kampanye ini sedang tidak dibuka untuk toko ini." in text
    assert campaign.hashtag not in client.get(reverse("campaigns:seller_campaigns", args=[shop.pk])).text


def test_seller_centre_links_to_the_shops_campaigns(client, seller_user, shop):
    client.force_login(seller_user)

    assert reverse("campaigns:seller_campaigns", args=[shop.pk]) in client.get(reverse("sellers:centre")).text


def test_a_rejected_product_is_offered_again_on_the_enrol_form(client, seller_user, shop, campaign):
    product = ProductFactory(seller=shop, name="Kopi Arabika Gayo Semi Washed 250 g")
    EnrolmentFactory(product=product, campaign=campaign, status="rejected", reason="Foto buram.")
    client.force_login(seller_user)

    form = client.get(reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug])).text

    assert f'value="{product.pk}"' in form
    assert "Foto buram." in form


def test_every_hint_the_campaign_forms_point_at_is_on_the_page(client, ministry, seller_user, shop):
    """aria-describedby names the help text a screen reader reads with each field: the ids must exist."""
    import re

    campaign = CampaignFactory()
    ProductFactory(seller=shop)
    pages = []
    client.force_login(ministry)
    pages.append(client.get(reverse("campaigns:console_create")).text)
    pages.append(client.post(reverse("campaigns:console_create"), {"hashtag": "tanpa pagar"}).text)
    client.force_login(seller_user)
    pages.append(client.get(reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug])).text)

    for html in pages:
        referenced = {ref for refs in re.findall(r'aria-describedby="([^"]+)"', html) for ref in refs.split()}
        assert referenced
        assert {ref for ref in referenced if f'id="{ref}"' not in html} == set()
