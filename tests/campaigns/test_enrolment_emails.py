"""A shop hears by email what the ministry decided about each product it put in a campaign."""

import pytest
from django.core import mail

from campaigns import services
from marketplace.errors import ConflictError
from tests.factories import CampaignFactory, EnrolmentFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(shop):
    campaign = CampaignFactory(hashtag="#SatuDalamKopi", requires_approval=True)
    product = ProductFactory(seller=shop, name="Kopi Arabika Gayo 250 g")
    return EnrolmentFactory(campaign=campaign, product=product, status="pending")


def test_an_approved_enrolment_is_announced_to_the_shop(
    ministry, seller_user, pending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_approve(enrolment=pending, by=ministry)

    [message] = mail.outbox
    assert message.to == [seller_user.email]
    assert message.subject == "Kopi Arabika Gayo 250 g disetujui di #SatuDalamKopi"
    assert "Rp 68.000" in message.body


def test_a_rejected_enrolment_tells_the_shop_why(ministry, seller_user, pending, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_reject(enrolment=pending, by=ministry, reason="TKDN belum bersertifikat.")

    [message] = mail.outbox
    assert message.subject == "Kopi Arabika Gayo 250 g ditolak di #SatuDalamKopi"
    assert "TKDN belum bersertifikat." in message.body


def test_a_refused_decision_sends_nothing(ministry, pending, django_capture_on_commit_callbacks):
    services.enrolment_approve(enrolment=pending, by=ministry)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ConflictError):
        services.enrolment_approve(enrolment=pending, by=ministry)

    assert mail.outbox == []
