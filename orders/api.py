"""HTTP API for carts, checkout, orders and payments (docs/api.md); shipments are in api_shipments.py."""

import hashlib
import json
import re

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.couriers import tracking_url
from marketplace.errors import NotFoundError, error_responses
from marketplace.pagination import PageNumberPagination
from orders import selectors
from orders.api_checkout import CartLineInput, OrderInput, checkout_address, voucher_codes
from orders.idempotency import idempotent
from orders.models import CartLine, Order
from orders.services import cart as cart_services
from orders.services import checkout, lifecycle, payments

# ---- serializers -------------------------------------------------------------------------------


class CartLineOutput(serializers.Serializer):
    id = serializers.IntegerField()
    product = serializers.IntegerField(source="product.pk")
    product_name = serializers.CharField(source="product.name")
    variant = serializers.IntegerField(source="variant.pk")
    variant_name = serializers.CharField()
    quantity = serializers.IntegerField()
    list_price = serializers.IntegerField(source="quote.list_price")
    unit_price = serializers.IntegerField()
    line_total = serializers.IntegerField()
    seller = serializers.IntegerField(source="seller.pk")
    available = serializers.BooleanField(
        help_text="False when the product is no longer for sale: left out of the totals; remove it to check out"
    )


class CartOutput(serializers.Serializer):
    lines = CartLineOutput(many=True)
    subtotal = serializers.IntegerField()
    discount_total = serializers.IntegerField()
    total = serializers.IntegerField()


class CartLineUpdateInput(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1, max_value=cart_services.MAX_QUANTITY)


class OrderLineOutput(serializers.Serializer):
    product = serializers.IntegerField(source="product_id")
    product_name = serializers.CharField()
    variant = serializers.IntegerField(source="variant_id", allow_null=True)
    variant_name = serializers.CharField()
    seller = serializers.IntegerField(source="seller_id")
    quantity = serializers.IntegerField()
    list_price = serializers.IntegerField()
    unit_price = serializers.IntegerField()
    discount = serializers.IntegerField()
    line_total = serializers.IntegerField()
    campaign = serializers.SerializerMethodField()
    voucher_discount = serializers.IntegerField(help_text="A goods voucher's Rupiah off the whole line")
    voucher_funder = serializers.CharField(help_text='"ministry", "shop", "platform" or empty')

    def get_campaign(self, line) -> str | None:
        return line.campaign_hashtag or None


class ShipmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    seller = serializers.IntegerField(source="seller_id")
    seller_name = serializers.CharField(source="seller.name")
    status = serializers.CharField()
    subtotal = serializers.IntegerField()
    weight_grams = serializers.IntegerField()
    shipping_fee = serializers.IntegerField()
    voucher_discount = serializers.IntegerField()
    voucher_funder = serializers.CharField()
    shipping_subsidy = serializers.IntegerField(help_text="Rupiah of the fee a shipping voucher pays")
    subsidy_funder = serializers.CharField()
    courier = serializers.CharField(help_text="The courier the shop ships with")
    chosen_courier = serializers.CharField(help_text="The courier the buyer chose and paid for")
    service = serializers.CharField()
    eta_days = serializers.CharField(help_text='Estimated days in transit, e.g. "2-4"')
    rate_provider = serializers.CharField(help_text='Which provider priced the fee: "table" or an aggregator')
    tracking_number = serializers.CharField()
    tracking_url = serializers.SerializerMethodField(help_text="The courier's tracking page, or empty")
    tracking_status = serializers.CharField(help_text="The courier's latest status of the parcel, or empty")
    shipped_at = serializers.DateTimeField(allow_null=True)
    delivered_at = serializers.DateTimeField(allow_null=True)
    delivered_by_shop = serializers.BooleanField(
        help_text="Delivered on the shop's word only: neither the buyer nor the courier has confirmed it yet"
    )
    completed_at = serializers.DateTimeField(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True)

    def get_tracking_url(self, shipment) -> str:
        return tracking_url(shipment.courier, shipment.tracking_number)


class PaymentOutput(serializers.Serializer):
    status = serializers.CharField()
    method = serializers.CharField()
    amount = serializers.IntegerField()
    paid_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(
        source="order.payment_deadline", help_text="Pay before this: the order's payment deadline"
    )
    refunded_amount = serializers.IntegerField()


class AddressOutput(serializers.Serializer):
    recipient = serializers.CharField()
    phone = serializers.CharField()
    street = serializers.CharField()
    city = serializers.CharField()
    province = serializers.CharField()
    regency = serializers.CharField()
    regency_name = serializers.CharField()
    district = serializers.CharField()
    district_name = serializers.CharField()
    postal_code = serializers.CharField()


