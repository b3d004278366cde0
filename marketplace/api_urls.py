from django.urls import path

from analytics import api as analytics_api
from analytics import api_sales as analytics_sales_api
from campaigns import api as campaigns_api
from campaigns import api_vouchers as vouchers_api
from mailings import api as mailings_api
from marketplace import api, api_regions
from orders import api as orders_api
from orders import api_addresses as orders_api_addresses
from orders import api_payments as orders_payments_api
from orders import api_shipments as orders_shipments_api
from payouts import api as payouts_api
from sellers import api as sellers_api
from sellers import api_photos as sellers_api_photos
from sellers import api_product as sellers_api_product
from sellers import api_reference as sellers_api_reference
from sellers import api_resubmit as sellers_api_resubmit
from sellers import api_search as sellers_api_search
from sellers import api_shipping as sellers_api_shipping
from sellers import api_variants as sellers_api_variants

urlpatterns = [
    path("auth/register/", api.RegisterApi.as_view()),
    path("auth/token/", api.TokenApi.as_view()),
    path("auth/token/rotate/", api.TokenRotateApi.as_view()),
    path("me/", api.MeApi.as_view()),
    path("provinces/", sellers_api_reference.ProvinceListApi.as_view()),
    path("regencies/", api_regions.RegencyListApi.as_view(), name="api-regencies"),
    path("districts/", api_regions.DistrictListApi.as_view(), name="api-districts"),
    path("categories/", sellers_api_reference.CategoryListApi.as_view()),
    path("sellers/", sellers_api.SellerListApi.as_view()),
    path("sellers/<int:seller_id>/", sellers_api.SellerDetailApi.as_view()),
    path("sellers/<int:seller_id>/verify/", sellers_api.SellerVerifyApi.as_view()),
    path("sellers/<int:seller_id>/reject/", sellers_api.SellerRejectApi.as_view()),
    path("sellers/<int:seller_id>/shipping/", sellers_api_shipping.SellerShippingApi.as_view()),
    path("sellers/<int:seller_id>/resubmit/", sellers_api_resubmit.SellerResubmitApi.as_view()),
    path("sellers/<int:seller_id>/products/", sellers_api.SellerProductCreateApi.as_view()),
    path("products/", sellers_api.ProductListApi.as_view()),
    path("products/facets/", sellers_api_search.ProductFacetsApi.as_view()),
    path("search/suggestions/", sellers_api_search.SearchSuggestionsApi.as_view(), name="search_suggestions"),
    path("products/<int:product_id>/", sellers_api_product.ProductDetailApi.as_view()),
    path("products/<int:product_id>/images/", sellers_api_photos.ProductPhotoListApi.as_view()),
    path("products/<int:product_id>/images/order/", sellers_api_photos.ProductPhotoOrderApi.as_view()),
    path("products/<int:product_id>/images/<int:image_id>/", sellers_api_photos.ProductPhotoDetailApi.as_view()),
    path("products/<int:product_id>/variants/", sellers_api_variants.ProductVariantListApi.as_view()),
    path("variants/<int:variant_id>/", sellers_api_variants.VariantDetailApi.as_view()),
    path("cart/", orders_api.CartApi.as_view()),
    path("cart/lines/", orders_api.CartLineListApi.as_view()),
    path("cart/lines/<int:line_id>/", orders_api.CartLineDetailApi.as_view()),
    path("orders/", orders_api.OrderListApi.as_view()),
    path("orders/<str:number>/", orders_api.OrderDetailApi.as_view()),
    path("orders/<str:number>/pay/", orders_api.OrderPayApi.as_view()),
    path("orders/<str:number>/cancel/", orders_api.OrderCancelApi.as_view()),
    path("orders/<str:number>/payments/", orders_payments_api.OrderPaymentsApi.as_view()),
    path("payments/midtrans/notification/", orders_payments_api.MidtransNotificationApi.as_view()),
    path("sellers/<int:seller_id>/shipments/", orders_shipments_api.SellerShipmentListApi.as_view()),
    path("shipments/<int:shipment_id>/ship/", orders_shipments_api.ShipmentShipApi.as_view()),
    path("shipments/<int:shipment_id>/deliver/", orders_shipments_api.ShipmentDeliverApi.as_view()),
    path("shipments/<int:shipment_id>/tracking/", orders_api_addresses.ShipmentTrackingApi.as_view()),
    path("addresses/", orders_api_addresses.AddressListApi.as_view()),
    path("addresses/<int:address_id>/", orders_api_addresses.AddressDetailApi.as_view()),
    path("sellers/<int:seller_id>/balance/", payouts_api.BalanceApi.as_view()),
    path("sellers/<int:seller_id>/ledger/", payouts_api.LedgerApi.as_view()),
    path("sellers/<int:seller_id>/bank-account/", payouts_api.BankAccountApi.as_view()),
    path("sellers/<int:seller_id>/bank-account/verify/", payouts_api.BankAccountVerifyApi.as_view()),
    path("sellers/<int:seller_id>/payouts/", payouts_api.SellerPayoutListApi.as_view()),
    path("sellers/<int:seller_id>/tax-statements/", payouts_api.TaxStatementApi.as_view()),
    path("payout-batches/", payouts_api.PayoutBatchListApi.as_view()),
    path("payout-batches/<int:batch_id>/confirm/", payouts_api.PayoutBatchConfirmApi.as_view()),
    path("payouts/<int:payout_id>/fail/", payouts_api.PayoutFailApi.as_view()),
    path("payouts/xendit/callback/", payouts_api.XenditCallbackApi.as_view()),
    path("campaigns/", campaigns_api.CampaignListApi.as_view()),
    path("campaigns/<slug:slug>/", campaigns_api.CampaignDetailApi.as_view()),
    path("campaigns/<slug:slug>/products/", campaigns_api.CampaignProductListApi.as_view()),
    path("campaigns/<slug:slug>/enrolments/", campaigns_api.EnrolmentListApi.as_view()),
    path("vouchers/", vouchers_api.VoucherListApi.as_view()),
    path("vouchers/<int:voucher_id>/", vouchers_api.VoucherDetailApi.as_view()),
    path("vouchers/<int:voucher_id>/pause/", vouchers_api.VoucherPauseApi.as_view()),
    path("vouchers/<int:voucher_id>/resume/", vouchers_api.VoucherResumeApi.as_view()),
    path("vouchers/<int:voucher_id>/burn/", vouchers_api.VoucherBurnApi.as_view()),
    path("enrolments/<int:enrolment_id>/approve/", campaigns_api.EnrolmentApproveApi.as_view()),
    path("enrolments/<int:enrolment_id>/reject/", campaigns_api.EnrolmentRejectApi.as_view()),
    path("sellers/<int:seller_id>/sales/", analytics_sales_api.SellerSalesApi.as_view()),
    path("sellers/<int:seller_id>/sales.csv", analytics_sales_api.SellerSalesCsvApi.as_view()),
    path("campaigns/<slug:slug>/impact/", analytics_api.CampaignImpactApi.as_view()),
    path("campaigns/<slug:slug>/blasts/", mailings_api.CampaignBlastListApi.as_view()),
    path("blasts/<int:blast_id>/", mailings_api.BlastDetailApi.as_view()),
    path("blasts/<int:blast_id>/send/", mailings_api.BlastSendApi.as_view()),
    path("blasts/<int:blast_id>/cancel/", mailings_api.BlastCancelApi.as_view()),
    path("blasts/<int:blast_id>/schedule/", mailings_api.BlastScheduleApi.as_view()),
    path("blasts/<int:blast_id>/preview/", mailings_api.BlastPreviewApi.as_view()),
    path("blasts/<int:blast_id>/test/", mailings_api.BlastTestApi.as_view()),
]

