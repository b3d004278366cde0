"""Forms of the account pages. They check shape only; the services decide."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from marketplace import services

# The same sentence as marketplace.services.CONSENT_WORDING (which is what the consent record keeps).
CONSENT_LABEL = _("Saya bersedia menerima email promosi dan kampanye dari Pasar IKM.")


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form; our users log in with their email."""

    username = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Email atau kata sandi salah."),
    }

    def clean(self):
        # The same authentication as the API's token endpoint, so pages and API share one lockout count.
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            self.user_cache = services.user_authenticate(request=self.request, email=email, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class RegisterForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    full_name = forms.CharField(
        label=_("Nama lengkap"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    # Consent must be an active choice (UU PDP): never ticked in advance.
    marketing_opt_in = forms.BooleanField(label=CONSENT_LABEL, required=False, initial=False)

    # The service names the password "password"; the form shows its errors on the first box.
    service_fields = {"password": "password1"}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        return cleaned


class MarketingConsentForm(forms.Form):
    marketing_opt_in = forms.BooleanField(label=CONSENT_LABEL, required=False)


def add_domain_errors(form: forms.Form, detail, field_map: dict | None = None) -> None:
    """Show a service's DomainError on a form: a message on top, or each field's messages on its field."""
    if isinstance(detail, str):
        form.add_error(None, detail)
        return
    field_map = field_map or {}
    for field, messages in dict(detail).items():
        name = field_map.get(field, field)
        for message in messages if isinstance(messages, list | tuple) else [messages]:
            form.add_error(name if name in form.fields else None, str(message))


def form_errors_text(form: forms.Form) -> str:
    """A form's errors as one sentence for a flash message, each after its field's label."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        parts.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return " ".join(parts)


def domain_error_text(detail) -> str:
    """A DomainError's detail as one sentence for a flash message."""
    if isinstance(detail, str):
        return detail
    parts = []
    for messages in dict(detail).values():
        parts.extend(str(m) for m in (messages if isinstance(messages, list | tuple) else [messages]))
    return " ".join(parts)
