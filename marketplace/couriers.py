"""The couriers and services a shop may offer, with the public page where a buyer follows a parcel.

Reference data of the core (like provinces): shops choose from it, checkout and the rate providers
speak its codes, which are those of the aggregators (Biteship's `courier_code`/`courier_service_code`).
"""

from urllib.parse import quote

from django.db import models
from django.utils.translation import gettext_lazy as _


class Courier(models.TextChoices):
    JNE = "jne", "JNE"
    JNT = "jnt", "J&T Express"
    SICEPAT = "sicepat", "SiCepat"
    ANTERAJA = "anteraja", "AnterAja"
    POS = "pos", "POS Indonesia"
    TOKO = "toko", _("Kurir toko")


# (courier, service) -> the name buyers know it by. The first service of a courier is its default.
SERVICES: dict[tuple[str, str], str] = {
    (Courier.JNE, "reg"): "JNE REG",
    (Courier.JNE, "yes"): "JNE YES",
    (Courier.JNT, "ez"): "J&T EZ",
    (Courier.SICEPAT, "reg"): "SiCepat REG",
    (Courier.SICEPAT, "best"): "SiCepat BEST",
    (Courier.ANTERAJA, "reg"): "AnterAja Reguler",
    (Courier.POS, "reg"): "POS Reguler",
    (Courier.TOKO, "lokal"): "Kurir toko",
}

SERVICE_CHOICES = sorted({(service, service.upper()) for _courier, service in SERVICES})

# Couriers an aggregator can price and track; the shop's own courier is priced by the table only.
AGGREGATED = (Courier.JNE, Courier.JNT, Courier.SICEPAT, Courier.ANTERAJA, Courier.POS)

TRACKING_PAGES = {
    Courier.JNE: "https://www.jne.co.id/tracking-package?resi={number}",
    Courier.JNT: "https://jet.co.id/track?awb={number}",
    Courier.SICEPAT: "https://www.sicepat.com/checkAwb?awb={number}",
    Courier.ANTERAJA: "https://anteraja.id/tracking/{number}",
    Courier.POS: "https://www.posindonesia.co.id/id/tracking?resi={number}",
}


def default_service(courier: str) -> str:
    return next(service for c, service in SERVICES if c == courier)


def service_name(courier: str, service: str) -> str:
    return SERVICES.get((courier, service), f"{courier.upper()} {service.upper()}".strip())


def tracking_url(courier: str, number: str) -> str:
    """The courier's own tracking page for a waybill number, or "" (the shop's courier has none)."""
    page = TRACKING_PAGES.get(courier)
    return page.format(number=quote(number, safe="")) if page and number else ""
