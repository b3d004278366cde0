from django.urls import path

from analytics import views, views_console, views_sales

app_name = "analytics"
urlpatterns = [
    path("kementerian/", views_console.ministry_home, name="ministry_home"),
    path("kementerian/kampanye/<slug:slug>/dampak/", views.impact_report, name="impact"),
    path("kementerian/ikhtisar/", views.programme_overview, name="overview"),
    path("penjual/<int:seller_id>/penjualan/", views_sales.sales_dashboard, name="sales_dashboard"),
]
