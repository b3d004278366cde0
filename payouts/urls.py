from django.urls import path

from payouts import views, views_staff

app_name = "payouts"
urlpatterns = [
    path("penjual/<int:seller_id>/saldo/", views.balance, name="balance"),
    path("penjual/<int:seller_id>/saldo/rekening/", views.bank_account, name="bank_account"),
    path("penjual/<int:seller_id>/saldo/tarik/", views.payout_request, name="payout_request"),
    path("penjual/<int:seller_id>/saldo/laporan/", views.statements, name="statements"),
    path("penjual/<int:seller_id>/saldo/laporan/<int:year>-<int:month>/", views.statement, name="statement"),
    path("penjual/<int:seller_id>/saldo/laporan/<int:year>-<int:month>.pdf", views.statement_pdf, name="statement_pdf"),
    path("penjual/<int:seller_id>/saldo/pernyataan-pajak/", views.tax_statement, name="tax_statement"),
    path(
        "penjual/<int:seller_id>/saldo/pernyataan-pajak/<int:year>/",
        views.tax_statement_file,
        name="tax_statement_file",
    ),
    path("faktur/<int:shipment_id>.pdf", views.invoice_pdf, name="invoice_pdf"),
    path("kementerian/pembayaran/", views_staff.batch_list, name="batches"),
    path("kementerian/pembayaran/jalankan/", views_staff.batch_run, name="batch_run"),
    path("kementerian/pembayaran/<int:batch_id>/", views_staff.batch_detail, name="batch"),
    path("kementerian/pembayaran/<int:batch_id>/berkas-bank.csv", views_staff.bank_file_csv, name="bank_file"),
    path("kementerian/pembayaran/<int:batch_id>/selesai/", views_staff.batch_confirm, name="batch_confirm"),
    path("kementerian/pembayaran/transfer/<int:payout_id>/gagal/", views_staff.payout_fail, name="payout_fail"),
    path("kementerian/pembayaran/rekening/", views_staff.bank_accounts, name="bank_accounts"),
    path("kementerian/pembayaran/rekening/<int:seller_id>/cocok/", views_staff.bank_verify, name="bank_verify"),
    path("kementerian/pembayaran/pph22.csv", views_staff.withholding_csv, name="withholding_csv"),
]
