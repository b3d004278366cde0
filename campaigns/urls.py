from django.urls import path

from campaigns import views, views_vouchers

app_name = "campaigns"
urlpatterns = [
    path("kampanye/", views.campaign_list, name="list"),
    path("kampanye/<slug:slug>/", views.campaign_landing, name="landing"),
    path("kementerian/kampanye/", views.console_list, name="console"),
    path("kementerian/kampanye/baru/", views.console_create, name="console_create"),
    path("kementerian/kampanye/<slug:slug>/ubah/", views.console_edit, name="console_edit"),
    path("kementerian/kampanye/<slug:slug>/pendaftaran/", views.console_enrolments, name="console_enrolments"),
    path(
        "kementerian/kampanye/<slug:slug>/pendaftaran/<int:enrolment_id>/setujui/",
        views.console_enrolment_approve,
        name="console_enrolment_approve",
    ),
    path(
        "kementerian/kampanye/<slug:slug>/pendaftaran/<int:enrolment_id>/tolak/",
        views.console_enrolment_reject,
        name="console_enrolment_reject",
    ),
    path("kementerian/voucher/", views_vouchers.voucher_list, name="vouchers"),
    path("kementerian/voucher/baru/", views_vouchers.voucher_create, name="voucher_create"),
    path("kementerian/voucher/<int:voucher_id>/", views_vouchers.voucher_detail, name="voucher_detail"),
    path("kementerian/voucher/<int:voucher_id>/ubah/", views_vouchers.voucher_edit, name="voucher_edit"),
    path("kementerian/voucher/<int:voucher_id>/jeda/", views_vouchers.voucher_pause, name="voucher_pause"),
    path("penjual/<int:seller_id>/kampanye/", views.seller_campaigns, name="seller_campaigns"),
    path("penjual/<int:seller_id>/kampanye/<slug:slug>/daftar/", views.seller_enrol, name="seller_enrol"),
]
