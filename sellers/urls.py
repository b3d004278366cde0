"""Web pages of the catalogue, shops, seller centre and the ministry's shop verification."""

from django.urls import path

from sellers import views, views_bulk, views_photos, views_shipping

app_name = "sellers"
urlpatterns = [
    path("katalog/", views.catalogue, name="catalogue"),
    path("produk/<slug:slug>/", views.product_detail, name="product"),
    # Before toko/<slug>/: "daftar" is a reserved shop slug.
    path("toko/daftar/", views.seller_register, name="register"),
    path("toko/<slug:slug>/", views.shop_detail, name="shop"),
    path("penjual/", views.centre, name="centre"),
    path("penjual/<int:seller_id>/ajukan-ulang/", views.seller_resubmit, name="resubmit"),
    path("penjual/<int:seller_id>/produk/", views.centre_products, name="centre_products"),
    path("penjual/<int:seller_id>/lokasi-kurir/", views_shipping.shop_shipping, name="shop_shipping"),
    path("penjual/<int:seller_id>/produk/tambah/", views.product_add, name="product_add"),
    path("penjual/<int:seller_id>/varian/", views_bulk.variants_bulk, name="variants_bulk"),
    path("penjual/<int:seller_id>/varian/csv/", views_bulk.variants_csv, name="variants_csv"),
    path("penjual/<int:seller_id>/produk/<int:product_id>/ubah/", views.product_edit, name="product_edit"),
    path("penjual/<int:seller_id>/produk/<int:product_id>/foto/", views_photos.product_photos, name="product_photos"),
    path(
        "penjual/<int:seller_id>/produk/<int:product_id>/foto/<int:photo_id>/pindah/",
        views_photos.product_photo_move,
        name="product_photo_move",
    ),
    path(
        "penjual/<int:seller_id>/produk/<int:product_id>/foto/<int:photo_id>/hapus/",
        views_photos.product_photo_delete,
        name="product_photo_delete",
    ),
    path("kementerian/toko/", views.ministry_shops, name="ministry_shops"),
    path("kementerian/toko/<int:seller_id>/verifikasi/", views.ministry_verify, name="ministry_verify"),
    path("kementerian/toko/<int:seller_id>/tolak/", views.ministry_reject, name="ministry_reject"),
]
