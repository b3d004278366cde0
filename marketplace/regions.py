"""Regencies and districts below the provinces: lists to pick from, the check that they nest, and
matching the free-text cities typed before they existed.

The data is Kemendagri's, loaded from marketplace/data/regions/ (idn-area-data, ODbL).
"""

import re
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from marketplace.errors import ValidationError
from marketplace.models import District, Regency
from marketplace.provinces import PROVINCES

REGENCY_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}")
DISTRICT_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}")


def regency_list(*, province: str) -> QuerySet[Regency]:
    return Regency.objects.filter(province=province).order_by("name")


def district_list(*, regency: str) -> QuerySet[District]:
    return District.objects.filter(regency_id=regency).order_by("name")


@dataclass(frozen=True)
class Place:
    """A checked province, regency and district; the names are there to be shown and snapshotted."""

    province: str
    regency: Regency | None = None
    district: District | None = None

    @property
    def regency_code(self) -> str:
        return self.regency.code if self.regency else ""

    @property
    def district_code(self) -> str:
        return self.district.code if self.district else ""


def place_check(*, province: str, regency: str = "", district: str = "", prefix: str = "") -> Place:
    """Check that the district lies in the regency and the regency in the province (one query).

    A district without its regency is refused too: the regency is what the address shows. Errors
    name the field (`prefix` nests them, e.g. under "shipping_address"), never a 500.
    """

    def refuse(field: str, message: str):
        errors = {field: [message]}
        raise ValidationError({prefix: errors} if prefix else errors)

    if province not in PROVINCES:
        refuse("province", _("Kode provinsi tidak dikenal."))
    regency, district = (regency or "").strip(), (district or "").strip()
    if district and not regency:
        refuse("regency", _("Pilih kabupaten/kota dulu sebelum kecamatan."))
    if not regency:
        return Place(province=province)
    if not REGENCY_CODE.fullmatch(regency):
        refuse("regency", _("Kode kabupaten/kota tidak dikenal."))
    if district and not DISTRICT_CODE.fullmatch(district):
        refuse("district", _("Kode kecamatan tidak dikenal."))
    if district:
        found = District.objects.select_related("regency").filter(code=district).first()
        if found is None:
            refuse("district", _("Kode kecamatan tidak dikenal."))
        if found.regency_id != regency:
            regency_row = Regency.objects.filter(code=regency).first()
            if regency_row is None:
                refuse("regency", _("Kode kabupaten/kota tidak dikenal."))
            if regency_row.province != province:
                refuse("regency", _("Kabupaten/kota ini tidak berada di provinsi yang dipilih."))
            refuse("district", _("Kecamatan ini tidak berada di kabupaten/kota yang dipilih."))
        regency_row = found.regency
    else:
        found, regency_row = None, Regency.objects.filter(code=regency).first()
        if regency_row is None:
            refuse("regency", _("Kode kabupaten/kota tidak dikenal."))
    if regency_row.province != province:
        refuse("regency", _("Kabupaten/kota ini tidak berada di provinsi yang dipilih."))
    return Place(province=province, regency=regency_row, district=found)


_KIND_PREFIX = re.compile(r"^(kabupaten|kab\.?|kota)\s+", re.IGNORECASE)


def _bare(name: str) -> str:
    """ "Kabupaten Aceh Tengah" and "aceh  tengah" compare equal; the kind is compared apart."""
    return " ".join(_KIND_PREFIX.sub("", name.strip()).lower().split())


def _kind(name: str) -> str:
    match = _KIND_PREFIX.match(name.strip())
    if not match:
        return ""
    return "kota" if match.group(1).lower() == "kota" else "kabupaten"


def regency_match(*, province: str, city: str, regencies: list[Regency] | None = None) -> Regency | None:
    """The one regency of `province` a free-text city names, or None when none or several fit.

    "Bandung" in Jawa Barat is both a kabupaten and a kota: ambiguous, so None (the owner picks).
    "Kota Bandung" is not. `regencies` may be passed to match many cities from one read.
    """
    if regencies is None:
        regencies = list(Regency.objects.filter(province=province))
    wanted, kind = _bare(city), _kind(city)
    if not wanted:
        return None
    fits = [
        r
        for r in regencies
        if r.province == province and _bare(r.name) == wanted and (not kind or _kind(r.name) == kind)
    ]
    return fits[0] if len(fits) == 1 else None
