from django.urls import path

from campaigns import api as campaigns_api
from campaigns import api_blasts
from campaigns import api_impact as campaigns_impact_api
from marketplace import api, api_regions
from orders import api as orders_api
from orders import api_addresses as orders_api_addresses
from orders import api_sales as orders_sales_api
from sellers import api as sellers_api
from sellers import api_shipping as sellers_api_shipping

urlpatterns = [
    path("auth/register/", api.RegisterApi.as_view()),
    path("auth/token/", api.TokenApi.as_view()),
    path("me/", api.MeApi.as_view()),
    path("provinces/", sellers_api.ProvinceListApi.as_view()),
    path("regencies/", api_regions.RegencyListApi.as_view(), name="api-regencies"),
    path("districts/", api_regions.DistrictListApi.as_view(), name="api-districts"),
    path("categories/", sellers_api.CategoryListApi.as_view()),
    path("sellers/", sellers_api.SellerListApi.as_view()),
    path("sellers/<int:seller_id>/", sellers_api.SellerDetailApi.as_view()),
    path("sellers/<int:seller_id>/verify/", sellers_api.SellerVerifyApi.as_view()),
    path("sellers/<int:seller_id>/reject/", sellers_api.SellerRejectApi.as_view()),
    path("sellers/<int:seller_id>/shipping/", sellers_api_shipping.SellerShippingApi.as_view()),
    path("sellers/<int:seller_id>/products/", sellers_api.SellerProductCreateApi.as_view()),
    path("products/", sellers_api.ProductListApi.as_view()),
    path("products/<int:product_id>/", sellers_api.ProductDetailApi.as_view()),
    path("cart/", orders_api.CartApi.as_view()),
    path("cart/lines/", orders_api.CartLineListApi.as_view()),
    path("cart/lines/<int:line_id>/", orders_api.CartLineDetailApi.as_view()),
    path("orders/", orders_api.OrderListApi.as_view()),
    path("orders/<str:number>/", orders_api.OrderDetailApi.as_view()),
    path("orders/<str:number>/pay/", orders_api.OrderPayApi.as_view()),
    path("orders/<str:number>/cancel/", orders_api.OrderCancelApi.as_view()),
    path("payments/midtrans/notification/", orders_api.MidtransNotificationApi.as_view()),
    path("sellers/<int:seller_id>/shipments/", orders_api.SellerShipmentListApi.as_view()),
    path("shipments/<int:shipment_id>/ship/", orders_api.ShipmentShipApi.as_view()),
    path("shipments/<int:shipment_id>/deliver/", orders_api.ShipmentDeliverApi.as_view()),
    path("shipments/<int:shipment_id>/tracking/", orders_api_addresses.ShipmentTrackingApi.as_view()),
    path("addresses/", orders_api_addresses.AddressListApi.as_view()),
    path("addresses/<int:address_id>/", orders_api_addresses.AddressDetailApi.as_view()),
    path("campaigns/", campaigns_api.CampaignListApi.as_view()),
    path("campaigns/<slug:slug>/", campaigns_api.CampaignDetailApi.as_view()),
    path("campaigns/<slug:slug>/products/", campaigns_api.CampaignProductListApi.as_view()),
    path("campaigns/<slug:slug>/enrolments/", campaigns_api.EnrolmentListApi.as_view()),
    path("enrolments/<int:enrolment_id>/approve/", campaigns_api.EnrolmentApproveApi.as_view()),
    path("enrolments/<int:enrolment_id>/reject/", campaigns_api.EnrolmentRejectApi.as_view()),
    path("sellers/<int:seller_id>/sales/", orders_sales_api.SellerSalesApi.as_view()),
    path("sellers/<int:seller_id>/sales.csv", orders_sales_api.SellerSalesCsvApi.as_view()),
    path("campaigns/<slug:slug>/impact/", campaigns_impact_api.CampaignImpactApi.as_view()),
    path("campaigns/<slug:slug>/blasts/", api_blasts.CampaignBlastListApi.as_view()),
    path("blasts/<int:blast_id>/", api_blasts.BlastDetailApi.as_view()),
    path("blasts/<int:blast_id>/send/", api_blasts.BlastSendApi.as_view()),
    path("blasts/<int:blast_id>/cancel/", api_blasts.BlastCancelApi.as_view()),
    path("blasts/<int:blast_id>/schedule/", api_blasts.BlastScheduleApi.as_view()),
    path("blasts/<int:blast_id>/preview/", api_blasts.BlastPreviewApi.as_view()),
    path("blasts/<int:blast_id>/test/", api_blasts.BlastTestApi.as_view()),
]
