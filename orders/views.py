"""Web pages of the cart, checkout, payment, the buyer's orders and a shop's incoming shipments.

Views parse, authorise, call a service or selector and render; the rules live in orders.services.
An anonymous visitor's cart lives in the session; it is merged into the account cart, explicitly,
by the cart and checkout pages once the visitor has logged in.
"""

import re
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.errors import ConflictError, DomainError
from marketplace.forms import add_domain_errors, domain_error_text, form_errors_text
from marketplace.provinces import PROVINCES
from marketplace.web import page_of, status_param
from orders import rates, selectors
from orders.forms import NEW_ADDRESS, AddToCartForm, CartQuantityForm, CheckoutForm, ShipForm
from orders.forms_cancel import OrderCancelForm
from orders.idempotency import idempotent
from orders.models import CartLine, Courier, Order, Payment, PaymentRefund, Shipment
from orders.selectors_complaints import order_aftersales
from orders.services import cart as cart_services
from orders.services import checkout as checkout_services
from orders.services import lifecycle, tracking
from sellers.models import Product, ProductVariant
from sellers.selectors import seller_of_member

ORDERS_PAGE_SIZE = 20
SHIPMENTS_PAGE_SIZE = 20


# ---- cart ------------------------------------------------------------------------------------------


def _merge_session_cart(request) -> None:
    if request.user.is_authenticated and cart_services.cart_merge_session(user=request.user, session=request.session):
        messages.info(request, _("Produk yang Anda pilih sebelum masuk sudah digabungkan ke keranjang."))


def _current_cart(request) -> selectors.CartView:
    if request.user.is_authenticated:
        return selectors.cart_for_user(user=request.user)
    return selectors.cart_for_session(session=request.session)


def cart(request):
    _merge_session_cart(request)
    return render(request, "orders/cart.html", {"cart": _current_cart(request)})


@require_POST
def cart_add(request):
    """The product page's form: `variant` (the buyer's choice), or `product` for one without options."""
    form = AddToCartForm(request.POST)
    product = Product.objects.filter(pk=form.data.get("product")).first() if form.is_valid() else None
    back = product.get_absolute_url() if product else reverse("orders:cart")
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect(back)
    wanted = {"variant_id": form.cleaned_data.get("variant"), "product_id": form.cleaned_data["product"]}
    quantity = form.cleaned_data["quantity"]
    try:
        variant_id = cart_services.line_variant_id(**wanted)
        if request.user.is_authenticated:
            cart_services.cart_add(user=request.user, variant_id=variant_id, quantity=quantity)
        else:
            cart_services.session_cart_add(session=request.session, variant_id=variant_id, quantity=quantity)
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        variant = ProductVariant.objects.get(pk=variant_id)
        name = f"{product.name} ({variant.name})" if variant.name else product.name
        messages.success(
            request, _("%(quantity)s × %(name)s masuk ke keranjang.") % {"quantity": quantity, "name": name}
        )
    return redirect(back)


def _own_cart_line(request, variant_id: int) -> CartLine:
    return get_object_or_404(
        CartLine.objects.select_related("variant__product"), user=request.user, variant_id=variant_id
    )


@require_POST
def cart_update(request, variant_id: int):
    form = CartQuantityForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect("orders:cart")
    quantity = form.cleaned_data["quantity"]
    try:
        if request.user.is_authenticated:
            cart_services.cart_line_set_quantity(line=_own_cart_line(request, variant_id), quantity=quantity)
        else:
            if str(variant_id) not in request.session.get(cart_services.SESSION_KEY, {}):
                raise Http404
            cart_services.session_cart_set(session=request.session, variant_id=variant_id, quantity=quantity)
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(request, _("Jumlah sudah diubah."))
    return redirect("orders:cart")


@require_POST
def cart_remove(request, variant_id: int):
    if request.user.is_authenticated:
        cart_services.cart_line_remove(line=_own_cart_line(request, variant_id))
    else:
        cart_services.session_cart_set(session=request.session, variant_id=variant_id, quantity=0)
    messages.success(request, _("Produk sudah dihapus dari keranjang."))
    return redirect("orders:cart")


# ---- checkout and payment --------------------------------------------------------------------------


def _shipping_choices(data) -> dict[int, str]:
    """The courier service picked for each shop's parcel: `ship_<shop id>` = "jne:reg"."""
    choices = {}
    for key, value in data.items():
        name, _sep, seller_id = key.partition("_")
        # "²" is a digit to isdigit() but not to int(), which also refuses thousands of digits.
        shop_id = seller_id.isascii() and seller_id.isdigit() and len(seller_id) <= 18
        if name == "ship" and shop_id and isinstance(value, str) and len(value) <= 24:
            choices[int(seller_id)] = value
    return choices


