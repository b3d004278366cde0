"""Payouts: batches through the provider, idempotent, a failure gives the money back; the bank file."""

import csv
import io

import pytest

from payouts.models import Payout, PayoutBatch
from payouts.providers import bank_file, payout_provider
from payouts.selectors import balance_of
from payouts.services.money import money_release
from payouts.services.payouts import payout_batch_send, payout_run, payouts_sync
from tests.payouts.fake_xendit import FakeXendit

pytestmark = pytest.mark.django_db


@pytest.fixture
def available(buy, coffee, shop, verified_bank):
    """The shop has released money and a checked bank account."""
    shipment = buy((coffee, 2)).shipments.get()
    money_release(shipment=shipment)
    return balance_of(seller=shop).available


@pytest.fixture
def xendit(settings):
    settings.XENDIT_SECRET_KEY = "xnd_development_test"
    settings.PAYOUTS_PROVIDER = "payouts.xendit.XenditProvider"
    payout_provider.cache_clear()
    with FakeXendit(settings.XENDIT_SECRET_KEY) as fake:
        settings.XENDIT_API_URL = fake.url
        yield fake
    payout_provider.cache_clear()


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


@pytest.mark.parametrize("body", ["[]", "null", '"COMPLETED"', '{"external_id": ["x"]}', '{"external_id": null}'])
def test_a_xendit_callback_whose_body_is_not_a_disbursement_is_a_400(api, settings, body):
    settings.XENDIT_CALLBACK_TOKEN = "callback-token"
    url = "/api/v1/payouts/xendit/callback/"

    response = api.post(url, body, content_type="application/json", HTTP_X_CALLBACK_TOKEN="callback-token")

    assert response.status_code == 400
