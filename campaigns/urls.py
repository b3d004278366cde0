from django.urls import path

from campaigns import views, views_blasts, views_email, views_impact

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
    path("penjual/<int:seller_id>/kampanye/", views.seller_campaigns, name="seller_campaigns"),
    path("penjual/<int:seller_id>/kampanye/<slug:slug>/daftar/", views.seller_enrol, name="seller_enrol"),
    path("email/unsubscribe/<str:token>/", views_email.unsubscribe, name="unsubscribe"),
    path("kementerian/", views_blasts.ministry_home, name="ministry_home"),
    path("kementerian/kampanye/<slug:slug>/email/", views_blasts.blast_list, name="blast_list"),
    path("kementerian/kampanye/<slug:slug>/email/baru/", views_blasts.blast_create, name="blast_create"),
    path("kementerian/blast/<int:blast_id>/", views_blasts.ministry_blast, name="ministry_blast"),
    path("kementerian/blast/<int:blast_id>/pratinjau/", views_blasts.blast_preview, name="blast_preview"),
    path("kementerian/blast/<int:blast_id>/tes/", views_blasts.blast_test_send, name="blast_test_send"),
    path("kementerian/blast/<int:blast_id>/kirim/", views_blasts.blast_send_now, name="blast_send"),
    path("kementerian/blast/<int:blast_id>/batalkan/", views_blasts.blast_cancel, name="blast_cancel"),
    path("kementerian/blast/<int:blast_id>/jadwalkan/", views_blasts.blast_schedule, name="blast_schedule"),
    path("kementerian/kampanye/<slug:slug>/dampak/", views_impact.impact_report, name="impact"),
    path("kementerian/ikhtisar/", views_impact.programme_overview, name="overview"),
]
