"""Account pages: register, log in and out, the account page with marketing consent."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from marketplace import services
from marketplace.errors import DomainError
from marketplace.forms import EmailAuthenticationForm, MarketingConsentForm, RegisterForm, add_domain_errors
from marketplace.models import MarketingConsent


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links; send them to the real one."""
    return HttpResponsePermanentRedirect(static("marketplace/favicon.svg"))


class EmailLoginView(LoginView):
    """Django's login page with an email field. django-axes locks out after repeated failures."""

    form_class = EmailAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("account")
    form = RegisterForm(request.POST if request.method == "POST" else None)
    next_url = _safe_next(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_register(
                email=data["email"],
                password=data["password1"],
                full_name=data["full_name"],
                marketing_opt_in=data["marketing_opt_in"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc.detail, RegisterForm.service_fields)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Selamat datang, %(name)s! Akun Anda sudah dibuat.") % {"name": user.full_name})
            return redirect(next_url or "home")
    return render(request, "registration/register.html", {"form": form, "next": next_url})


def _safe_next(request) -> str:
    """Where the visitor was going (the checkout, say) when asked to log in or register; only this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    user = request.user
    form = MarketingConsentForm(
        request.POST if request.method == "POST" else None, initial={"marketing_opt_in": user.marketing_opt_in}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_marketing_consent(
                user=user, opted_in=form.cleaned_data["marketing_opt_in"], source=MarketingConsent.Source.ACCOUNT
            )
        except DomainError as exc:
            add_domain_errors(form, exc.detail)
        else:
            messages.success(request, _("Pilihan email promosi Anda sudah disimpan."))
            return redirect("account")
    context = {
        "form": form,
        "consents": user.consents.all()[:50],
        "shops": user.seller_memberships.select_related("seller").order_by("seller__name"),
    }
    return render(request, "marketplace/account.html", context)
