"""Web pages of the catalogue, the shops, the seller centre and the ministry's verification queue.

Views parse, authorise, call a service or selector and render; the rules live in services/selectors.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.errors import DomainError
from marketplace.forms import add_domain_errors, domain_error_text
from marketplace.web import ministry_required, page_of, status_param
from sellers import related, selectors, services, services_variant_rows
from sellers.catalogue_links import active_filters, facet_groups
from sellers.facets import product_facets_shared
from sellers.filters import ProductFilter
from sellers.forms import (
    ProductForm,
    ProductUpdateForm,
    RejectForm,
    SellerRegisterForm,
    add_product_errors,
    split_product_form,
    variant_formset,
    variant_rows,
    variants_valid,
)
from sellers.models import BANGGA_BUATAN_INDONESIA_MIN_TKDN, Product, Seller
from sellers.templatetags.catalogue import category_name

CATALOGUE_PAGE_SIZE = 24
MINISTRY_PAGE_SIZE = 50

# The catalogue's sort options: ProductFilter's `ordering` values with the words shown for them.
ORDERINGS = [
    ("", gettext_lazy("Terbaru")),
    ("price", gettext_lazy("Harga termurah")),
    ("-price", gettext_lazy("Harga termahal")),
    ("-rating", gettext_lazy("Rating tertinggi")),
]
# While searching, the default order is relevance and newest first becomes a choice.
SEARCH_ORDERINGS = [("", gettext_lazy("Paling sesuai")), ("-created", gettext_lazy("Terbaru")), *ORDERINGS[1:]]
# How the catalogue form names each ProductFilter field, to say which one was wrong.
FILTER_LABELS = {
    "search": gettext_lazy("Cari"),
    "category": gettext_lazy("Kategori"),
    "province": gettext_lazy("Provinsi"),
    "seller": gettext_lazy("Toko"),
    "min_tkdn": gettext_lazy("Kandungan lokal (TKDN)"),
    "campaign": gettext_lazy("Kampanye"),
    "in_stock": gettext_lazy("Hanya yang ada stok"),
    "in_campaign": gettext_lazy("Kampanye"),
    "min_price": gettext_lazy("Harga"),
    "max_price": gettext_lazy("Harga"),
    "ordering": gettext_lazy("Urutkan"),
}
TKDN_LEVELS = [BANGGA_BUATAN_INDONESIA_MIN_TKDN, 60, 80]
# The catalogue's parameters set by links (facets, the header's search box), not by the sheet's form.
KEPT_PARAMS = ("search", "category", "province", "min_price", "max_price", "in_campaign", "campaign", "seller")


def _priced_page(request, products, per_page=CATALOGUE_PAGE_SIZE):
    """A page of products with each one's current price quote attached."""
    page = page_of(request, products, per_page)
    page.object_list = selectors.products_with_quotes(products=page.object_list, buyer=request.user)
    return page


# ---- catalogue -------------------------------------------------------------------------------------


def home(request):
    context = {
        "featured": selectors.products_with_quotes(products=selectors.product_featured_list(), buyer=request.user),
        "categories": selectors.category_tree(),
    }
    return render(request, "sellers/home.html", context)


def catalogue(request):
    filterset = ProductFilter(request.GET or None, queryset=selectors.product_public_list(), request=request)
    # Invalid filters: show what was wrong with an empty result rather than silently ignoring part of the query.
    valid = not filterset.is_bound or filterset.is_valid()
    products = filterset.qs if valid else Product.objects.none()
    groups = (
        facet_groups(product_facets_shared(params=request.GET, request=request), request.GET, category_name)
        if valid
        else []
    )
    context = {
        "filter_errors": [
            (FILTER_LABELS.get(field, field), message)
            for field, messages in filterset.form.errors.items()
            for message in messages
        ],
        "filterset": filterset,
        "params": request.GET,
        "page_obj": _priced_page(request, products),
        "facet_groups": groups,
        "active_filters": active_filters(groups),
        "orderings": SEARCH_ORDERINGS if request.GET.get("search", "").strip() else ORDERINGS,
        "tkdn_levels": TKDN_LEVELS,
        "bbi_min_tkdn": BANGGA_BUATAN_INDONESIA_MIN_TKDN,
        # Kept as hidden fields when the sheet's form is sent, so it narrows the same query.
        "kept_params": [(key, request.GET[key]) for key in KEPT_PARAMS if request.GET.get(key)],
    }
    return render(request, "sellers/catalogue.html", context)


