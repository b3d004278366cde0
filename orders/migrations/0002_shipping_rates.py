"""Opening per-kg rates by destination zone. Staff keep them current in the admin."""

from django.db import migrations

RATES = {
    "jne": {"jawa": 11000, "sumatera": 23000, "bali_nusa_tenggara": 25000, "kalimantan": 29000, "sulawesi": 31000, "maluku_papua": 58000},
    "jnt": {"jawa": 10000, "sumatera": 22000, "bali_nusa_tenggara": 24000, "kalimantan": 28000, "sulawesi": 30000, "maluku_papua": 56000},
    "sicepat": {"jawa": 9000, "sumatera": 21000, "bali_nusa_tenggara": 23000, "kalimantan": 27000, "sulawesi": 29000, "maluku_papua": 55000},
}


def load(apps, schema_editor):
    ShippingRate = apps.get_model("orders", "ShippingRate")
    for courier, zones in RATES.items():
        for zone, per_kg in zones.items():
            ShippingRate.objects.update_or_create(courier=courier, zone=zone, defaults={"per_kg": per_kg})


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
