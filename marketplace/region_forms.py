"""Province -> regency -> district pickers for page forms (shops, addresses, checkout).

Without JavaScript the lists follow what was last submitted: a form re-rendered after changing the
province lists that province's regencies (the pages offer a button to do so). With JavaScript,
static/marketplace/regions.js fills the next list from the API as soon as a choice changes.
"""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from marketplace import regions
from marketplace.errors import ValidationError
from marketplace.provinces import PROVINCES

EMPTY = [("", "—")]


def regency_field(*, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Kabupaten/kota"),
        required=required,
        choices=EMPTY,
        widget=forms.Select(attrs={"data-regions": "regency", "data-url": reverse_lazy("api-regencies")}),
    )


def district_field(*, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Kecamatan"),
        required=required,
        choices=EMPTY,
        widget=forms.Select(attrs={"data-regions": "district", "data-url": reverse_lazy("api-districts")}),
    )


class RegionChoicesMixin:
    """Fill the regency and district lists for the chosen province and regency, and check they nest.

    Call `self.fill_region_choices()` at the end of `__init__`.
    """

    def _chosen(self, name: str) -> str:
        value = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
        return str(value or "")

    def fill_region_choices(self) -> None:
        province, regency = self._chosen("province"), self._chosen("regency")
        # Only well-formed codes reach the database (PostgreSQL refuses a NUL character with an error).
        known = province in PROVINCES
        regency_rows = list(regions.regency_list(province=province)) if known else []
        self.fields["regency"].choices = EMPTY + [(r.code, r.name) for r in regency_rows]
        if regency not in {r.code for r in regency_rows}:
            regency = ""
        districts = regions.district_list(regency=regency) if regency else []
        self.fields["district"].choices = EMPTY + [(d.code, d.name) for d in districts]
        self.fields["province"].widget.attrs.setdefault("data-regions", "province")

    def clean_regions(self, cleaned: dict) -> regions.Place | None:
        """The checked place, or None after putting the error on its field."""
        if "province" not in cleaned:
            return None
        try:
            return regions.place_check(
                province=cleaned["province"], regency=cleaned.get("regency", ""), district=cleaned.get("district", "")
            )
        except ValidationError as exc:
            for field, messages in exc.detail.items():
                for message in messages:
                    self.add_error(field, message)
            return None
