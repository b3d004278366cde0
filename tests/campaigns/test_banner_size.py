"""Campaign banners have a size cap (BANNER_MAX_BYTES), so one upload cannot fill the disk."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from campaigns.models import Campaign
from tests.campaigns.page_helpers import form_data

pytestmark = pytest.mark.django_db


def noisy_png(side: int) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.effect_noise((side, side), 120).convert("RGB").save(buffer, format="PNG")
    return SimpleUploadedFile("banner.png", buffer.getvalue(), content_type="image/png")


def test_a_banner_over_the_cap_is_refused_on_its_field_and_nothing_is_created(client, ministry, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.BANNER_MAX_BYTES = 20_000
    banner = noisy_png(200)
    assert banner.size > 20_000
    client.force_login(ministry)

    response = client.post(reverse("campaigns:console_create"), {**form_data(), "banner": banner})

    assert response.status_code == 200
    assert "banner" in response.context["form"].errors
    assert not Campaign.objects.exists()
    assert not list(tmp_path.rglob("*.png"))


def test_a_banner_under_the_cap_is_kept(client, ministry, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.BANNER_MAX_BYTES = 20_000
    banner = noisy_png(20)
    assert banner.size < 20_000
    client.force_login(ministry)

    response = client.post(reverse("campaigns:console_create"), {**form_data(), "banner": banner})

    assert response.status_code == 302
    assert Campaign.objects.get().banner.name.startswith("campaigns/")


def test_the_cap_holds_on_the_edit_form_too(client, ministry, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.BANNER_MAX_BYTES = 20_000
    client.force_login(ministry)
    client.post(reverse("campaigns:console_create"), form_data())
    campaign = Campaign.objects.get()

    response = client.post(
        reverse("campaigns:console_edit", args=[campaign.slug]), {**form_data(), "banner": noisy_png(200)}
    )

    assert response.status_code == 200
    campaign.refresh_from_db()
    assert not campaign.banner
