"""The money port: what an order's life does to the shops' money (see docs/architecture.md, "Seller money").

The ledger lives above `orders` (in `payouts`), so the order services call the adapter named in
`settings.MONEY_LEDGER` directly inside their own transactions, never through signals. The plain
default, `NoMoneyLedger`, keeps no money records (for a deployment without payouts).
"""

from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class MoneyLedger(Protocol):
    def order_paid(self, *, order) -> None:
        """Credit each shop's held funds with its shipment of a just-paid order."""
        ...

    def shipment_refunded(self, *, shipment, amount: int | None, key: str | None = None, note: str = "") -> None:
        """Give `amount` of a shipment back to the buyer (None: all that is left). `key` makes a repeat harmless."""
        ...

    def shipment_received(self, *, shipment) -> None:
        """The buyer confirmed receipt: the shipment's held funds become available."""
        ...


class NoMoneyLedger:
    def order_paid(self, *, order) -> None:
        pass

    def shipment_refunded(self, *, shipment, amount, key=None, note="") -> None:
        pass

    def shipment_received(self, *, shipment) -> None:
        pass


@lru_cache
def money_ledger() -> MoneyLedger:
    return import_string(settings.MONEY_LEDGER)()
