"""A buyer's cart: lines in the database for users, in the session for anonymous visitors.

A line is a variant (`250 g / biji`, `XL`). A caller may name the product instead when it has only
one variant (the first API's clients); a product with several is refused with their names.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, ValidationError
from orders.models import CartLine
from sellers.models import ProductVariant, Seller

# Keyed by variant id: not "cart", whose keys were product ids before variants.
SESSION_KEY = "cart_variants"
MAX_QUANTITY = 10_000


def _for_sale():
    return ProductVariant.objects.select_related("product__seller").filter(
        is_active=True, product__is_active=True, product__seller__status=Seller.Status.VERIFIED
    )


def purchasable_variant(variant_id) -> ProductVariant:
    variant = _for_sale().filter(pk=variant_id).first()
    if variant is None:
        raise ValidationError({"variant": [_("Varian tidak ditemukan atau tidak dijual.")]})
    return variant


def line_variant_id(*, product_id: int | None = None, variant_id: int | None = None) -> int:
    """The variant a line means: the one named, else the product's only variant (400 naming them when several).

    A line naming both (the web page's form does) must name one of that product's variants.
    """
    if variant_id is not None:
        variant = purchasable_variant(variant_id)
        if product_id is not None and variant.product_id != product_id:
            raise ValidationError({"variant": [_("Varian ini bukan varian produk ini.")]})
        return variant.pk
    if product_id is None:
        raise ValidationError({"variant": [_("Pilih varian.")]})
    variants = list(_for_sale().filter(product_id=product_id).order_by("position", "pk"))
    if not variants:
        raise ValidationError({"product": [_("Produk tidak ditemukan atau tidak dijual.")]})
    if len(variants) > 1:
        names = ", ".join(f"{v.display_name} (id {v.pk})" for v in variants)
        raise ValidationError(
            {"variant": [_("Produk ini punya beberapa varian; pilih salah satu: %(names)s.") % {"names": names}]}
        )
    return variants[0].pk


def lines_check_variants_of_products(pairs: list[tuple[int, int]]) -> None:
    """Order lines that name both a variant and a product, as (variant id, product id): each variant
    must be one of that product's, else a 400 naming the line's variant (nothing is bought instead)."""
    if not pairs:
        return
    product_of = dict(ProductVariant.objects.filter(pk__in={v for v, _p in pairs}).values_list("pk", "product_id"))
    wrong = sorted({v for v, p in pairs if product_of.get(v, p) != p})
    if wrong:
        message = _("Varian %(variant)s bukan varian produk yang disebut di baris yang sama.")
        raise ValidationError({"lines": [message % {"variant": v} for v in wrong]})


def _label(variant: ProductVariant) -> str:
    return f"{variant.product.name} ({variant.name})" if variant.name else variant.product.name


def _check_quantity(variant: ProductVariant, quantity: int) -> None:
    if quantity < 1 or quantity > MAX_QUANTITY:
        raise ValidationError({"quantity": [_("Jumlah harus antara 1 dan %(max)s.") % {"max": MAX_QUANTITY}]})
    if quantity > variant.stock:
        raise ConflictError(
            _("Stok %(name)s tinggal %(left)s.") % {"name": _label(variant), "left": variant.stock},
            extra={
                "products": [
                    {
                        "product": variant.product_id,
                        "variant": variant.pk,
                        "name": _label(variant),
                        "available": variant.stock,
                    }
                ]
            },
        )


def cart_add(*, user, quantity: int, variant_id: int | None = None, product_id: int | None = None) -> CartLine:
    """Add to the cart; a variant already there gets the quantities added together.

    Two adds of a variant not yet in the cart race to insert the line (there is no row to lock
    yet); the loser finds the winner's line through the unique constraint and adds to it.
    """
    variant = purchasable_variant(line_variant_id(product_id=product_id, variant_id=variant_id))
    with transaction.atomic():
        line = CartLine.objects.select_for_update().filter(user=user, variant=variant).first()
        if line is None:
            _check_quantity(variant, quantity)
            try:
                with transaction.atomic():
                    return CartLine.objects.create(
                        user=user, product_id=variant.product_id, variant=variant, quantity=quantity
                    )
            except IntegrityError:
                line = CartLine.objects.select_for_update().get(user=user, variant=variant)
        _check_quantity(variant, quantity + line.quantity)
        CartLine.objects.filter(pk=line.pk).update(quantity=F("quantity") + quantity)
        line.refresh_from_db()
        return line


def cart_line_set_quantity(*, line: CartLine, quantity: int) -> CartLine:
    _check_quantity(line.variant, quantity)
    line.quantity = quantity
    line.save(update_fields=["quantity"])
    return line


def cart_line_remove(*, line: CartLine) -> None:
    line.delete()


def session_cart_add(*, session, quantity: int, variant_id: int | None = None, product_id: int | None = None) -> None:
    """An anonymous visitor's cart: {variant_id: quantity} in the session, merged at login."""
    variant = purchasable_variant(line_variant_id(product_id=product_id, variant_id=variant_id))
    cart = dict(session.get(SESSION_KEY, {}))
    new_quantity = cart.get(str(variant.pk), 0) + quantity
    _check_quantity(variant, new_quantity)
    cart[str(variant.pk)] = new_quantity
    session[SESSION_KEY] = cart


def session_cart_set(*, session, variant_id: int, quantity: int) -> None:
    cart = dict(session.get(SESSION_KEY, {}))
    if quantity <= 0:
        cart.pop(str(variant_id), None)
    else:
        _check_quantity(purchasable_variant(variant_id), quantity)
        cart[str(variant_id)] = quantity
    session[SESSION_KEY] = cart


def cart_merge_session(*, user, session) -> int:
    """Move a visitor's session cart into their account cart; quantities are capped at the stock."""
    cart = session.pop(SESSION_KEY, None)
    if not cart or not isinstance(cart, dict):
        return 0
    merged = 0
    for variant_id, quantity in cart.items():
        try:
            variant = purchasable_variant(int(variant_id))
            quantity = int(quantity)
        except (ValidationError, ValueError, TypeError):
            continue
        if quantity <= 0:
            continue
        with transaction.atomic():
            line = CartLine.objects.select_for_update().filter(user=user, variant=variant).first()
            wanted = min((line.quantity if line else 0) + quantity, variant.stock, MAX_QUANTITY)
            if wanted <= 0:
                continue
            if line is None:
                _, created = CartLine.objects.get_or_create(
                    user=user, variant=variant, defaults={"quantity": wanted, "product_id": variant.product_id}
                )
                if not created:
                    continue  # the same user added it on another tab a moment ago; keep theirs
            else:
                line.quantity = wanted
                line.save(update_fields=["quantity"])
            merged += 1
    return merged
