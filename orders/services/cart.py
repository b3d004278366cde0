"""A buyer's cart: lines in the database for users, in the session for anonymous visitors."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, ValidationError
from orders.models import CartLine
from sellers.models import Product, Seller

SESSION_KEY = "cart"
MAX_QUANTITY = 10_000


def purchasable_product(product_id) -> Product:
    product = (
        Product.objects.select_related("seller")
        .filter(pk=product_id, is_active=True, seller__status=Seller.Status.VERIFIED)
        .first()
    )
    if product is None:
        raise ValidationError({"product": [_("Produk tidak ditemukan atau tidak dijual.")]})
    return product


def _check_quantity(product: Product, quantity: int) -> None:
    if quantity < 1 or quantity > MAX_QUANTITY:
        raise ValidationError({"quantity": [_("Jumlah harus antara 1 dan %(max)s.") % {"max": MAX_QUANTITY}]})
    if quantity > product.stock:
        raise ConflictError(
            _("Stok %(name)s tinggal %(left)s.") % {"name": product.name, "left": product.stock},
            extra={"products": [{"product": product.pk, "name": product.name, "available": product.stock}]},
        )


def cart_add(*, user, product_id: int, quantity: int) -> CartLine:
    """Add to the cart; a product already there gets the quantities added together.

    Two adds of a product not yet in the cart race to insert the line (there is no row to lock
    yet); the loser finds the winner's line through the unique constraint and adds to it.
    """
    product = purchasable_product(product_id)
    with transaction.atomic():
        line = CartLine.objects.select_for_update().filter(user=user, product=product).first()
        if line is None:
            _check_quantity(product, quantity)
            try:
                with transaction.atomic():
                    return CartLine.objects.create(user=user, product=product, quantity=quantity)
            except IntegrityError:
                line = CartLine.objects.select_for_update().get(user=user, product=product)
        _check_quantity(product, quantity + line.quantity)
        CartLine.objects.filter(pk=line.pk).update(quantity=F("quantity") + quantity)
        line.refresh_from_db()
        return line


def cart_line_set_quantity(*, line: CartLine, quantity: int) -> CartLine:
    _check_quantity(line.product, quantity)
    line.quantity = quantity
    line.save(update_fields=["quantity"])
    return line


def cart_line_remove(*, line: CartLine) -> None:
    line.delete()


def session_cart_add(*, session, product_id: int, quantity: int) -> None:
    """An anonymous visitor's cart: {product_id: quantity} in the session, merged at login."""
    product = purchasable_product(product_id)
    cart = dict(session.get(SESSION_KEY, {}))
    new_quantity = cart.get(str(product.pk), 0) + quantity
    _check_quantity(product, new_quantity)
    cart[str(product.pk)] = new_quantity
    session[SESSION_KEY] = cart


def session_cart_set(*, session, product_id: int, quantity: int) -> None:
    cart = dict(session.get(SESSION_KEY, {}))
    if quantity <= 0:
        cart.pop(str(product_id), None)
    else:
        _check_quantity(purchasable_product(product_id), quantity)
        cart[str(product_id)] = quantity
    session[SESSION_KEY] = cart


def cart_merge_session(*, user, session) -> int:
    """Move a visitor's session cart into their account cart; quantities are capped at the stock."""
    cart = session.pop(SESSION_KEY, None)
    if not cart or not isinstance(cart, dict):
        return 0
    merged = 0
    for product_id, quantity in cart.items():
        try:
            product = purchasable_product(int(product_id))
            quantity = int(quantity)
        except (ValidationError, ValueError, TypeError):
            continue
        if quantity <= 0:
            continue
        with transaction.atomic():
            line = CartLine.objects.select_for_update().filter(user=user, product=product).first()
            wanted = min((line.quantity if line else 0) + quantity, product.stock, MAX_QUANTITY)
            if wanted <= 0:
                continue
            if line is None:
                _, created = CartLine.objects.get_or_create(user=user, product=product, defaults={"quantity": wanted})
                if not created:
                    continue  # the same user added it on another tab a moment ago; keep theirs
            else:
                line.quantity = wanted
                line.save(update_fields=["quantity"])
            merged += 1
    return merged
