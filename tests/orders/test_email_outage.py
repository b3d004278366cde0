"""A database failure while order email goes out: retried, and a message already accepted is not sent again.

The failure is injected with Django's `connection.execute_wrapper`: the statement that marks the
outbox row sent fails as a dropped connection would, after the SMTP server accepted the message.
"""

import pytest
from django.core import mail
from django.db import OperationalError, connection

from orders import tasks
from orders.models import OutgoingEmail
from orders.services import email as email_services

pytestmark = pytest.mark.django_db


class CutOnce:
    def __init__(self, marker: str):
        self.marker, self.cuts = marker, 0

    def __call__(self, execute, sql, params, many, context):
        if self.marker in sql and not self.cuts:
            self.cuts += 1
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)


@pytest.fixture
def eager_retries():
    from marketplace.celery import app

    before = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = before


@pytest.fixture
def outbox(customer, seller_user):
    rows = [
        email_services.email_render(kind="order_cancelled", to=user.email, context={"order": None})
        for user in (customer, seller_user)
    ]
    return OutgoingEmail.objects.bulk_create(rows)


def test_a_message_accepted_before_the_database_failed_is_marked_on_retry_not_sent_again(outbox, eager_retries):
    cut = CutOnce('UPDATE "orders_outgoingemail" SET "sent_at"')

    with connection.execute_wrapper(cut):
        tasks.send_emails.delay([row.pk for row in outbox])

    assert cut.cuts == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(row.to for row in outbox)
    assert OutgoingEmail.objects.filter(sent_at=None).count() == 0


def test_every_attempt_of_a_message_carries_the_same_message_id(outbox):
    email_services.email_send(email_id=outbox[0].pk)

    assert mail.outbox[0].extra_headers["Message-ID"] == email_services.email_message_id(outbox[0].pk)
