"""Campaign web pages: the public campaign pages, the ministry console and seller enrolment.

Views parse, authorise, call a service or selector and render; the rules live in services/selectors.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from campaigns import eligibility, selectors, selectors_vouchers, services
from campaigns.forms import CampaignForm, EnrolForm, EnrolmentRejectForm
from campaigns.models import Campaign, Enrolment
from marketplace.errors import DomainError
from marketplace.forms import add_domain_errors, domain_error_text
from marketplace.web import ministry_required, page_of, status_param
from sellers.models import Seller
from sellers.selectors import product_list_of_seller, seller_of_member

PRODUCTS_PAGE_SIZE = 24
CONSOLE_PAGE_SIZE = 50


# ---- public pages ----------------------------------------------------------------------------------


def campaign_list(request):
    campaigns = selectors.campaign_list(user=request.user, statuses=[Campaign.Status.ACTIVE, Campaign.Status.SCHEDULED])
    now = timezone.now()
    active = [c for c in campaigns if c.status_at(now) == Campaign.Status.ACTIVE]
    scheduled = sorted(
        (c for c in campaigns if c.status_at(now) == Campaign.Status.SCHEDULED), key=lambda c: c.starts_at
    )
    return render(request, "campaigns/list.html", {"active": active, "scheduled": scheduled})


def campaign_landing(request, slug: str):
    campaign = selectors.campaign_visible(user=request.user, slug=slug)
    if campaign is None:
        raise Http404
    page = page_of(request, selectors.campaign_products(campaign=campaign), PRODUCTS_PAGE_SIZE)
    page.object_list = selectors.campaign_products_priced(
        campaign=campaign, products=page.object_list, buyer=request.user
    )
    status = campaign.status
    countdown_to = {Campaign.Status.SCHEDULED: campaign.starts_at, Campaign.Status.ACTIVE: campaign.ends_at}.get(status)
    context = {
        "campaign": campaign,
        "status": status,
        "countdown_to": countdown_to,
        "page_obj": page,
        # Read on every request (never cached): the budget left is live.
        "voucher_budget": selectors_vouchers.campaign_voucher_budget(campaign=campaign),
        "vouchers": selectors_vouchers.live_vouchers_of(campaign=campaign, at=timezone.now()),
    }
    return render(request, "campaigns/landing.html", context)


# ---- the ministry console --------------------------------------------------------------------------


@ministry_required
def console_list(request):
    status = status_param(request.GET.get("status"), Campaign.Status)
    page = page_of(request, selectors.campaign_console_list(status=status or None), CONSOLE_PAGE_SIZE)
    context = {"page_obj": page, "status": status, "statuses": Campaign.Status.choices}
    return render(request, "campaigns/console_list.html", context)


@ministry_required
@require_http_methods(["GET", "POST"])
def console_create(request):
    form = CampaignForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(by=request.user, **form.service_kwargs())
        except DomainError as exc:
            add_domain_errors(form, exc.detail)
        else:
            messages.success(request, _("Kampanye %(hashtag)s sudah dibuat.") % {"hashtag": campaign.hashtag})
            return redirect("campaigns:console")
    return render(request, "campaigns/console_form.html", {"form": form, "campaign": None})


@ministry_required
@require_http_methods(["GET", "POST"])
def console_edit(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    form = CampaignForm(request.POST or None, request.FILES or None, initial=CampaignForm.initial_for(campaign))
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_update(campaign=campaign, by=request.user, **form.service_kwargs())
        except DomainError as exc:
            add_domain_errors(form, exc.detail)
        else:
            messages.success(request, _("Kampanye %(hashtag)s sudah disimpan.") % {"hashtag": campaign.hashtag})
            return redirect("campaigns:console")
    return render(request, "campaigns/console_form.html", {"form": form, "campaign": campaign})


@ministry_required
def console_enrolments(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    status = request.GET.get("status")
    status = status if status in Enrolment.Status.values else ""
    enrolments = selectors.enrolments_for(campaign=campaign, user=request.user)
    if status:
        enrolments = enrolments.filter(status=status)
    context = {
        "campaign": campaign,
        "page_obj": page_of(request, enrolments, CONSOLE_PAGE_SIZE),
        "status": status,
        "statuses": Enrolment.Status.choices,
    }
    return render(request, "campaigns/console_enrolments.html", context)


@ministry_required
@require_POST
def console_enrolment_approve(request, slug: str, enrolment_id: int):
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("campaign", "product"), pk=enrolment_id, campaign__slug=slug
    )
    try:
        services.enrolment_approve(enrolment=enrolment, by=request.user)
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(request, _("%(product)s disetujui.") % {"product": enrolment.product.name})
    return redirect("campaigns:console_enrolments", slug=slug)


@ministry_required
@require_POST
def console_enrolment_reject(request, slug: str, enrolment_id: int):
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("campaign", "product"), pk=enrolment_id, campaign__slug=slug
    )
    form = EnrolmentRejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Alasan penolakan wajib diisi."))
        return redirect("campaigns:console_enrolments", slug=slug)
    try:
        services.enrolment_reject(enrolment=enrolment, by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(request, _("%(product)s ditolak.") % {"product": enrolment.product.name})
    return redirect("campaigns:console_enrolments", slug=slug)


# ---- the seller centre -----------------------------------------------------------------------------


def _member_shop_or_404(request, seller_id: int):
    """One of the user's shops; anyone else, the ministry included, gets a 404 (the centre is private)."""
    seller = seller_of_member(user=request.user, seller_id=seller_id)
    if seller is None:
        raise Http404
    return seller


