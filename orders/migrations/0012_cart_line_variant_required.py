"""Every cart line now has a variant (0011 filled them): require it, one line per variant.

Apart from 0011 so that PostgreSQL does not alter a table with the data update's triggers pending.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orders", "0011_lines_reference_variants")]

    operations = [
        migrations.AlterField(
            model_name="cartline",
            name="variant",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="sellers.productvariant"
            ),
        ),
        migrations.RemoveConstraint(model_name="cartline", name="cart_line_unique_product"),
        migrations.AddConstraint(
            model_name="cartline",
            constraint=models.UniqueConstraint(fields=("user", "variant"), name="cart_line_unique_variant"),
        ),
    ]
