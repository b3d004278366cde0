"""Web pages. Each app keeps its own page urls; this file mounts them."""

from django.urls import include, path

urlpatterns = [
    path("", include("sellers.urls")),
]
