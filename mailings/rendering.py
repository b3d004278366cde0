"""A blast as an email: Markdown made safe, the branded layout, and the personal unsubscribe link.

A blast is rendered once per sending task, with a placeholder where each recipient's unsubscribe
URL goes; per message only that placeholder is replaced. Rendering Markdown, sanitising and running
the template for every recipient would cost more than the SMTP conversation itself.
"""

import html
import re
from dataclasses import dataclass

import markdown
import nh3
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid, sanitize_address
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.urls import reverse

from mailings.models import Blast

UNSUBSCRIBE_PLACEHOLDER = "__UNSUBSCRIBE_URL__"
# What a preview (the page's frame and the API's answer alike) may load: the email's own inline styles
# and its images, nothing that runs; sandboxed, so even a missed script gets no origin to act in.
PREVIEW_CSP = "default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'; sandbox"
UNSUBSCRIBE_SALT = "unsubscribe"

# What a campaign message may contain: text formatting, lists, links, images, simple tables.
ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "blockquote", "code", "pre", "h1", "h2", "h3",
    "h4", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "span", "div",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"}}


@dataclass(frozen=True)
class RenderedBlast:
    """Subject and both bodies, with UNSUBSCRIBE_PLACEHOLDER where the personal link goes."""

    subject: str
    text: str
    html: str

    def message(self, *, to: str, unsubscribe_url: str, connection=None, message_id=None) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            connection=connection,
            headers={
                # RFC 2369 and RFC 8058: mail clients show an "Unsubscribe" button that POSTs here.
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        if message_id:
            message.extra_headers["Message-ID"] = message_id
        personal_html = self.html.replace(UNSUBSCRIBE_PLACEHOLDER, html.escape(unsubscribe_url))
        message.attach_alternative(personal_html, "text/html")
        return message


def delivery_message_id(*, blast_id: int, delivery_id: int) -> str:
    """One Message-ID per delivery row, the same on every attempt: a message sent twice after a crash
    is the same message to the receiving servers (which may fold it) and can be counted as a repeat."""
    return f"<blast-{blast_id}.{delivery_id}@{DNS_NAME}>"


class WireTemplate:
    """The whole message as SMTP bytes, built once; per recipient only To, Message-ID and the link change.

    Building a MIME message with the `email` package costs more CPU than the SMTP conversation that
    sends it, so a sender with many recipients builds one and copies it. `for_recipient()` returns
    None when the shortcut cannot be trusted (a non-ASCII address; a body the MIME encoder wrapped so
    that a placeholder is no longer intact): the caller then builds that message the ordinary way.
    """

    RCPT = "rcpt-placeholder@blast.invalid"
    MESSAGE_ID = "<message-id-placeholder@blast.invalid>"

    def __init__(self, rendered: RenderedBlast):
        message = rendered.message(to=self.RCPT, unsubscribe_url=UNSUBSCRIBE_PLACEHOLDER)
        message.extra_headers["Message-ID"] = self.MESSAGE_ID
        self.from_email = sanitize_address(message.from_email, settings.DEFAULT_CHARSET)
        self.raw = message.message().as_bytes(linesep="\r\n")
        links = 1 + rendered.text.count(UNSUBSCRIBE_PLACEHOLDER) + rendered.html.count(UNSUBSCRIBE_PLACEHOLDER)
        longest = max(
            (len(line) for line in self.raw.split(b"\r\n") if UNSUBSCRIBE_PLACEHOLDER.encode() in line), default=0
        )
        self.usable = (
            self.raw.count(UNSUBSCRIBE_PLACEHOLDER.encode()) == links
            and self.raw.count(self.RCPT.encode()) == 1
            and self.raw.count(self.MESSAGE_ID.encode()) == 1
            and longest + 300 < 998  # RFC 5322's line limit, with room for the longest real link
        )

    def for_recipient(self, *, to: str, unsubscribe_url: str, message_id: str | None = None) -> bytes | None:
        if not self.usable or not to.isascii() or not unsubscribe_url.isascii():
            return None
        return (
            self.raw.replace(self.RCPT.encode(), to.encode(), 1)
            .replace(self.MESSAGE_ID.encode(), (message_id or make_msgid(domain=DNS_NAME)).encode(), 1)
            .replace(UNSUBSCRIBE_PLACEHOLDER.encode(), html.escape(unsubscribe_url).encode())
        )


def body_to_html(body: str) -> str:
    """Markdown (with any inline HTML) to HTML that is safe to put in an email: nothing runs, links are absolute."""
    raw = markdown.markdown(body, extensions=["extra", "sane_lists"])
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        url_relative=("rewrite_with_base", settings.SITE_URL + "/"),
    )


def body_to_text(body: str) -> str:
    """The plain-text part: Markdown reads well as text; HTML tags are taken out, site links made absolute."""
    text = html.unescape(nh3.clean(body, tags=set())).strip()
    return re.sub(r"\]\((/[^)\s]*)\)", lambda m: f"]({settings.SITE_URL}{m.group(1)})", text)


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def blast_render(blast: Blast) -> RenderedBlast:
    campaign = blast.campaign
    context = {
        "subject": blast.subject,
        "campaign": campaign,
        "campaign_url": absolute(campaign.get_absolute_url()),
        "banner_url": absolute(campaign.banner.url) if campaign.banner else "",
        "body_html": body_to_html(blast.body),
        "body_text": body_to_text(blast.body),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        "site_url": settings.SITE_URL,
    }
    return RenderedBlast(
        subject=" ".join(blast.subject.split()),  # no newlines in a header
        text=render_to_string("mailings/email/blast.txt", context),
        html=render_to_string("mailings/email/blast.html", context),
    )


# ---- the personal unsubscribe link -----------------------------------------------------------------

_signer = signing.Signer(salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(*, user_id: int, blast_id: int) -> str:
    """A signed `user.blast` pair: no expiry (a link in an old email must keep working), no login."""
    return _signer.sign(f"{user_id}.{blast_id}")


def unsubscribe_token_read(token: str) -> tuple[int, int]:
    """(user_id, blast_id) from a token; raises signing.BadSignature when it was tampered with."""
    value = _signer.unsign(token)
    try:
        user_id, blast_id = (int(part) for part in value.split("."))
    except ValueError as exc:
        raise signing.BadSignature("Malformed unsubscribe token") from exc
    return user_id, blast_id


def unsubscribe_url(*, user_id: int, blast_id: int) -> str:
    token = unsubscribe_token(user_id=user_id, blast_id=blast_id)
    return settings.SITE_URL + reverse("mailings:unsubscribe", kwargs={"token": token})
