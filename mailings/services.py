"""Writes on promotional email: create, send, schedule, cancel, test-send a blast; unsubscribe and opt back in.

The sending itself happens in workers (mailings/delivery.py); these services only change the blast's
state and enqueue tasks after the transaction commits.
"""

from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from mailings import audiences, rendering
from mailings.models import Blast, Delivery
from marketplace.errors import ConflictError, ValidationError
from marketplace.models import MarketingConsent, User
from marketplace.provinces import PROVINCES
from marketplace.services import user_set_marketing_consent
from marketplace.text import name_errors, one_line
from sellers.models import Category

UNSUBSCRIBE_WORDING = "Berhenti menerima email promosi lewat tautan di email kampanye."
RESUBSCRIBE_WORDING = "Saya bersedia kembali menerima email promosi dan kampanye dari Pasar IKM."


def _enqueue_on_commit(task, *args) -> None:
    # robust: if the broker is down the blast stays `sending` and the beat sweep starts it later.
    transaction.on_commit(lambda: task.delay(*args), robust=True)


def blast_create(
    *,
    campaign: Campaign,
    by: User,
    subject: str,
    body: str,
    audience: audiences.Audience,
    scheduled_at=None,
) -> Blast:
    """A draft, or a scheduled blast when `scheduled_at` is given (it must be in the future)."""
    subject = one_line(subject)
    errors = name_errors({"subject": subject})  # the subject is an email header: no control characters
    if not subject:
        errors["subject"] = [_("Subjek wajib diisi.")]
    if not body.strip():
        errors["body"] = [_("Isi email wajib diisi.")]
    audience_errors = _audience_errors(audience)
    if audience_errors:
        errors["audience"] = audience_errors
    if scheduled_at is not None and scheduled_at <= timezone.now():
        errors["scheduled_at"] = [_("Waktu kirim harus di masa depan.")]
    if errors:
        raise ValidationError(errors)
    if campaign.cancelled_at:
        raise ConflictError(_("Kampanye ini sudah dibatalkan."))
    return Blast.objects.create(
        campaign=campaign,
        subject=subject,
        body=body,
        audience_kind=audience.kind,
        audience_category_id=audience.category_id if audience.kind == Blast.AudienceKind.BOUGHT_CATEGORY else None,
        audience_province=audience.province if audience.kind == Blast.AudienceKind.PROVINCE else None,
        audience_days=audience.days,
        status=Blast.Status.SCHEDULED if scheduled_at else Blast.Status.DRAFT,
        scheduled_at=scheduled_at,
        created_by=by,
    )


def _audience_errors(audience: audiences.Audience) -> dict:
    if audience.kind not in Blast.AudienceKind.values:
        return {"kind": [_("Jenis audiens tidak dikenal: %(kind)s.") % {"kind": audience.kind}]}
    if audience.kind == Blast.AudienceKind.BOUGHT_CATEGORY:
        if audience.category_id is None:
            return {"category": [_("Pilih kategori untuk audiens pembeli kategori.")]}
        if not Category.objects.filter(pk=audience.category_id).exists():
            return {"category": [_("Kategori tidak ditemukan.")]}
        if not 1 <= audience.days <= 3650:
            return {"days": [_("Rentang hari harus antara 1 dan 3650.")]}
    if audience.kind == Blast.AudienceKind.PROVINCE and audience.province not in PROVINCES:
        return {"province": [_("Kode provinsi tidak dikenal.")]}
    return {}


def blast_send(*, blast: Blast, by: User | None = None) -> Blast:
    """Start sending now: workers write the delivery rows, then send them in parallel."""
    from mailings.tasks import prepare_blast

    with transaction.atomic():
        blast = Blast.objects.select_for_update().get(pk=blast.pk)
        if blast.status not in (Blast.Status.DRAFT, Blast.Status.SCHEDULED):
            raise ConflictError(
                _("Blast berstatus %(status)s, tidak bisa dikirim.") % {"status": blast.get_status_display()}
            )
        blast.status = Blast.Status.SENDING
        blast.started_at = timezone.now()
        blast.save(update_fields=["status", "started_at"])
        _enqueue_on_commit(prepare_blast, blast.pk)
    return blast


