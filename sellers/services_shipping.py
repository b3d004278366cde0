"""Where a shop's parcels start and which couriers it ships with."""

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.couriers import Courier
from marketplace.errors import ValidationError
from marketplace.regions import place_check, regency_match
from sellers.models import Seller


def couriers_check(couriers) -> list[str]:
    """The chosen couriers, in the catalogue's order; at least one, each known."""
    if not isinstance(couriers, list | tuple) or not couriers:
        raise ValidationError({"couriers": [_("Pilih paling sedikit satu kurir.")]})
    unknown = [str(c) for c in couriers if c not in Courier.values]
    if unknown:
        raise ValidationError(
            {
                "couriers": [
                    _("Kurir tidak dikenal: %(unknown)s. Pilih dari: %(known)s.")
                    % {"unknown": ", ".join(unknown), "known": ", ".join(Courier.values)}
                ]
            }
        )
    return [code for code in Courier.values if code in couriers]


def seller_shipping_set(
    *,
    seller: Seller,
    province: str | None = None,
    regency: str | None = None,
    district: str | None = None,
    postal_code: str | None = None,
    couriers: list[str] | None = None,
) -> Seller:
    """Set the shop's place (province, regency, district, postal code) and couriers; what is not
    given stays. A place is complete or refused: the district must lie in the regency, the regency in
    the province; the free-text city becomes the regency's name."""
    province = seller.province if province is None else province
    regency = (seller.regency_id or "") if regency is None else regency
    district = (seller.district_id or "") if district is None else district
    if not regency:
        raise ValidationError({"regency": [_("Pilih kabupaten/kota.")]})
    if not district:
        raise ValidationError({"district": [_("Pilih kecamatan.")]})
    place = place_check(province=province, regency=regency, district=district)
    with transaction.atomic():
        seller.province, seller.regency, seller.district = province, place.regency, place.district
        seller.city = place.regency.name
        if postal_code is not None:
            seller.postal_code = postal_code
        if couriers is not None:
            seller.couriers = couriers_check(couriers)
        seller.save(update_fields=["province", "regency", "district", "city", "postal_code", "couriers"])
    return seller


def seller_place_on_register(*, province: str, city: str, regency: str = "", district: str = ""):
    """The regency and district of a shop being registered: checked when given, else matched from the
    typed city where exactly one regency fits (otherwise left for the owner to pick later)."""
    if regency or district:
        place = place_check(province=province, regency=regency, district=district)
        return place.regency, place.district
    return regency_match(province=province, city=city), None
