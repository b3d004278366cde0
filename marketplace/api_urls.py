from django.urls import path

from marketplace import api
from sellers import api as sellers_api

urlpatterns = [
    path("auth/register/", api.RegisterApi.as_view()),
    path("auth/token/", api.TokenApi.as_view()),
    path("me/", api.MeApi.as_view()),
    path("provinces/", sellers_api.ProvinceListApi.as_view()),
    path("categories/", sellers_api.CategoryListApi.as_view()),
    path("sellers/", sellers_api.SellerListApi.as_view()),
    path("sellers/<int:seller_id>/", sellers_api.SellerDetailApi.as_view()),
    path("sellers/<int:seller_id>/verify/", sellers_api.SellerVerifyApi.as_view()),
    path("sellers/<int:seller_id>/reject/", sellers_api.SellerRejectApi.as_view()),
    path("sellers/<int:seller_id>/products/", sellers_api.SellerProductCreateApi.as_view()),
    path("products/", sellers_api.ProductListApi.as_view()),
    path("products/<int:product_id>/", sellers_api.ProductDetailApi.as_view()),
]
