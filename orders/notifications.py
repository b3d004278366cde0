"""The outbox adapter of the notification port (marketplace.notifications): shops' email goes through
the same rows, task and sweep as order email, rendered from orders/email/<kind>.*"""

from orders.services.email import email_enqueue, email_render


class OutboxNotifications:
    def notify(self, *, kind: str, to: list[str], context: dict) -> None:
        email_enqueue([email_render(kind=kind, to=address, context=context) for address in to])
