"""Checkout: one order, one shipment per seller, stock taken in the same transaction.

The number of queries is fixed whatever the number of lines and sellers: the variants bought and
their products are locked in one `SELECT ... FOR UPDATE ORDER BY product, variant` (a fixed order, so
concurrent checkouts cannot deadlock), stock is taken from the variants in one conditional `UPDATE`
(the products' summed stock follows in one more), and every insert is a bulk insert.

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
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, ValidationError
from marketplace.pricing import pricing_backend
from marketplace.provinces import PROVINCES
from marketplace.regions import place_check
from marketplace.rows import rows_insert
from marketplace.text import name_errors
from orders import rates
from orders.models import CartLine, Order, OrderEvent, OrderLine, Payment, Shipment
from orders.services.email import emails_send_after_commit
from orders.services.lifecycle import order_settle_free
from orders.services.order_emails import order_emails
from orders.services.order_numbers import order_id_next
from orders.services.placed import order_with_rows
from orders.vouchers import CheckoutLine, CheckoutShipment, voucher_backend
from sellers.models import Product, ProductVariant, Seller
from sellers.services_variants import stock_take, variants_lock

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
    variant: ProductVariant
    quantity: int

    @property
    def product(self) -> Product:
        return self.variant.product


def _merge_items(items: list[tuple[int, int]]) -> dict[int, int]:
    merged: dict[int, int] = defaultdict(int)
    for variant_id, quantity in items:
        merged[variant_id] += quantity
    return dict(merged)


def variant_label(variant: ProductVariant) -> str:
    """ "Kopi Gayo (1 kg / biji)", or the product's name alone for a product without options."""
    name = variant.product.name
    return f"{name} ({variant.name})" if variant.name else name


def _by_product(found: dict, product_quantities: dict[int, int], quantities: dict[int, int]) -> list[str]:
    """Add the first API's `{product, quantity}` lines to `quantities` as their only variant's."""
    problems = []
    for product_id, quantity in product_quantities.items():
        variants = [v for v in found.values() if v.product_id == product_id and v.is_active]
        for_sale = [v for v in variants if v.product.is_active and v.product.seller.status == Seller.Status.VERIFIED]
        if len(for_sale) == 1:
            quantities[for_sale[0].pk] = quantities.get(for_sale[0].pk, 0) + quantity
        elif not for_sale:
            problems.append(_("Produk %(id)s: Produk tidak ditemukan atau tidak dijual.") % {"id": product_id})
        else:
            names = ", ".join(f"{v.display_name} (id {v.pk})" for v in for_sale)
            problems.append(
                _("Produk %(id)s punya beberapa varian; pilih salah satu: %(names)s.")
                % {"id": product_id, "names": names}
            )
    return problems


def _lock_variants(
    quantities: dict[int, int], *, from_cart: bool, at, product_quantities: dict[int, int] | None = None
) -> list[Item]:
    product_quantities = product_quantities or {}
    # The same statement marks whether a campaign may price each product and whether any automatic
    # voucher is live, so the pricing and voucher ports can skip their own reads when none can apply.
    marks = [mark for mark in (pricing_backend().mark_live(at), voucher_backend().mark_live(at)) if mark]
    found = variants_lock(quantities, product_ids=product_quantities, marks=marks)
    for variant in found.values():
        if hasattr(variant, "campaign_live"):
            variant.product.campaign_live = variant.campaign_live
    quantities = dict(quantities)
    problems = _by_product(found, product_quantities, quantities)
    for variant_id in quantities:
        variant = found.get(variant_id)
        product = variant.product if variant is not None else None
        if (
            product is not None
            and variant.is_active
            and product.is_active
            and product.seller.status == Seller.Status.VERIFIED
        ):
            continue
        if product is not None and from_cart:
            # Withdrawn since the buyer put it in the cart (where it was for sale): name it, to be removed.
            problems.append(_("%(name)s tidak dijual lagi; hapus dari keranjang.") % {"name": variant_label(variant)})
        else:
            # Named by id only: a product of a shop not (yet) verified is private to that shop.
            problems.append(_("Varian %(id)s: Produk tidak ditemukan atau tidak dijual.") % {"id": variant_id})
    if problems:
        raise ValidationError({"lines": problems})
    # Keyed by variant: two sizes of one gamis each have their own stock.
    short = [
        {
            "product": v.product_id,
            "variant": v.pk,
            "name": variant_label(v),
            "requested": quantities[v.pk],
            "available": v.stock,
        }
        for v in found.values()
        if v.pk in quantities and v.stock < quantities[v.pk]
    ]
    if short:
        names = ", ".join(_("%(name)s (tersisa %(left)s)") % {"name": s["name"], "left": s["available"]} for s in short)
        raise ConflictError(_("Stok tidak cukup: %(names)s.") % {"names": names}, extra={"products": short})
    return [Item(variant=found[vid], quantity=quantities[vid]) for vid in sorted(quantities)]


