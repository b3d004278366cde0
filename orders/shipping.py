"""Shipping fees: billable weight in whole kilograms (at least 1) times the per-kg rate.

The rates themselves, by origin and destination, come through the rate port in orders.rates.
"""

from orders.rates import billable_kg, shipping_rates_changed

__all__ = ["billable_kg", "shipping_fee", "shipping_rates_changed"]


def shipping_fee(*, weight_grams: int, per_kg: int) -> int:
    return billable_kg(weight_grams) * per_kg
