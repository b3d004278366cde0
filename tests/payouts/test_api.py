"""The seller money API: who sees what, the exact fields, and queries that do not grow with the list."""

import pytest

from orders.services import lifecycle
from orders.services.completion import shipment_confirm
from payouts.models import BankAccount, Payout
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(buy, coffee):
    return buy((coffee, 2))


@pytest.mark.parametrize(
    ("who", "balance", "bank_put", "payout_post", "batches"),
    [
        ("anonymous", 401, 401, 401, 401),
        ("customer", 404, 404, 404, 403),
        ("other_seller_user", 404, 404, 404, 403),
        ("seller_user", 200, 200, 409, 403),
        ("ministry", 200, 404, 404, 200),
    ],
)
def test_role_matrix_of_seller_money(request, api, shop, paid, who, balance, bank_put, payout_post, batches):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = api.as_user(user)
    assert client.get(f"/api/v1/sellers/{shop.pk}/balance/").status_code == balance
    assert client.get(f"/api/v1/sellers/{shop.pk}/ledger/").status_code == balance
    body = {"bank": "BRI", "number": "0012 3456 7890", "holder_name": "Aman Gayo"}
    assert client.put(f"/api/v1/sellers/{shop.pk}/bank-account/", body, format="json").status_code == bank_put
    assert client.post(f"/api/v1/sellers/{shop.pk}/payouts/").status_code == payout_post
    assert client.get("/api/v1/payout-batches/").status_code == batches
    assert client.post("/api/v1/payout-batches/").status_code in (batches, 409 if batches == 200 else batches)


def test_balance_answers_the_contracted_fields(api, shop, seller_user, paid):
    shipment = paid.shipments.get()
    body = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/balance/").json()
    assert {"held", "available", "paid_out", "commission_total", "tax_withheld"} <= body.keys()
    assert body["held"] + body["commission_total"] + body["tax_withheld"] == shipment.subtotal + shipment.shipping_fee
    assert body["available"] == body["paid_out"] == 0


def test_ledger_lists_entries_with_their_order_and_running_balance(api, shop, seller_user, paid):
    body = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/ledger/").json()
    assert body["count"] == 3  # the sale, less commission, less PPh 22
    newest, _, oldest = body["results"]
    assert set(newest) >= {"id", "at", "kind", "amount", "order", "shipment", "balance_after"}
    assert oldest["kind"] == "sale" and oldest["order"] == paid.number and oldest["amount"] > 0
    assert newest["balance_after"] == oldest["amount"] + body["results"][1]["amount"] + newest["amount"]


def test_balance_and_ledger_queries_do_not_grow_with_entries(
    api, shop, seller_user, buy, coffee, django_assert_max_num_queries
):
    for _ in range(8):
        buy((coffee, 1))
    client = api.as_user(seller_user)
    with django_assert_max_num_queries(4):  # user, membership, shop, accounts
        assert client.get(f"/api/v1/sellers/{shop.pk}/balance/").status_code == 200
    with django_assert_max_num_queries(5):  # user, membership, shop, count, page
        assert len(client.get(f"/api/v1/sellers/{shop.pk}/ledger/?page_size=50").json()["results"]) == 24


def test_a_bad_bank_account_is_refused_per_field_and_saves_nothing(api, shop, seller_user):
    body = {"bank": "BANK_X", "number": "12ab", "holder_name": ""}
    response = api.as_user(seller_user).put(f"/api/v1/sellers/{shop.pk}/bank-account/", body, format="json")
    assert response.status_code == 400
    assert {"bank", "number", "holder_name"} <= response.json().keys()
    assert not BankAccount.objects.exists()


