"""The API's rate limits for the web pages: sign-in and sign-up pages, and anonymous form posts.

The API is limited by DRF's throttles (its views authenticate by token, which this middleware cannot
see), so paths under /api/ are left to them. Views a mail server or a payment provider calls on the
user's behalf (one-click unsubscribe) are exempt: many users share those servers' addresses.
"""

from django.shortcuts import render

from marketplace.throttles import SAFE_METHODS, page_allows

AUTH_VIEWS = frozenset({"login", "register", "admin:login", "password_reset"})
EXEMPT_VIEWS = frozenset({"campaigns:unsubscribe"})


class PageThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS or request.path.startswith("/api/"):
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name in AUTH_VIEWS:
            scope = "auth"
        elif name in EXEMPT_VIEWS or request.user.is_authenticated:
            return None
        else:
            scope = "anon"
        allowed, wait = page_allows(request, scope)
        if allowed:
            return None
        response = render(request, "429.html", {"wait": wait}, status=429)
        if wait:
            response["Retry-After"] = str(wait)
        return response
