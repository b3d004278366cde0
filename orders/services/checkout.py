"""Checkout: one order, one shipment per seller, stock taken in the same transaction.

The number of queries is fixed whatever the number of lines and sellers: products are locked in one
`SELECT ... FOR UPDATE ORDER BY id` (a fixed order, so concurrent checkouts cannot deadlock), stock
is taken in one conditional `UPDATE`, and every insert is a bulk insert.

Shipping is priced inside the transaction, because each shop's parcel weight is only known from the
locked products. The table provider reads a cached table (no query); an aggregator is asked with a
short timeout and usually answers from the cache the checkout page's estimate filled, so the row
locks are never held waiting on a slow courier API.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, When
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, ValidationError
from marketplace.pricing import pricing_backend
from marketplace.provinces import PROVINCES
from marketplace.regions import place_check
from orders import rates
from orders.models import CartLine, Order, OrderEvent, OrderLine, Payment, Shipment
from orders.services.order_emails import order_emails_queue
from orders.services.order_numbers import order_id_next
from orders.services.placed import order_with_rows
from orders.vouchers import CheckoutLine, CheckoutShipment, voucher_backend
from sellers.models import Product, Seller

MAX_LINES = 100

# ASCII digits only: `\d` also takes other scripts' digits (`１２３４５`), which no courier can read.
POSTAL_CODE = re.compile(r"[0-9]{5}")
PHONE = re.compile(r"\+?[0-9 ()-]{8,20}")


@dataclass(frozen=True)
class Address:
    recipient: str
    phone: str
    street: str
    city: str
    province: str
    postal_code: str
    regency: str = ""
    district: str = ""


@dataclass
class Item:
    product: Product
    quantity: int


def _merge_items(items: list[tuple[int, int]]) -> dict[int, int]:
    merged: dict[int, int] = defaultdict(int)
    for product_id, quantity in items:
        merged[product_id] += quantity
    return dict(merged)


def _lock_products(quantities: dict[int, int], *, from_cart: bool, at) -> list[Item]:
    products = pricing_backend().mark_live(
        Product.objects.select_for_update(of=("self",))
        .select_related("seller", "category")
        .filter(pk__in=quantities)
        .order_by("pk"),
        at,
    )
    found = {p.pk: p for p in products}
    problems = []
    for product_id in quantities:
        product = found.get(product_id)
        if product is not None and product.is_active and product.seller.status == Seller.Status.VERIFIED:
            continue
        if product is not None and from_cart:
            # Withdrawn since the buyer put it in the cart (where it was for sale): name it, to be removed.
            problems.append(_("%(name)s tidak dijual lagi; hapus dari keranjang.") % {"name": product.name})
        else:
            # Named by id only: a product of a shop not (yet) verified is private to that shop.
            problems.append(_("Produk %(id)s: Produk tidak ditemukan atau tidak dijual.") % {"id": product_id})
    if problems:
        raise ValidationError({"lines": problems})
    short = [
        {"product": p.pk, "name": p.name, "requested": quantities[p.pk], "available": p.stock}
        for p in found.values()
        if p.stock < quantities[p.pk]
    ]
    if short:
        names = ", ".join(_("%(name)s (tersisa %(left)s)") % {"name": s["name"], "left": s["available"]} for s in short)
        raise ConflictError(_("Stok tidak cukup: %(names)s.") % {"names": names}, extra={"products": short})
    return [Item(product=found[pid], quantity=quantities[pid]) for pid in sorted(quantities)]


def _take_stock(items: list[Item]) -> None:
    """One conditional UPDATE; the CHECK (stock >= 0) constraint is the last guard."""
    Product.objects.filter(pk__in=[i.product.pk for i in items]).update(
        stock=Case(*[When(pk=i.product.pk, then=F("stock") - i.quantity) for i in items])
    )


def _check_address(address: Address) -> None:
    """The last guard on what the forms and the API already check, for every other caller."""
    errors = {}
    if address.province not in PROVINCES:
        errors["province"] = [_("Kode provinsi tidak dikenal.")]
    if not POSTAL_CODE.fullmatch(address.postal_code or ""):
        errors["postal_code"] = [_("Kode pos 5 digit angka.")]
    if not PHONE.fullmatch(address.phone or ""):
        errors["phone"] = [_("Nomor telepon tidak valid.")]
    if errors:
        raise ValidationError({"shipping_address": errors})


def order_number(order_id: int, at) -> str:
    return f"INV-{timezone.localdate(at):%Y%m%d}-{order_id:06d}"


def _choose(*, seller: Seller, options: rates.Options, choice: str | None, courier: str | None) -> rates.RateOption:
    """The option the buyer chose for this shop ("jne:reg", or a courier), else the cheapest."""
    if choice:
        wanted, _colon, service = choice.partition(":")
        option = options.find(wanted, service)
        if option is None:
            raise ValidationError(
                {
                    "shipments": [
                        _("%(shop)s: kurir %(choice)s tidak tersedia untuk alamat ini.")
                        % {"shop": seller.name, "choice": choice}
                    ]
                }
            )
        return option
    if courier:
        option = options.find(courier)
        if option is None:
            raise ValidationError(
                {"courier": [_("%(shop)s tidak mengirim dengan kurir ini ke alamat tujuan.") % {"shop": seller.name}]}
            )
        return option
    if not options.rates:
        raise ValidationError({"shipments": [_("%(shop)s belum bisa mengirim ke alamat ini.") % {"shop": seller.name}]})
    return options.rates[0]


def order_place(
    *,
    buyer,
    address: Address,
    items: list[tuple[int, int]] | None = None,
    courier: str | None = None,
    choices: dict[int, str] | None = None,
    vouchers: list[str] | None = None,
) -> Order:
    """Place an order from `items` [(product_id, quantity)], or from the buyer's cart (then emptied).

    Each shop's parcel goes with the courier service chosen for it in `choices` ({seller id:
    "jne:reg"}), else with `courier` for every shop (the first API's one courier), else the cheapest.
    `vouchers` are codes the buyer typed; automatic vouchers apply by themselves (orders/vouchers.py).
    The fee comes from the rate provider, which never fails for being down (the table answers); the
    shipment records which provider priced it.
    """
    _check_address(address)
    place = place_check(
        province=address.province, regency=address.regency, district=address.district, prefix="shipping_address"
    )
    destination = rates.Place(
        province=address.province,
        regency=place.regency_code,
        district=place.district_code,
        postal_code=address.postal_code,
    )
    choices = choices or {}
    now = timezone.now()
    with transaction.atomic():
        from_cart = items is None
        if from_cart:
            items = list(CartLine.objects.filter(user=buyer).values_list("product_id", "quantity"))
            if not items:
                raise ValidationError({"lines": [_("Keranjang belanja kosong.")]})
        quantities = _merge_items(items)
        if len(quantities) > MAX_LINES:
            raise ValidationError({"lines": [_("Paling banyak %(max)s produk per pesanan.") % {"max": MAX_LINES}]})

        locked = _lock_products(quantities, from_cart=from_cart, at=now)
        quotes = pricing_backend().reserve(locked, buyer=buyer, at=now)
        _take_stock(locked)

        by_seller: dict[int, list[Item]] = defaultdict(list)
        for item in locked:
            by_seller[item.product.seller_id].append(item)

        parcels, goods_of = [], []
        for seller_items in by_seller.values():
            weight = sum(i.product.weight_grams * i.quantity for i in seller_items)
            goods = sum(quotes[i.product.pk].unit_price * i.quantity for i in seller_items)
            seller = seller_items[0].product.seller
            parcels.append(rates.parcel_of(seller=seller, destination=destination, weight_grams=weight, value=goods))
            goods_of.append((seller, weight, goods))
        shipments, subtotal, discount_total = [], 0, 0
        for (seller, weight, goods), options in zip(goods_of, rates.rate_provider().options(parcels), strict=True):
            option = _choose(seller=seller, options=options, choice=choices.get(seller.pk), courier=courier)
            shipments.append(
                Shipment(
                    seller=seller,
                    subtotal=goods,
                    weight_grams=weight,
                    shipping_fee=option.fee,
                    courier=option.courier,
                    chosen_courier=option.courier,
                    service=option.service,
                    eta_days=option.eta,
                    rate_provider=option.provider,
                )
            )
        for item in locked:
            quote = quotes[item.product.pk]
            subtotal += quote.list_price * item.quantity
            discount_total += quote.discount * item.quantity
        shipping_total = sum(s.shipping_fee for s in shipments)
        applied = _apply_vouchers(
            buyer=buyer,
            codes=vouchers or [],
            locked=locked,
            quotes=quotes,
            shipments=shipments,
            address=address,
            at=now,
        )

        order_id = order_id_next()  # None on SQLite: the number is then written after the insert
        order = Order.objects.create(
            id=order_id,
            number=order_number(order_id, now) if order_id else f"tmp-{buyer.pk}-{now.timestamp()}",
            buyer=buyer,
            recipient=address.recipient,
            phone=address.phone,
            street=address.street,
            city=address.city or (place.regency.name if place.regency else ""),
            province=address.province,
            regency=place.regency_code,
            regency_name=place.regency.name if place.regency else "",
            district=place.district_code,
            district_name=place.district.name if place.district else "",
            postal_code=address.postal_code,
            courier=courier or shipments[0].courier,
            subtotal=subtotal,
            discount_total=discount_total,
            shipping_total=shipping_total,
            voucher_discount=applied.voucher_discount,
            shipping_subsidy=applied.shipping_subsidy,
            voucher_codes=", ".join(applied.codes)[:120],
            total=subtotal - discount_total - applied.voucher_discount + shipping_total - applied.shipping_subsidy,
            payment_deadline=now + settings.PAYMENT_DEADLINE,
            created_at=now,
        )
        if order_id is None:
            order.number = order_number(order.pk, now)
            Order.objects.filter(pk=order.pk).update(number=order.number)

        for shipment in shipments:
            shipment.order = order
        Shipment.objects.bulk_create(shipments)
        shipment_of = {s.seller_id: s for s in shipments}
        lines = []
        for item in locked:
            quote = quotes[item.product.pk]
            lines.append(
                OrderLine(
                    order=order,
                    shipment=shipment_of[item.product.seller_id],
                    product=item.product,
                    seller_id=item.product.seller_id,
                    category_id=item.product.category_id,
                    product_name=item.product.name,
                    quantity=item.quantity,
                    list_price=quote.list_price,
                    unit_price=quote.unit_price,
                    discount=quote.discount,
                    campaign_id=quote.campaign.id if quote.campaign else None,
                    campaign_hashtag=quote.campaign.hashtag if quote.campaign else "",
                    voucher_discount=applied.line_discounts.get(item.product.pk, 0),
                    voucher_funder=applied.goods_funder if item.product.pk in applied.line_discounts else "",
                )
            )
        OrderLine.objects.bulk_create(lines)
        voucher_backend().record(order=order, applied=applied)
        order_with_rows(order, lines=lines, shipments=shipments)  # the 201 answer reads nothing back
        order.payment = Payment.objects.create(order=order, amount=order.total)
        OrderEvent.objects.create(order=order, actor=buyer, to_status=order.status, note="Pesanan dibuat")
        order_emails_queue(order=order, buyer=buyer, shipments=shipments)
        if from_cart:
            # Only the lines read above: one added from another tab meanwhile stays in the cart.
            CartLine.objects.filter(user=buyer, product_id__in=quantities).delete()
    return order


def _apply_vouchers(*, buyer, codes, locked, quotes, shipments, address, at):
    """Ask the voucher port what comes off (budgets reserved in this transaction) and note it on
    each shipment with its funder; the lines get theirs when they are built."""
    lines = [
        CheckoutLine(
            product_id=item.product.pk,
            seller_id=item.product.seller_id,
            category_ids=(item.product.category_id, item.product.category.parent_id),
            seller_province=item.product.seller.province,
            goods=quotes[item.product.pk].unit_price * item.quantity,
        )
        for item in locked
    ]
    fees = [CheckoutShipment(seller_id=s.seller.pk, fee=s.shipping_fee) for s in shipments]
    applied = voucher_backend().reserve(
        buyer=buyer, codes=codes, lines=lines, shipments=fees, buyer_province=address.province, at=at
    )
    seller_of = {line.product_id: line.seller_id for line in lines}
    for shipment in shipments:
        shipment.voucher_discount = sum(
            off for product_id, off in applied.line_discounts.items() if seller_of[product_id] == shipment.seller.pk
        )
        shipment.voucher_funder = applied.goods_funder if shipment.voucher_discount else ""
        shipment.shipping_subsidy = applied.shipping_subsidies.get(shipment.seller.pk, 0)
        shipment.subsidy_funder = applied.shipping_funder if shipment.shipping_subsidy else ""
    return applied
