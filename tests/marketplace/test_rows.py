"""Checkout's hand-built statements read and write exactly what the ORM would."""

import pytest
from django.db import DataError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.models import User
from marketplace.rows import SqlMark, numbered, rows_insert, statement_cursor
from orders.models import OutgoingEmail, PaymentNotification
from sellers.models import ProductVariant
from sellers.services_variants import variants_lock
from tests.factories import ProductFactory, SellerFactory, UserFactory

pytestmark = pytest.mark.django_db


def field_values(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_inserted_rows_get_their_ids_in_order_and_read_back_as_they_were_sent():
    buyer = UserFactory()
    sent_at = timezone.now()
    emails = [
        OutgoingEmail(kind=OutgoingEmail.Kind.ORDER_CONFIRMATION, to=buyer.email),
        OutgoingEmail(kind=OutgoingEmail.Kind.ORDER_CONFIRMATION, to="toko@example.id", sent_at=sent_at, attempts=2),
    ]

    with CaptureQueriesContext(connection) as queries:
        rows_insert(emails)

    assert len(queries) == 1
    assert emails[0].pk < emails[1].pk
    for email in emails:
        assert not email._state.adding
        assert field_values(OutgoingEmail.objects.get(pk=email.pk)) == field_values(email)


def test_rows_of_two_models_or_with_and_without_ids_are_refused():
    with_id = OutgoingEmail(id=10**9, kind=OutgoingEmail.Kind.ORDER_CONFIRMATION, to="a@example.id")
    without = OutgoingEmail(kind=OutgoingEmail.Kind.ORDER_CONFIRMATION, to="b@example.id")

    with pytest.raises(ValueError):
        rows_insert([with_id, without])
    assert not OutgoingEmail.objects.exists()


def test_the_lock_gives_the_variant_with_its_product_shop_and_category_as_the_orm_reads_them():
    shop = SellerFactory(couriers=["jne", "pos"])  # a JSON column, converted as the ORM converts it
    product = ProductFactory(seller=shop)
    variant = product.variants.get()

    locked = variants_lock([variant.pk])[variant.pk]

    expected = ProductVariant.objects.select_related("product__seller", "product__category").get(pk=variant.pk)
    assert field_values(locked) == field_values(expected)
    assert field_values(locked.product) == field_values(expected.product)
    assert field_values(locked.product.seller) == field_values(expected.product.seller)
    assert locked.product.seller.couriers == ["jne", "pos"]
    assert field_values(locked.product.category) == field_values(expected.product.category)


def test_the_lock_reads_each_mark_into_its_own_attribute():
    variant = ProductFactory().variants.get()
    marks = [SqlMark("always", "1 = %s", (1,)), SqlMark("never", "1 = %s", (2,))]

    locked = variants_lock([variant.pk], marks=marks)[variant.pk]

    assert (locked.always, locked.never) == (True, False)


def test_the_lock_finds_the_active_variants_of_products_named_by_id():
    product = ProductFactory()
    variant = product.variants.get()
    ProductVariant.objects.filter(pk=variant.pk).update(is_active=False)
    other = ProductFactory().variants.get()

    assert set(variants_lock([other.pk], product_ids=[product.pk])) == {other.pk}
    ProductVariant.objects.filter(pk=variant.pk).update(is_active=True)
    assert set(variants_lock([other.pk], product_ids=[product.pk])) == {other.pk, variant.pk}


def test_the_query_log_shows_each_statement_with_its_values_also_once_prepared():
    """psycopg prepares a statement after a few runs and then sends no text; the log still has it."""
    with CaptureQueriesContext(connection) as queries:
        for units in range(8):
            with statement_cursor() as cursor:
                cursor.execute("SELECT %s + 1", [units])
                assert cursor.fetchone() == (units + 1,)

    assert [q["sql"] for q in queries] == [f"SELECT {units} + 1" for units in range(8)]


def test_several_groups_go_in_one_statement_on_postgresql_and_each_object_gets_its_id():
    confirmation = OutgoingEmail.Kind.ORDER_CONFIRMATION
    first = [OutgoingEmail(kind=confirmation, to=f"pembeli{n}@example.id") for n in range(3)]
    second = [OutgoingEmail(kind=confirmation, to="toko@example.id")]
    users = [UserFactory.build(id=10**9, email="dengan-id@example.id")]  # its id given: none comes back

    with CaptureQueriesContext(connection) as queries:
        rows_insert(first, users, second)

    assert len(queries) == (1 if connection.vendor == "postgresql" else 3)
    assert [e.pk for e in first] == sorted(e.pk for e in first) and second[0].pk > first[-1].pk
    for email in [*first, *second]:
        assert field_values(OutgoingEmail.objects.get(pk=email.pk)) == field_values(email)
    assert User.objects.get(pk=10**9).email == "dengan-id@example.id"


postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite does not enforce lengths")


@postgresql_only
def test_a_value_too_long_for_its_column_is_refused_not_cut_short():
    too_long = "a" * 250 + "@example.id"

    with pytest.raises(DataError), transaction.atomic():
        rows_insert([OutgoingEmail(kind=OutgoingEmail.Kind.ORDER_CONFIRMATION, to=too_long)])
    assert not OutgoingEmail.objects.exists()


def test_json_and_empty_columns_are_written_as_the_orm_writes_them():
    received = timezone.now()
    notes = [
        PaymentNotification(
            provider="midtrans",
            payload={"status": "settlement", "gross": [1, 2]},
            accepted=True,
            outcome="ok",
            received_at=received,
        ),
        PaymentNotification(provider="midtrans", payload=["a", None], accepted=False, outcome="", received_at=received),
    ]

    rows_insert(notes)

    for note in notes:
        assert field_values(PaymentNotification.objects.get(pk=note.pk)) == field_values(note)


def test_placeholders_are_numbered_for_postgresql_and_a_literal_percent_kept():
    assert numbered("SELECT %s, '100%%' WHERE a = %s") == "SELECT $1, '100%' WHERE a = $2"


def test_a_statement_of_many_values_reads_each_back_in_its_place():
    """Checkout's inserts have more than 50 values: psycopg's own parsing is skipped for them."""
    values = list(range(70))

    with statement_cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(['%s'] * len(values))}", values)
        assert list(cursor.fetchone()) == values
