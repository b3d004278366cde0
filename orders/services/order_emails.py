"""The emails a new order sends, written at checkout as ids and rendered by the worker that sends them.

Checkout writes one outbox row per message holding only its kind, the order (and for a shop's
notice, the shipment) and the address; subject and bodies stay empty. Rendering three templates per
message in the request cost about a tenth of a checkout's CPU (docs/benchmarks.md). The worker renders
a row the first time it picks it up and stores the result in its own short transaction before
sending (`email_send`), so every later attempt sends the same stored text under the same Message-ID:
rendering once never adds a send, and a crash between the two leaves a rendered, unsent row that
the next attempt sends once.
"""

from collections import defaultdict

from django.conf import settings
from django.db import connection
from django.utils import translation

from marketplace.rows import statement_cursor
from orders.models import Order, OutgoingEmail
from orders.services.email import email_render
from sellers.models import SellerMember

ORDER_CONFIRMATION = OutgoingEmail.Kind.ORDER_CONFIRMATION
NEW_ORDER_SELLER = OutgoingEmail.Kind.NEW_ORDER_FOR_SELLER
RENDERED_IN_WORKER = {ORDER_CONFIRMATION, NEW_ORDER_SELLER}


def order_emails(*, order: Order, buyer, shipments) -> list[OutgoingEmail]:
    """Confirmation to the buyer and a new-order notice to every member of each shop, as unrendered
    and unsaved rows: checkout saves them with the order's other rows (`rows_insert`) and has them
    sent after its commit (`emails_send_after_commit`)."""
    emails_of: dict[int, list[str]] = defaultdict(list)
    for seller_id, email in _member_emails([s.seller_id for s in shipments]):
        emails_of[seller_id].append(email)
    outbox = [OutgoingEmail(kind=ORDER_CONFIRMATION, order=order, to=buyer.email)]
    for shipment in shipments:
        for address in emails_of[shipment.seller_id]:
            outbox.append(OutgoingEmail(kind=NEW_ORDER_SELLER, order=order, shipment=shipment, to=address))
    return outbox


def _member_emails(seller_ids: list[int]) -> list[tuple[int, str]]:
    """(shop id, address) of every member of the shops: checkout's one read of them, as plain SQL
    because the ORM took longer to compile this join than PostgreSQL took to run it."""
    member, user = SellerMember._meta, SellerMember._meta.get_field("user").related_model._meta
    qn = connection.ops.quote_name
    sql = (
        f"SELECT m.{qn('seller_id')}, u.{qn('email')} FROM {qn(member.db_table)} m"
        f" JOIN {qn(user.db_table)} u ON u.{qn('id')} = m.{qn('user_id')}"
        f" WHERE m.{qn('seller_id')} IN ({', '.join(['%s'] * len(seller_ids))}) ORDER BY m.{qn('id')}"
    )
    with statement_cursor() as cursor:
        cursor.execute(sql, seller_ids)
        return cursor.fetchall()


def order_email_render(email: OutgoingEmail) -> OutgoingEmail:
    """An unsaved row with the subject and bodies of `email` (one of RENDERED_IN_WORKER), read from its ids."""
    order = Order.objects.select_related("buyer").get(pk=email.order_id)
    shipments = list(order.shipments.select_related("seller").order_by("pk"))
    lines = list(order.lines.order_by("pk"))
    context = {"order": order, "buyer": order.buyer, "shipments": shipments, "lines": lines}
    if email.kind == NEW_ORDER_SELLER:
        shipment = next(s for s in shipments if s.pk == email.shipment_id)
        context.update(shipment=shipment, shipment_lines=[line for line in lines if line.shipment_id == shipment.pk])
    with translation.override(settings.LANGUAGE_CODE):  # the worker's, whatever the buyer's request used
        return email_render(kind=email.kind, to=email.to, context=context, order=order)
