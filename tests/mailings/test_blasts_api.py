"""The promotional email API: only ministry staff write and send blasts; bad input is a 400 naming the field."""

import pytest
from django.core import mail
from django.utils import timezone

from mailings.models import Blast, Delivery
from tests.factories import CampaignFactory, UserFactory, category
from tests.mailings.blast_helpers import make_blast, opted_in_user, paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(db):
    return CampaignFactory(hashtag="#SatuDalamKopi", slug="satu-dalam-kopi")


def blast_body(**overrides):
    body = {
        "subject": "Diskon kopi Gayo minggu ini",
        "body": "Halo pencinta kopi!\n\n**Diskon 20%** untuk kopi lokal.",
        "audience": {"kind": "all_opted_in"},
    }
    body.update(overrides)
    return body


def test_ministry_creates_a_draft_and_sees_how_many_will_get_it(api, ministry, campaign):
    opted_in_user(), opted_in_user()
    UserFactory()
    response = api.as_user(ministry).post(f"/api/v1/campaigns/{campaign.slug}/blasts/", blast_body(), format="json")
    assert response.status_code == 201, response.data
    assert response.data["status"] == "draft"
    assert response.data["recipients_estimate"] == 2
    assert Blast.objects.get(pk=response.data["id"]).created_by == ministry


def test_a_blast_with_a_future_time_is_scheduled(api, ministry, campaign):
    at = (timezone.now() + timezone.timedelta(hours=2)).isoformat()
    response = api.as_user(ministry).post(
        f"/api/v1/campaigns/{campaign.slug}/blasts/", blast_body(scheduled_at=at), format="json"
    )
    assert response.status_code == 201
    assert response.data["status"] == "scheduled"


