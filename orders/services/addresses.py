"""The buyer's address book: several addresses, one default that checkout starts from."""

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.errors import ValidationError
from marketplace.regions import place_check
from marketplace.text import name_errors
from orders.models import BuyerAddress

MAX_ADDRESSES = 20
FIELDS = ("label", "recipient", "phone", "street", "province", "regency", "district", "postal_code")


def _placed(*, province: str, regency: str, district: str):
    """An address book entry names its regency and district: that is what couriers price by."""
    if not regency:
        raise ValidationError({"regency": [_("Pilih kabupaten/kota.")]})
    if not district:
        raise ValidationError({"district": [_("Pilih kecamatan.")]})
    return place_check(province=province, regency=regency, district=district)


def _check_names(**names: str) -> None:
    """One-line fields (the name on the parcel's label, the address's own label): no control characters."""
    errors = name_errors(names)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def address_create(
    *,
    user,
    recipient: str,
    phone: str,
    street: str,
    province: str,
    regency: str,
    district: str,
    postal_code: str,
    label: str = "",
    is_default: bool = False,
) -> BuyerAddress:
    place = _placed(province=province, regency=regency, district=district)
    _check_names(recipient=recipient, label=label)
    existing = BuyerAddress.objects.select_for_update().filter(user=user)
    count = len(existing)
    if count >= MAX_ADDRESSES:
        raise ValidationError({"non_field_errors": [_("Paling banyak %(max)s alamat.") % {"max": MAX_ADDRESSES}]})
    make_default = is_default or count == 0
    if make_default:
        BuyerAddress.objects.filter(user=user, is_default=True).update(is_default=False)
    return BuyerAddress.objects.create(
        user=user,
        label=label.strip(),
        recipient=recipient.strip(),
        phone=phone.strip(),
        street=street.strip(),
        province=province,
        regency=place.regency,
        district=place.district,
        city=place.regency.name,
        postal_code=postal_code,
        is_default=make_default,
    )


@transaction.atomic
def address_update(*, address: BuyerAddress, **changes) -> BuyerAddress:
    """Change some fields; province, regency and district are checked together as they will be."""
    unknown = set(changes) - set(FIELDS) - {"is_default"}
    if unknown:
        raise ValueError(f"unknown fields {unknown}")
    province = changes.get("province", address.province)
    regency = changes.get("regency", address.regency_id)
    district = changes.get("district", address.district_id)
    place = _placed(province=province, regency=regency, district=district)
    _check_names(**{name: changes[name] for name in ("recipient", "label") if name in changes})
    for name in ("label", "recipient", "phone", "street", "postal_code"):
        if name in changes:
            setattr(address, name, changes[name].strip())
    address.province, address.regency, address.district = province, place.regency, place.district
    address.city = place.regency.name
    if changes.get("is_default"):
        BuyerAddress.objects.filter(user_id=address.user_id, is_default=True).exclude(pk=address.pk).update(
            is_default=False
        )
        address.is_default = True
    address.save()
    return address


@transaction.atomic
def address_set_default(*, address: BuyerAddress) -> BuyerAddress:
    BuyerAddress.objects.filter(user_id=address.user_id, is_default=True).exclude(pk=address.pk).update(
        is_default=False
    )
    address.is_default = True
    address.save(update_fields=["is_default"])
    return address


@transaction.atomic
def address_delete(*, address: BuyerAddress) -> None:
    """Delete; when it was the default, the newest other address becomes the default."""
    was_default = address.is_default
    user_id = address.user_id
    address.delete()
    if was_default:
        successor = BuyerAddress.objects.filter(user_id=user_id).order_by("-created_at", "-id").first()
        if successor is not None:
            successor.is_default = True
            successor.save(update_fields=["is_default"])
