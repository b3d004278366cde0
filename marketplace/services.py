"""Writes on accounts: registration, consent changes, ministry staff."""

from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import tokens
from marketplace.errors import ValidationError
from marketplace.models import MINISTRY_GROUP, MarketingConsent, User
from marketplace.text import has_control_characters, name_errors

CONSENT_WORDING = "Saya bersedia menerima email promosi dan kampanye dari Pasar IKM."


def user_register(*, email: str, password: str, full_name: str, marketing_opt_in: bool = False) -> User:
    email = email.strip().lower()
    if has_control_characters(full_name):
        raise ValidationError(name_errors({"full_name": full_name}))
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": [_("Email ini sudah terdaftar.")]})
    candidate = User(email=email, full_name=full_name)
    try:
        validate_password(password, user=candidate)
    except DjangoValidationError as exc:
        raise ValidationError({"password": list(exc.messages)}) from exc
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password, full_name=full_name.strip())
            if marketing_opt_in:
                user_set_marketing_consent(user=user, opted_in=True, source=MarketingConsent.Source.REGISTRATION)
    except IntegrityError as exc:
        # Two registrations with one email at the same moment: the unique index lets one through.
        raise ValidationError({"email": [_("Email ini sudah terdaftar.")]}) from exc
    return user


def user_set_marketing_consent(*, user: User, opted_in: bool, source: str, wording: str = CONSENT_WORDING) -> User:
    """Record a consent change; a repeat of the current answer is still kept, as the user did say it."""
    with transaction.atomic():
        MarketingConsent.objects.create(
            user=user, opted_in=opted_in, source=source, wording=wording, recorded_at=timezone.now()
        )
        if user.marketing_opt_in != opted_in:
            user.marketing_opt_in = opted_in
            user.save(update_fields=["marketing_opt_in"])
    return user


def user_update(*, user: User, full_name: str | None = None, marketing_opt_in: bool | None = None) -> User:
    if full_name is not None and has_control_characters(full_name):
        raise ValidationError(name_errors({"full_name": full_name}))
    if full_name is not None and full_name != user.full_name:
        user.full_name = full_name.strip()
        user.save(update_fields=["full_name"])
    if marketing_opt_in is not None and marketing_opt_in != user.marketing_opt_in:
        user_set_marketing_consent(user=user, opted_in=marketing_opt_in, source=MarketingConsent.Source.API)
    return user


def user_authenticate(*, request, email: str, password: str) -> User | None:
    """The active user with this email and password, or None; failures count towards the lockout.

    django-axes names the username `email` (our USERNAME_FIELD) when it checks a lockout, but reads
    `username` from what Django reports on a failure; passing both keeps the two counts the same, so a
    locked-out account stays locked even with the right password. The email is lower-cased so that
    changing its case is not a way around the limit.
    """
    email = email.strip().lower()
    return authenticate(request, username=email, email=email, password=password)


def login_attempt_username(request, credentials: dict | None) -> str | None:
    """The email a login attempt names, for django-axes (`AXES_USERNAME_CALLABLE`).

    The site's forms and the API send it as `email` and `username`, the admin's login form only as
    `username`; reading either, lower-cased, keeps one failure count per account on every login
    surface, so the admin is no way around a lockout earned elsewhere (nor a change of case).
    """
    if credentials is None:
        credentials = getattr(request, "data", None) or getattr(request, "POST", {})
    email = credentials.get("email") or credentials.get("username")
    return email.strip().lower() if isinstance(email, str) else None


def user_token(*, user: User) -> str:
    """The user's API token (a fresh one when the last has expired)."""
    return tokens.token_for(user=user).key


def ministry_user_create(*, email: str, password: str, full_name: str = "") -> User:
    """Create (or promote) a ministry staff member: a user in the `ministry` group."""
    group, _ = Group.objects.get_or_create(name=MINISTRY_GROUP)
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=password, full_name=full_name or "Staf Kemenperin")
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(group)
    return user
