"""The money pages: the Saldo page, bank account form, statements, invoices, and the staff console."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from payouts.models import BankAccount, Payout, TaxStatement
from payouts.selectors import balance_of, jakarta_now
from payouts.services.money import money_release
from payouts.services.payouts import bank_account_save, payout_batch_send, payout_run
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(buy, coffee):
    return buy((coffee, 2))


def test_a_member_sees_held_funds_and_each_entry_with_its_order(client, shop, seller_user, paid):
    client.force_login(seller_user)
    page = client.get(f"/penjual/{shop.pk}/saldo/").content.decode()
    held = balance_of(seller=shop).held
    assert f'data-figure="held">Rp {held:,}'.replace(",", ".") in page
    assert paid.number in page
    assert "Daftarkan rekening" in page


@pytest.mark.parametrize("who", ["customer", "other_seller_user", "ministry"])
def test_others_get_a_404_for_a_shops_money_pages(client, request, shop, paid, who):
    client.force_login(request.getfixturevalue(who))
    for path in ("saldo/", "saldo/rekening/", "saldo/laporan/"):
        assert client.get(f"/penjual/{shop.pk}/{path}").status_code == 404


def test_the_saldo_page_needs_a_login(client, shop):
    assert client.get(f"/penjual/{shop.pk}/saldo/").status_code == 302


def test_the_saldo_page_queries_do_not_grow_with_entries(
    client, shop, seller_user, buy, coffee, django_assert_max_num_queries
):
    for _ in range(10):
        buy((coffee, 1))
    client.force_login(seller_user)
    with django_assert_max_num_queries(12):
        assert client.get(f"/penjual/{shop.pk}/saldo/").status_code == 200


def test_the_bank_form_shows_what_is_wrong_and_saves_nothing(client, shop, seller_user):
    client.force_login(seller_user)
    response = client.post(
        f"/penjual/{shop.pk}/saldo/rekening/", {"bank": "BRI", "number": "12ab", "holder_name": "Aman"}
    )
    assert response.status_code == 200
    assert "Nomor rekening 6 sampai 20 angka." in response.content.decode()
    assert not BankAccount.objects.exists()
    response = client.post(
        f"/penjual/{shop.pk}/saldo/rekening/", {"bank": "BRI", "number": "0012-3456-789", "holder_name": "Aman Gayo"}
    )
    assert response.status_code == 302
    assert BankAccount.objects.get().number == "00123456789"


def test_a_member_requests_a_payout_from_the_saldo_page(client, shop, seller_user, paid, verified_bank, settings):
    settings.PAYOUTS_MINIMUM_REQUEST = 1000
    money_release(shipment=paid.shipments.get())
    client.force_login(seller_user)
    assert "Tarik Rp" in client.get(f"/penjual/{shop.pk}/saldo/").content.decode()
    client.post(f"/penjual/{shop.pk}/saldo/tarik/")
    assert Payout.objects.get().seller == shop


def test_a_member_uploads_the_yearly_tax_statement(client, shop, seller_user, settings, tmp_path):
    settings.PAYOUTS_PRIVATE_ROOT = str(tmp_path)
    client.force_login(seller_user)
    year = jakarta_now().year
    upload = SimpleUploadedFile("pernyataan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(f"/penjual/{shop.pk}/saldo/pernyataan-pajak/", {"year": year, "file": upload})
    assert TaxStatement.objects.get(seller=shop).year == year
    page = client.get(f"/penjual/{shop.pk}/saldo/laporan/").content.decode()
    assert f"Tahun {year}" in page
    assert b"".join(client.get(f"/penjual/{shop.pk}/saldo/pernyataan-pajak/{year}/").streaming_content).startswith(
        b"%PDF"
    )
    assert str(tmp_path) != settings.MEDIA_ROOT  # never public media
    client.force_login(UserFactory())
    assert client.get(f"/penjual/{shop.pk}/saldo/pernyataan-pajak/{year}/").status_code == 404


def test_the_monthly_statement_shows_commission_and_pph22_and_comes_as_pdf(client, shop, seller_user, paid):
    client.force_login(seller_user)
    now = jakarta_now()
    page = client.get(f"/penjual/{shop.pk}/saldo/laporan/{now.year}-{now.month}/").content.decode()
    tax = balance_of(seller=shop).tax_withheld
    assert f'data-figure="tax">Rp {tax:,}'.replace(",", ".") in page
    assert paid.number in page
    pdf = client.get(f"/penjual/{shop.pk}/saldo/laporan/{now.year}-{now.month}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert client.get(f"/penjual/{shop.pk}/saldo/laporan/{now.year}-13/").status_code == 404


def test_the_buyer_and_the_shop_download_the_numbered_invoice_and_nobody_else(
    client, shop, seller_user, customer, paid
):
    shipment = paid.shipments.get()
    for user in (customer, seller_user):
        client.force_login(user)
        response = client.get(f"/faktur/{shipment.pk}.pdf")
        assert response.status_code == 200 and response.content.startswith(b"%PDF-")
        assert f"INV-{jakarta_now().year}-{shop.pk:05d}-000001" in response["Content-Disposition"]
    client.force_login(UserFactory())
    assert client.get(f"/faktur/{shipment.pk}.pdf").status_code == 404


@pytest.mark.parametrize("path", ["", "rekening/", "pph22.csv?month=2026-11"])
def test_staff_pages_refuse_everyone_but_staff(client, seller_user, path):
    client.force_login(seller_user)
    assert client.get(f"/kementerian/pembayaran/{path}").status_code == 403
    assert client.post("/kementerian/pembayaran/jalankan/").status_code == 403


def test_staff_run_a_batch_download_the_bank_file_and_confirm_it(
    client, ministry, shop, paid, verified_bank, django_capture_on_commit_callbacks
):
    money_release(shipment=paid.shipments.get())
    client.force_login(ministry)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kementerian/pembayaran/jalankan/")
    payout = Payout.objects.get()
    assert response.url == f"/kementerian/pembayaran/{payout.batch_id}/"
    assert shop.name in client.get(response.url).content.decode()
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"/kementerian/pembayaran/{payout.batch_id}/berkas-bank.csv").content.decode())
        )
    )
    assert rows[1][2:5] == ["1234567890", "Aman Gayo", str(payout.amount)]
    client.post(f"/kementerian/pembayaran/{payout.batch_id}/selesai/")
    assert balance_of(seller=shop).paid_out == payout.amount
    listing = client.get("/kementerian/pembayaran/").content.decode()
    assert "1/1 berhasil" in listing


def test_a_xendit_batch_page_offers_no_manual_outcome_for_a_transfer_xendit_has(
    client, ministry, shop, paid, verified_bank, xendit
):
    money_release(shipment=paid.shipments.get())
    batch = payout_run(trigger="staff", minimum=10000)
    payout_batch_send(batch_id=batch.pk)
    client.force_login(ministry)

    page = client.get(f"/kementerian/pembayaran/{batch.pk}/").content.decode()

    assert 'data-testid="provider-decides"' in page
    assert "/selesai/" not in page and "berkas-bank.csv" not in page
    assert f"/transfer/{Payout.objects.get().pk}/gagal/" not in page


def test_staff_check_a_bank_account_against_the_owner(client, ministry, shop, seller_user):
    BankAccount.objects.create(seller=shop, bank="BNI", number="123456789", holder_name="Aman Gayo")
    client.force_login(ministry)
    page = client.get("/kementerian/pembayaran/rekening/").content.decode()
    assert "Aman Gayo" in page and seller_user.full_name in page
    seen = {"bank": "BNI", "number": "123456789", "holder_name": "Aman Gayo"}  # the button's hidden fields
    client.post(f"/kementerian/pembayaran/rekening/{shop.pk}/cocok/", seen)
    assert BankAccount.objects.get().is_verified


def test_staff_export_pph22_withheld_per_shop_for_a_month(client, ministry, shop, paid):
    client.force_login(ministry)
    now = jakarta_now()
    response = client.get(f"/kementerian/pembayaran/pph22.csv?month={now.year}-{now.month:02d}")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][-2:] == ["goods_gross", "pph22_withheld"]
    shipment = paid.shipments.get()
    assert rows[1][2] == shop.name
    assert rows[1][-2:] == [str(shipment.subtotal), str(shipment.subtotal * 5 // 1000)]
    assert client.get("/kementerian/pembayaran/pph22.csv?month=2026-13").status_code == 400


def test_a_bank_file_batch_sent_twice_stays_one_payout(shop, paid, verified_bank):
    money_release(shipment=paid.shipments.get())
    batch = payout_run(trigger="staff", minimum=1)
    payout_batch_send(batch_id=batch.pk)
    payout_batch_send(batch_id=batch.pk)
    assert Payout.objects.get().status == Payout.Status.SENT


def test_older_entries_are_one_link_away_on_the_saldo_page(client, shop, seller_user, buy, coffee, settings):
    for _ in range(8):  # three entries each: 24, more than one page of 20
        buy((coffee, 1))
    client.force_login(seller_user)
    first = client.get(f"/penjual/{shop.pk}/saldo/")
    older = first.context["older"]
    assert len(first.context["entries"]) == 20 and older
    second = client.get(f"/penjual/{shop.pk}/saldo/?sebelum={older}")
    assert len(second.context["entries"]) == 4 and second.context["older"] is None
    shown = [e.pk for e in first.context["entries"]] + [e.pk for e in second.context["entries"]]
    assert shown == sorted(shown, reverse=True) and len(set(shown)) == 24
    assert client.get(f"/penjual/{shop.pk}/saldo/?sebelum=abc").status_code == 200


def test_staff_never_verify_an_account_the_shop_changed_after_they_opened_the_page(client, ministry, shop):
    BankAccount.objects.create(seller=shop, bank="BNI", number="123456789", holder_name="Aman Gayo")
    client.force_login(ministry)
    page = client.get("/kementerian/pembayaran/rekening/").content.decode()
    assert 'name="number" value="123456789"' in page  # the button sends what staff saw
    bank_account_save(seller=shop, bank="BNI", number="999888777", holder_name="Orang Lain")

    response = client.post(
        f"/kementerian/pembayaran/rekening/{shop.pk}/cocok/",
        {"bank": "BNI", "number": "123456789", "holder_name": "Aman Gayo"},
        follow=True,
    )

    assert not BankAccount.objects.get().is_verified
    assert "diubah" in response.content.decode()
