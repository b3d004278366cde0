"""HTTP API for paying an order: start a charge by method, read the payment's state, Midtrans' notifications."""

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.cache import CacheUnavailable
from marketplace.client_ip import client_ip
from marketplace.errors import NotFoundError, error_responses
from marketplace.rates import parse_rate
from orders.api import ORDER_NUMBER
from orders.models import Order, Payment, PaymentCharge
from orders.services import charges, payments

METHODS = [m for m in Payment.Method.values if m != Payment.Method.MIDTRANS]


class PaymentStartInput(serializers.Serializer):
    method = serializers.ChoiceField(
        choices=METHODS, help_text="`test` only where the development test provider answers (DEBUG on)"
    )


class ChargeOutput(serializers.Serializer):
    """What the buyer needs to pay; only the fields of the chosen method are present."""

    method = serializers.CharField()
    status = serializers.ChoiceField(choices=Payment.Status.choices, help_text="The payment's status")
    expires_at = serializers.DateTimeField()
    va_number = serializers.CharField(required=False, help_text="Virtual account number (Mandiri: bill key)")
    bank = serializers.CharField(required=False)
    biller_code = serializers.CharField(required=False, help_text="Mandiri bill payment: company code")
    qr_string = serializers.CharField(required=False, help_text="QRIS content; the pay page draws it")
    redirect_url = serializers.URLField(required=False, help_text="The e-wallet app or the Snap page")


def charge_output(charge: PaymentCharge, payment: Payment) -> dict:
    body = {
        "method": charge.method,
        "status": payment.status,
        "expires_at": serializers.DateTimeField().to_representation(charge.expires_at),
    }
    for name in ("va_number", "bank", "biller_code", "qr_string", "redirect_url"):
        if getattr(charge, name):
            body[name] = getattr(charge, name)
    return body


class PaymentStateOutput(serializers.Serializer):
    order_status = serializers.ChoiceField(choices=Order.Status.choices)
    status = serializers.ChoiceField(choices=Payment.Status.choices)
    method = serializers.CharField()
    expires_at = serializers.DateTimeField()
    refunded_amount = serializers.IntegerField()
    charge = ChargeOutput(allow_null=True, help_text="The live charge, if any")


def _buyer_order(request, number: str) -> Order:
    """Another buyer's order is a 404, like one that does not exist."""
    order = None
    if ORDER_NUMBER.fullmatch(number):
        order = Order.objects.filter(buyer=request.user, number=number).select_related("payment").first()
    if order is None:
        raise NotFoundError("Pesanan tidak ditemukan.")
    return order


class OrderPaymentsApi(APIView):
    """The buyer pays an order: choosing a method starts (or returns) a charge at the provider."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: PaymentStateOutput, **error_responses(401, 404)})
    def get(self, request, number: str):
        order = _buyer_order(request, number)
        payment = order.payment
        live = payment.charges.filter(status=PaymentCharge.Status.PENDING).first()
        return Response(
            {
                "order_status": order.status,
                "status": payment.status,
                "method": payment.method,
                "expires_at": serializers.DateTimeField().to_representation(order.payment_deadline),
                "refunded_amount": payment.refunded_amount,
                "charge": charge_output(live, payment) if live else None,
            }
        )

    @extend_schema(
        request=PaymentStartInput,
        responses={201: ChargeOutput, 200: ChargeOutput, **error_responses(400, 401, 404, 409, 503)},
    )
    def post(self, request, number: str):
        order = _buyer_order(request, number)
        data = PaymentStartInput(data=request.data)
        data.is_valid(raise_exception=True)
        charge, created = charges.payment_start(order=order, method=data.validated_data["method"], actor=request.user)
        payment = Payment.objects.get(pk=charge.payment_id)
        return Response(
            charge_output(charge, payment), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


class RefusedNotificationLimit:
    """Counts the notifications refused for their signature or input, per client address.

    Midtrans sends every buyer's notifications from a few addresses, so genuine traffic is never
    limited; an address that keeps sending forged or malformed ones is answered 429 for a while.
    The rate (`PAYMENT_NOTIFICATION_RATE`) is read per request.
    """

    def __init__(self, request):
        self.key = f"midtrans-refused:{client_ip(request) or 'unknown'}"
        self.limit, self.period = parse_rate(settings.PAYMENT_NOTIFICATION_RATE)

    def exceeded(self) -> bool:
        return cache.get(self.key, 0) >= self.limit

    def count(self) -> None:
        cache.add(self.key, 0, self.period)
        try:
            cache.incr(self.key)
        except ValueError:  # expired between the two calls
            cache.set(self.key, 1, self.period)
        except CacheUnavailable:
            pass  # no shared count while Redis is down: the signature check still refuses each one


class MidtransNotificationInput(serializers.Serializer):
    """The fields of a Midtrans HTTP notification that we read (it sends more; we keep only these)."""

    order_id = serializers.CharField(help_text="The charge's order_id: our order number")
    status_code = serializers.CharField(help_text="Must be the code Midtrans uses for transaction_status")
    gross_amount = serializers.CharField(help_text='Exactly as Midtrans sends it, e.g. "650000.00"')
    signature_key = serializers.CharField(help_text="SHA512(order_id + status_code + gross_amount + server_key)")
    transaction_status = serializers.CharField()
    fraud_status = serializers.CharField(required=False)
    transaction_id = serializers.CharField(required=False)


class MessageOutput(serializers.Serializer):
    detail = serializers.CharField()


class MidtransNotificationApi(APIView):
    """Midtrans calls this; the signature, not a login, proves who sent it, and the status API decides."""

    authentication_classes = []
    throttle_classes = []  # Midtrans' few addresses speak for every buyer: only refusals are counted

    @extend_schema(
        request=MidtransNotificationInput,
        responses={200: MessageOutput, **error_responses(400, 403, 404, 409, 429, 503)},
    )
    def post(self, request):
        limit = RefusedNotificationLimit(request)
        if limit.exceeded():
            return Response(
                {"detail": "Terlalu banyak notifikasi yang ditolak dari alamat ini; coba lagi nanti."},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(limit.period)},
            )
        try:
            data = request.data
        except ParseError:
            limit.count()
            raise
        if isinstance(data, QueryDict):
            data = data.dict()
        payload = dict(data) if isinstance(data, dict) else {}
        result = payments.midtrans_handle_notification(payload=payload)
        if result.status_code in (400, 403):
            limit.count()
        return Response(result.as_body(), status=result.status_code)
