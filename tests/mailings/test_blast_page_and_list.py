"""One promotional email's page: preview, test send, send and cancel, as its status allows; and a
campaign's list of them."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mailings.models import Blast
from mailings.services import blast_send, blasts_start_scheduled
from tests.factories import CampaignFactory, UserFactory
from tests.mailings.blast_helpers import make_blast, opted_in_user

pytestmark = pytest.mark.django_db


# ---- one blast: preview, test, send, cancel --------------------------------------------------------


def test_preview_shows_the_email_with_a_stand_in_unsubscribe_link(client, ministry, blast):
    client.force_login(ministry)

    response = client.get(reverse("mailings:blast_preview", args=[blast.pk]))

    html = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "Ngopi bareng #SatuDalamKopi" in html
    assert "<strong>20%</strong>" in html
    assert "Berhenti berlangganan" in html and 'href="#berhenti-berlangganan"' in html
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_blast_page_embeds_the_preview(client, ministry, blast):
    client.force_login(ministry)
    text = client.get(reverse("mailings:ministry_blast", args=[blast.pk])).text
    assert f'src="{reverse("mailings:blast_preview", args=[blast.pk])}"' in text
    assert "Pratinjau" in text


def test_test_send_mails_one_copy_to_the_staff_member_only(client, ministry, blast, django_capture_on_commit_callbacks):
    opted_in_user()
    client.force_login(ministry)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mailings:blast_test_send", args=[blast.pk]), follow=True)

    assert [m.to for m in mail.outbox] == [[ministry.email]]
    assert mail.outbox[0].subject == "[UJI] Ngopi bareng #SatuDalamKopi"
    assert f"Email uji dikirim ke {ministry.email}" in response.text
    assert Blast.objects.get(pk=blast.pk).status == Blast.Status.DRAFT


def test_send_now_delivers_to_the_opted_in_customers_only(client, ministry, blast, django_capture_on_commit_callbacks):
    first, second = opted_in_user(), opted_in_user()
    UserFactory()  # not opted in
    client.force_login(ministry)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mailings:blast_send", args=[blast.pk]), {"confirm": "on"}, follow=True)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    blast.refresh_from_db()
    assert blast.status == Blast.Status.SENT
    assert "Email mulai dikirim." in response.text
    assert "Kirim sekarang" not in response.text


def test_send_now_sends_nothing_until_the_confirmation_is_ticked(
    client, ministry, blast, django_capture_on_commit_callbacks
):
    opted_in_user()
    client.force_login(ministry)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mailings:blast_send", args=[blast.pk]), follow=True)

    assert "email belum dikirim" in response.text
    assert 'name="confirm" required' in response.text
    assert mail.outbox == []
    blast.refresh_from_db()
    assert blast.status == Blast.Status.DRAFT


def test_sending_twice_says_why_instead_of_failing(client, ministry, blast, django_capture_on_commit_callbacks):
    opted_in_user()
    client.force_login(ministry)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mailings:blast_send", args=[blast.pk]), {"confirm": "on"})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mailings:blast_send", args=[blast.pk]), {"confirm": "on"}, follow=True)

    assert response.status_code == 200
    assert "tidak bisa dikirim" in response.text
    assert len(mail.outbox) == 1


def test_cancel_stops_a_scheduled_blast(client, ministry, campaign, django_capture_on_commit_callbacks):
    opted_in_user()
    blast = make_blast(campaign, ministry)
    Blast.objects.filter(pk=blast.pk).update(
        status=Blast.Status.SCHEDULED, scheduled_at=timezone.now() + datetime.timedelta(hours=1)
    )
    client.force_login(ministry)

    response = client.post(reverse("mailings:blast_cancel", args=[blast.pk]), follow=True)

    assert Blast.objects.get(pk=blast.pk).status == Blast.Status.CANCELLED
    assert "Pengiriman dibatalkan" in response.text
    with django_capture_on_commit_callbacks(execute=True):
        assert blasts_start_scheduled(now=timezone.now() + datetime.timedelta(hours=2)) == 0
    assert mail.outbox == []


def test_the_page_offers_what_each_status_allows(client, ministry, campaign, django_capture_on_commit_callbacks):
    draft = make_blast(campaign, ministry)
    sending = make_blast(campaign, ministry)
    Blast.objects.filter(pk=sending.pk).update(status=Blast.Status.SENDING, started_at=timezone.now())
    client.force_login(ministry)

    draft_page = client.get(reverse("mailings:ministry_blast", args=[draft.pk])).text
    sending_page = client.get(reverse("mailings:ministry_blast", args=[sending.pk])).text

    assert reverse("mailings:blast_send", args=[draft.pk]) in draft_page
    assert reverse("mailings:blast_cancel", args=[draft.pk]) not in draft_page
    assert reverse("mailings:blast_send", args=[sending.pk]) not in sending_page
    assert reverse("mailings:blast_cancel", args=[sending.pk]) in sending_page
    assert 'http-equiv="refresh" content="5"' in sending_page
    assert 'http-equiv="refresh"' not in draft_page


# ---- the campaign's list of blasts -----------------------------------------------------------------


def test_the_list_shows_each_blast_with_status_counts_and_link(
    client, ministry, campaign, django_capture_on_commit_callbacks
):
    opted_in_user(), opted_in_user()
    sent = make_blast(campaign, ministry)
    with django_capture_on_commit_callbacks(execute=True):
        blast_send(blast=sent)
    draft = make_blast(campaign, ministry)
    other = make_blast(CampaignFactory(), ministry)
    client.force_login(ministry)

    response = client.get(reverse("mailings:blast_list", args=[campaign.slug]))

    rows = list(response.context["page_obj"].object_list)
    assert [b.pk for b in rows] == [draft.pk, sent.pk]
    assert (rows[1].sent_count, rows[1].failed_count, rows[1].pending_count) == (2, 0, 0)
    assert reverse("mailings:ministry_blast", args=[sent.pk]) in response.text
    assert reverse("mailings:ministry_blast", args=[other.pk]) not in response.text
    assert "Terkirim" in response.text and "Draf" in response.text
    assert reverse("mailings:blast_create", args=[campaign.slug]) in response.text


def test_an_html_subject_is_shown_as_text(client, ministry, campaign):
    blast = make_blast(campaign, ministry)
    Blast.objects.filter(pk=blast.pk).update(subject='<b id="x">Diskon</b><script>alert(1)</script>')
    client.force_login(ministry)

    for url in (
        reverse("mailings:blast_list", args=[campaign.slug]),
        reverse("mailings:ministry_blast", args=[blast.pk]),
    ):
        text = client.get(url).text
        assert '<b id="x">' not in text and "<script>alert(1)" not in text
        assert "&lt;b id=&quot;x&quot;&gt;Diskon&lt;/b&gt;" in text


def test_the_console_list_links_each_campaigns_email_and_impact_pages(client, ministry, campaign):
    client.force_login(ministry)
    text = client.get(reverse("campaigns:console")).text
    assert reverse("mailings:blast_list", args=[campaign.slug]) in text
    assert reverse("analytics:impact", args=[campaign.slug]) in text
