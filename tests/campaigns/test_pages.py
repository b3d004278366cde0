"""The campaign pages: the public landing and list, the ministry console and the seller's enrolment."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign, Enrolment
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory, category

pytestmark = pytest.mark.django_db

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def campaign():
    return CampaignFactory(hashtag="#SatuDalamKopi", slug="satu-dalam-kopi", name="Satu Dalam Kopi")


@pytest.fixture
def users(customer, seller_user, shop, other_seller_user, other_shop, ministry):
    """Every role, by name; `member` works for `shop`, `other_member` for another shop."""
    return {
        "anonymous": None,
        "customer": customer,
        "member": seller_user,
        "other_member": other_seller_user,
        "ministry": ministry,
    }


def get_as(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def form_data(**overrides):
    data = {
        "hashtag": "#SatuDalamKopi",
        "name": "Satu Dalam Kopi",
        "description": "Dukung IKM kopi Indonesia.",
        "starts_at": "2030-04-20T00:00",
        "ends_at": "2030-04-26T23:59",
        "categories": [str(category("kopi").pk), str(category("produk-terkait-kopi").pk)],
        "min_tkdn": "0",
        "benefit": "discount_percent",
        "discount_percent": "20",
    }
    data.update(overrides)
    return data


# ---- who may open which page -----------------------------------------------------------------------

PUBLIC = {"anonymous": 200, "customer": 200, "member": 200, "other_member": 200, "ministry": 200}
MINISTRY_ONLY = {"anonymous": 302, "customer": 403, "member": 403, "other_member": 403, "ministry": 200}
MEMBERS_ONLY = {"anonymous": 302, "customer": 404, "member": 200, "other_member": 404, "ministry": 404}

PAGES = {
    "list": (lambda c, s: reverse("campaigns:list"), PUBLIC),
    "landing": (lambda c, s: reverse("campaigns:landing", args=[c.slug]), PUBLIC),
    "console": (lambda c, s: reverse("campaigns:console"), MINISTRY_ONLY),
    "console_create": (lambda c, s: reverse("campaigns:console_create"), MINISTRY_ONLY),
    "console_edit": (lambda c, s: reverse("campaigns:console_edit", args=[c.slug]), MINISTRY_ONLY),
    "console_enrolments": (lambda c, s: reverse("campaigns:console_enrolments", args=[c.slug]), MINISTRY_ONLY),
    "seller_campaigns": (lambda c, s: reverse("campaigns:seller_campaigns", args=[s.pk]), MEMBERS_ONLY),
    "seller_enrol": (lambda c, s: reverse("campaigns:seller_enrol", args=[s.pk, c.slug]), MEMBERS_ONLY),
}


@pytest.mark.parametrize("role", ["anonymous", "customer", "member", "other_member", "ministry"])
@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_answers_each_role_as_it_should(client, users, shop, campaign, page, role):
    url_of, expected = PAGES[page]
    url = url_of(campaign, shop)

    response = get_as(client, users[role], url)

    assert response.status_code == expected[role]
    if expected[role] == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["customer", "member"])
def test_only_the_ministry_may_decide_an_enrolment(client, users, campaign, product, role):
    enrolment = EnrolmentFactory(campaign=campaign, product=product, status=Enrolment.Status.PENDING)
    client.force_login(users[role])

    approve = client.post(reverse("campaigns:console_enrolment_approve", args=[campaign.slug, enrolment.pk]))
    reject = client.post(
        reverse("campaigns:console_enrolment_reject", args=[campaign.slug, enrolment.pk]), {"reason": "Tidak"}
    )

    assert (approve.status_code, reject.status_code) == (403, 403)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.PENDING


def test_another_shops_member_cannot_enrol_into_this_shop(client, other_seller_user, shop, product, campaign):
    client.force_login(other_seller_user)

    response = client.post(
        reverse("campaigns:seller_enrol", args=[shop.pk, campaign.slug]), {"products": [str(product.pk)]}
    )

    assert response.status_code == 404
    assert not Enrolment.objects.exists()


# ---- the public pages ------------------------------------------------------------------------------


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


# ---- the ministry console --------------------------------------------------------------------------


def test_ministry_creates_a_campaign_in_jakarta_time(client, ministry):
    client.force_login(ministry)

    response = client.post(reverse("campaigns:console_create"), form_data())

    assert response.status_code == 302, response.context["form"].errors
    campaign = Campaign.objects.get()
    assert campaign.hashtag == "#SatuDalamKopi" and campaign.created_by == ministry
    assert campaign.starts_at == datetime.datetime(2030, 4, 20, 0, 0, tzinfo=JAKARTA)
    assert set(campaign.categories.values_list("slug", flat=True)) == {"kopi", "produk-terkait-kopi"}
    assert campaign.status == Campaign.Status.SCHEDULED
    assert "20 April 2030 00.00 WIB" in client.get(reverse("campaigns:console")).text


def test_create_form_with_end_before_start_shows_the_error_and_creates_nothing(client, ministry):
    client.force_login(ministry)

    response = client.post(
        reverse("campaigns:console_create"), form_data(starts_at="2030-04-26T00:00", ends_at="2030-04-20T00:00")
    )

    assert response.status_code == 200
    assert "Waktu selesai harus setelah waktu mulai." in response.text
    assert response.context["form"].errors["ends_at"]
    assert not Campaign.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"discount_percent": "95"}, "discount_percent"),
        ({"discount_percent": ""}, "discount_percent"),
        ({"hashtag": "tanpa pagar"}, "hashtag"),
        ({"categories": []}, "categories"),
        ({"categories": ["999999"]}, "categories"),
        ({"starts_at": "kemarin"}, "starts_at"),
    ],
)
def test_bad_campaign_input_names_the_field_and_changes_nothing(client, ministry, overrides, field):
    client.force_login(ministry)

    response = client.post(reverse("campaigns:console_create"), form_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Campaign.objects.exists()


def test_a_hashtag_already_in_use_is_refused(client, ministry, campaign):
    client.force_login(ministry)

    response = client.post(reverse("campaigns:console_create"), form_data(hashtag="#satudalamkopi"))

    assert "Tagar ini sudah dipakai kampanye lain." in response.text
    assert Campaign.objects.count() == 1


def test_ministry_edits_a_campaign_and_keeps_it_a_draft(client, ministry, campaign):
    client.force_login(ministry)
    form = client.get(reverse("campaigns:console_edit", args=[campaign.slug])).context["form"]
    assert form.initial["hashtag"] == "#SatuDalamKopi"

    response = client.post(
        reverse("campaigns:console_edit", args=[campaign.slug]),
        form_data(name="Satu Dalam Kopi 2030", discount_percent="25", draft="on"),
    )

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.name, campaign.discount_percent, campaign.is_draft) == ("Satu Dalam Kopi 2030", 25, True)


def test_ministry_uploads_a_banner_that_the_landing_page_shows(client, ministry, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    from django.core.files.uploadedfile import SimpleUploadedFile

    gif = (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
        b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    )
    client.force_login(ministry)

    response = client.post(
        reverse("campaigns:console_create"),
        {**form_data(), "banner": SimpleUploadedFile("kopi.gif", gif, content_type="image/gif")},
    )

    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.banner.name.startswith("campaigns/")
    assert f'src="{campaign.banner.url}"' in client.get(campaign.get_absolute_url()).text


def test_ministry_approves_and_rejects_enrolments_with_a_reason(client, ministry, seller_user, shop):
    campaign = CampaignFactory(requires_approval=True)
    first = EnrolmentFactory(campaign=campaign, product=ProductFactory(seller=shop), status="pending")
    second = EnrolmentFactory(campaign=campaign, product=ProductFactory(seller=shop), status="pending")
    client.force_login(ministry)
    review = client.get(reverse("campaigns:console_enrolments", args=[campaign.slug])).text
    assert "Setujui" in review and "Menunggu persetujuan" in review

    client.post(reverse("campaigns:console_enrolment_approve", args=[campaign.slug, first.pk]))
    empty = client.post(reverse("campaigns:console_enrolment_reject", args=[campaign.slug, second.pk]), {"reason": ""})
    client.post(
        reverse("campaigns:console_enrolment_reject", args=[campaign.slug, second.pk]),
        {"reason": "Foto produk tidak jelas."},
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert empty.status_code == 302
    assert first.status == Enrolment.Status.APPROVED
    assert (second.status, second.reason) == (Enrolment.Status.REJECTED, "Foto produk tidak jelas.")
    client.force_login(seller_user)
    shop_page = client.get(reverse("campaigns:seller_campaigns", args=[shop.pk])).text
    assert "Ditolak" in shop_page and "Foto produk tidak jelas." in shop_page


# ---- the seller centre -----------------------------------------------------------------------------


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
