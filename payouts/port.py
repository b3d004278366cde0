"""The adapter `orders` calls through its money port (settings.MONEY_LEDGER)."""

from payouts.services import money


class PayoutsMoneyLedger:
    def order_paid(self, *, order) -> None:
        money.money_credit_paid_order(order=order)

    def shipment_refunded(self, *, shipment, amount, key=None, note="") -> None:
        if amount is None:
            money.money_refund_remaining(shipment=shipment, key=key or f"refund-all:{shipment.pk}", note=note)
        else:
            money.money_refund(shipment=shipment, amount=amount, key=key, note=note, at_most_left=True)

    def shipment_received(self, *, shipment) -> None:
        money.money_release(shipment=shipment, note="Diterima pembeli")
