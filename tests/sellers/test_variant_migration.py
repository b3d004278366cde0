"""A database from before variants migrates forward: every product becomes exactly one variant."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_VARIANTS = [("sellers", "0007_seller_regency_from_city"), ("orders", "0010_shipping_rates_by_origin")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    applied = [node for node in executor.loader.applied_migrations if node in executor.loader.graph.nodes]
    return executor.loader.project_state(applied, at_end=True).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_product_becomes_one_variant_keeping_price_stock_and_weight_and_lines_point_at_it():
    old = _migrate(BEFORE_VARIANTS)
    User = old.get_model("marketplace", "User")
    Seller = old.get_model("sellers", "Seller")
    Category = old.get_model("sellers", "Category")
    Product = old.get_model("sellers", "Product")
    buyer = User.objects.create(email="pembeli@example.id", full_name="Pembeli")
    shop = Seller.objects.create(
        name="Kopi Gayo", slug="kopi-gayo", nib="1234567890123", province="11", city="Takengon", scale="mikro"
    )
    category = Category.objects.create(slug="kopi-lama", name="Kopi")
    coffee = Product.objects.create(
        seller=shop, category=category, name="Kopi", slug="kopi", price=85000, stock=7, weight_grams=250
    )
    sugar = Product.objects.create(
        seller=shop, category=category, name="Gula", slug="gula", price=30000, stock=0, weight_grams=500
    )
    old.get_model("orders", "CartLine").objects.create(user=buyer, product=sugar, quantity=2)
    order = old.get_model("orders", "Order").objects.create(
        number="INV-1",
        buyer=buyer,
        recipient="Pembeli",
        phone="0812345678",
        street="Jl. Mawar 1",
        city="Bandung",
        province="32",
        postal_code="40111",
        subtotal=85000,
        total=85000,
        payment_deadline="2026-01-01T00:00:00+07:00",
    )
    shipment = old.get_model("orders", "Shipment").objects.create(
        order=order, seller=shop, subtotal=85000, weight_grams=250, shipping_fee=0, courier="jne"
    )
    old.get_model("orders", "OrderLine").objects.create(
        order=order,
        shipment=shipment,
        product=coffee,
        seller=shop,
        category=category,
        product_name="Kopi",
        quantity=1,
        list_price=85000,
        unit_price=85000,
    )

    new = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    variants = new.get_model("sellers", "ProductVariant").objects.order_by("product_id")
    assert [(v.product_id, v.seller_id, v.name, v.price, v.stock, v.weight_grams) for v in variants] == [
        (coffee.pk, shop.pk, "", 85000, 7, 250),
        (sugar.pk, shop.pk, "", 30000, 0, 500),
    ]
    sugar_variant = variants.get(product_id=sugar.pk)
    assert new.get_model("orders", "CartLine").objects.get().variant_id == sugar_variant.pk
    line = new.get_model("orders", "OrderLine").objects.get()
    assert (line.variant_id, line.variant_name) == (variants.get(product_id=coffee.pk).pk, "")
