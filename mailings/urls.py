from django.urls import path

from mailings import views, views_unsubscribe

app_name = "mailings"
urlpatterns = [
    path("email/unsubscribe/<str:token>/", views_unsubscribe.unsubscribe, name="unsubscribe"),
    path("kementerian/kampanye/<slug:slug>/email/", views.blast_list, name="blast_list"),
    path("kementerian/kampanye/<slug:slug>/email/baru/", views.blast_create, name="blast_create"),
    path("kementerian/blast/<int:blast_id>/", views.ministry_blast, name="ministry_blast"),
    path("kementerian/blast/<int:blast_id>/pratinjau/", views.blast_preview, name="blast_preview"),
    path("kementerian/blast/<int:blast_id>/tes/", views.blast_test_send, name="blast_test_send"),
    path("kementerian/blast/<int:blast_id>/kirim/", views.blast_send_now, name="blast_send"),
    path("kementerian/blast/<int:blast_id>/batalkan/", views.blast_cancel, name="blast_cancel"),
    path("kementerian/blast/<int:blast_id>/jadwalkan/", views.blast_schedule, name="blast_schedule"),
]
