"""The development test provider: "paying" settles at once and no money moves.

It answers only while DEBUG is on and PAYMENT_TEST_PROVIDER_ENABLED is set, so a production server
(DEBUG off) can never be paid through it, whatever else is configured.
"""

from django.conf import settings

from orders.providers import ChargeRequest, ChargeResult, RefundResult, TransactionStatus


class TestProvider:
    __test__ = False  # not a pytest test class
    name = "test"
    methods = ("test",)

    def available(self) -> bool:
        return bool(settings.DEBUG and settings.PAYMENT_TEST_PROVIDER_ENABLED)

    def charge(self, request: ChargeRequest) -> ChargeResult:
        return ChargeResult(transaction_id=f"TEST-{request.order_id}", settled=True)

    def status(self, order_id: str) -> TransactionStatus:
        return TransactionStatus(order_id=order_id, transaction_status="settlement", gross_amount=None)

    def cancel(self, order_id: str) -> TransactionStatus:
        return TransactionStatus(order_id=order_id, transaction_status="cancel", gross_amount=None)

    def refund(self, order_id: str, *, refund_key: str, amount: int, reason: str) -> RefundResult:
        return RefundResult(refund_key=refund_key, amount=amount)

    def refunds_online(self, payment_type: str) -> bool:
        return True
