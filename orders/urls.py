from django.urls import path, register_converter

from orders import (
    views,
    views_addresses,
    views_aftersales,
    views_payments,
    views_reconciliation,
    views_reviews,
    views_tracking,
)


class OrderNumberConverter:
    """Only what can be an order number reaches a view: PostgreSQL answers a NUL character in a query
    with an error (a 500), so `/pesanan/INV%00x/` must be a plain 404."""

    regex = "[A-Za-z0-9-]{1,32}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(OrderNumberConverter, "order_number")

app_name = "orders"
urlpatterns = [
    path("keranjang/", views.cart, name="cart"),
    path("keranjang/tambah/", views.cart_add, name="cart_add"),
    path("keranjang/<int:variant_id>/ubah/", views.cart_update, name="cart_update"),
    path("keranjang/<int:variant_id>/hapus/", views.cart_remove, name="cart_remove"),
    path("checkout/", views.checkout, name="checkout"),
    path("akun/alamat/", views_addresses.address_list, name="addresses"),
    path("akun/alamat/<int:address_id>/ubah/", views_addresses.address_edit, name="address_edit"),
    path("akun/alamat/<int:address_id>/hapus/", views_addresses.address_delete, name="address_delete"),
    path("akun/alamat/<int:address_id>/utama/", views_addresses.address_make_default, name="address_default"),
    path("pesanan/", views.order_list, name="list"),
    path("pesanan/<order_number:number>/", views.order_detail, name="detail"),
    path("pesanan/<order_number:number>/bayar/", views_payments.pay, name="pay"),
    path("pesanan/<order_number:number>/bayar/status/", views_payments.pay_status, name="pay_status"),
    path(
        "pesanan/<order_number:number>/pengembalian/<int:refund_id>/rekening/",
        views_payments.refund_account,
        name="refund_account",
    ),
    path("pesanan/<order_number:number>/batal/", views.order_cancel, name="cancel"),
    path(
        "pesanan/<order_number:number>/pengiriman/<int:shipment_id>/diterima/",
        views.shipment_deliver,
        name="shipment_deliver",
    ),
    path(
        "pesanan/<order_number:number>/pengiriman/<int:shipment_id>/lacak/",
        views_tracking.shipment_track,
        name="shipment_track",
    ),
    path("penjual/<int:seller_id>/pengiriman/", views.seller_shipments, name="seller_shipments"),
    path(
        "penjual/<int:seller_id>/pengiriman/<int:shipment_id>/kirim/",
        views.shipment_ship,
        name="shipment_ship",
    ),
    path(
        "penjual/<int:seller_id>/pengiriman/<int:shipment_id>/sampai/",
        views.seller_shipment_deliver,
        name="seller_shipment_deliver",
    ),
    path("staf/pembayaran/rekonsiliasi/", views_reconciliation.payment_reconciliation, name="payment_reconciliation"),
    # After-sales: confirmation, complaints, reviews, a shop's decline, the staff queue.
    path(
        "pesanan/<order_number:number>/pengiriman/<int:shipment_id>/selesai/",
        views_aftersales.shipment_confirm,
        name="shipment_confirm",
    ),
    path(
        "pesanan/<order_number:number>/pengiriman/<int:shipment_id>/komplain/",
        views_aftersales.complaint_new,
        name="complaint_new",
    ),
    path("pesanan/<order_number:number>/ulasan/<int:line_id>/", views_aftersales.review_new, name="review_new"),
    path("komplain/<int:complaint_id>/", views_aftersales.complaint_detail, name="complaint"),
    path("komplain/<int:complaint_id>/<slug:step>/", views_aftersales.complaint_step, name="complaint_step"),
    path(
        "penjual/<int:seller_id>/pengiriman/<int:shipment_id>/tolak/",
        views_aftersales.shipment_decline,
        name="shipment_decline",
    ),
    path("penjual/<int:seller_id>/komplain/", views_aftersales.seller_complaints, name="seller_complaints"),
    path("penjual/<int:seller_id>/ulasan/", views_reviews.seller_reviews, name="seller_reviews"),
    path("penjual/<int:seller_id>/ulasan/<int:review_id>/balas/", views_reviews.review_reply, name="review_reply"),
    path("staf/komplain/", views_aftersales.staff_complaints, name="staff_complaints"),
    path("produk/<int:product_id>/ulasan/", views_reviews.product_reviews, name="product_reviews"),
    path("ulasan/<int:review_id>/membantu/", views_reviews.review_helpful, name="review_helpful"),
    path("ulasan/<int:review_id>/sembunyikan/", views_reviews.review_hide, name="review_hide"),
]
