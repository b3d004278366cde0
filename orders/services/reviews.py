"""Reviews from real buyers: written per order line once its shipment completed, with up to five
photos (through the shared picture check), replied to once by the shop, hidden by staff when
abusive (kept, with who hid it and why), voted helpful by shoppers.

The product's and the shop's `rating_count` and `rating_sum` are kept here, in the transaction
that writes or hides a review (conditional `F()` updates, so concurrent reviews add up), so the
catalogue shows averages without a query per card.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import ConflictError, NotAllowed, ValidationError
from marketplace.uploads import image_clean
from orders.models import OrderLine, PaymentRefund, Shipment
from orders.models_aftersales import REVIEW_PHOTO_SIDE, Complaint, Review, ReviewPhoto, ReviewVote
from sellers.models import Product, Seller
from sellers.selectors import is_member

TEXT_MAX = 2000
PHOTOS_MAX = 5


def reviewable_lines(*, user, product: Product):
    """The user's order lines of this product in completed shipments that were not refunded."""
    return (
        OrderLine.objects.filter(order__buyer=user, product=product, shipment__status=Shipment.Status.COMPLETED)
        .exclude(shipment__in=PaymentRefund.objects.filter(shipment__isnull=False).values("shipment_id"))
        .exclude(shipment__complaint__status=Complaint.Status.REFUNDED)
        .order_by("pk")
    )


def _counters(review: Review, sign: int) -> None:
    change = {"rating_count": F("rating_count") + sign, "rating_sum": F("rating_sum") + sign * review.rating}
    Product.objects.filter(pk=review.product_id).update(**change)
    Seller.objects.filter(pk=review.seller_id).update(**change)


def review_create(*, author, product: Product, rating, text: str = "", line_id: int | None = None, photos=()) -> Review:
    """Review the oldest order line of `product` the author may still review (or the one `line_id` names).

    NotAllowed (403) for anyone who did not buy it in a completed, unrefunded shipment; a
    ConflictError (409) once every such line is reviewed.
    """
    errors = {}
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        errors["rating"] = [_("Beri nilai 1 sampai 5 bintang.")]
    text = (text or "").strip()
    if len(text) > TEXT_MAX:
        errors["text"] = [_("Ulasan paling panjang %(n)s karakter.") % {"n": TEXT_MAX}]
    photos = list(photos or [])
    if len(photos) > PHOTOS_MAX:
        errors["photos"] = [_("Paling banyak %(n)s foto.") % {"n": PHOTOS_MAX}]
    if errors:
        raise ValidationError(errors)
    if author is None or not author.is_authenticated:
        raise NotAllowed(_("Masuk dulu untuk menulis ulasan."))
    with transaction.atomic():
        lines = reviewable_lines(user=author, product=product)
        if line_id is not None:
            lines = lines.filter(pk=line_id)
        lines = list(lines.select_for_update(of=("self",)))
        if not lines:
            raise NotAllowed(_("Hanya pembeli yang pesanannya sudah selesai yang dapat mengulas produk ini."))
        reviewed = set(Review.objects.filter(order_line__in=lines).values_list("order_line_id", flat=True))
        line = next((line for line in lines if line.pk not in reviewed), None)
        if line is None:
            raise ConflictError(_("Anda sudah mengulas produk ini."))
        # Refused before anything is written; what is kept is at most REVIEW_PHOTO_SIDE a side.
        cleaned = [image_clean(photo, field="photos", fit_within=REVIEW_PHOTO_SIDE) for photo in photos]
        try:
            with transaction.atomic():
                review = Review.objects.create(
                    order_line=line, product=product, seller_id=line.seller_id, author=author, rating=rating, text=text
                )
        except IntegrityError as exc:  # the same line reviewed a moment ago in another request
            raise ConflictError(_("Anda sudah mengulas produk ini.")) from exc
        kept = ReviewPhoto.objects.bulk_create(
            [
                ReviewPhoto(
                    review=review, image=picture.content, width=picture.width, height=picture.height, position=i
                )
                for i, picture in enumerate(cleaned)
            ]
        )
        _counters(review, +1)
    # After the commit: the line's lock is not held while pictures are resized.
    for photo in kept:
        photo.thumb.generate(force=True)
    return review


def review_reply(*, review: Review, by, text: str) -> Review:
    """The shop answers a review, once."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Balasan wajib diisi.")]})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": [_("Balasan paling panjang %(n)s karakter.") % {"n": TEXT_MAX}]})
    if not is_member(user=by, seller=review.seller):
        raise NotAllowed(_("Hanya toko penjualnya yang dapat membalas ulasan ini."))
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.replied_at is not None:
            raise ConflictError(_("Ulasan ini sudah dibalas."))
        review.reply, review.replied_at, review.replied_by = text, timezone.now(), by
        review.save(update_fields=["reply", "replied_at", "replied_by"])
    return review


def review_hide(*, review: Review, by, reason: str) -> Review:
    """Staff hide an abusive review: it stays stored, with who hid it and why, and leaves the averages."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Alasan wajib diisi.")]})
    if not getattr(by, "is_ministry", False):
        raise NotAllowed(_("Hanya staf yang dapat menyembunyikan ulasan."))
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.hidden_at is not None:
            raise ConflictError(_("Ulasan ini sudah disembunyikan."))
        review.hidden_at, review.hidden_by, review.hidden_reason = timezone.now(), by, reason[:255]
        review.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        _counters(review, -1)
    return review


def review_vote_helpful(*, review: Review, user) -> Review:
    """A shopper finds a review helpful; a second vote by the same shopper counts nothing. The shop's
    own members may not vote: "most helpful first" would put the reviews the shop likes on top."""
    if review.author_id == user.pk:
        raise ConflictError(_("Ulasan Anda sendiri tidak bisa dinilai."))
    if is_member(user=user, seller=review.seller):
        raise NotAllowed(_("Anggota toko tidak bisa menilai ulasan produk tokonya sendiri."))
    if review.hidden_at is not None:
        raise ConflictError(_("Ulasan ini disembunyikan."))
    with transaction.atomic():
        created = ReviewVote.objects.get_or_create(review=review, user=user)[1]
        if created:
            Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
    review.refresh_from_db(fields=["helpful_count"])
    return review
