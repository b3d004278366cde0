"""The unsubscribe page behind every promotional message's link (the ministry's pages: mailings/views.py).

The unsubscribe URL answers RFC 8058 one-click POSTs from mail providers: no cookie, no CSRF token,
no login. The signed token in the URL is the only credential, and it can only ever change the
marketing consent of the user it was made for.
"""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from mailings import services
from marketplace.errors import ValidationError


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        recipient = services.recipient_from_token(token)
    except ValidationError:
        return render(request, "mailings/unsubscribe.html", {"invalid": True}, status=400)
    user, done = recipient.user, ""
    if request.method == "POST":
        # RFC 8058 one-click (`List-Unsubscribe=One-Click`) and the page's button both unsubscribe;
        # only the page's explicit "opt back in" button does the opposite.
        if request.POST.get("action") == "resubscribe" and "List-Unsubscribe" not in request.POST:
            services.recipient_resubscribe(user=user)
            done = "resubscribed"
        else:
            services.recipient_unsubscribe(user=user)
            done = "unsubscribed"
    context = {"token": token, "email": user.email, "opted_in": user.marketing_opt_in, "done": done}
    if recipient.blast is not None:
        context["campaign"] = recipient.blast.campaign
    return render(request, "mailings/unsubscribe.html", context)