def _place_order(request, form: CheckoutForm) -> str:
    """Place the order once per copy of the form: a repeated submit gets the first order's number."""

    def place():
        order = checkout_services.order_place(
            buyer=request.user,
            address=checkout_services.Address(**form.address()),
            courier=form.cleaned_data.get("courier") or None,
            choices=_shipping_choices(request.POST),
            vouchers=[form.cleaned_data["voucher"]] if form.cleaned_data.get("voucher") else [],
        )
        return 201, {"number": order.number}

    token = str(form.cleaned_data["token"])
    _, body = idempotent(user=request.user, key=f"checkout-page:{token}", fingerprint=token, action=place)
    return body["number"]


def _destination(chosen, addresses) -> rates.Place | None:
    """Where the estimate prices to: the picked saved address, or what was typed so far."""
    saved = next((a for a in addresses if str(a.pk) == str(chosen.get("saved_address") or "")), None)
    if saved is not None:
        return rates.Place(saved.province, saved.regency_id or "", saved.district_id or "", saved.postal_code)
    province = str(chosen.get("province") or "")
    if province not in PROVINCES:
        return None
    postal_code = str(chosen.get("postal_code") or "")
    return rates.Place(
        province,
        str(chosen.get("regency") or ""),
        str(chosen.get("district") or ""),
        postal_code if re.fullmatch(r"\d{5}", postal_code) else "",
    )


@login_required
@require_http_methods(["GET", "POST"])
def checkout(request):
    _merge_session_cart(request)
    short: dict[int, int] = {}
    addresses = list(selectors.address_list_for_buyer(user=request.user))
    if request.method == "POST" and "estimate" in request.POST:
        # "Hitung ongkos kirim": update the lists and the fees for what was chosen, keep what was typed.
        form = CheckoutForm(initial={**request.POST.dict(), "token": uuid.uuid4()}, addresses=addresses)
    elif request.method == "POST":
        form = CheckoutForm(request.POST, addresses=addresses)
        if form.is_valid():
            try:
                number = _place_order(request, form)
            except ConflictError as exc:
                add_domain_errors(form, exc.detail)
                # Keyed by variant: two sizes of one gamis each have their own stock.
                rows = exc.extra.get("products", [])
                short = {item["variant"]: item["available"] for item in rows if "variant" in item}
            except DomainError as exc:
                add_domain_errors(form, _flat(exc.detail))
            else:
                messages.success(request, _("Pesanan %(number)s sudah dibuat. Silakan bayar.") % {"number": number})
                return redirect("orders:pay", number=number)
    else:
        initial = {"recipient": request.user.full_name, "saved_address": NEW_ADDRESS}
        default = next((a for a in addresses if a.is_default), None)
        if default is not None:
            initial["saved_address"] = str(default.pk)
        else:
            initial.update(selectors.last_address_for_buyer(user=request.user))
            initial.pop("courier", None)
        form = CheckoutForm(initial={**initial, "token": uuid.uuid4()}, addresses=addresses)

    cart = selectors.cart_for_user(user=request.user)
    if not cart.lines:
        messages.info(request, _("Keranjang Anda masih kosong."))
        return redirect("orders:cart")
    chosen = form.data if form.is_bound else form.initial
    code = str(chosen.get("voucher") or "").strip()[:32]
    estimate = selectors.checkout_estimate(
        cart=cart,
        destination=_destination(chosen, addresses),
        choices=_shipping_choices(chosen),
        buyer=request.user,
        voucher_codes=[code] if code else [],
    )
    context = {"form": form, "cart": cart, "estimate": estimate, "short": short}
    return render(request, "orders/checkout.html", context)


def _flat(detail):
    """A service's errors nested under "shipping_address" belong to the form's own address fields."""
    if isinstance(detail, dict) and isinstance(detail.get("shipping_address"), dict):
        return {**{k: v for k, v in detail.items() if k != "shipping_address"}, **detail["shipping_address"]}
    return detail


def _buyer_order_or_404(request, number: str) -> Order:
    order = selectors.order_detail_for_buyer(user=request.user, number=number)
    if order is None:
        raise Http404
    return order


# ---- the buyer's orders ----------------------------------------------------------------------------


@login_required
def order_list(request):
    page = page_of(request, selectors.order_list_for_buyer(user=request.user), ORDERS_PAGE_SIZE)
    return render(request, "orders/order_list.html", {"page_obj": page})