def test_bought_category_audience_is_estimated_from_paid_orders(api, ministry, campaign, product):
    paid_order(opted_in_user(), product)
    opted_in_user()
    body = blast_body(audience={"kind": "bought_category", "category": category("kopi").pk, "days": 30})
    response = api.as_user(ministry).post(f"/api/v1/campaigns/{campaign.slug}/blasts/", body, format="json")
    assert response.status_code == 201, response.data
    assert response.data["recipients_estimate"] == 1
    assert response.data["audience"] == {"kind": "bought_category", "category": category("kopi").pk,
                                         "province": None, "days": 30}  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"subject": ""}, "subject"),
        ({"subject": "   "}, "subject"),
        ({"subject": "Diskon\x1b[31m kopi"}, "subject"),  # a control character in an email header
        ({"subject": "Diskon\x01kopi"}, "subject"),
        ({"body": ""}, "body"),
        ({"audience": {"kind": "everyone"}}, "audience"),
        ({"audience": {"kind": "bought_category"}}, "audience"),
        ({"audience": {"kind": "bought_category", "category": 999999}}, "audience"),
        ({"audience": {"kind": "province", "province": "99"}}, "audience"),
        ({"audience": {"kind": "province"}}, "audience"),
        ({"scheduled_at": "2020-04-20T10:00:00+07:00"}, "scheduled_at"),
        ({"scheduled_at": "besok pagi"}, "scheduled_at"),
        ({"audience": "all"}, "audience"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_creates_nothing(api, ministry, campaign, overrides, field):
    response = api.as_user(ministry).post(
        f"/api/v1/campaigns/{campaign.slug}/blasts/", blast_body(**overrides), format="json"
    )
    assert response.status_code == 400
    assert field in response.data
    assert not Blast.objects.exists()


def test_unknown_category_and_province_name_the_audience_sub_field(api, ministry, campaign):
    body = blast_body(audience={"kind": "province", "province": "99"})
    response = api.as_user(ministry).post(f"/api/v1/campaigns/{campaign.slug}/blasts/", body, format="json")
    assert "province" in response.data["audience"]


def test_customers_and_sellers_may_not_create_or_send_blasts(api, customer, seller_user, ministry, campaign):
    blast = make_blast(campaign, ministry)
    for user in (customer, seller_user):
        assert (
            api.as_user(user)
            .post(f"/api/v1/campaigns/{campaign.slug}/blasts/", blast_body(), format="json")
            .status_code
            == 403
        )
        assert api.as_user(user).post(f"/api/v1/blasts/{blast.pk}/send/").status_code == 403
        assert api.as_user(user).get(f"/api/v1/blasts/{blast.pk}/").status_code == 403


def test_anonymous_callers_are_asked_to_log_in(api, ministry, campaign):
    blast = make_blast(campaign, ministry)
    assert api.post(f"/api/v1/campaigns/{campaign.slug}/blasts/", blast_body(), format="json").status_code == 401
    assert api.post(f"/api/v1/blasts/{blast.pk}/send/").status_code == 401
    assert api.get(f"/api/v1/blasts/{blast.pk}/").status_code == 401


def test_an_unknown_campaign_or_blast_is_a_404(api, ministry):
    assert api.as_user(ministry).post("/api/v1/campaigns/nope/blasts/", blast_body(), format="json").status_code == 404
    assert api.as_user(ministry).get("/api/v1/blasts/999999/").status_code == 404


def test_send_delivers_to_every_opted_in_customer_and_reports_stats(
    api, ministry, campaign, django_capture_on_commit_callbacks
):
    customers = [opted_in_user() for _ in range(3)]
    UserFactory()
    blast = make_blast(campaign, ministry)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.as_user(ministry).post(f"/api/v1/blasts/{blast.pk}/send/")
    assert response.status_code == 200
    assert sorted(m.to[0] for m in mail.outbox) == sorted(c.email for c in customers)
    stats = api.as_user(ministry).get(f"/api/v1/blasts/{blast.pk}/").data
    assert stats["status"] == "sent"
    assert (stats["recipients"], stats["sent"], stats["failed"], stats["skipped"]) == (3, 3, 0, 0)
    assert stats["progress_pct"] == 100.0
    assert stats["started_at"] and stats["finished_at"]


def test_sending_twice_is_a_conflict(api, ministry, campaign, django_capture_on_commit_callbacks):
    blast = make_blast(campaign, ministry)
    with django_capture_on_commit_callbacks(execute=True):
        api.as_user(ministry).post(f"/api/v1/blasts/{blast.pk}/send/")
    assert api.as_user(ministry).post(f"/api/v1/blasts/{blast.pk}/send/").status_code == 409


def test_cancel_before_the_workers_start_sends_nothing(api, ministry, campaign, django_capture_on_commit_callbacks):
    opted_in_user()
    blast = make_blast(campaign, ministry)
    response = api.as_user(ministry).post(f"/api/v1/blasts/{blast.pk}/cancel/")
    assert response.status_code == 200
    assert response.data["status"] == "cancelled"
    assert api.as_user(ministry).post(f"/api/v1/blasts/{blast.pk}/send/").status_code == 409
    assert api.as_user(ministry).post(f"/api/v1/blasts/{blast.pk}/cancel/").status_code == 409
    assert mail.outbox == []


def test_unsubscribed_since_the_start_is_reported(api, ministry, campaign, django_capture_on_commit_callbacks):
    from mailings.services import recipient_unsubscribe

    customer = opted_in_user()
    opted_in_user()
    blast = make_blast(campaign, ministry)
    with django_capture_on_commit_callbacks(execute=True):
        api.as_user(ministry).post(f"/api/v1/blasts/{blast.pk}/send/")
    recipient_unsubscribe(user=customer)
    assert api.as_user(ministry).get(f"/api/v1/blasts/{blast.pk}/").data["unsubscribed"] == 1


def test_preview_shows_the_sanitised_branded_email(api, ministry, campaign):
    blast = make_blast(campaign, ministry)
    blast.body = "Kopi **enak**<script>alert(1)</script> <a href='javascript:alert(1)'>klik</a>"
    blast.save()
    response = api.as_user(ministry).get(f"/api/v1/blasts/{blast.pk}/preview/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "<strong>enak</strong>" in html
    assert "<script" not in html and "javascript:" not in html
    assert "#SatuDalamKopi" in html and f"/kampanye/{campaign.slug}/" in html


def test_test_send_goes_only_to_the_staff_member(api, ministry, campaign, django_capture_on_commit_callbacks):
    opted_in_user()
    blast = make_blast(campaign, ministry)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.as_user(ministry).post(f"/api/v1/blasts/{blast.pk}/test/")
    assert response.status_code == 202
    assert [m.to for m in mail.outbox] == [[ministry.email]]
    assert mail.outbox[0].subject.startswith("[UJI]")
    assert not Delivery.objects.exists()
    assert Blast.objects.get(pk=blast.pk).status == "draft"


def test_the_ministry_page_shows_progress_and_refreshes_while_sending(client, ministry, campaign):
    blast = make_blast(campaign, ministry)
    Blast.objects.filter(pk=blast.pk).update(status="sending", started_at=timezone.now())
    client.force_login(ministry)
    response = client.get(f"/kementerian/blast/{blast.pk}/")
    assert response.status_code == 200
    assert b'http-equiv="refresh"' in response.content


def test_the_ministry_page_is_closed_to_customers(client, customer, ministry, campaign):
    blast = make_blast(campaign, ministry)
    client.force_login(customer)
    assert client.get(f"/kementerian/blast/{blast.pk}/").status_code == 403


def test_the_schema_describes_the_blast_endpoints(api):
    schema = api.get("/api/schema/?format=json").json()
    assert "/api/v1/campaigns/{slug}/blasts/" in schema["paths"]
    assert "/api/v1/blasts/{blast_id}/preview/" in schema["paths"]


def test_the_api_preview_is_sandboxed_like_the_page_preview(api, client, ministry, campaign):
    from django.urls import reverse

    blast = make_blast(campaign, ministry)
    client.force_login(ministry)

    from_api = api.as_user(ministry).get(f"/api/v1/blasts/{blast.pk}/preview/")
    from_page = client.get(reverse("mailings:blast_preview", args=[blast.pk]))

    policy = from_api["Content-Security-Policy"]
    assert policy == from_page["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy and "script-src" not in policy
