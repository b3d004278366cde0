"""Demo orders written in bulk: the order, its shipments, lines and payment in a few inserts.

The demo history holds thousands of orders; writing them through checkout would take minutes, so
the demo builds the rows directly, in the shapes checkout would have written.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from orders.models import Order, OrderLine, Payment, Shipment
from orders.services.ledger import jakarta
from orders.shipping import shipping_fee

PER_KG = 12_000


class OrderBuilder:
    """Collects orders with their shipment, lines and payment, then writes them with bulk inserts."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.orders: list[tuple[Order, list[tuple[Shipment, list[OrderLine]]], Payment]] = []

    def add(self, *, buyer, province, paid_at, created_at, status, items, campaign, rng, shipment_statuses=None):
        """`items`: [(product, quantity, campaign_priced_price or None)], grouped into one shipment per shop."""
        by_seller: dict[int, list] = {}
        for item in items:
            by_seller.setdefault(item[0].seller_id, []).append(item)
        subtotal = discount_total = shipping_total = 0
        shipments = []
        for n, (_, seller_items) in enumerate(by_seller.items()):
            weight = sum(p.weight_grams * q for p, q, _ in seller_items)
            fee = shipping_fee(weight_grams=weight, per_kg=PER_KG)
            lines, goods = [], 0
            for product, quantity, price in seller_items:
                unit = price or product.price
                lines.append(
                    OrderLine(
                        product=product,
                        seller_id=product.seller_id,
                        category_id=product.category_id,
                        product_name=product.name,
                        quantity=quantity,
                        list_price=product.price,
                        unit_price=unit,
                        discount=product.price - unit,
                        campaign_id=campaign.pk if price else None,
                        campaign_hashtag=campaign.hashtag if price else "",
                    )
                )
                goods += unit * quantity
                subtotal += product.price * quantity
                discount_total += (product.price - unit) * quantity
            shipment_status = (shipment_statuses or {}).get(n) or _shipment_status(status)
            shipped = shipment_status in (Shipment.Status.SHIPPED, Shipment.Status.DELIVERED)
            shipments.append(
                (
                    Shipment(
                        seller_id=seller_items[0][0].seller_id,
                        status=shipment_status,
                        subtotal=goods,
                        weight_grams=weight,
                        shipping_fee=fee,
                        courier="jne",
                        tracking_number=f"JNE{rng.randrange(10**11):011d}" if shipped else "",
                        shipped_at=paid_at + timedelta(hours=20) if shipped else None,
                        delivered_at=paid_at + timedelta(days=3)
                        if shipment_status == Shipment.Status.DELIVERED
                        else None,
                    ),
                    lines,
                )
            )
            shipping_total += fee
        total = subtotal - discount_total + shipping_total
        order = Order(
            number="",
            buyer=buyer,
            status=status,
            recipient=buyer.full_name,
            phone=f"08{rng.randrange(10**9, 10**10)}",
            street=f"Jl. Merdeka No. {rng.randint(1, 200)}",
            city="Kota Demo",
            province=province,
            postal_code=f"{rng.randint(10000, 99999)}",
            subtotal=subtotal,
            discount_total=discount_total,
            shipping_total=shipping_total,
            total=total,
            payment_deadline=created_at + timedelta(hours=24),
            paid_at=paid_at,
            cancelled_at=(paid_at or created_at) + timedelta(hours=2) if status == Order.Status.CANCELLED else None,
            created_at=created_at,
        )
        if status == Order.Status.CANCELLED:
            payment_status = Payment.Status.REFUND_PENDING if paid_at else Payment.Status.EXPIRED
        elif paid_at is None:
            payment_status = Payment.Status.PENDING
        else:
            payment_status = Payment.Status.PAID
        payment = Payment(
            status=payment_status,
            method=Payment.Method.TEST if paid_at else "",
            amount=total,
            reference=f"TEST-{len(self.orders)}" if paid_at else "",
            paid_at=paid_at,
        )
        self.orders.append((order, shipments, payment))

    def save(self) -> int:
        self.orders.sort(key=lambda entry: entry[0].created_at)
        for n, (order, _, _) in enumerate(self.orders, start=1):
            order.number = f"{self.prefix}-{timezone.localtime(order.created_at, jakarta()):%Y%m%d}-{n:05d}"
        Order.objects.bulk_create([o for o, _, _ in self.orders], batch_size=500)
        shipments, lines, payments = [], [], []
        for order, order_shipments, payment in self.orders:
            payment.order = order
            payments.append(payment)
            for shipment, _ in order_shipments:
                shipment.order = order
                shipments.append(shipment)
        Shipment.objects.bulk_create(shipments, batch_size=500)
        for order, order_shipments, _ in self.orders:
            for shipment, shipment_lines in order_shipments:
                for line in shipment_lines:
                    line.order, line.shipment = order, shipment
                    lines.append(line)
        OrderLine.objects.bulk_create(lines, batch_size=500)
        Payment.objects.bulk_create(payments, batch_size=500)
        return len(lines)


def _shipment_status(order_status: str) -> str:
    return {
        Order.Status.AWAITING_PAYMENT: Shipment.Status.PENDING,
        Order.Status.PAID: Shipment.Status.PENDING,
        Order.Status.SHIPPED: Shipment.Status.SHIPPED,
        Order.Status.DELIVERED: Shipment.Status.DELIVERED,
        Order.Status.CANCELLED: Shipment.Status.CANCELLED,
    }.get(order_status, Shipment.Status.PENDING)
