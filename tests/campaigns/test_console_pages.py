"""The ministry's campaign console: creating and editing a campaign in Jakarta time, the banner, bad
input, and approving or rejecting enrolments."""

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Campaign, Enrolment
from tests.campaigns.page_helpers import JAKARTA, form_data
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory

pytestmark = pytest.mark.django_db


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
