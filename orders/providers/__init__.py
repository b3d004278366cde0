"""The payment provider port: how orders start, check, cancel and refund a payment at a provider.

Providers are named in `settings.PAYMENT_PROVIDERS` (name -> dotted class path), like the pricing
port. The services in `orders.services.charges` and `orders.services.refunds` talk only to this
protocol; the adapters (`testing`, `midtrans`) speak to the outside world.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class ProviderError(Exception):
    """The provider answered and said no (a 4xx or an error body)."""

    def __init__(self, message: str, *, status_code: str = ""):
        super().__init__(message)
        self.status_code = status_code


class ProviderUnavailable(ProviderError):
    """No answer, a timeout or a 5xx: the request may or may not have been carried out; retry later."""


class ProviderNotFound(ProviderError):
    """The provider knows no transaction with this order_id (a Snap page nobody paid on, say)."""


@dataclass(frozen=True)
class Item:
    """One item of a charge. Prices are whole Rupiah; a discount is an item with a negative price."""

    id: str
    name: str
    price: int
    quantity: int = 1

    @property
    def total(self) -> int:
        return self.price * self.quantity


@dataclass(frozen=True)
class ChargeRequest:
    order_id: str
    method: str
    gross_amount: int
    items: list[Item]
    expires_at: datetime
    customer_name: str
    customer_email: str
    customer_phone: str


@dataclass(frozen=True)
class ChargeResult:
    """What the buyer needs to pay: one of a VA number, a QR string or a redirect."""

    transaction_id: str = ""
    bank: str = ""
    va_number: str = ""
    biller_code: str = ""
    qr_string: str = ""
    redirect_url: str = ""
    settled: bool = False  # the test provider settles at once


@dataclass(frozen=True)
class TransactionStatus:
    """The provider's own answer about one transaction; this, not a notification, decides."""

    order_id: str
    transaction_status: str  # pending, settlement, capture, deny, cancel, expire, failure, refund, partial_refund
    gross_amount: int | None
    fraud_status: str = ""
    transaction_id: str = ""
    payment_type: str = ""
    refunded_keys: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_settled(self) -> bool:
        if self.transaction_status == "capture":
            return self.fraud_status == "accept"
        return self.transaction_status in ("settlement", "refund", "partial_refund")


@dataclass(frozen=True)
class RefundResult:
    refund_key: str
    amount: int


class PaymentProvider(Protocol):
    name: str
    methods: tuple[str, ...]

    def available(self) -> bool:
        """Configured and allowed on this server."""

    def charge(self, request: ChargeRequest) -> ChargeResult: ...

    def status(self, order_id: str) -> TransactionStatus: ...

    def cancel(self, order_id: str) -> TransactionStatus: ...

    def refund(self, order_id: str, *, refund_key: str, amount: int, reason: str) -> RefundResult: ...

    def refunds_online(self, payment_type: str) -> bool:
        """Whether money paid this way can be given back through the API (else staff transfer it)."""


@lru_cache(maxsize=8)
def _load(path: str):
    return import_string(path)()


def provider(name: str) -> PaymentProvider:
    """The provider registered under `name`; KeyError when this server does not list it."""
    return _load(settings.PAYMENT_PROVIDERS[name])


def available_providers() -> list[PaymentProvider]:
    return [p for p in (provider(name) for name in settings.PAYMENT_PROVIDERS) if p.available()]


def provider_for_method(method: str) -> PaymentProvider | None:
    """The first available provider offering `method`, in the order the setting lists them."""
    for candidate in available_providers():
        if method in candidate.methods:
            return candidate
    return None


def available_methods() -> list[str]:
    return [method for p in available_providers() for method in p.methods]


def simulation_enabled() -> bool:
    """Whether the development test provider answers on this server."""
    return provider_for_method("test") is not None
