from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.views import defaults


class IndonesianFirstLocaleMiddleware(LocaleMiddleware):
    """Pages are in Bahasa Indonesia unless the visitor chose English with the switcher.

    Django's own middleware follows the browser's Accept-Language, which would show most phones set
    to English an English site; here only the visitor's explicit choice (the language cookie) does.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class SitePagesInDevelopmentMiddleware:
    """Show the site's own 404 and 403 pages under `make run` too.

    With DEBUG on, Django answers a missing page with its debug page, which lists every URL of the
    site; a first-time user (or a demo audience) should see what production shows, with a search box
    and a way home. `DEBUG_PAGES=true` brings Django's debug pages back for whoever needs them.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.active = settings.DEBUG and not settings.DEBUG_PAGES

    def __call__(self, request):
        response = self.get_response(request)
        if self.active and response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            # No URL matched: Django's debug 404 page was rendered before any view ran.
            return defaults.page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        if not self.active:
            return None
        if isinstance(exception, Http404):
            return defaults.page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return defaults.permission_denied(request, exception)
        return None


class PublicPagesGZipMiddleware(GZipMiddleware):
    """Compress what anonymous visitors get (the catalogue, product and campaign pages: most traffic).

    BREACH reads a secret out of a compressed HTTPS response by reflecting guesses into it and watching
    the length. Django's GZipMiddleware already pads each response by a random length ("Heal the
    Breach") and masks the CSRF token anew per response; on top of that, pages of a logged-in user
    (their address, email, orders) and API calls with credentials are not compressed at all, so there
    is no personal secret in any compressed response.
    """

    def process_response(self, request, response):
        if request.headers.get("Authorization") or getattr(getattr(request, "user", None), "is_authenticated", False):
            return response
        return super().process_response(request, response)
