from django.urls import path

from orders import views, views_sales

app_name = "orders"
urlpatterns = [
    path("keranjang/", views.cart, name="cart"),
    path("keranjang/tambah/", views.cart_add, name="cart_add"),
    path("keranjang/<int:product_id>/ubah/", views.cart_update, name="cart_update"),
    path("keranjang/<int:product_id>/hapus/", views.cart_remove, name="cart_remove"),
    path("checkout/", views.checkout, name="checkout"),
    path("pesanan/", views.order_list, name="list"),
    path("pesanan/<str:number>/", views.order_detail, name="detail"),
    path("pesanan/<str:number>/bayar/", views.pay, name="pay"),
    path("pesanan/<str:number>/batal/", views.order_cancel, name="cancel"),
    path(
        "pesanan/<str:number>/pengiriman/<int:shipment_id>/diterima/",
        views.shipment_deliver,
        name="shipment_deliver",
    ),
    path("penjual/<int:seller_id>/pengiriman/", views.seller_shipments, name="seller_shipments"),
    path(
        "penjual/<int:seller_id>/pengiriman/<int:shipment_id>/kirim/",
        views.shipment_ship,
        name="shipment_ship",
    ),
    path("penjual/<int:seller_id>/penjualan/", views_sales.sales_dashboard, name="sales_dashboard"),
]
