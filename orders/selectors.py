"""Reads on carts, orders and shipments, each with its queries planned."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from marketplace.errors import DomainError
from marketplace.pricing import Quote, quote_variants
from marketplace.provinces import PROVINCES
from orders import rates
from orders.models import BuyerAddress, CartLine, Order, OrderLine, Shipment
from orders.rates import RateOption
from orders.services.cart import SESSION_KEY
from orders.vouchers import Applied, CheckoutShipment, checkout_lines, voucher_backend
from sellers.models import Product, ProductVariant, Seller
from sellers.photos import PHOTOS_OF_PRODUCT, photos_via


@dataclass
class CartRow:
    id: int | None  # None for a session cart line
    variant: ProductVariant
    quantity: int
    quote: Quote

    @property
    def product(self) -> Product:
        return self.variant.product

    @property
    def variant_name(self) -> str:
        return self.variant.name

    @property
    def unit_price(self) -> int:
        return self.quote.unit_price

    @property
    def line_total(self) -> int:
        return self.quote.unit_price * self.quantity

    @property
    def seller(self) -> Seller:
        return self.product.seller

    @property
    def available(self) -> bool:
        """Still for sale: deactivated products, and those of a shop no longer verified, cannot be bought."""
        return (
            self.variant.is_active and self.product.is_active and self.product.seller.status == Seller.Status.VERIFIED
        )


@dataclass
class CartView:
    """The cart's lines; its totals count only the lines still for sale, which checkout can buy."""

    lines: list[CartRow] = field(default_factory=list)

    @property
    def buyable(self) -> list[CartRow]:
        return [row for row in self.lines if row.available]

    @property
    def unavailable(self) -> list[CartRow]:
        return [row for row in self.lines if not row.available]

    @property
    def subtotal(self) -> int:
        return sum(row.quote.list_price * row.quantity for row in self.buyable)

    @property
    def discount_total(self) -> int:
        return sum(row.quote.discount * row.quantity for row in self.buyable)

    @property
    def total(self) -> int:
        return self.subtotal - self.discount_total

    @property
    def count(self) -> int:
        return sum(row.quantity for row in self.buyable)

    def by_seller(self) -> list[tuple[Seller, list[CartRow]]]:
        groups: dict[int, tuple[Seller, list[CartRow]]] = {}
        for row in self.lines:
            groups.setdefault(row.seller.pk, (row.seller, []))[1].append(row)
        return list(groups.values())


def _priced(rows: list[tuple[int | None, ProductVariant, int]], buyer) -> CartView:
    quotes = quote_variants([variant for _, variant, _ in rows], timezone.now(), buyer=buyer)
    return CartView([CartRow(id=i, variant=v, quantity=q, quote=quotes[v.pk]) for i, v, q in rows])


def cart_for_user(*, user) -> CartView:
    lines = (
        CartLine.objects.filter(user=user)
        .select_related("variant__product__seller", "variant__product__category")
        .prefetch_related(photos_via("variant__product"))
    )
    return _priced([(line.pk, line.variant, line.quantity) for line in lines], user)


def cart_for_session(*, session) -> CartView:
    wanted = {int(vid): qty for vid, qty in session.get(SESSION_KEY, {}).items()}
    variants = (
        ProductVariant.objects.filter(pk__in=wanted)
        .select_related("product__seller", "product__category")
        .prefetch_related(PHOTOS_OF_PRODUCT)
    )
    return _priced([(None, v, wanted[v.pk]) for v in variants], None)


def order_list_for_buyer(*, user) -> QuerySet[Order]:
    return Order.objects.filter(buyer=user).select_related("payment").prefetch_related("shipments__seller")


def order_summary_for_buyer(*, user, number: str) -> Order | None:
    """An order with its lines, shipments and payment: what the API shows (three queries)."""
    return (
        Order.objects.filter(buyer=user, number=number)
        .select_related("payment")
        .prefetch_related("lines", Prefetch("shipments", queryset=Shipment.objects.select_related("seller")))
        .first()
    )


def order_detail_for_buyer(*, user, number: str) -> Order | None:
    """Everything the order page shows: also each shipment's lines and the event timeline."""
    return (
        Order.objects.filter(buyer=user, number=number)
        .select_related("payment")
        .prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.select_related("product", "seller")),
            Prefetch(
                "shipments",
                queryset=Shipment.objects.select_related("seller").prefetch_related(
                    Prefetch(
                        "lines",
                        queryset=OrderLine.objects.select_related("product").prefetch_related(PHOTOS_OF_PRODUCT),
                    ),
                    "tracking_events",
                ),
            ),
            "events",
        )
        .first()
    )