class OrderOutput(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField()
    lines = OrderLineOutput(many=True)
    shipments = ShipmentOutput(many=True)
    shipping_address = serializers.SerializerMethodField()
    courier = serializers.CharField()
    subtotal = serializers.IntegerField()
    discount_total = serializers.IntegerField(help_text="Campaign prices' discount")
    voucher_discount = serializers.IntegerField(help_text="Goods vouchers' discount")
    shipping_total = serializers.IntegerField()
    shipping_subsidy = serializers.IntegerField(help_text="What shipping vouchers pay of the fees")
    vouchers = serializers.SerializerMethodField(help_text="The voucher codes used")
    total = serializers.IntegerField()
    payment = PaymentOutput()
    payment_deadline = serializers.DateTimeField()
    created_at = serializers.DateTimeField()

    def get_vouchers(self, order) -> list[str]:
        return [code for code in order.voucher_codes.split(", ") if code]

    def get_shipping_address(self, order) -> AddressOutput:
        return AddressOutput(order).data

    def to_representation(self, order):
        """Built by hand, like the catalogue's products: DRF's generic walk over these nested fields cost
        a checkout more CPU than its queries. The declared fields still describe it in the schema, and a
        test compares both."""
        when = _DATETIME.to_representation
        payment = order.payment
        return {
            "number": order.number,
            "status": order.status,
            "lines": [
                {
                    "product": line.product_id,
                    "product_name": line.product_name,
                    "variant": line.variant_id,
                    "variant_name": line.variant_name,
                    "seller": line.seller_id,
                    "quantity": line.quantity,
                    "list_price": line.list_price,
                    "unit_price": line.unit_price,
                    "discount": line.discount,
                    "line_total": line.line_total,
                    "campaign": line.campaign_hashtag or None,
                    "voucher_discount": line.voucher_discount,
                    "voucher_funder": line.voucher_funder,
                }
                for line in order.lines.all()
            ],
            "shipments": [
                {
                    "id": shipment.pk,
                    "seller": shipment.seller_id,
                    "seller_name": shipment.seller.name,
                    "status": shipment.status,
                    "subtotal": shipment.subtotal,
                    "weight_grams": shipment.weight_grams,
                    "shipping_fee": shipment.shipping_fee,
                    "voucher_discount": shipment.voucher_discount,
                    "voucher_funder": shipment.voucher_funder,
                    "shipping_subsidy": shipment.shipping_subsidy,
                    "subsidy_funder": shipment.subsidy_funder,
                    "courier": shipment.courier,
                    "chosen_courier": shipment.chosen_courier,
                    "service": shipment.service,
                    "eta_days": shipment.eta_days,
                    "rate_provider": shipment.rate_provider,
                    "tracking_number": shipment.tracking_number,
                    "tracking_url": tracking_url(shipment.courier, shipment.tracking_number),
                    "tracking_status": shipment.tracking_status,
                    "shipped_at": when(shipment.shipped_at) if shipment.shipped_at else None,
                    "delivered_at": when(shipment.delivered_at) if shipment.delivered_at else None,
                    "delivered_by_shop": shipment.delivered_by_shop,
                    "completed_at": when(shipment.completed_at) if shipment.completed_at else None,
                    "cancelled_at": when(shipment.cancelled_at) if shipment.cancelled_at else None,
                }
                for shipment in order.shipments.all()
            ],
            "shipping_address": {
                "recipient": order.recipient,
                "phone": order.phone,
                "street": order.street,
                "city": order.city,
                "province": order.province,
                "regency": order.regency,
                "regency_name": order.regency_name,
                "district": order.district,
                "district_name": order.district_name,
                "postal_code": order.postal_code,
            },
            "courier": order.courier,
            "subtotal": order.subtotal,
            "discount_total": order.discount_total,
            "voucher_discount": order.voucher_discount,
            "shipping_total": order.shipping_total,
            "shipping_subsidy": order.shipping_subsidy,
            "vouchers": self.get_vouchers(order),
            "total": order.total,
            "payment": {
                "status": payment.status,
                "method": payment.method,
                "amount": payment.amount,
                "paid_at": when(payment.paid_at) if payment.paid_at else None,
                "expires_at": when(order.payment_deadline),
                "refunded_amount": payment.refunded_amount,
            },
            "payment_deadline": when(order.payment_deadline),
            "created_at": when(order.created_at),
        }


_DATETIME = serializers.DateTimeField()


class MessageOutput(serializers.Serializer):
    detail = serializers.CharField()


ORDER_NUMBER = re.compile(r"[A-Za-z0-9-]{1,32}")


def _check_number(number: str) -> None:
    """An order number from a URL: anything that cannot be one is a 404 before it reaches the
    database (PostgreSQL refuses a NUL character in a query with an error, a 500)."""
    if not ORDER_NUMBER.fullmatch(number):
        raise NotFoundError(_("Pesanan tidak ditemukan."))


def _order_output(user, number) -> dict:
    _check_number(number)
    order = selectors.order_summary_for_buyer(user=user, number=number)
    if order is None:
        raise NotFoundError(_("Pesanan tidak ditemukan."))
    return OrderOutput(order).data


# ---- cart --------------------------------------------------------------------------------------


class CartApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: CartOutput, **error_responses(401)})
    def get(self, request):
        return Response(CartOutput(selectors.cart_for_user(user=request.user)).data)


class CartLineListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=CartLineInput, responses={201: CartOutput, **error_responses(400, 401, 409)})
    def post(self, request):
        data = CartLineInput(data=request.data)
        data.is_valid(raise_exception=True)
        cart_services.cart_add(
            user=request.user,
            variant_id=data.validated_data.get("variant"),
            product_id=data.validated_data.get("product"),
            quantity=data.validated_data["quantity"],
        )
        return Response(CartOutput(selectors.cart_for_user(user=request.user)).data, status=status.HTTP_201_CREATED)


class CartLineDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    def _line(self, request, line_id):
        return get_object_or_404(CartLine.objects.select_related("variant__product"), pk=line_id, user=request.user)

    @extend_schema(request=CartLineUpdateInput, responses={200: CartOutput, **error_responses(400, 401, 404, 409)})
    def patch(self, request, line_id: int):
        line = self._line(request, line_id)
        data = CartLineUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        cart_services.cart_line_set_quantity(line=line, quantity=data.validated_data["quantity"])
        return Response(CartOutput(selectors.cart_for_user(user=request.user)).data)

    @extend_schema(responses={204: None, **error_responses(401, 404)})
    def delete(self, request, line_id: int):
        cart_services.cart_line_remove(line=self._line(request, line_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


# ---- orders ------------------------------------------------------------------------------------


class OrderListApi(APIView):
    pagination_class = PageNumberPagination
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: OrderOutput(many=True), **error_responses(400, 401, 404)})
    def get(self, request):
        paginator = self.pagination_class()
        orders = selectors.order_list_for_buyer(user=request.user).prefetch_related("lines")
        page = paginator.paginate_queryset(orders, request, view=self)
        return paginator.get_paginated_response(OrderOutput(page, many=True).data)

    @extend_schema(
        request=OrderInput,
        responses={201: OrderOutput, **error_responses(400, 401, 409, 422)},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False)],
    )
    def post(self, request):
        data = OrderInput(data=request.data)
        data.is_valid(raise_exception=True)
        fingerprint = hashlib.sha256(json.dumps(request.data, sort_keys=True, default=str).encode()).hexdigest()
        key = request.headers.get("Idempotency-Key")

        def place():
            v = data.validated_data
            lines = v.get("lines", [])
            cart_services.lines_check_variants_of_products(
                [(line["variant"], line["product"]) for line in lines if line.get("variant") and line.get("product")]
            )
            variant_lines = [(line["variant"], line["quantity"]) for line in lines if line.get("variant")]
            product_lines = [(line["product"], line["quantity"]) for line in lines if not line.get("variant")]
            order = checkout.order_place(
                buyer=request.user,
                address=checkout_address(request.user, v),
                items=variant_lines if "lines" in v else None,
                product_items=product_lines if "lines" in v else None,
                courier=v.get("courier"),
                choices={
                    choice["seller"]: f"{choice['courier']}:{choice.get('service', '')}".rstrip(":")
                    for choice in v.get("shipments", [])
                },
                vouchers=voucher_codes(v),
                savepoint=not key,  # with a key, `idempotent`'s transaction rolls back whole on any error
            )
            # The order as placed, with its lines, shipments and payment in hand: nothing to read back.
            return status.HTTP_201_CREATED, OrderOutput(order).data

        code, body = idempotent(user=request.user, key=key, fingerprint=fingerprint, action=place)
        return Response(body, status=code)


class OrderDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: OrderOutput, **error_responses(401, 404)})
    def get(self, request, number: str):
        return Response(_order_output(request.user, number))


def _own_order(request, number) -> Order:
    _check_number(number)
    order = Order.objects.filter(buyer=request.user, number=number).first()
    if order is None:
        raise NotFoundError(_("Pesanan tidak ditemukan."))
    return order


class OrderPayApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: OrderOutput, **error_responses(401, 403, 404, 409)})
    def post(self, request, number: str):
        payments.test_provider_pay(order=_own_order(request, number), actor=request.user)
        return Response(_order_output(request.user, number))


class OrderCancelApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: OrderOutput, **error_responses(401, 404, 409)})
    def post(self, request, number: str):
        lifecycle.order_cancel(order=_own_order(request, number), actor=request.user)
        return Response(_order_output(request.user, number))
