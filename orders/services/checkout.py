"""Checkout: one order, one shipment per seller, stock taken in the same transaction.

The number of queries is fixed whatever the number of lines and sellers: products are locked in one
`SELECT ... FOR UPDATE ORDER BY id` (a fixed order, so concurrent checkouts cannot deadlock), stock
is taken in one conditional `UPDATE`, and every insert is a bulk insert.
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
from orders.models import CartLine, Courier, Order, OrderEvent, OrderLine, Payment, Shipment
from orders.services.email import email_enqueue, email_render
from orders.shipping import per_kg_rate, shipping_fee
from sellers.models import Product, Seller, SellerMember

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


@dataclass
class Item:
    product: Product
    quantity: int


def _merge_items(items: list[tuple[int, int]]) -> dict[int, int]:
    merged: dict[int, int] = defaultdict(int)
    for product_id, quantity in items:
        merged[product_id] += quantity
    return dict(merged)


def _lock_products(quantities: dict[int, int], *, from_cart: bool) -> list[Item]:
    products = (
        Product.objects.select_for_update(of=("self",))
        .select_related("seller", "category")
        .filter(pk__in=quantities)
        .order_by("pk")
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


def order_place(
    *,
    buyer,
    address: Address,
    items: list[tuple[int, int]] | None = None,
    courier: str = Courier.JNE,
) -> Order:
    """Place an order from `items` [(product_id, quantity)], or from the buyer's cart (then emptied)."""
    _check_address(address)
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

        locked = _lock_products(quantities, from_cart=from_cart)
        quotes = pricing_backend().reserve(locked, buyer=buyer, at=now)
        _take_stock(locked)
        per_kg = per_kg_rate(courier=courier, province=address.province)

        by_seller: dict[int, list[Item]] = defaultdict(list)
        for item in locked:
            by_seller[item.product.seller_id].append(item)

        shipments, subtotal, discount_total = [], 0, 0
        for seller_items in by_seller.values():
            weight = sum(i.product.weight_grams * i.quantity for i in seller_items)
            goods = sum(quotes[i.product.pk].unit_price * i.quantity for i in seller_items)
            shipments.append(
                Shipment(
                    seller=seller_items[0].product.seller,
                    subtotal=goods,
                    weight_grams=weight,
                    shipping_fee=shipping_fee(weight_grams=weight, per_kg=per_kg),
                    courier=courier,
                )
            )
        for item in locked:
            quote = quotes[item.product.pk]
            subtotal += quote.list_price * item.quantity
            discount_total += quote.discount * item.quantity
        shipping_total = sum(s.shipping_fee for s in shipments)

        order = Order.objects.create(
            number=f"tmp-{buyer.pk}-{now.timestamp()}",
            buyer=buyer,
            recipient=address.recipient,
            phone=address.phone,
            street=address.street,
            city=address.city,
            province=address.province,
            postal_code=address.postal_code,
            courier=courier,
            subtotal=subtotal,
            discount_total=discount_total,
            shipping_total=shipping_total,
            total=subtotal - discount_total + shipping_total,
            payment_deadline=now + settings.PAYMENT_DEADLINE,
            created_at=now,
        )
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
                )
            )
        OrderLine.objects.bulk_create(lines)
        order.payment = Payment.objects.create(order=order, amount=order.total)
        OrderEvent.objects.create(order=order, actor=buyer, to_status=order.status, note="Pesanan dibuat")
        _queue_order_emails(order=order, buyer=buyer, shipments=shipments, lines=lines)
        if from_cart:
            # Only the lines read above: one added from another tab meanwhile stays in the cart.
            CartLine.objects.filter(user=buyer, product_id__in=quantities).delete()
    return order


def _queue_order_emails(*, order, buyer, shipments, lines) -> None:
    """Confirmation to the buyer and a new-order notice to every member of each shop."""
    members = SellerMember.objects.filter(seller_id__in=[s.seller_id for s in shipments]).values_list(
        "seller_id", "user__email"
    )
    emails_of: dict[int, list[str]] = defaultdict(list)
    for seller_id, email in members:
        emails_of[seller_id].append(email)
    context = {"order": order, "buyer": buyer, "shipments": shipments, "lines": lines}
    outbox = [email_render(kind="order_confirmation", to=buyer.email, context=context, order=order)]
    for shipment in shipments:
        shipment_lines = [line for line in lines if line.shipment is shipment]
        for address in emails_of[shipment.seller_id]:
            outbox.append(
                email_render(
                    kind="new_order_seller",
                    to=address,
                    context={**context, "shipment": shipment, "shipment_lines": shipment_lines},
                    order=order,
                )
            )
    email_enqueue(outbox)
