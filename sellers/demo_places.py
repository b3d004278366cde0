"""Demo data: where each demo shop's parcels start (regency, district, postal code).

The regency is the one the shop's city names; the district is the regency's first by Kemendagri
code; the postal codes are those of the regencies' main post offices, close enough for a demo.
"""

from marketplace.couriers import AGGREGATED, Courier
from marketplace.models import District
from marketplace.regions import regency_match

POSTAL_CODES = {
    "11.04": "24511", "11.17": "24581", "12.11": "22211", "12.13": "22911", "12.16": "22457",
    "13.75": "26111", "15.01": "37161", "15.72": "37111", "18.04": "34811", "18.71": "35111",
    "32.04": "40311", "32.06": "46411", "32.14": "41111", "32.73": "40111", "32.78": "46111",
    "33.02": "53111", "33.11": "57511", "33.20": "59411", "33.23": "56211", "33.75": "51111",
    "34.01": "55611", "34.02": "55711", "34.04": "55511", "35.07": "65163", "35.11": "68211",
    "35.15": "61211", "35.26": "69111", "35.73": "65111", "36.02": "42311", "51.06": "80611",
    "51.07": "80811", "52.04": "84311", "53.07": "86111", "53.09": "86411", "53.19": "86811",
    "71.73": "95411", "73.16": "91711", "73.18": "91811", "81.01": "97511", "95.01": "99511",
}  # fmt: skip

# Shops that also deliver themselves within their regency (Yogyakarta's craft villages).
OWN_COURIER_PROVINCES = {"34"}


def place_demo_shops(sellers) -> int:
    """Give demo shops without a place the regency their city names, a district and a postal code."""
    placed = 0
    for seller in sellers:
        if seller.district_id:
            continue
        regency = regency_match(province=seller.province, city=seller.city)
        if regency is None:
            continue
        seller.regency = regency
        seller.district = District.objects.filter(regency=regency).order_by("code").first()
        seller.postal_code = POSTAL_CODES.get(regency.code, "")
        couriers = list(AGGREGATED)
        if seller.province in OWN_COURIER_PROVINCES:
            couriers.append(Courier.TOKO)
        seller.couriers = [str(c) for c in couriers]
        seller.save(update_fields=["regency", "district", "postal_code", "couriers"])
        placed += 1
    return placed