def _check_address(address: Address) -> None:
    """The last guard on what the forms and the API already check, for every other caller."""
    errors = {}
    if address.province not in PROVINCES:
        errors["province"] = [_("Kode provinsi tidak dikenal.")]
    if not POSTAL_CODE.fullmatch(address.postal_code or ""):
        errors["postal_code"] = [_("Kode pos 5 digit angka.")]
    if not PHONE.fullmatch(address.phone or ""):
        errors["phone"] = [_("Nomor telepon tidak valid.")]
    errors.update(name_errors({"recipient": address.recipient, "city": address.city}))  # printed on the label
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
    product_items: list[tuple[int, int]] | None = None,
    courier: str | None = None,
    choices: dict[int, str] | None = None,
    vouchers: list[str] | None = None,
    savepoint: bool = True,
) -> Order:
    """Place an order from `items` [(variant_id, quantity)], or from the buyer's cart (then emptied).

    `product_items` [(product_id, quantity)] are the first API's lines: each product stands for its
    only variant, resolved under the same lock (a product with several variants is refused, naming them).

    Each shop's parcel goes with the courier service chosen for it in `choices` ({seller id:
    "jne:reg"}), else with `courier` for every shop (the first API's one courier), else the cheapest.
    `vouchers` are codes the buyer typed; automatic vouchers apply by themselves (orders/vouchers.py).
    The fee comes from the rate provider, which never fails for being down (the table answers); the
    shipment records which provider priced it.

    `savepoint=False` is for a caller whose own transaction rolls back whole when this raises (the
    API's Idempotency-Key): a savepoint there buys nothing and costs two statements per order.
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
    with transaction.atomic(savepoint=savepoint):
        from_cart = items is None and product_items is None
        items = items or []
        if from_cart:
            items = list(CartLine.objects.filter(user=buyer).values_list("variant_id", "quantity"))
            if not items:
                raise ValidationError({"lines": [_("Keranjang belanja kosong.")]})
        quantities = _merge_items(items)
        product_quantities = _merge_items(product_items or [])
        if len(quantities) + len(product_quantities) > MAX_LINES:
            raise ValidationError({"lines": [_("Paling banyak %(max)s produk per pesanan.") % {"max": MAX_LINES}]})

        locked = _lock_variants(quantities, from_cart=from_cart, product_quantities=product_quantities, at=now)
        quotes = pricing_backend().reserve(locked, buyer=buyer, at=now)
        stock_take({item.variant: item.quantity for item in locked})

        by_seller: dict[int, list[Item]] = defaultdict(list)
        for item in locked:
            by_seller[item.product.seller_id].append(item)

        parcels, goods_of = [], []
        for seller_items in by_seller.values():
            weight = sum(i.variant.weight_grams * i.quantity for i in seller_items)
            goods = sum(quotes[i.variant.pk].unit_price * i.quantity for i in seller_items)
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
            quote = quotes[item.variant.pk]
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
        order = Order(
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
        for shipment in shipments:
            shipment.order = order
        rows_insert([order], shipments)  # one statement on PostgreSQL, like the one below
        if order_id is None:
            order.number = order_number(order.pk, now)
            Order.objects.filter(pk=order.pk).update(number=order.number)

        shipment_of = {s.seller_id: s for s in shipments}
        lines = []
        for item in locked:
            quote = quotes[item.variant.pk]
            lines.append(
                OrderLine(
                    order=order,
                    shipment=shipment_of[item.product.seller_id],
                    product=item.product,
                    seller_id=item.product.seller_id,
                    category_id=item.product.category_id,
                    product_name=item.product.name,
                    variant=item.variant,
                    variant_name=item.variant.name,
                    quantity=item.quantity,
                    list_price=quote.list_price,
                    unit_price=quote.unit_price,
                    discount=quote.discount,
                    campaign_id=quote.campaign.id if quote.campaign else None,
                    campaign_hashtag=quote.campaign.hashtag if quote.campaign else "",
                    voucher_discount=applied.line_discounts.get(item.variant.pk, 0),
                    voucher_funder=applied.goods_funder if item.variant.pk in applied.line_discounts else "",
                )
            )
        order.payment = Payment(order=order, amount=order.total)
        event = OrderEvent(order=order, actor=buyer, to_status=order.status, note="Pesanan dibuat")
        emails = order_emails(order=order, buyer=buyer, shipments=shipments)
        rows_insert(lines, [order.payment], [event], emails)
        emails_send_after_commit(emails)
        voucher_backend().record(order=order, applied=applied)
        if order.total == 0:
            order_settle_free(order)
        order_with_rows(order, lines=lines, shipments=shipments)  # the 201 answer reads nothing back
        if from_cart:
            # Only the lines read above: one added from another tab meanwhile stays in the cart.
            CartLine.objects.filter(user=buyer, variant_id__in=[item.variant.pk for item in locked]).delete()
    return order


def _apply_vouchers(*, buyer, codes, locked, quotes, shipments, address, at):
    """Ask the voucher port what comes off (budgets reserved in this transaction) and note it on
    each shipment with its funder; the lines get theirs when they are built."""
    lines = [
        CheckoutLine(
            line_id=item.variant.pk,
            seller_id=item.product.seller_id,
            category_ids=(item.product.category_id, item.product.category.parent_id),
            seller_province=item.product.seller.province,
            goods=quotes[item.variant.pk].unit_price * item.quantity,
        )
        for item in locked
    ]
    fees = [CheckoutShipment(seller_id=s.seller.pk, fee=s.shipping_fee) for s in shipments]
    applied = voucher_backend().reserve(
        buyer=buyer,
        codes=codes,
        lines=lines,
        shipments=fees,
        buyer_province=address.province,
        at=at,
        auto_live=any(getattr(item.variant, "vouchers_live", True) for item in locked),
    )
    seller_of = {line.line_id: line.seller_id for line in lines}
    for shipment in shipments:
        shipment.voucher_discount = sum(
            off for line_id, off in applied.line_discounts.items() if seller_of[line_id] == shipment.seller.pk
        )
        shipment.voucher_funder = applied.goods_funder if shipment.voucher_discount else ""
        shipment.shipping_subsidy = applied.shipping_subsidies.get(shipment.seller.pk, 0)
        shipment.subsidy_funder = applied.shipping_funder if shipment.shipping_subsidy else ""
    return applied
