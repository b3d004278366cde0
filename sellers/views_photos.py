"""The seller centre's photo page of a product: upload (phone camera included), describe, reorder, delete."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.errors import DomainError
from marketplace.forms import add_domain_errors, domain_error_text
from marketplace.uploads import MAX_SIDE
from sellers import selectors, services_photos
from sellers.models import Product, ProductPhoto
from sellers.models_photos import MAX_PHOTOS_PER_PRODUCT


class PhotoForm(forms.Form):
    # "image/*" lets a phone offer its camera as well as its gallery; the server checks the content.
    image = forms.FileField(
        label=gettext_lazy("Pilih foto"),
        widget=forms.FileInput(attrs={"accept": "image/*"}),
        help_text=gettext_lazy("JPEG, PNG, atau WebP; paling besar 10 MB."),
    )
    alt = forms.CharField(
        label=gettext_lazy("Keterangan foto"),
        max_length=200,
        help_text=gettext_lazy(
            "Apa yang tampak di foto, untuk pembeli yang memakai pembaca layar. Contoh: "
            "“Kemasan kopi 250 g tampak depan, label hijau”."
        ),
    )


def _with_variant_choice(form: PhotoForm, product: Product) -> PhotoForm:
    """With several variants, the seller may say which one the photo shows."""
    variants = list(product.variants.filter(is_active=True).order_by("position", "pk"))
    if len(variants) > 1:
        form.fields["variant"] = forms.TypedChoiceField(
            label=gettext_lazy("Varian di foto"),
            choices=[("", gettext_lazy("Semua varian")), *((v.pk, v.display_name) for v in variants)],
            coerce=int,
            empty_value=None,
            required=False,
        )
    return form


def _member_product_or_404(request, seller_id: int, product_id: int) -> Product:
    seller = selectors.seller_of_member(user=request.user, seller_id=seller_id)
    if seller is None:
        raise Http404
    return get_object_or_404(selectors.product_list_of_seller(seller=seller).select_related("seller"), pk=product_id)


def _back(product: Product):
    return redirect("sellers:product_photos", seller_id=product.seller_id, product_id=product.pk)


@login_required
@require_http_methods(["GET", "POST"])
def product_photos(request, seller_id: int, product_id: int):
    product = _member_product_or_404(request, seller_id, product_id)
    form = _with_variant_choice(PhotoForm(request.POST or None, request.FILES or None), product)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services_photos.product_photo_add(
                    product=product,
                    upload=form.cleaned_data["image"],
                    alt=form.cleaned_data["alt"],
                    variant_id=form.cleaned_data.get("variant"),
                )
            except DomainError as exc:
                add_domain_errors(form, exc.detail)
            else:
                messages.success(request, _("Foto sudah ditambahkan."))
                return _back(product)
        status = 400
    photos = list(product.photos.all())
    context = {
        "product": product,
        "seller": product.seller,
        "photos": photos,
        "form": form,
        "room": MAX_PHOTOS_PER_PRODUCT - len(photos),
        "max_photos": MAX_PHOTOS_PER_PRODUCT,
        "max_side": MAX_SIDE,
    }
    return render(request, "sellers/product_photos.html", context, status=status)


@login_required
@require_POST
def product_photo_move(request, seller_id: int, product_id: int, photo_id: int):
    product = _member_product_or_404(request, seller_id, product_id)
    order = [photo.pk for photo in product.photos.all()]
    if photo_id not in order:
        raise Http404
    at = order.index(photo_id)
    to = max(0, at - 1) if request.POST.get("direction") == "up" else min(len(order) - 1, at + 1)
    order.insert(to, order.pop(at))
    try:
        services_photos.product_photos_reorder(product=product, photo_ids=order)
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    return _back(product)


@login_required
@require_POST
def product_photo_delete(request, seller_id: int, product_id: int, photo_id: int):
    product = _member_product_or_404(request, seller_id, product_id)
    photo = get_object_or_404(ProductPhoto, pk=photo_id, product=product)
    services_photos.product_photo_delete(photo=photo)
    messages.success(request, _("Foto sudah dihapus."))
    return _back(product)
