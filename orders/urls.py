from django.urls import path

from orders import views

app_name = "orders"
urlpatterns = [
    path("pesanan/<str:number>/", views.order_detail, name="detail"),
]