def shipments_for_seller(*, seller: Seller, status: str | None = None) -> QuerySet[Shipment]:
    """A shop's part of paid orders. Orders never paid (awaiting payment, or cancelled or expired
    unpaid) are not the shop's business: it has nothing to pack, and no claim to the buyer's address."""
    qs = (
        Shipment.objects.filter(seller=seller, order__paid_at__isnull=False)
        .select_related("order", "order__buyer", "seller")
        .prefetch_related("lines")
        .order_by("-order__created_at", "-id")
    )
    return qs.filter(status=status) if status else qs


def shipment_for_member(*, shipment_id: int, user) -> Shipment | None:
    return Shipment.objects.filter(pk=shipment_id, seller__members__user=user).select_related("order").first()


def shipment_for_member_or_buyer(*, shipment_id: int, user) -> Shipment | None:
    """A shipment its shop's members or its buyer may act on; anyone else gets None (a 404)."""
    return (
        Shipment.objects.filter(Q(seller__members__user=user) | Q(order__buyer=user), pk=shipment_id)
        .select_related("order")
        .distinct()
        .first()
    )


@dataclass
class ShopEstimate:
    seller: Seller
    rows: list[CartRow]
    weight_grams: int
    options: list[RateOption]
    chosen: RateOption | None  # None: no courier of this shop reaches the address yet

    @property
    def goods(self) -> int:
        return sum(row.line_total for row in self.rows if row.available)

    @property
    def shipping_fee(self) -> int | None:
        return self.chosen.fee if self.chosen else None


@dataclass
class CheckoutEstimate:
    """What the checkout page shows before placing: an estimate; order_place computes the real totals."""

    shops: list[ShopEstimate]
    goods_total: int
    shipping_total: int | None
    vouchers: Applied = field(default_factory=Applied)
    voucher_error: str = ""

    @property
    def total(self) -> int | None:
        if self.shipping_total is None:
            return None
        return self.goods_total - self.vouchers.voucher_discount + self.shipping_total - self.vouchers.shipping_subsidy


def checkout_estimate(
    *,
    cart: CartView,
    destination: rates.Place | None,
    choices: dict[int, str] | None = None,
    buyer=None,
    voucher_codes: list[str] | None = None,
) -> CheckoutEstimate:
    """Each shop's part of the cart with the courier options for it, priced as checkout will price
    them (asking the provider here also warms its cache for the checkout that follows)."""
    choices = choices or {}
    groups = []
    for seller, rows in cart.by_seller():
        buyable = [row for row in rows if row.available]
        weight = sum(row.product.weight_grams * row.quantity for row in buyable)
        value = sum(row.line_total for row in buyable)
        groups.append((seller, rows, weight, value))
    answers = [rates.Options() for _ in groups]
    if destination is not None and destination.province in PROVINCES:
        parcels = [
            rates.parcel_of(seller=seller, destination=destination, weight_grams=weight, value=value)
            for seller, _, weight, value in groups
        ]
        answers = rates.rate_provider().options(parcels)
    shops = []
    for (seller, rows, weight, _), options in zip(groups, answers, strict=True):
        wanted, _, service = (choices.get(seller.pk) or "").partition(":")
        chosen = (options.find(wanted, service) if wanted else None) or (options.rates[0] if options.rates else None)
        shops.append(ShopEstimate(seller=seller, rows=rows, weight_grams=weight, options=options.rates, chosen=chosen))
    fees = [shop.shipping_fee for shop in shops]
    shipping_total = None if any(fee is None for fee in fees) else sum(fees)
    estimate = CheckoutEstimate(shops=shops, goods_total=cart.total, shipping_total=shipping_total)
    if shipping_total is not None:
        estimate.vouchers, estimate.voucher_error = _voucher_estimate(
            buyer=buyer, codes=voucher_codes or [], shops=shops, province=destination.province
        )
    return estimate


def _voucher_estimate(*, buyer, codes, shops, province) -> tuple[Applied, str]:
    """The vouchers checkout would apply (the best automatic ones, or the codes typed), or why a code does not."""
    rows = [row for shop in shops for row in shop.rows if row.available]
    fees = [CheckoutShipment(seller_id=shop.seller.pk, fee=shop.shipping_fee) for shop in shops]
    try:
        applied = voucher_backend().estimate(
            buyer=buyer, codes=codes, lines=checkout_lines(rows), shipments=fees, buyer_province=province,
            at=timezone.now(),
        )  # fmt: skip
    except DomainError as exc:
        detail = exc.detail if isinstance(exc.detail, str) else " ".join(map(str, exc.detail.get("voucher", [])))
        return Applied(), detail
    return applied, ""


def last_address_for_buyer(*, user) -> dict:
    """The address and courier of the buyer's latest order, to fill the checkout form in advance."""
    fields = ("recipient", "phone", "street", "city", "province", "regency", "district", "postal_code", "courier")
    return Order.objects.filter(buyer=user).values(*fields).first() or {}


def address_list_for_buyer(*, user) -> QuerySet[BuyerAddress]:
    """The buyer's address book, the default first."""
    return BuyerAddress.objects.filter(user=user).select_related("regency", "district")
