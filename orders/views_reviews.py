"""Review pages: a product's reviews (newest or most helpful first) with helpful votes and, for staff,
hiding; a shop's reviews in the seller centre, each answered once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.errors import DomainError
from marketplace.forms import domain_error_text, form_errors_text
from marketplace.web import page_of
from orders.api_reviews import author_name
from orders.forms_aftersales import ReviewHideForm, ReviewReplyForm
from orders.models_aftersales import Review
from orders.selectors_reviews import reviews_of_product
from orders.services import reviews
from sellers.selectors import product_public_list, seller_of_member

PAGE_SIZE = 20


def product_reviews(request, product_id: int):
    product = get_object_or_404(product_public_list(), pk=product_id)
    order = "helpful" if request.GET.get("urut") == "membantu" else "newest"
    page = page_of(request, reviews_of_product(product_id=product.pk, order=order), PAGE_SIZE)
    for review in page.object_list:
        review.author_name = author_name(review.author)
    return render(request, "orders/product_reviews.html", {"product": product, "page_obj": page, "order": order})


def _run(request, action, success: str) -> None:
    try:
        action()
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(request, success)


@login_required
@require_POST
def review_helpful(request, review_id: int):
    review = get_object_or_404(Review.objects.filter(hidden_at__isnull=True), pk=review_id)
    _run(request, lambda: reviews.review_vote_helpful(review=review, user=request.user), _("Terima kasih."))
    return redirect("orders:product_reviews", product_id=review.product_id)


@login_required
@require_POST
def review_hide(request, review_id: int):
    if not request.user.is_ministry:
        raise Http404
    review = get_object_or_404(Review, pk=review_id)
    form = ReviewHideForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        reason = form.cleaned_data["reason"]
        _run(
            request,
            lambda: reviews.review_hide(review=review, by=request.user, reason=reason),
            _("Ulasan disembunyikan."),
        )
    return redirect("orders:product_reviews", product_id=review.product_id)


@login_required
def seller_reviews(request, seller_id: int):
    seller = seller_of_member(user=request.user, seller_id=seller_id)
    if seller is None:
        raise Http404
    qs = Review.objects.filter(seller=seller, hidden_at__isnull=True).select_related("author", "product")
    page = page_of(request, qs.order_by("replied_at", "-created_at", "-id"), PAGE_SIZE)
    for review in page.object_list:
        review.author_name = author_name(review.author)
    return render(request, "orders/seller_reviews.html", {"seller": seller, "page_obj": page})


@login_required
@require_POST
def review_reply(request, seller_id: int, review_id: int):
    seller = seller_of_member(user=request.user, seller_id=seller_id)
    if seller is None:
        raise Http404
    review = get_object_or_404(Review.objects.select_related("seller"), pk=review_id, seller=seller)
    form = ReviewReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        text = form.cleaned_data["text"]
        _run(request, lambda: reviews.review_reply(review=review, by=request.user, text=text), _("Balasan terkirim."))
    return redirect("orders:seller_reviews", seller_id=seller.pk)