def blast_schedule(*, blast: Blast, scheduled_at, by: User | None = None) -> Blast:
    """Schedule a draft: the beat task sends it once `scheduled_at` (in the future) has come."""
    if scheduled_at is None or scheduled_at <= timezone.now():
        raise ValidationError({"scheduled_at": [_("Waktu kirim harus di masa depan.")]})
    with transaction.atomic():
        blast = Blast.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=blast.pk)
        if blast.status != Blast.Status.DRAFT:
            raise ConflictError(
                _("Blast berstatus %(status)s, hanya draf yang bisa dijadwalkan.")
                % {"status": blast.get_status_display()}
            )
        if blast.campaign.cancelled_at:
            raise ConflictError(_("Kampanye ini sudah dibatalkan."))
        blast.status = Blast.Status.SCHEDULED
        blast.scheduled_at = scheduled_at
        blast.save(update_fields=["status", "scheduled_at"])
    return blast


def blast_cancel(*, blast: Blast, by: User | None = None) -> Blast:
    """Stop what has not gone yet; workers notice at their next message."""
    with transaction.atomic():
        blast = Blast.objects.select_for_update().get(pk=blast.pk)
        if blast.status in (Blast.Status.SENT, Blast.Status.CANCELLED):
            raise ConflictError(
                _("Blast berstatus %(status)s, tidak bisa dibatalkan.") % {"status": blast.get_status_display()}
            )
        blast.status = Blast.Status.CANCELLED
        blast.finished_at = timezone.now()
        blast.save(update_fields=["status", "finished_at"])
        Delivery.objects.filter(blast=blast, status=Delivery.Status.PENDING).update(status=Delivery.Status.CANCELLED)
    return blast


def blasts_start_scheduled(*, now) -> int:
    """Start every scheduled blast whose time has come (the beat task); safe to run twice."""
    started = 0
    for blast in Blast.objects.filter(status=Blast.Status.SCHEDULED, scheduled_at__lte=now).order_by("scheduled_at"):
        try:
            blast_send(blast=blast)
        except ConflictError:
            continue  # started or cancelled meanwhile
        started += 1
    return started


def blast_send_test(*, blast: Blast, to: User) -> None:
    """Queue one copy of the blast to a staff member, marked as a test in the subject."""
    from mailings.tasks import send_blast_test

    _enqueue_on_commit(send_blast_test, blast.pk, to.pk)


def blast_test_deliver(*, blast_id: int, user_id: int) -> bool:
    """Send the test copy (worker side). Not recorded as a delivery: it is not part of the blast."""
    blast = Blast.objects.select_related("campaign").filter(pk=blast_id).first()
    user = User.objects.filter(pk=user_id).first()
    if blast is None or user is None:
        return False
    rendered = rendering.blast_render(blast)
    rendered = rendering.RenderedBlast(subject=f"[UJI] {rendered.subject}", text=rendered.text, html=rendered.html)
    url = rendering.unsubscribe_url(user_id=user.pk, blast_id=blast.pk)
    rendered.message(to=user.email, unsubscribe_url=url).send()
    return True


# ---- consent through the link in the email ---------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    user: User
    blast: Blast | None


def recipient_from_token(token: str) -> Recipient:
    """The user (and blast) a link was made for; ValidationError when it was tampered with."""
    try:
        user_id, blast_id = rendering.unsubscribe_token_read(token)
    except signing.BadSignature as exc:
        raise ValidationError(_("Tautan berhenti berlangganan tidak valid.")) from exc
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise ValidationError(_("Tautan berhenti berlangganan tidak valid."))
    return Recipient(user=user, blast=Blast.objects.filter(pk=blast_id).first())


def recipient_unsubscribe(*, user: User) -> User:
    """Stop promotional email at once; the consent change is kept with its time and source."""
    return user_set_marketing_consent(
        user=user, opted_in=False, source=MarketingConsent.Source.UNSUBSCRIBE, wording=UNSUBSCRIBE_WORDING
    )


def recipient_resubscribe(*, user: User) -> User:
    return user_set_marketing_consent(
        user=user, opted_in=True, source=MarketingConsent.Source.RESUBSCRIBE, wording=RESUBSCRIBE_WORDING
    )