# After-sales (docs/api.md, "After-sales").
from orders import api_aftersales as orders_aftersales_api  # noqa: E402

urlpatterns += [
    path("shipments/<int:shipment_id>/confirm/", orders_aftersales_api.ShipmentConfirmApi.as_view()),
    path("shipments/<int:shipment_id>/decline/", orders_aftersales_api.ShipmentDeclineApi.as_view()),
]

from orders import api_reviews as orders_reviews_api  # noqa: E402

urlpatterns += [
    path("products/<int:product_id>/reviews/", orders_reviews_api.ProductReviewsApi.as_view()),
    path("reviews/<int:review_id>/reply/", orders_reviews_api.ReviewReplyApi.as_view()),
    path("reviews/<int:review_id>/hide/", orders_reviews_api.ReviewHideApi.as_view()),
    path("reviews/<int:review_id>/helpful/", orders_reviews_api.ReviewHelpfulApi.as_view()),
]

from orders import api_complaints as orders_complaints_api  # noqa: E402

urlpatterns += [
    path("shipments/<int:shipment_id>/complaint/", orders_complaints_api.ShipmentComplaintApi.as_view()),
    path("complaints/", orders_complaints_api.StaffComplaintListApi.as_view()),
    path("complaints/<int:complaint_id>/", orders_complaints_api.ComplaintDetailApi.as_view()),
    path("complaints/<int:complaint_id>/answer/", orders_complaints_api.ComplaintAnswerApi.as_view()),
    path("complaints/<int:complaint_id>/return/", orders_complaints_api.ComplaintReturnApi.as_view()),
    path("complaints/<int:complaint_id>/received/", orders_complaints_api.ComplaintReceivedApi.as_view()),
    path("complaints/<int:complaint_id>/accept/", orders_complaints_api.ComplaintAcceptApi.as_view()),
    path("complaints/<int:complaint_id>/escalate/", orders_complaints_api.ComplaintEscalateApi.as_view()),
    path("complaints/<int:complaint_id>/decide/", orders_complaints_api.ComplaintDecideApi.as_view()),
    path("sellers/<int:seller_id>/complaints/", orders_complaints_api.SellerComplaintListApi.as_view()),
]
