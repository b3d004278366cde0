"""The seller centre's bulk edit of prices and stock: a table of the shop's variants, and a CSV
upload shown first as a dry run (each row it would change or refuse, and why), then applied."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from marketplace.errors import DomainError
from marketplace.forms import domain_error_text
from marketplace.web import page_of
from sellers import services_bulk
from sellers.models import ProductVariant
from sellers.views import _member_shop_or_404  # the seller centre's one rule: members only, 404 for others

PAGE_SIZE = 50


def _int(value):
    """A whole number typed in the table ("85.000" too), else None; past 18 digits it is no price,
    stock or id, and int() refuses thousands of digits with an error."""
    value = (value or "").strip().replace(".", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def _table_changes(post) -> tuple[dict, dict, list[str]]:
    """The rows whose price or stock was changed on the table: ({id: changes}, {id: stock shown}, errors)."""
    changes, seen, errors = {}, {}, []
    for key in post:
        if not key.startswith("shown_price_"):
            continue
        pk = _int(key.removeprefix("shown_price_"))
        if pk is None:
            continue
        row = {}
        for name, label in (("price", _("harga")), ("stock", _("stok"))):
            if f"{name}_{pk}" not in post:
                continue  # a cell left out of the post is left as it is
            raw, shown = post.get(f"{name}_{pk}", ""), post.get(f"shown_{name}_{pk}", "")
            if raw.strip() == shown.strip():
                continue
            value = _int(raw)
            if value is None:
                errors.append(_("Varian %(id)s: isi %(field)s dengan angka.") % {"id": pk, "field": label})
                continue
            row[name] = value
        if row:
            changes[pk] = row
            if _int(post.get(f"shown_stock_{pk}")) is not None:
                seen[pk] = _int(post.get(f"shown_stock_{pk}"))
    return changes, seen, errors


@login_required
@require_http_methods(["GET", "POST"])
def variants_bulk(request, seller_id: int):
    seller = _member_shop_or_404(request, seller_id)
    plan, csv_text = None, ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "save":
                changes, seen, errors = _table_changes(request.POST)
                if errors:
                    raise DomainError(" ".join(errors))
                count = services_bulk.variants_bulk_update(seller=seller, changes=changes, stock_seen=seen)
                messages.success(request, _("%(count)s varian diperbarui.") % {"count": count})
                return redirect(request.get_full_path())
            if action == "preview":
                upload = request.FILES.get("file")
                if upload is None:
                    raise DomainError(_("Pilih berkas CSV."))
                if upload.size > services_bulk.MAX_CSV_BYTES:
                    raise DomainError(_("Berkas CSV paling besar 1 MB."))
                try:
                    csv_text = upload.read().decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    raise DomainError(_("Berkas bukan CSV UTF-8.")) from exc
                plan = services_bulk.variants_csv_plan(seller=seller, text=csv_text)
            elif action == "apply":
                plan = services_bulk.variants_csv_apply(seller=seller, text=request.POST.get("csv_text", ""))
                applied = sum(1 for row in plan if row.accepted)
                refused = sum(1 for row in plan if row.refusal)
                messages.success(
                    request,
                    _("%(applied)s baris diterapkan, %(refused)s ditolak.") % {"applied": applied, "refused": refused},
                )
                return redirect(request.path)
        except DomainError as exc:
            messages.error(request, domain_error_text(exc.detail))
    variants = (
        ProductVariant.objects.filter(seller=seller)
        .select_related("product")
        .order_by("product__name", "position", "pk")
    )
    context = {
        "seller": seller,
        "page_obj": page_of(request, variants, PAGE_SIZE),
        "plan": plan,
        "csv_text": csv_text,
        "plan_accepted": sum(1 for row in plan or [] if row.accepted),
    }
    return render(request, "sellers/variants_bulk.html", context)


@login_required
def variants_csv(request, seller_id: int):
    seller = _member_shop_or_404(request, seller_id)
    response = HttpResponse(services_bulk.variants_csv_export(seller=seller), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="varian-{seller.slug}.csv"'
    return response
