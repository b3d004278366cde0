"""Ministry pages of promotional email.

A campaign's blasts, the form that writes one, and each blast's page: its stats (refreshing while it
sends) beside what staff can do with it (preview, test send, send now, cancel). The views parse,
authorise, call mailings.services and render; the rules live in the services.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST

from campaigns.models import Campaign
from mailings import audiences, rendering, selectors, services
from mailings.forms import BlastForm, BlastScheduleForm
from mailings.models import Blast
from marketplace.errors import DomainError
from marketplace.forms import domain_error_text
from marketplace.web import ministry_required, page_of

BLASTS_PAGE_SIZE = 25
# The blast page reloads itself so staff watch a blast go out; a scheduled one changes less often.
REFRESH_SECONDS = {Blast.Status.SENDING: 5, Blast.Status.SCHEDULED: 30}


def audience_sentence(count: int) -> str:
    count_text = number_format(count, force_grouping=True)
    return _("akan dikirim ke %(count)s pelanggan yang bersedia menerima email") % {"count": count_text}


def _blast_or_404(blast_id: int) -> Blast:
    blast = selectors.blast_get(blast_id=blast_id)
    if blast is None:
        raise Http404
    return blast


# ---- a campaign's blasts ---------------------------------------------------------------------------


@ministry_required
def blast_list(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    page = page_of(request, selectors.blast_list_counted(campaign=campaign), BLASTS_PAGE_SIZE)
    return render(request, "mailings/blast_list.html", {"campaign": campaign, "page_obj": page})


@ministry_required
@require_http_methods(["GET", "POST"])
def blast_create(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    form = BlastForm(request.POST or None, action=request.POST.get("action", BlastForm.ACTION_DRAFT))
    if request.method == "POST" and form.is_valid():
        try:
            blast = services.blast_create(campaign=campaign, by=request.user, **form.service_kwargs())
        except DomainError as exc:
            form.add_service_errors(exc.detail)
        else:
            count = audiences.audience_count(audiences.Audience.of(blast))
            if blast.status == Blast.Status.SCHEDULED:
                text = _("Email dijadwalkan; %(audience)s.")
            else:
                text = _("Draf email disimpan; %(audience)s.")
            messages.success(request, text % {"audience": audience_sentence(count)})
            return redirect("mailings:ministry_blast", blast_id=blast.pk)
    return render(request, "mailings/blast_form.html", {"campaign": campaign, "form": form})


# ---- one blast -------------------------------------------------------------------------------------


@ministry_required
def ministry_blast(request, blast_id: int):
    blast = _blast_or_404(blast_id)
    unsent = blast.status in (Blast.Status.DRAFT, Blast.Status.SCHEDULED)
    estimate = audiences.audience_count(audiences.Audience.of(blast)) if unsent else None
    context = {
        "blast": blast,
        "campaign": blast.campaign,
        "stats": selectors.blast_stats(blast=blast),
        "refresh": REFRESH_SECONDS.get(blast.status),
        "estimate": estimate,
        "audience_sentence": audience_sentence(estimate) if estimate is not None else "",
        "can_send": unsent,
        "schedule_form": BlastScheduleForm() if blast.status == Blast.Status.DRAFT else None,
        "can_cancel": blast.status in (Blast.Status.SCHEDULED, Blast.Status.SENDING),
    }
    return render(request, "mailings/ministry_blast.html", context)


@ministry_required
@xframe_options_sameorigin
def blast_preview(request, blast_id: int):
    """The email as a recipient sees it, with a harmless stand-in for the personal unsubscribe link."""
    rendered = rendering.blast_render(_blast_or_404(blast_id))
    preview = rendered.html.replace(rendering.UNSUBSCRIBE_PLACEHOLDER, "#berhenti-berlangganan")
    response = HttpResponse(preview, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = rendering.PREVIEW_CSP
    return response


@ministry_required
@require_POST
def blast_test_send(request, blast_id: int):
    services.blast_send_test(blast=_blast_or_404(blast_id), to=request.user)
    messages.success(request, _("Email uji dikirim ke %(email)s.") % {"email": request.user.email})
    return redirect("mailings:ministry_blast", blast_id=blast_id)


@ministry_required
@require_POST
def blast_send_now(request, blast_id: int):
    blast = _blast_or_404(blast_id)
    if request.POST.get("confirm") != "on":
        # Sent email cannot be called back: the form asks for a ticked box (it works without JavaScript).
        messages.error(request, _("Centang konfirmasi dulu: email belum dikirim."))
        return redirect("mailings:ministry_blast", blast_id=blast_id)
    try:
        services.blast_send(blast=blast, by=request.user)
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(request, _("Email mulai dikirim."))
    return redirect("mailings:ministry_blast", blast_id=blast_id)


@ministry_required
@require_POST
def blast_schedule(request, blast_id: int):
    blast = _blast_or_404(blast_id)
    form = BlastScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["scheduled_at"]))
        return redirect("mailings:ministry_blast", blast_id=blast_id)
    try:
        blast = services.blast_schedule(blast=blast, scheduled_at=form.cleaned_data["scheduled_at"], by=request.user)
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(
            request,
            _("Email dijadwalkan; %(audience)s.")
            % {"audience": audience_sentence(audiences.audience_count(audiences.Audience.of(blast)))},
        )
    return redirect("mailings:ministry_blast", blast_id=blast_id)


@ministry_required
@require_POST
def blast_cancel(request, blast_id: int):
    try:
        services.blast_cancel(blast=_blast_or_404(blast_id), by=request.user)
    except DomainError as exc:
        messages.error(request, domain_error_text(exc.detail))
    else:
        messages.success(request, _("Pengiriman dibatalkan; email yang belum terkirim tidak akan dikirim."))
    return redirect("mailings:ministry_blast", blast_id=blast_id)