@pytest.mark.parametrize("holder_name", ["Aman\x01Gayo", "Aman Gayo\x1b[0m", "Aman\x7fGayo"])
def test_a_holder_name_with_a_control_character_is_refused_it_would_go_into_the_bank_file(
    api, shop, seller_user, holder_name
):
    body = {"bank": "BCA", "number": "1234567890", "holder_name": holder_name}

    response = api.as_user(seller_user).put(f"/api/v1/sellers/{shop.pk}/bank-account/", body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["holder_name"]
    assert not BankAccount.objects.exists()


def test_a_changed_bank_account_must_be_checked_again(api, shop, seller_user, ministry):
    client = api.as_user(seller_user)
    client.put(
        f"/api/v1/sellers/{shop.pk}/bank-account/",
        {"bank": "BNI", "number": "123456789", "holder_name": "Aman Gayo"},
        format="json",
    )
    verified = api.as_user(ministry).post(f"/api/v1/sellers/{shop.pk}/bank-account/verify/").json()
    assert verified["verified"] is True
    changed = api.as_user(seller_user).put(
        f"/api/v1/sellers/{shop.pk}/bank-account/",
        {"bank": "BNI", "number": "987654321", "holder_name": "Orang Lain"},
        format="json",
    )
    assert changed.json()["verified"] is False


def test_a_shop_asks_for_its_available_money_above_the_minimum(
    api, shop, seller_user, customer, coffee, buy, verified_bank, settings, django_capture_on_commit_callbacks
):
    settings.PAYOUTS_MINIMUM_REQUEST = 50000
    order = buy((coffee, 1))
    client = api.as_user(seller_user)
    refused = client.post(f"/api/v1/sellers/{shop.pk}/payouts/")
    assert refused.status_code == 409  # still held
    shipment = order.shipments.get()
    lifecycle.shipment_ship(shipment=shipment, actor=seller_user, courier="jne", tracking_number="JNE9")
    shipment_confirm(shipment=shipment, actor=customer)
    available = client.get(f"/api/v1/sellers/{shop.pk}/balance/").json()["available"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/sellers/{shop.pk}/payouts/")
    assert response.status_code == 201
    assert response.json()["amount"] == available
    assert Payout.objects.get().status == Payout.Status.SENT  # handed to the bank file
    balance = client.get(f"/api/v1/sellers/{shop.pk}/balance/").json()
    assert balance["available"] == 0 and balance["in_transit"] == available
    assert client.post(f"/api/v1/sellers/{shop.pk}/payouts/").status_code == 409


def test_a_tax_statement_must_be_a_pdf_or_picture_by_its_content(api, shop, seller_user, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PAYOUTS_PRIVATE_ROOT = str(tmp_path)
    client = api.as_user(seller_user)
    fake = SimpleUploadedFile("pernyataan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(f"/api/v1/sellers/{shop.pk}/tax-statements/", {"file": fake}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()
    settings.PAYOUTS_STATEMENT_MAX_BYTES = 100
    big = SimpleUploadedFile("p.pdf", b"%PDF-1.7\n" + b"x" * 200, content_type="application/pdf")
    response = client.post(f"/api/v1/sellers/{shop.pk}/tax-statements/", {"file": big}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()
    settings.PAYOUTS_STATEMENT_MAX_BYTES = 10_000
    good = SimpleUploadedFile("scan.bin", b"\x89PNG\r\n\x1a\n" + b"0" * 50, content_type="application/octet-stream")
    response = client.post(f"/api/v1/sellers/{shop.pk}/tax-statements/", {"file": good}, format="multipart")
    assert response.status_code == 201
    again = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50)
    assert (
        client.post(f"/api/v1/sellers/{shop.pk}/tax-statements/", {"file": again}, format="multipart").status_code
        == 409
    )


@pytest.mark.parametrize("year", ["²⁰²⁶", "9" * 5000, "-2026"])
def test_a_tax_statement_year_that_is_no_year_is_a_400_naming_it(api, shop, seller_user, settings, tmp_path, year):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PAYOUTS_PRIVATE_ROOT = str(tmp_path)
    scan = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50, content_type="image/png")

    response = api.as_user(seller_user).post(
        f"/api/v1/sellers/{shop.pk}/tax-statements/", {"file": scan, "year": year}, format="multipart"
    )

    assert response.status_code == 400
    assert "year" in response.json()


def test_only_staff_fail_a_payout_and_its_money_comes_back(api, ministry, shop, seller_user, verified_bank, paid):
    from payouts.services.money import money_release

    money_release(shipment=paid.shipments.get())
    batch = api.as_user(ministry).post("/api/v1/payout-batches/").json()
    payout = Payout.objects.get(batch_id=batch["id"])
    assert api.as_user(seller_user).post(f"/api/v1/payouts/{payout.pk}/fail/", {"reason": "x"}).status_code == 403
    response = api.as_user(ministry).post(f"/api/v1/payouts/{payout.pk}/fail/", {"reason": "Rekening ditutup"})
    assert response.status_code == 200 and response.json()["status"] == "failed"
    balance = api.as_user(seller_user).get(f"/api/v1/sellers/{shop.pk}/balance/").json()
    assert balance["available"] == payout.amount and balance["in_transit"] == 0


def test_staff_are_told_that_xendit_decides_a_transfer_it_has(api, ministry, shop, verified_bank, paid, xendit):
    from payouts.services.money import money_release
    from payouts.services.payouts import payout_batch_send

    money_release(shipment=paid.shipments.get())
    batch = api.as_user(ministry).post("/api/v1/payout-batches/").json()
    payout_batch_send(batch_id=batch["id"])
    payout = Payout.objects.get(batch_id=batch["id"])

    failed = api.as_user(ministry).post(f"/api/v1/payouts/{payout.pk}/fail/", {"reason": "Rekening ditutup"})
    confirmed = api.as_user(ministry).post(f"/api/v1/payout-batches/{batch['id']}/confirm/")

    assert (failed.status_code, confirmed.status_code) == (409, 409)
    assert "xendit" in failed.json()["detail"]
    assert Payout.objects.get(pk=payout.pk).status == Payout.Status.SENT


def test_a_stranger_gets_no_hint_that_a_shop_has_money(api, shop):
    stranger = UserFactory()
    assert api.as_user(stranger).get(f"/api/v1/sellers/{shop.pk + 999}/balance/").status_code == 404
    assert api.as_user(stranger).get(f"/api/v1/sellers/{shop.pk}/bank-account/").status_code == 404


@pytest.mark.parametrize("who", ["customer", "other_seller_user", "ministry"])
def test_only_members_file_a_shops_tax_statement(api, request, shop, who):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("p.pdf", b"%PDF-1.4\n%%EOF\n")
    client = api.as_user(request.getfixturevalue(who))
    assert (
        client.post(f"/api/v1/sellers/{shop.pk}/tax-statements/", {"file": upload}, format="multipart").status_code
        == 404
    )


def test_staff_verifying_the_details_they_saw_get_a_409_once_the_shop_changed_them(api, shop, seller_user, ministry):
    seen = {"bank": "BNI", "number": "123456789", "holder_name": "Aman Gayo"}
    api.as_user(seller_user).put(f"/api/v1/sellers/{shop.pk}/bank-account/", seen, format="json")
    changed = {"bank": "BNI", "number": "999888777", "holder_name": "Orang Lain"}
    api.as_user(seller_user).put(f"/api/v1/sellers/{shop.pk}/bank-account/", changed, format="json")

    response = api.as_user(ministry).post(f"/api/v1/sellers/{shop.pk}/bank-account/verify/", seen, format="json")

    assert response.status_code == 409
    assert api.as_user(ministry).get(f"/api/v1/sellers/{shop.pk}/bank-account/").json()["verified"] is False
    again = api.as_user(ministry).post(f"/api/v1/sellers/{shop.pk}/bank-account/verify/", changed, format="json")
    assert again.json()["verified"] is True
