"""The last second of a campaign in Jakarta time belongs to the campaign, whoever set the end and however."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign
from marketplace.pricing import quote
from tests.factories import CampaignFactory, EnrolmentFactory, category

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")


def test_a_checkout_in_the_middle_of_the_last_second_still_gets_the_campaign_price(product):
    campaign = CampaignFactory(
        starts_at=datetime.datetime(2020, 4, 20, 0, 0, 0, tzinfo=JAKARTA),
        ends_at=datetime.datetime(2020, 4, 26, 23, 59, 59, tzinfo=JAKARTA),
    )
    EnrolmentFactory(product=product, campaign=campaign)
    last_second = datetime.datetime(2020, 4, 26, 23, 59, 59, 600000, tzinfo=JAKARTA)

    assert quote([product], last_second)[product.pk].unit_price == 68000
    assert campaign.status_at(last_second) == Campaign.Status.ACTIVE
    assert quote([product], datetime.datetime(2020, 4, 27, 0, 0, 0, tzinfo=JAKARTA))[product.pk].unit_price == 85000


def form_data(**overrides):
    data = {
        "hashtag": "#SatuDalamKopi",
        "name": "Satu Dalam Kopi",
        "starts_at": "2030-04-20T00:00",
        "ends_at": "2030-04-26T23:59",
        "categories": [str(category("kopi").pk)],
        "min_tkdn": "0",
        "benefit": "discount_percent",
        "discount_percent": "20",
    }
    data.update(overrides)
    return data


def test_an_end_picked_to_the_minute_on_the_console_lasts_to_that_minutes_last_second(client, ministry):
    client.force_login(ministry)

    response = client.post(reverse("campaigns:console_create"), form_data(enrol_until="2030-04-25T17:00"))

    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.starts_at == datetime.datetime(2030, 4, 20, 0, 0, 0, tzinfo=JAKARTA)
    assert campaign.ends_at == datetime.datetime(2030, 4, 26, 23, 59, 59, tzinfo=JAKARTA)
    assert campaign.enrol_until == datetime.datetime(2030, 4, 25, 17, 0, 59, tzinfo=JAKARTA)


def test_renaming_a_campaign_on_the_console_does_not_cut_its_last_seconds(client, ministry):
    campaign = CampaignFactory(
        starts_at=datetime.datetime(2030, 4, 20, 0, 0, 0, tzinfo=JAKARTA),
        ends_at=datetime.datetime(2030, 4, 26, 23, 59, 59, tzinfo=JAKARTA),
    )
    client.force_login(ministry)
    form = client.get(reverse("campaigns:console_edit", args=[campaign.slug])).context["form"]
    shown = form["ends_at"].value()
    shown = shown if isinstance(shown, str) else form["ends_at"].field.widget.format_value(shown)

    response = client.post(
        reverse("campaigns:console_edit", args=[campaign.slug]),
        form_data(hashtag=campaign.hashtag, name="Satu Dalam Kopi 2030", ends_at=shown),
    )

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.name == "Satu Dalam Kopi 2030"
    assert campaign.ends_at == datetime.datetime(2030, 4, 26, 23, 59, 59, tzinfo=JAKARTA)


def test_a_campaign_published_a_moment_ago_takes_enrolments_in_the_same_second(shop, product):
    """Published at 10:00:00.500, a shop enrolling at 10:00:00.700 is not turned away as 'not open'."""
    from campaigns import services

    published = datetime.datetime(2030, 4, 1, 10, 0, 0, 500000, tzinfo=JAKARTA)
    campaign = CampaignFactory(
        starts_at=datetime.datetime(2030, 4, 20, tzinfo=JAKARTA),
        ends_at=datetime.datetime(2030, 4, 26, 23, 59, 59, tzinfo=JAKARTA),
        created_at=published,
    )

    assert campaign.enrolment_open_at(published + datetime.timedelta(microseconds=200000))
    assert not campaign.enrolment_open_at(published - datetime.timedelta(microseconds=200000))
    campaign.created_at = timezone.now()  # and through the service, right after publishing
    campaign.save(update_fields=["created_at"])
    services.enrolments_create(campaign=campaign, seller=shop, product_ids=[product.pk], by=None)
    assert campaign.enrolments.filter(product=product).exists()
