"""Demo step of after-sales, run by `manage.py seed_demo` after the recent orders exist (listed in
analytics/demo.py's STEPS, which run last): the demo customer's oldest delivered order completes and
is reviewed (the shop replies), and the shipped half of the two-shop order arrives with a damaged
jar, which the shop rejects and the buyer takes to staff. Idempotent: skipped once a review exists."""

from datetime import timedelta

from django.db.models import Min

from marketplace.demo import CUSTOMER_EMAIL, SELLER_EMAIL, DemoContext
from marketplace.errors import DomainError
from marketplace.models import User
from orders.models import Order, Shipment
from orders.models_aftersales import Review
from orders.services import complaints, lifecycle, reviews
from orders.services.completion import shipment_complete
from sellers.models import SellerMember


def seed_aftersales(ctx: DemoContext) -> str:
    customer = User.objects.filter(email=CUSTOMER_EMAIL).first()
    seller = User.objects.filter(email=SELLER_EMAIL).first()
    if customer is None or seller is None or Review.objects.filter(author=customer).exists():
        return "already generated"
    shop_ids = SellerMember.objects.filter(user=seller).values_list("seller_id", flat=True)
    mine = Shipment.objects.filter(order__buyer=customer, seller_id__in=shop_ids).select_related("order", "seller")
    done = []
    delivered = mine.filter(status=Shipment.Status.DELIVERED).order_by("order__created_at").first()
    if delivered is not None:
        try:
            shipment_complete(shipment=delivered, actor=customer, note="Pesanan diterima (demo)")
            line = delivered.lines.order_by("pk").first()
            review = reviews.review_create(
                author=customer, product=line.product, line_id=line.pk, rating=5,
                text="Kopinya harum, dikemas rapi dalam toples kaca. Pasti beli lagi.",
            )  # fmt: skip
            reviews.review_reply(review=review, by=seller, text="Terima kasih, Bu Siti! Selamat menikmati.")
            done.append("1 ulasan")
        except DomainError as exc:
            done.append(f"ulasan dilewati ({exc})")
    half = (
        mine.filter(status=Shipment.Status.SHIPPED, order__status=Order.Status.PARTIALLY_SHIPPED)
        .annotate(first=Min("order__created_at"))
        .first()
    )
    if half is not None:
        try:
            half = lifecycle.shipment_deliver(shipment=half, actor=None)
            Shipment.objects.filter(pk=half.pk).update(delivered_at=ctx.now - timedelta(hours=5))
            complaint = complaints.complaint_open(
                shipment=Shipment.objects.get(pk=half.pk), buyer=customer, reason="damaged",
                description="Toples kaca retak, sebagian bubuk kopi tumpah di dalam kardus.",
            )  # fmt: skip
            complaints.complaint_shop_answer(
                complaint=complaint, by=seller, action="reject", text="Paket kami bungkus bubble wrap tiga lapis."
            )
            complaints.complaint_escalate(complaint=complaint, by=customer, text="Mohon staf melihat foto kardusnya.")
            done.append("1 komplain menunggu keputusan staf")
        except DomainError as exc:
            done.append(f"komplain dilewati ({exc})")
    return ", ".join(done) or "no demo shipments"
