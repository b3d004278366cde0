"""Web pages. Each app keeps its own page urls; this file mounts them."""

from django.contrib.auth.views import LogoutView
from django.urls import include, path

from marketplace import views
from sellers import views as sellers_views

urlpatterns = [
    path("", sellers_views.home, name="home"),
    path("akun/", views.account, name="account"),
    path("akun/daftar/", views.register, name="register"),
    path("akun/masuk/", views.EmailLoginView.as_view(), name="login"),
    path("akun/keluar/", LogoutView.as_view(), name="logout"),
    path("", include("sellers.urls")),
    path("", include("orders.urls")),
    path("", include("payouts.urls")),
    path("", include("campaigns.urls")),
    path("", include("mailings.urls")),
    path("", include("analytics.urls")),
]
