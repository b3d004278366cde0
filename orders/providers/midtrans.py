"""The Midtrans adapter of the payment provider port: our charge requests in Midtrans' JSON, and back.

Payment methods map to Core API charges (`qris`, `bank_transfer` for BCA, BNI, BRI and Permata,
`echannel` for Mandiri bill payment, `gopay`, `shopeepay`) or to a Snap page with all of them. The
charge expires exactly at the order's payment deadline (`custom_expiry` / Snap `expiry` counted from
a start time chosen so that start + whole minutes = the deadline).
"""

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from orders.providers import ChargeRequest, ChargeResult, ProviderError, RefundResult, TransactionStatus
from orders.providers.midtrans_client import JsonObject, MidtransClient, MidtransConfig

JAKARTA = ZoneInfo("Asia/Jakarta")
VA_BANKS = {"va_bca": "bca", "va_bni": "bni", "va_bri": "bri", "va_permata": "permata"}
# Midtrans refunds these through the API; bank transfers and bill payments go back by hand.
ONLINE_REFUND_TYPES = {"credit_card", "gopay", "shopeepay", "qris", "akulaku", "kredivo"}


def _expiry(expires_at: datetime, now: datetime) -> tuple[str, int]:
    """(start time, whole minutes) such that start + minutes == the deadline (to the second)."""
    minutes = max(1, int((expires_at - now).total_seconds() // 60))
    start = (expires_at - timedelta(minutes=minutes)).astimezone(JAKARTA)
    return start.strftime("%Y-%m-%d %H:%M:%S %z"), minutes


def _amount(value) -> int | None:
    """Midtrans sends "181000.00"; a whole number of Rupiah or None (never a float)."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite() or amount != amount.to_integral_value() or amount < 0:
        return None
    return int(amount)


def _action(data: JsonObject, name: str) -> str:
    for action in data.get("actions") or []:
        if isinstance(action, dict) and action.get("name") == name:
            return str(action.get("url", ""))
    return ""


class MidtransProvider:
    name = "midtrans"
    methods = ("qris", "va_bca", "va_bni", "va_bri", "va_mandiri", "va_permata", "gopay", "shopeepay", "snap")

    def client(self) -> MidtransClient:
        return MidtransClient(
            MidtransConfig(
                server_key=settings.MIDTRANS_SERVER_KEY,
                api_url=settings.MIDTRANS_API_URL,
                snap_url=settings.MIDTRANS_SNAP_URL,
                timeout=settings.MIDTRANS_TIMEOUT_SECONDS,
            )
        )

    def available(self) -> bool:
        return bool(settings.MIDTRANS_SERVER_KEY)

    # ---- charge --------------------------------------------------------------------------------

    def charge_body(self, request: ChargeRequest, *, now: datetime | None = None) -> JsonObject:
        start, minutes = _expiry(request.expires_at, now or timezone.now())
        body: JsonObject = {
            "transaction_details": {"order_id": request.order_id, "gross_amount": request.gross_amount},
            "item_details": [
                {"id": item.id[:50], "name": item.name[:50], "price": item.price, "quantity": item.quantity}
                for item in request.items
            ],
            "customer_details": {
                "first_name": request.customer_name[:255],
                "email": request.customer_email,
                "phone": request.customer_phone,
            },
        }
        if request.method == "snap":
            body["expiry"] = {"start_time": start, "unit": "minute", "duration": minutes}
            return body
        body["custom_expiry"] = {"order_time": start, "expiry_duration": minutes, "unit": "minute"}
        if request.method in VA_BANKS:
            body.update(payment_type="bank_transfer", bank_transfer={"bank": VA_BANKS[request.method]})
        elif request.method == "va_mandiri":
            body.update(payment_type="echannel", echannel={"bill_info1": "Pembayaran:", "bill_info2": request.order_id})
        elif request.method == "qris":
            body.update(payment_type="qris", qris={"acquirer": "gopay"})
        elif request.method == "gopay":
            body.update(payment_type="gopay", gopay={"enable_callback": False})
        elif request.method == "shopeepay":
            body.update(payment_type="shopeepay", shopeepay={"callback_url": settings.SITE_URL})
        else:
            raise ValueError(f"Unknown method {request.method}")
        return body

    def charge(self, request: ChargeRequest) -> ChargeResult:
        body = self.charge_body(request)
        if request.method == "snap":
            data = self.client().snap_transaction(body)
            return ChargeResult(redirect_url=str(data["redirect_url"]))
        data = self.client().charge(body)
        result = {"transaction_id": str(data.get("transaction_id", ""))[:64]}
        if request.method in ("va_bca", "va_bni", "va_bri"):
            numbers = [n for n in data.get("va_numbers") or [] if isinstance(n, dict)]
            if not numbers:
                raise ProviderError("Midtrans tidak mengirim nomor virtual account.")
            result.update(bank=str(numbers[0].get("bank", "")), va_number=str(numbers[0].get("va_number", "")))
        elif request.method == "va_permata":
            result.update(bank="permata", va_number=str(data.get("permata_va_number", "")))
        elif request.method == "va_mandiri":
            result.update(
                bank="mandiri", va_number=str(data.get("bill_key", "")), biller_code=str(data.get("biller_code", ""))
            )
        else:
            result.update(
                qr_string=str(data.get("qr_string", "")),
                redirect_url=_action(data, "deeplink-redirect") or _action(data, "generate-qr-code"),
            )
        if not (result.get("va_number") or result.get("qr_string") or result.get("redirect_url")):
            raise ProviderError("Jawaban Midtrans tidak berisi cara membayar.")
        return ChargeResult(**result)

    # ---- status, cancel, refund ----------------------------------------------------------------

    def _status(self, data: JsonObject, order_id: str) -> TransactionStatus:
        refunds = data.get("refunds") or []
        return TransactionStatus(
            order_id=str(data.get("order_id") or order_id),
            transaction_status=str(data.get("transaction_status", "")),
            gross_amount=_amount(data.get("gross_amount")),
            fraud_status=str(data.get("fraud_status") or ""),
            transaction_id=str(data.get("transaction_id") or "")[:64],
            payment_type=str(data.get("payment_type") or "")[:32],
            refunded_keys=frozenset(str(r.get("refund_key")) for r in refunds if isinstance(r, dict)),
        )

    def status(self, order_id: str) -> TransactionStatus:
        return self._status(self.client().status(order_id), order_id)

    def cancel(self, order_id: str) -> TransactionStatus:
        return self._status(self.client().cancel(order_id), order_id)

    def refund(self, order_id: str, *, refund_key: str, amount: int, reason: str) -> RefundResult:
        data = self.client().refund(order_id, refund_key=refund_key, amount=amount, reason=reason)
        refunded = _amount(data.get("refund_amount"))
        if refunded is not None and refunded != amount:
            raise ProviderError(f"Midtrans mengembalikan {refunded}, bukan {amount}.")
        return RefundResult(refund_key=str(data.get("refund_key") or refund_key), amount=amount)

    def refunds_online(self, payment_type: str) -> bool:
        return payment_type in ONLINE_REFUND_TYPES
