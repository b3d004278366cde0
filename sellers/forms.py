"""Forms of the shop pages. They check shape only; sellers.services decides the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.couriers import Courier
from marketplace.forms import add_domain_errors
from marketplace.provinces import PROVINCE_CHOICES
from marketplace.region_forms import RegionChoicesMixin, district_field, regency_field
from sellers.models import Seller
from sellers.selectors import category_options


class SellerRegisterForm(RegionChoicesMixin, forms.Form):
    name = forms.CharField(label=_("Nama toko"), max_length=120)
    nib = forms.RegexField(
        label=_("NIB (Nomor Induk Berusaha)"),
        regex=r"^[0-9]{13}\Z",
        max_length=13,
        error_messages={"invalid": _("NIB harus 13 digit angka.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{13}", "autocomplete": "off"}),
        help_text=_("13 digit angka dari OSS."),
    )
    province = forms.ChoiceField(label=_("Provinsi"), choices=[("", "—"), *PROVINCE_CHOICES])
    regency = regency_field()
    district = district_field()
    postal_code = forms.RegexField(
        label=_("Kode pos"),
        regex=r"^\d{5}\Z",
        max_length=5,
        required=False,
        error_messages={"invalid": _("Kode pos 5 digit angka.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": r"\d{5}"}),
    )
    city = forms.CharField(label=_("Kota/kabupaten (jika tidak ada di daftar)"), max_length=80, required=False)
    scale = forms.ChoiceField(label=_("Skala usaha"), choices=Seller.Scale.choices)
    description = forms.CharField(
        label=_("Deskripsi"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    e_smart_ikm = forms.BooleanField(label=_("Peserta program e-Smart IKM"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fill_region_choices()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("regency") and not cleaned.get("city", "").strip() and "regency" not in self.errors:
            self.add_error("regency", _("Pilih kabupaten/kota."))
        if not self.errors:
            self.clean_regions(cleaned)
        return cleaned


class ShopShippingForm(RegionChoicesMixin, forms.Form):
    """Where the shop's parcels start and which couriers it offers buyers."""

    province = forms.ChoiceField(label=_("Provinsi"), choices=[("", "—"), *PROVINCE_CHOICES])
    regency = regency_field(required=True)
    district = district_field(required=True)
    postal_code = forms.RegexField(
        label=_("Kode pos"),
        regex=r"^\d{5}\Z",
        max_length=5,
        error_messages={"invalid": _("Kode pos 5 digit angka.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": r"\d{5}"}),
    )
    couriers = forms.MultipleChoiceField(
        label=_("Kurir yang dilayani"),
        choices=Courier.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Pembeli memilih salah satunya untuk paket dari toko Anda. Kurir toko hanya untuk pembeli "
            "di kabupaten/kota yang sama."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fill_region_choices()

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            self.clean_regions(cleaned)
        return cleaned


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.parent.name} › {obj.name}" if obj.parent_id else obj.name


class ProductForm(forms.Form):
    name = forms.CharField(label=_("Nama produk"), max_length=160)
    category = CategoryChoiceField(
        label=_("Kategori"),
        # Tree order: each top-level category followed by its children.
        queryset=category_options(),
    )
    description = forms.CharField(
        label=_("Deskripsi"), max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    variant_name = forms.CharField(
        label=_("Nama varian"),
        max_length=80,
        required=False,
        help_text=_("Isi bila produk punya beberapa varian, misalnya 250 g / biji atau M; varian lain di bawah."),
    )
    sku = forms.CharField(label=_("SKU"), max_length=64, required=False)
    price = forms.IntegerField(label=_("Harga (Rp)"), min_value=1, max_value=10**12)
    stock = forms.IntegerField(label=_("Stok"), min_value=0, max_value=10**9)
    weight_grams = forms.IntegerField(label=_("Berat (gram)"), min_value=1, max_value=10**8)
    tkdn_percent = forms.IntegerField(
        label=_("TKDN (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        help_text=_("Tingkat Komponen Dalam Negeri; 40% ke atas mendapat lencana Bangga Buatan Indonesia."),
    )


class ProductUpdateForm(ProductForm):
    is_active = forms.BooleanField(label=_("Dijual (tampil di katalog)"), required=False)


FIRST_VARIANT_FIELDS = {
    "variant_name": "name",
    "sku": "sku",
    "price": "price",
    "stock": "stock",
    "weight_grams": "weight_grams",
}


def split_product_form(cleaned: dict) -> tuple[dict, dict]:
    """(the product's own fields, its first variant's) from a product form's cleaned data."""
    first = {FIRST_VARIANT_FIELDS[k]: v for k, v in cleaned.items() if k in FIRST_VARIANT_FIELDS}
    return {k: v for k, v in cleaned.items() if k not in FIRST_VARIANT_FIELDS}, first


class VariantForm(forms.Form):
    """One more variant of a product; a blank row is ignored."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Nama varian"), max_length=80)
    sku = forms.CharField(label=_("SKU"), max_length=64, required=False)
    price = forms.IntegerField(label=_("Harga (Rp)"), min_value=1, max_value=10**12)
    stock = forms.IntegerField(label=_("Stok"), min_value=0, max_value=10**9)
    weight_grams = forms.IntegerField(label=_("Berat (gram)"), min_value=1, max_value=10**8)
    is_active = forms.BooleanField(label=_("Dijual"), required=False, initial=True)


VariantFormSet = forms.formset_factory(VariantForm, extra=2, max_num=49, validate_max=True)


def variant_formset(data, *, product=None):
    """The other variants' rows: those of `product` after its first, then two blank ones.

    A post without the rows (an older page, a script) means "no other variants changed".
    """
    initial = []
    if product is not None:
        rest = list(product.variants.order_by("position", "pk"))[1:]
        initial = [
            {f: getattr(v, f) for f in ("name", "sku", "price", "stock", "weight_grams", "is_active")} | {"id": v.pk}
            for v in rest
        ]
    if data is not None and "variants-TOTAL_FORMS" not in data:
        data = None
    return VariantFormSet(data, initial=initial, prefix="variants")


def variants_valid(formset) -> bool:
    """Rows left out of the post (an unbound formset) are fine: nothing to change."""
    return not formset.is_bound or formset.is_valid()


def _sent_rows(formset) -> list:
    """The row forms filled in (the unchanged blank ones dropped); none when the post left them out."""
    if not formset.is_bound:
        return []
    return [form for form in formset.forms if form.has_changed() or form.initial]


def variant_rows(formset) -> list[dict]:
    """The rows' values, in the order the services number them (1, 2, ...; 0 is the product form)."""
    return [form.cleaned_data for form in _sent_rows(formset)]


def add_product_errors(form, formset, detail) -> None:
    """Show a service's error where the seller typed the value: "0.price" on the product form (its
    first variant), "2.sku" on the second row sent (`variant_rows` order), the rest on the product form."""
    if isinstance(detail, str):
        form.add_error(None, detail)
        return
    sent = _sent_rows(formset)
    first_fields = {variant: field for field, variant in FIRST_VARIANT_FIELDS.items()}
    rest = {}
    for key, messages in dict(detail).items():
        index, dot, field = key.partition(".")
        if not (dot and index.isdigit()):
            rest[key] = messages
            continue
        index = int(index)
        if index == 0:
            rest[first_fields.get(field, field)] = messages
        elif index <= len(sent):
            row = sent[index - 1]
            for message in messages if isinstance(messages, list | tuple) else [messages]:
                row.add_error(field if field in row.fields else None, str(message))
        else:
            rest[key] = messages
    add_domain_errors(form, rest)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Alasan penolakan"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
