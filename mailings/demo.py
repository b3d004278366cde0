"""Demo step: a promotional email for #SatuDalamKopi, already sent, so its messages can be read.

In the embedded default the email backend writes files, so the messages land in var/mail (one file
per batch, each message in full with its List-Unsubscribe headers and personal unsubscribe link).
The step sends in this process, through the same delivery pipeline the workers run.
"""

from django.conf import settings

from campaigns.models import Campaign
from mailings import delivery
from mailings.audiences import Audience
from mailings.models import Blast
from mailings.services import blast_create
from marketplace.demo import MINISTRY_EMAIL, DemoContext
from marketplace.models import User

SUBJECT = "Ngopi bareng #SatuDalamKopi: kopi IKM diskon hingga 20%"
BODY = """\
Halo pencinta kopi Nusantara,

Selama **#SatuDalamKopi**, IKM pengolah kopi dari Gayo, Toraja, Kintamani sampai Flores menawarkan
kopi terbaiknya dengan potongan hingga **20%**.

- Arabika Gayo sangrai medium, langsung dari petani Aceh Tengah
- Kopi Toraja Sapan dan Kintamani untuk seduh manual
- Gula aren, cangkir gerabah dan alat seduh buatan IKM

Setiap pembelian membantu IKM yang kehilangan pasar kafe selama pandemi. [Lihat semua produk
kampanye](/kampanye/satu-dalam-kopi/) dan tunjukkan bahwa kita #BanggaBuatanIndonesia.

Salam,
Direktorat Jenderal IKMA, Kementerian Perindustrian
"""


def seed_satu_dalam_kopi_blast(ctx: DemoContext) -> str:
    campaign = Campaign.objects.filter(slug="satu-dalam-kopi").first()
    if campaign is None:
        return "skipped: no #SatuDalamKopi campaign"
    existing = Blast.objects.filter(campaign=campaign, subject=SUBJECT).first()
    if existing is not None:
        return f"exists ({existing.get_status_display()}, {existing.recipients} recipients)"
    blast = blast_create(
        campaign=campaign,
        by=User.objects.filter(email=MINISTRY_EMAIL).first(),
        subject=SUBJECT,
        body=BODY,
        audience=Audience(kind=Blast.AudienceKind.ALL_OPTED_IN),
    )
    # Sent here rather than by a worker, so the demo needs none; the rows and stats are the same.
    Blast.objects.filter(pk=blast.pk).update(status=Blast.Status.SENDING, started_at=ctx.now)
    delivery.deliveries_prepare(blast_id=blast.pk)
    try:
        sent = delivery.blast_send_batches(blast_id=blast.pk)
    except delivery.TemporaryFailure as exc:
        return f"left sending for the workers (SMTP: {exc})"
    where = getattr(settings, "EMAIL_FILE_PATH", None) or settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    return f"sent to {sent} opted-in customers ({where})"