@login_required
def seller_campaigns(request, seller_id: int):
    seller = _member_shop_or_404(request, seller_id)
    offers = eligibility.campaigns_open_to_shop(seller=seller)
    context = {
        "seller": seller,
        "open_campaigns": [offer for offer in offers if offer.eligible_products],
        "unsuitable_campaigns": [offer.campaign for offer in offers if not offer.eligible_products],
        "page_obj": page_of(request, selectors.enrolment_list_of_seller(seller=seller), CONSOLE_PAGE_SIZE),
    }
    return render(request, "campaigns/seller_campaigns.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def seller_enrol(request, seller_id: int, slug: str):
    seller = _member_shop_or_404(request, seller_id)
    campaign = selectors.campaign_visible(user=request.user, slug=slug)
    if campaign is None:
        raise Http404
    is_open = seller.status == Seller.Status.VERIFIED and campaign in selectors.open_campaigns_for(seller=seller)
    enrolled = selectors.enrolled_product_ids(campaign=campaign, seller=seller)
    taken = [pid for pid, enrolment in enrolled.items() if enrolment.status != Enrolment.Status.REJECTED]
    candidates = product_list_of_seller(seller=seller).filter(is_active=True).exclude(pk__in=taken)
    # Only products that can join are offered; the others are listed with the reason, before any submit.
    candidate_list = list(candidates.select_related("seller"))
    reasons = eligibility.product_ineligibility(campaign=campaign, products=candidate_list)
    products = candidates.filter(pk__in=[pid for pid, why in reasons.items() if why is None])
    ineligible = [(product, reasons[product.pk]) for product in candidate_list if reasons[product.pk]]
    form = EnrolForm(request.POST if request.method == "POST" else None, campaign=campaign, products=products)
    refusals: dict[str, str] = {}
    if request.method == "POST" and form.is_valid():
        try:
            created = services.enrolments_create(
                campaign=campaign, seller=seller, by=request.user, **form.service_kwargs()
            )
        except DomainError as exc:
            refusals = exc.extra.get("refusals", {})
            if refusals:
                form.add_error(None, _("Sebagian produk tidak bisa didaftarkan; lihat alasannya di bawah."))
            else:
                add_domain_errors(form, exc.detail)
        else:
            messages.success(
                request,
                _("%(count)d produk didaftarkan ke %(hashtag)s.")
                % {"count": len(created), "hashtag": campaign.hashtag},
            )
            return redirect("campaigns:seller_campaigns", seller_id=seller.pk)
    rows = _enrol_rows(form, campaign, products, refusals)
    context = {
        "seller": seller,
        "campaign": campaign,
        "form": form,
        "rows": rows,
        "is_open": is_open,
        "ineligible": ineligible,
        "enrolled": list(enrolled.values()),
    }
    return render(request, "campaigns/seller_enrol.html", context)


def _enrol_rows(form: EnrolForm, campaign: Campaign, products, refusals: dict[str, str]) -> list[dict]:
    """One row per product on the enrol form: its checkbox, its price (or price box) and why it was refused."""
    by_pk = {product.pk: product for product in products}
    rows = []
    for checkbox in form["products"]:
        product = by_pk[checkbox.data["value"].value]
        rows.append(
            {
                "product": product,
                "checkbox": checkbox,
                "price_field": form[form.price_field(product.pk)] if form.fixed_price else None,
                "preview": None
                if form.fixed_price
                else services.campaign_price(list_price=product.price, campaign=campaign),
                "refusal": refusals.get(str(product.pk)),
            }
        )
    return rows
