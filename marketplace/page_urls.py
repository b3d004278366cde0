"""Web pages. Each app keeps its own page urls; this file mounts them."""

from django.contrib.auth.views import LogoutView
from django.urls import include, path

from marketplace import views, views_password
from sellers import views as sellers_views

urlpatterns = [
    path("", sellers_views.home, name="home"),
    path("akun/", views.account, name="account"),
    path("akun/daftar/", views.register, name="register"),
    path("akun/masuk/", views.EmailLoginView.as_view(), name="login"),
    path("akun/keluar/", LogoutView.as_view(), name="logout"),
    path("akun/lupa-kata-sandi/", views_password.PasswordResetView.as_view(), name="password_reset"),
    path("akun/lupa-kata-sandi/terkirim/", views_password.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "akun/atur-ulang/<uidb64>/<token>/",
        views_password.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "akun/atur-ulang/selesai/", views_password.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("akun/ubah-kata-sandi/", views_password.PasswordChangeView.as_view(), name="password_change"),
    path("akun/ubah-kata-sandi/selesai/", views_password.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("", include("sellers.urls")),
    path("", include("orders.urls")),
    path("", include("payouts.urls")),
    path("", include("campaigns.urls")),
    path("", include("mailings.urls")),
    path("", include("analytics.urls")),
]