def product_detail(request, slug):
    product = get_object_or_404(selectors.product_visible_list(user=request.user), slug=slug)
    from_shop = related.product_more_from_shop(product=product)
    similar = related.product_similar(product=product)
    # One pricing call for the product and everything shown under it.
    [product, *others] = selectors.products_with_quotes(products=[product, *from_shop, *similar], buyer=request.user)
    is_public = product.is_active and product.seller.status == Seller.Status.VERIFIED
    variants = selectors.product_variants_for_sale(product=product, buyer=request.user)
    context = {
        "product": product,
        "variants": variants,
        # The one a buyer sees first: the first still in stock.
        "chosen": next((v for v in variants if v.stock), variants[0] if variants else None),
        "is_public": is_public,
        "from_shop": others[: len(from_shop)],
        "similar": others[len(from_shop) :],
    }
    return render(request, "sellers/product_detail.html", context)


def shop_detail(request, slug):
    seller = get_object_or_404(selectors.seller_visible_list(user=request.user), slug=slug)
    products = selectors.product_visible_list(user=request.user).filter(seller=seller, is_active=True)
    context = {"seller": seller, "page_obj": _priced_page(request, products)}
    return render(request, "sellers/shop_detail.html", context)


# ---- shop registration and the seller centre ------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def seller_register(request):
    if request.method == "POST" and "refresh" in request.POST:
        form = SellerRegisterForm(initial=request.POST.dict())  # the lists of what was chosen, nothing saved
    else:
        form = SellerRegisterForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            seller = services.seller_register(owner=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_errors(form, exc.detail)
        else:
            messages.success(
                request,
                _("Toko %(name)s sudah didaftarkan dan menunggu verifikasi Kementerian Perindustrian.")
                % {"name": seller.name},
            )
            return redirect("sellers:centre")
    return render(request, "sellers/seller_register.html", {"form": form})


def _member_shop_or_404(request, seller_id: int) -> Seller:
    """One of the user's shops; anyone else, the ministry included, gets a 404 (the centre is private)."""
    seller = selectors.seller_of_member(user=request.user, seller_id=seller_id)
    if seller is None:
        raise Http404
    return seller


@login_required
def centre(request):
    shops = selectors.seller_centre_list(user=request.user)
    return render(request, "sellers/centre.html", {"shops": shops})


@login_required
@require_http_methods(["GET", "POST"])
def seller_resubmit(request, seller_id: int):
    """A rejected shop corrects what the ministry asked for and goes back to the verification queue."""
    seller = _member_shop_or_404(request, seller_id)
    if seller.status != Seller.Status.REJECTED:
        messages.info(request, _("Toko %(name)s tidak sedang ditolak.") % {"name": seller.name})
        return redirect("sellers:centre")
    initial = {field: getattr(seller, field) for field in services.SELLER_RESUBMIT_FIELDS}
    form = SellerRegisterForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.seller_resubmit(seller=seller, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_errors(form, exc.detail)
        else:
            messages.success(
                request, _("Toko %(name)s diajukan ulang untuk diverifikasi.") % {"name": form.cleaned_data["name"]}
            )
            return redirect("sellers:centre")
    return render(request, "sellers/seller_resubmit.html", {"seller": seller, "form": form})


@login_required
def centre_products(request, seller_id: int):
    seller = _member_shop_or_404(request, seller_id)
    page = page_of(request, selectors.product_list_of_seller(seller=seller), 50)
    return render(request, "sellers/centre_products.html", {"seller": seller, "page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def product_add(request, seller_id: int):
    seller = _member_shop_or_404(request, seller_id)
    data = request.POST if request.method == "POST" else None
    form, variants = ProductForm(data), variant_formset(data)
    if request.method == "POST" and form.is_valid() and variants_valid(variants):
        fields, first = split_product_form(form.cleaned_data)
        try:
            product = services_variant_rows.product_create_with_variants(
                seller=seller, first=first, others=variant_rows(variants), **fields
            )
        except DomainError as exc:
            add_product_errors(form, variants, exc.detail)
        else:
            messages.success(
                request, _("Produk %(name)s sudah ditambahkan. Sekarang tambahkan fotonya.") % {"name": product.name}
            )
            return redirect("sellers:product_photos", seller_id=seller.pk, product_id=product.pk)
    context = {"seller": seller, "form": form, "variants": variants, "product": None}
    return render(request, "sellers/product_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request, seller_id: int, product_id: int):
    seller = _member_shop_or_404(request, seller_id)
    product = get_object_or_404(selectors.product_list_of_seller(seller=seller), pk=product_id)
    first = product.variants.order_by("position", "pk").first()
    initial = {field: getattr(product, field) for field in ProductUpdateForm.base_fields if hasattr(product, field)}
    initial |= {"variant_name": first.name, "sku": first.sku, "price": first.price, "stock": first.stock}
    initial["weight_grams"] = first.weight_grams
    data = request.POST if request.method == "POST" else None
    form, variants = ProductUpdateForm(data, initial=initial), variant_formset(data, product=product)
    if request.method == "POST" and form.is_valid() and variants_valid(variants):
        fields, first_values = split_product_form(form.cleaned_data)
        try:
            product = services_variant_rows.product_update_with_variants(
                product=product, first=first_values, others=variant_rows(variants), **fields
            )
        except DomainError as exc:
            add_product_errors(form, variants, exc.detail)
        else:
            messages.success(request, _("Produk %(name)s sudah disimpan.") % {"name": product.name})
            return redirect("sellers:centre_products", seller_id=seller.pk)
    context = {"seller": seller, "form": form, "variants": variants, "product": product}
    return render(request, "sellers/product_form.html", context)


# ---- the ministry's verification queue ------------------------------------------------------------


@ministry_required
def ministry_shops(request):
    status = status_param(request.GET.get("status"), Seller.Status)
    page = page_of(request, selectors.seller_list_for_ministry(status=status or None), MINISTRY_PAGE_SIZE)
    context = {
        "page_obj": page,
        "status": status,
        "statuses": Seller.Status.choices,
    }
    return render(request, "sellers/ministry_shops.html", context)


def _confirmed(request) -> bool:
    """The ticked box of a decision that cannot be taken back (the form works without JavaScript)."""
    return request.POST.get("confirm") == "on"


def _back_to_queue(request):
    status = status_param(request.POST.get("status"), Seller.Status)
    url = reverse("sellers:ministry_shops")
    return redirect(f"{url}?status={status}" if status else url)


@ministry_required
@require_POST
def ministry_verify(request, seller_id: int):
    seller = get_object_or_404(Seller, pk=seller_id)
    if not _confirmed(request):
        messages.error(request, _("Centang konfirmasi dulu: toko %(name)s belum diverifikasi.") % {"name": seller.name})
        return _back_to_queue(request)
    try:
        services.seller_verify(seller=seller, by=request.user)
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(request, _("Toko %(name)s sudah diverifikasi.") % {"name": seller.name})
    return _back_to_queue(request)


@ministry_required
@require_POST
def ministry_reject(request, seller_id: int):
    seller = get_object_or_404(Seller, pk=seller_id)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Alasan penolakan wajib diisi."))
        return _back_to_queue(request)
    if not _confirmed(request):
        messages.error(request, _("Centang konfirmasi dulu: toko %(name)s belum ditolak.") % {"name": seller.name})
        return _back_to_queue(request)
    try:
        services.seller_reject(seller=seller, by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(request, _("Toko %(name)s ditolak.") % {"name": seller.name})
    return _back_to_queue(request)
