"""The voucher port: what vouchers take off an order, reserved against their budgets at checkout.

`campaigns` owns vouchers and their budgets, above `orders`; checkout asks the backend named in
`settings.VOUCHER_BACKEND` (like the pricing port), so `orders` never imports `campaigns`. The plain
default, `NoVouchers`, knows no voucher: a code given to it is a 400.

Stacking rule (the same in every backend): at most one goods voucher (an amount or a percentage off)
and one shipping voucher per order, on top of the campaign price each line already has.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from marketplace.errors import ValidationError
from marketplace.rows import SqlMark


class Funder:
    """Who pays a discount; the money ledger charges the shop only for what the shop funds."""

    MINISTRY = "ministry"
    SHOP = "shop"
    PLATFORM = "platform"


@dataclass(frozen=True)
class CheckoutLine:
    """What a voucher needs to know of one line: after the campaign price, before any voucher."""

    line_id: int  # the line's variant: a product bought in two variants is two lines
    seller_id: int
    category_ids: tuple[int, ...]  # its category and that category's parent
    seller_province: str
    goods: int  # unit price x quantity


@dataclass(frozen=True)
class CheckoutShipment:
    seller_id: int
    fee: int


@dataclass
class Applied:
    """The vouchers applied to one order. Amounts are whole Rupiah, never more than what they cut."""

    line_discounts: dict[int, int] = field(default_factory=dict)  # variant id -> Rupiah off the line
    shipping_subsidies: dict[int, int] = field(default_factory=dict)  # seller id -> Rupiah off the fee
    goods_funder: str = ""
    shipping_funder: str = ""
    codes: list[str] = field(default_factory=list)
    token: object = None  # the backend's own record of what it reserved, handed back to `record`

    @property
    def voucher_discount(self) -> int:
        return sum(self.line_discounts.values())

    @property
    def shipping_subsidy(self) -> int:
        return sum(self.shipping_subsidies.values())


class VoucherBackend(Protocol):
    def mark_live(self, at: datetime) -> SqlMark | None:
        """An SQL mark `vouchers_live` for checkout's lock statement: whether any automatic voucher
        may apply at `at`. Told it was False and given no code, `reserve` need not read vouchers."""
        ...

    def reserve(
        self, *, buyer, codes: list[str], lines: list[CheckoutLine], shipments: list[CheckoutShipment],
        buyer_province: str, at: datetime, auto_live: bool = True,
    ) -> Applied:  # fmt: skip
        """Inside checkout: choose the vouchers, take their cost from the budgets (conditional
        updates), or raise ConflictError (409) when a budget cannot cover the order."""
        ...

    def estimate(
        self, *, buyer, codes: list[str], lines: list[CheckoutLine], shipments: list[CheckoutShipment],
        buyer_province: str, at: datetime,
    ) -> Applied:  # fmt: skip
        """What `reserve` would take off, for pages: nothing is locked or reserved. A typed code that
        does not apply raises as `reserve` would (the page shows why)."""
        ...

    def record(self, *, order, applied: Applied) -> None:
        """After the order row exists: remember which order used which voucher (for limits and release)."""
        ...

    def release(self, *, order, shipments=None) -> None:
        """Give the budget back: the whole order's (a cancellation) or these shipments' part (a decline)."""
        ...


class NoVouchers:
    def mark_live(self, at):
        return None

    def reserve(self, *, buyer, codes, lines, shipments, buyer_province, at, auto_live=True) -> Applied:
        if codes:
            raise ValidationError({"voucher": [_("Kode voucher tidak dikenal.")]})
        return Applied()

    def estimate(self, *, buyer, codes, lines, shipments, buyer_province, at) -> Applied:
        return self.reserve(
            buyer=buyer, codes=codes, lines=lines, shipments=shipments, buyer_province=buyer_province, at=at
        )

    def record(self, *, order, applied) -> None:
        pass

    def release(self, *, order, shipments=None) -> None:
        pass


def checkout_lines(rows) -> list[CheckoutLine]:
    """Lines as vouchers see them, from anything with `.product` (seller and category loaded),
    `.quantity` and `.unit_price` (the price after campaigns)."""
    return [
        CheckoutLine(
            line_id=row.variant.pk,
            seller_id=row.product.seller_id,
            category_ids=(row.product.category_id, row.product.category.parent_id),
            seller_province=row.product.seller.province,
            goods=row.unit_price * row.quantity,
        )
        for row in rows
    ]


@lru_cache(maxsize=4)
def _backend(path: str):
    return import_string(path)()


def voucher_backend() -> VoucherBackend:
    return _backend(settings.VOUCHER_BACKEND)
