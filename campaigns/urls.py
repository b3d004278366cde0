from django.urls import path

from campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("kampanye/<slug:slug>/", views.campaign_landing, name="landing"),
]
