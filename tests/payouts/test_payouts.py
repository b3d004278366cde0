"""Payouts: batches through the provider, idempotent, a failure gives the money back; the bank file."""

import csv
import io

import pytest

from marketplace.errors import ConflictError
from payouts.models import Payout, PayoutBatch
from payouts.providers import ProviderAnswer, bank_file, payout_provider
from payouts.selectors import balance_of
from payouts.services.money import money_release
from payouts.services.payouts import (
    bank_account_save,
    bank_account_verify,
    payout_batch_confirm,
    payout_batch_send,
    payout_fail_by_staff,
    payout_run,
    payouts_sync,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def available(buy, coffee, shop, verified_bank):
    """The shop has released money and a checked bank account."""
    shipment = buy((coffee, 2)).shipments.get()
    money_release(shipment=shipment)
    return balance_of(seller=shop).available


def _run():
    return payout_run(trigger=PayoutBatch.Trigger.SCHEDULE, minimum=10000)


def test_a_run_pays_the_whole_available_balance_into_transit(available, shop):
    batch = _run()
    payout = batch.payouts.get()
    assert payout.amount == available and payout.holder_name == "Aman Gayo"
    assert balance_of(seller=shop).available == 0
    assert balance_of(seller=shop).in_transit == available
    assert _run() is None  # nothing left, and one payout is already on its way


def test_a_shop_without_a_checked_bank_account_is_not_paid(buy, coffee, shop):
    money_release(shipment=buy((coffee, 1)).shipments.get())
    assert _run() is None
    assert balance_of(seller=shop).available > 0


def test_the_bank_file_has_one_row_per_payout_in_whole_rupiah(available):
    batch = _run()
    rows = list(csv.reader(io.StringIO(bank_file(batch.payouts.select_related("batch")))))
    assert rows[0][:5] == ["No", "Bank", "Nomor Rekening", "Nama Penerima", "Jumlah"]
    assert rows[1][1:5] == ["BCA", "1234567890", "Aman Gayo", str(available)]


def test_xendit_disburses_once_even_when_the_send_is_repeated(xendit, available, shop):
    batch = _run()
    payout_batch_send(batch_id=batch.pk)
    payout = Payout.objects.get()
    assert payout.status == Payout.Status.SENT and payout.provider_reference == "disb-1"
    # A worker that died after Xendit answered retries: the payout goes back to pending and is sent again.
    Payout.objects.filter(pk=payout.pk).update(status=Payout.Status.PENDING)
    payout_batch_send(batch_id=batch.pk)
    assert xendit.posts == 2 and len(xendit.disbursements) == 1
    assert Payout.objects.get().provider_reference == "disb-1"
    xendit.finish("disb-1", "COMPLETED")
    assert payouts_sync() == 1
    assert payouts_sync() == 0
    balance = balance_of(seller=shop)
    assert balance.paid_out == available and balance.in_transit == 0
    assert PayoutBatch.objects.get().status == PayoutBatch.Status.DONE


def test_a_failed_xendit_disbursement_returns_the_money_to_available(xendit, available, shop):
    batch = _run()
    payout_batch_send(batch_id=batch.pk)
    xendit.finish("disb-1", "FAILED", failure_code="INVALID_DESTINATION")
    payouts_sync()
    payout = Payout.objects.get()
    assert payout.status == Payout.Status.FAILED and payout.failure_reason == "INVALID_DESTINATION"
    balance = balance_of(seller=shop)
    assert balance.available == available and balance.in_transit == 0 and balance.paid_out == 0
    assert _run().payouts.get().amount == available  # the next run pays it again


def test_xendit_refusing_the_transfer_fails_the_payout_and_returns_the_money(xendit, available, shop):
    batch = _run()
    xendit.keys.add(Payout.objects.get().reference)  # already used, and unknown by external_id: refused
    payout_batch_send(batch_id=batch.pk)
    assert Payout.objects.get().status == Payout.Status.FAILED
    assert balance_of(seller=shop).available == available


def test_a_wrong_api_key_leaves_the_payout_pending_for_a_retry(xendit, available, shop, settings):
    from payouts.xendit import XenditError

    settings.XENDIT_SECRET_KEY = "wrong-key"
    batch = _run()
    with pytest.raises(XenditError):
        payout_batch_send(batch_id=batch.pk)
    assert Payout.objects.get().status == Payout.Status.PENDING
    assert balance_of(seller=shop).in_transit == available


def test_a_xendit_callback_is_checked_against_xendit_itself(xendit, available, shop, settings, api):
    settings.XENDIT_CALLBACK_TOKEN = "callback-token"
    batch = _run()
    payout_batch_send(batch_id=batch.pk)
    payout = Payout.objects.get()
    body = {"id": "disb-1", "external_id": payout.reference, "status": "COMPLETED", "amount": payout.amount}
    url = "/api/v1/payouts/xendit/callback/"
    assert api.post(url, body, format="json", HTTP_X_CALLBACK_TOKEN="wrong").status_code == 403
    # Xendit has not completed it: a forged or early "COMPLETED" changes nothing.
    response = api.post(url, body, format="json", HTTP_X_CALLBACK_TOKEN="callback-token")
    assert response.status_code == 200 and response.json()["status"] == "sent"
    xendit.finish("disb-1", "COMPLETED")
    response = api.post(url, body, format="json", HTTP_X_CALLBACK_TOKEN="callback-token")
    assert response.json()["status"] == "paid"
    assert balance_of(seller=shop).paid_out == available
    unknown = {**body, "external_id": "something-else"}
    assert api.post(url, unknown, format="json", HTTP_X_CALLBACK_TOKEN="callback-token").status_code == 404


def test_confirming_a_payout_twice_or_failing_it_afterwards_changes_nothing(available, shop):
    from payouts.services.payouts import payout_apply

    batch = _run()
    payout_batch_send(batch_id=batch.pk)
    payout = Payout.objects.get()
    payout_apply(payout_id=payout.pk, status="paid")
    payout_apply(payout_id=payout.pk, status="paid")
    payout_apply(payout_id=payout.pk, status="failed", reason="too late")
    balance = balance_of(seller=shop)
    assert (balance.paid_out, balance.available, balance.in_transit) == (available, 0, 0)
    assert Payout.objects.get().status == Payout.Status.PAID


class StaffFailsTheNextPayoutWhileSending:
    """A provider that pays what it is asked to; while it sends the first payout of a batch, staff
    fail another one of it on the console (a worker's loop and a staff click at the same time)."""

    name = "recording"
    sent: list[int] = []

    def send(self, payout):
        from payouts.services.payouts import payout_apply

        type(self).sent.append(payout.pk)
        for other in Payout.objects.filter(batch_id=payout.batch_id).exclude(pk=payout.pk):
            payout_apply(payout_id=other.pk, status="failed", reason="Dibatalkan staf")
        return ProviderAnswer("sent", reference=payout.reference)

    def check(self, payout):
        return None


def test_a_payout_staff_failed_while_its_batch_was_being_sent_is_never_sent(
    buy, coffee, toraja, shop, other_shop, verified_bank, ministry, settings
):
    other_bank = bank_account_save(seller=other_shop, bank="BNI", number="9876543210", holder_name="Toraja Jaya")
    bank_account_verify(account=other_bank, by=ministry)
    for shipment in buy((coffee, 1), (toraja, 1)).shipments.all():
        money_release(shipment=shipment)
    settings.PAYOUTS_PROVIDER = f"{__name__}.StaffFailsTheNextPayoutWhileSending"
    payout_provider.cache_clear()
    StaffFailsTheNextPayoutWhileSending.sent = []
    try:
        batch = _run()
        first, second = batch.payouts.order_by("pk")
        payout_batch_send(batch_id=batch.pk)
    finally:
        payout_provider.cache_clear()

    assert StaffFailsTheNextPayoutWhileSending.sent == [first.pk]  # the failed one never went to the bank
    second.refresh_from_db()
    assert second.status == Payout.Status.FAILED
    balance = balance_of(seller=second.seller)
    assert (balance.available, balance.in_transit) == (second.amount, 0)


# ---- what staff may record by hand ----------------------------------------------------------------


def test_staff_cannot_fail_a_transfer_xendit_still_has(xendit, available, shop):
    """Failed here and completed at Xendit, the shop would be paid twice: Xendit's answer decides."""
    payout_batch_send(batch_id=_run().pk)

    with pytest.raises(ConflictError, match="xendit"):
        payout_fail_by_staff(payout_id=Payout.objects.get().pk, reason="Rekening ditutup")

    xendit.finish("disb-1", "COMPLETED")
    payouts_sync()
    balance = balance_of(seller=shop)
    assert (balance.paid_out, balance.available, balance.in_transit) == (available, 0, 0)


def test_staff_may_fail_a_xendit_payout_not_yet_handed_over(xendit, available, shop):
    batch = _run()
    payout_fail_by_staff(payout_id=batch.payouts.get().pk, reason="Rekening salah")
    payout_batch_send(batch_id=batch.pk)

    assert xendit.posts == 0
    assert balance_of(seller=shop).available == available


def test_staff_cannot_confirm_a_xendit_batch_as_paid(xendit, available, shop):
    batch = _run()
    payout_batch_send(batch_id=batch.pk)

    with pytest.raises(ConflictError):
        payout_batch_confirm(batch=batch)
    assert balance_of(seller=shop).in_transit == available  # until Xendit says it arrived


def test_staff_record_the_bank_files_outcome_by_hand(available, shop):
    payout_batch_send(batch_id=_run().pk)
    payout_fail_by_staff(payout_id=Payout.objects.get().pk, reason="Rekening ditutup")

    assert balance_of(seller=shop).available == available


# ---- when the next scheduled run is -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("jakarta", "next_run"),
    [
        ("2026-12-01 07:59", "2026-12-01"),  # today's 08:00 run is still to come
        ("2026-12-01 08:00", "2026-12-16"),
        ("2026-12-10 12:00", "2026-12-16"),
        ("2026-12-16 07:00", "2026-12-16"),
        ("2026-12-16 09:00", "2027-01-01"),
        ("2027-02-28 23:30", "2027-03-01"),
    ],
)
def test_the_next_payout_date_is_the_next_scheduled_run_in_jakarta(jakarta, next_run):
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from payouts.selectors import next_payout_date

    at = datetime.fromisoformat(jakarta).replace(tzinfo=ZoneInfo("Asia/Jakarta"))
    assert next_payout_date(at.astimezone(ZoneInfo("UTC"))) == date.fromisoformat(next_run)


@pytest.mark.parametrize("body", ["[]", "null", '"COMPLETED"', '{"external_id": ["x"]}', '{"external_id": null}'])
def test_a_xendit_callback_whose_body_is_not_a_disbursement_is_a_400(api, settings, body):
    settings.XENDIT_CALLBACK_TOKEN = "callback-token"
    url = "/api/v1/payouts/xendit/callback/"

    response = api.post(url, body, content_type="application/json", HTTP_X_CALLBACK_TOKEN="callback-token")

    assert response.status_code == 400
