"""The ministry's promotional email pages: write, preview, test, send, cancel."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mailings.models import Blast
from mailings.services import blast_send, blasts_start_scheduled
from tests.factories import CampaignFactory, UserFactory, category
from tests.mailings.blast_helpers import make_blast, opted_in_user, paid_order

pytestmark = pytest.mark.django_db

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def campaign():
    return CampaignFactory(hashtag="#SatuDalamKopi", slug="satu-dalam-kopi", name="Satu Dalam Kopi")


@pytest.fixture
def blast(campaign, ministry):
    return make_blast(campaign, ministry)


@pytest.fixture
def users(customer, seller_user, shop, ministry):
    return {"anonymous": None, "customer": customer, "seller": seller_user, "ministry": ministry}


def wib(at: datetime.datetime) -> str:
    """What a browser's datetime-local box sends for `at`, in Jakarta time."""
    return at.astimezone(JAKARTA).strftime("%Y-%m-%dT%H:%M")


def form_data(**overrides):
    data = {
        "subject": "Ngopi bareng #SatuDalamKopi",
        "body": "Diskon **20%** untuk kopi Gayo.\n\n[Lihat produk](/katalog/)",
        "audience_kind": "all_opted_in",
        "category": "",
        "days": "90",
        "province": "",
        "scheduled_at": "",
        "action": "draft",
    }
    data.update(overrides)
    return data


# ---- who may open which page -----------------------------------------------------------------------

MINISTRY_ONLY = {"anonymous": 302, "customer": 403, "seller": 403, "ministry": 200}

PAGES = {
    "ministry_home": lambda c, b: reverse("analytics:ministry_home"),
    "blast_list": lambda c, b: reverse("mailings:blast_list", args=[c.slug]),
    "blast_create": lambda c, b: reverse("mailings:blast_create", args=[c.slug]),
    "ministry_blast": lambda c, b: reverse("mailings:ministry_blast", args=[b.pk]),
    "blast_preview": lambda c, b: reverse("mailings:blast_preview", args=[b.pk]),
}

ACTIONS = {
    "blast_create": lambda c, b: reverse("mailings:blast_create", args=[c.slug]),
    "blast_test_send": lambda c, b: reverse("mailings:blast_test_send", args=[b.pk]),
    "blast_send": lambda c, b: reverse("mailings:blast_send", args=[b.pk]),
    "blast_cancel": lambda c, b: reverse("mailings:blast_cancel", args=[b.pk]),
}


@pytest.mark.parametrize("role", list(MINISTRY_ONLY))
@pytest.mark.parametrize("page", list(PAGES))
def test_only_the_ministry_opens_the_email_pages_and_the_hub(client, users, campaign, blast, page, role):
    if users[role] is not None:
        client.force_login(users[role])

    response = client.get(PAGES[page](campaign, blast))

    assert response.status_code == MINISTRY_ONLY[role]
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["anonymous", "customer", "seller"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_nobody_outside_the_ministry_writes_sends_or_cancels_a_blast(
    client, users, campaign, blast, action, role, django_capture_on_commit_callbacks
):
    opted_in_user()
    if users[role] is not None:
        client.force_login(users[role])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ACTIONS[action](campaign, blast), form_data())

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == 403
    assert list(Blast.objects.values_list("pk", "status")) == [(blast.pk, Blast.Status.DRAFT)]
    assert mail.outbox == []


@pytest.mark.parametrize("action", list(ACTIONS))
def test_the_ministry_may_take_every_action(
    client, ministry, campaign, blast, action, django_capture_on_commit_callbacks
):
    client.force_login(ministry)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ACTIONS[action](campaign, blast), form_data())

    assert response.status_code == 302
    assert response["Location"].startswith("/kementerian/blast/")


def test_the_actions_answer_only_posts(client, ministry, blast):
    client.force_login(ministry)
    assert client.get(reverse("mailings:blast_send", args=[blast.pk])).status_code == 405
    assert Blast.objects.get(pk=blast.pk).status == Blast.Status.DRAFT


def test_an_unknown_campaign_or_blast_is_a_404(client, ministry):
    client.force_login(ministry)
    assert client.get(reverse("mailings:blast_list", args=["tidak-ada"])).status_code == 404
    assert client.get(reverse("mailings:blast_create", args=["tidak-ada"])).status_code == 404
    assert client.get(reverse("mailings:ministry_blast", args=[999999])).status_code == 404
    assert client.get(reverse("mailings:blast_preview", args=[999999])).status_code == 404
    assert client.post(reverse("mailings:blast_send", args=[999999])).status_code == 404


