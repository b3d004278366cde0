"""Cart and order lines name the variant bought; existing lines get their product's only variant."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def lines_take_the_only_variant(apps, schema_editor):
    ProductVariant = apps.get_model("sellers", "ProductVariant")
    the_variant = Subquery(
        ProductVariant.objects.filter(product_id=OuterRef("product_id")).order_by("pk").values("pk")[:1]
    )
    apps.get_model("orders", "CartLine").objects.update(variant_id=the_variant)
    apps.get_model("orders", "OrderLine").objects.update(variant_id=the_variant)


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0010_shipping_rates_by_origin"),
        ("sellers", "0008_product_variants"),
    ]

    operations = [
        migrations.AddField(
            model_name="cartline",
            name="variant",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="sellers.productvariant"
            ),
        ),
        migrations.AddField(
            model_name="orderline",
            name="variant",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="sellers.productvariant"
            ),
        ),
        migrations.AddField(
            model_name="orderline",
            name="variant_name",
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.RunPython(lines_take_the_only_variant, migrations.RunPython.noop),
    ]