def _cancellable(order: Order) -> bool:
    return order.status in lifecycle.CANCELLABLE and all(
        shipment.status == Shipment.Status.PENDING for shipment in order.shipments.all()
    )


@login_required
def order_detail(request, number: str):
    return _order_detail_page(request, _buyer_order_or_404(request, number), OrderCancelForm())


def _order_detail_page(request, order: Order, cancel_form: OrderCancelForm, status: int = 200):
    refunds = []
    if order.payment.refunded_amount or order.payment.status == Payment.Status.REFUND_PENDING:
        refunds = list(PaymentRefund.objects.filter(payment__order=order).order_by("created_at", "pk"))
    context = {
        "order": order,
        "cancellable": _cancellable(order),
        "cancel_form": cancel_form,
        "refunds": refunds,
        "tracking_enabled": tracking.tracking_enabled(),
        **order_aftersales(order=order),
    }
    return render(request, "orders/order_detail.html", context, status=status)


@login_required
@require_POST
def order_cancel(request, number: str):
    order = get_object_or_404(Order, buyer=request.user, number=number)
    form = OrderCancelForm(request.POST)
    if not form.is_valid():
        # Asked first: without a reason and the ticked confirmation nothing is cancelled.
        return _order_detail_page(request, _buyer_order_or_404(request, number), form, status=400)
    try:
        lifecycle.order_cancel(order=order, actor=request.user, note=form.note())
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(request, _("Pesanan %(number)s dibatalkan.") % {"number": order.number})
    return redirect(order.get_absolute_url())


@login_required
@require_POST
def shipment_deliver(request, number: str, shipment_id: int):
    shipment = get_object_or_404(
        Shipment.objects.select_related("order", "seller"),
        pk=shipment_id,
        order__number=number,
        order__buyer=request.user,
    )
    try:
        lifecycle.shipment_deliver(shipment=shipment, actor=request.user)
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(request, _("Kiriman dari %(shop)s sudah diterima.") % {"shop": shipment.seller.name})
    return redirect(shipment.order.get_absolute_url())


# ---- a shop's incoming shipments (seller centre) ---------------------------------------------------


def _member_shop_or_404(request, seller_id: int):
    seller = seller_of_member(user=request.user, seller_id=seller_id)
    if seller is None:
        raise Http404
    return seller


@login_required
def seller_shipments(request, seller_id: int):
    seller = _member_shop_or_404(request, seller_id)
    status = status_param(request.GET.get("status"), Shipment.Status)
    shipments = selectors.shipments_for_seller(seller=seller, status=status or None)
    page = page_of(request, shipments, SHIPMENTS_PAGE_SIZE)
    context = {
        "seller": seller,
        "page_obj": page,
        "status": status,
        "statuses": Shipment.Status.choices,
        "couriers": Courier.choices,
    }
    return render(request, "orders/seller_shipments.html", context)


def _shop_shipment_or_404(request, seller_id: int, shipment_id: int):
    seller = _member_shop_or_404(request, seller_id)
    shipment = selectors.shipment_for_member(shipment_id=shipment_id, user=request.user)
    if shipment is None or shipment.seller_id != seller.pk:
        raise Http404
    return seller, shipment


def _back_to_shipments(request, seller):
    url = reverse("orders:seller_shipments", kwargs={"seller_id": seller.pk})
    status = status_param(request.POST.get("status"), Shipment.Status)
    return redirect(f"{url}?status={status}" if status else url)


@login_required
@require_POST
def shipment_ship(request, seller_id: int, shipment_id: int):
    seller, shipment = _shop_shipment_or_404(request, seller_id, shipment_id)
    form = ShipForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        try:
            lifecycle.shipment_ship(shipment=shipment, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, domain_error_text(exc.detail))
        else:
            messages.success(
                request,
                _("Pesanan %(number)s ditandai dikirim dengan resi %(tracking)s.")
                % {"number": shipment.order.number, "tracking": form.cleaned_data["tracking_number"]},
            )
    return _back_to_shipments(request, seller)


@login_required
@require_POST
def seller_shipment_deliver(request, seller_id: int, shipment_id: int):
    """The shop says the parcel arrived (a shop that delivers by hand in its own town). Its word alone
    does not bring its payment forward: see `lifecycle.shipment_deliver`."""
    seller, shipment = _shop_shipment_or_404(request, seller_id, shipment_id)
    try:
        lifecycle.shipment_deliver(shipment=shipment, actor=request.user)
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(
            request,
            _("Pesanan %(number)s ditandai sudah sampai. Dana cair setelah pembeli mengonfirmasi.")
            % {"number": shipment.order.number},
        )
    return _back_to_shipments(request, seller)
