"""Tax statements shops upload, and the PDF documents the ledger gives: invoices and monthly statements."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from marketplace.errors import ConflictError, ValidationError
from payouts.models import Invoice, TaxStatement
from payouts.selectors import Statement, jakarta_now
from sellers.models import Seller

# What a statement may be, told by its first bytes, never by its name or the browser's word.
SIGNATURES = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
]


def sniff(head: bytes) -> tuple[str, str] | None:
    for magic, content_type, extension in SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    return None


def tax_statement_upload(*, seller: Seller, year: int | None, upload, by) -> TaxStatement:
    """File the shop's yearly statement of a turnover of at most Rp 500 juta: no PPh 22 that year.

    The file must be a PDF, JPEG or PNG by its content and at most PAYOUTS_STATEMENT_MAX_BYTES; one
    statement per shop and year. Payments already made keep what was withheld (nothing is edited).
    """
    this_year = jakarta_now().year
    year = year or this_year
    if year not in (this_year, this_year + 1):
        raise ValidationError({"year": [f"Tahun pernyataan {this_year} atau {this_year + 1}."]})
    if upload is None:
        raise ValidationError({"file": ["Unggah berkas surat pernyataan."]})
    limit = settings.PAYOUTS_STATEMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError({"file": [f"Berkas paling besar {limit // (1024 * 1024)} MB."]})
    upload.seek(0)
    kind = sniff(upload.read(8))
    upload.seek(0)
    if kind is None:
        raise ValidationError({"file": ["Berkas harus PDF, JPEG, atau PNG."]})
    content_type, extension = kind
    statement = TaxStatement(seller=seller, year=year, content_type=content_type, uploaded_by=by)
    try:
        with transaction.atomic():
            statement.file.save(f"{seller.pk}-{year}-{secrets.token_hex(8)}.{extension}", upload, save=False)
            statement.save()
    except IntegrityError:
        statement.file.delete(save=False)
        raise ConflictError(f"Surat pernyataan tahun {year} sudah diunggah.") from None
    return statement


def pdf_from_template(template: str, context: dict) -> bytes:
    """Render a page template to PDF with WeasyPrint (imported here: pages never need it)."""
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()


def invoice_pdf(*, invoice: Invoice) -> bytes:
    shipment = invoice.shipment
    context = {
        "invoice": invoice,
        "shipment": shipment,
        "order": shipment.order,
        "seller": invoice.seller,
        "lines": list(shipment.lines.all()),
        "total": shipment.buyer_amount,
    }
    return pdf_from_template("payouts/invoice_pdf.html", context)


def statement_pdf(*, statement: Statement) -> bytes:
    return pdf_from_template("payouts/statement_pdf.html", {"statement": statement})