# ---- writing a blast -------------------------------------------------------------------------------


def test_the_form_explains_what_the_body_may_contain(client, ministry, campaign):
    client.force_login(ministry)
    text = client.get(reverse("mailings:blast_create", args=[campaign.slug])).text
    assert "Markdown" in text and "**tebal**" in text
    assert 'type="datetime-local"' in text
    assert "Jadwalkan" in text and "Simpan draf" in text


def test_ministry_writes_a_draft_and_sees_how_many_will_get_it(client, ministry, campaign):
    opted_in_user(), opted_in_user()
    UserFactory()  # not opted in
    client.force_login(ministry)

    response = client.post(reverse("mailings:blast_create", args=[campaign.slug]), form_data(), follow=True)

    blast = Blast.objects.get()
    assert (blast.status, blast.campaign, blast.created_by) == (Blast.Status.DRAFT, campaign, ministry)
    assert blast.subject == "Ngopi bareng #SatuDalamKopi"
    assert response.redirect_chain[-1][0] == reverse("mailings:ministry_blast", args=[blast.pk])
    assert "akan dikirim ke 2 pelanggan yang bersedia menerima email" in response.text
    assert "Kirim sekarang" in response.text and "Kirim tes ke email saya" in response.text


def test_jadwalkan_with_a_future_time_schedules_the_blast_in_jakarta_time(client, ministry, campaign):
    at = (timezone.now() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    client.force_login(ministry)

    response = client.post(
        reverse("mailings:blast_create", args=[campaign.slug]),
        form_data(scheduled_at=wib(at), action="schedule"),
        follow=True,
    )

    blast = Blast.objects.get()
    assert blast.status == Blast.Status.SCHEDULED
    assert blast.scheduled_at == at
    assert "Dijadwalkan" in response.text and "Batalkan" in response.text


def test_a_category_audience_is_counted_from_paid_orders(client, ministry, campaign, product):
    paid_order(opted_in_user(), product)
    opted_in_user()
    client.force_login(ministry)

    response = client.post(
        reverse("mailings:blast_create", args=[campaign.slug]),
        form_data(audience_kind="bought_category", category=str(category("kopi").pk), days="30"),
        follow=True,
    )

    blast = Blast.objects.get()
    assert (blast.audience_kind, blast.audience_category, blast.audience_days) == (
        "bought_category",
        category("kopi"),
        30,
    )
    assert "akan dikirim ke 1 pelanggan" in response.text


def test_a_province_audience_is_saved(client, ministry, campaign):
    client.force_login(ministry)
    client.post(
        reverse("mailings:blast_create", args=[campaign.slug]), form_data(audience_kind="province", province="34")
    )
    assert Blast.objects.get().audience_province == "34"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"subject": ""}, "subject"),
        ({"subject": "   "}, "subject"),
        ({"body": "  \n "}, "body"),
        ({"audience_kind": "everyone"}, "audience_kind"),
        ({"audience_kind": "bought_category"}, "category"),
        ({"audience_kind": "bought_category", "category": "999999"}, "category"),
        ({"audience_kind": "bought_category", "category": "kopi"}, "category"),
        ({"audience_kind": "bought_category", "days": "0"}, "days"),
        ({"audience_kind": "province"}, "province"),
        ({"audience_kind": "province", "province": "99"}, "province"),
        ({"scheduled_at": "2020-04-20T10:00", "action": "schedule"}, "scheduled_at"),
        ({"scheduled_at": "besok pagi", "action": "schedule"}, "scheduled_at"),
        ({"action": "schedule"}, "scheduled_at"),
        ({"scheduled_at": "2099-04-20T10:00", "action": "draft"}, "scheduled_at"),
    ],
)
def test_bad_input_shows_the_error_on_its_field_and_creates_nothing(client, ministry, campaign, overrides, field):
    client.force_login(ministry)

    response = client.post(reverse("mailings:blast_create", args=[campaign.slug]), form_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "field-invalid" in response.text
    assert not Blast.objects.exists()


def test_a_cancelled_campaign_gets_no_blast_and_the_form_says_why(client, ministry, campaign):
    campaign.cancelled_at = timezone.now()
    campaign.save()
    client.force_login(ministry)

    response = client.post(reverse("mailings:blast_create", args=[campaign.slug]), form_data())

    assert response.status_code == 200
    assert "Kampanye ini sudah dibatalkan." in response.text
    assert not Blast.objects.exists()


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
