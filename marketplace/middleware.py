from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
