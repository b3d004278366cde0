"""Every message's personal link unsubscribes at once, without a login or a cookie, and lets one opt back in."""

import pytest
from django.test import Client

from mailings.rendering import unsubscribe_token
from marketplace.models import MarketingConsent
from tests.factories import CampaignFactory
from tests.mailings.blast_helpers import make_blast, opted_in_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def recipient():
    return opted_in_user()


@pytest.fixture
def link(recipient, ministry):
    blast = make_blast(CampaignFactory(hashtag="#SatuDalamKopi"), ministry)
    return f"/email/unsubscribe/{unsubscribe_token(user_id=recipient.pk, blast_id=blast.pk)}/"


def strict_client():
    return Client(enforce_csrf_checks=True)


def test_the_page_asks_before_unsubscribing(link, recipient):
    response = strict_client().get(link)
    assert response.status_code == 200
    assert "Berhenti berlangganan" in response.content.decode()
    recipient.refresh_from_db()
    assert recipient.marketing_opt_in


def test_one_click_post_unsubscribes_at_once_without_cookie_or_login(link, recipient):
    response = strict_client().post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    recipient.refresh_from_db()
    assert not recipient.marketing_opt_in
    consent = recipient.consents.first()
    assert (consent.opted_in, consent.source) == (False, MarketingConsent.Source.UNSUBSCRIBE)


def test_the_page_form_unsubscribes_and_offers_to_opt_back_in(link, recipient):
    response = strict_client().post(link, {"action": "unsubscribe"})
    page = response.content.decode()
    assert "sudah berhenti berlangganan" in page
    assert 'value="resubscribe"' in page
    recipient.refresh_from_db()
    assert not recipient.marketing_opt_in


def test_opting_back_in_is_recorded_as_a_resubscription(link, recipient):
    client = strict_client()
    client.post(link, {"action": "unsubscribe"})
    response = client.post(link, {"action": "resubscribe"})
    assert response.status_code == 200
    recipient.refresh_from_db()
    assert recipient.marketing_opt_in
    assert [c.source for c in recipient.consents.all()[:2]] == ["resubscribe", "unsubscribe"]


def test_a_repeated_one_click_is_harmless(link, recipient):
    for _ in range(2):
        response = strict_client().post(
            link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 200
    recipient.refresh_from_db()
    assert not recipient.marketing_opt_in


@pytest.mark.parametrize("token", ["1.1:tampered", "garbage", "abc:def:ghi", "x" * 300])
def test_a_tampered_token_is_a_clear_400_page(token, recipient):
    for method in ("get", "post"):
        response = getattr(strict_client(), method)(f"/email/unsubscribe/{token}/")
        assert response.status_code == 400
        assert "Tautan tidak valid" in response.content.decode()
    recipient.refresh_from_db()
    assert recipient.marketing_opt_in


def test_a_token_for_another_user_cannot_be_forged_by_changing_the_id(link, recipient):
    value, signature = link.split("/")[-2].split(":")
    other_user_id = recipient.pk + 1
    forged = f"/email/unsubscribe/{other_user_id}.{value.split('.')[1]}:{signature}/"
    assert strict_client().post(forged, {"action": "unsubscribe"}).status_code == 400
