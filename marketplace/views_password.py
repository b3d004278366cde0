"""Password pages: forgotten password by email, and changing it while logged in.

Django's own views and token generator, with the site's templates. A reset link points at SITE_URL
(never at whatever Host a request named), works once and for PASSWORD_RESET_TIMEOUT seconds; a new
password revokes the user's API token too.
"""

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from marketplace import tokens


class SiteSetPasswordForm(auth_forms.SetPasswordForm):
    def save(self, commit=True):
        user = super().save(commit)
        tokens.tokens_revoke(user=user)
        return user


class SitePasswordChangeForm(auth_forms.PasswordChangeForm):
    def save(self, commit=True):
        user = super().save(commit)
        tokens.tokens_revoke(user=user)
        return user


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "marketplace/password/reset_form.html"
    subject_template_name = "marketplace/password/reset_subject.txt"
    email_template_name = "marketplace/password/reset_email.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "marketplace/password/reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SiteSetPasswordForm
    template_name = "marketplace/password/reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "marketplace/password/reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = SitePasswordChangeForm
    template_name = "marketplace/password/change_form.html"
    success_url = reverse_lazy("password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "marketplace/password/change_done.html"
