"""Campaign pricing, plugged into the pricing port by `PRICING_BACKEND = "campaigns.pricing.CampaignPricingBackend"`.

A product sells at the single best approved campaign price of the campaigns active at that instant
(no stacking; ties go to the older campaign). A campaign price holds while its quota and the buyer's
limit last; after that the product sells at its list price again. Every method runs a fixed number
of queries whatever the number of products.
"""

from collections import defaultdict
from datetime import timedelta

from django.db import connections
from django.db.models import BooleanField, Case, Exists, F, Min, OuterRef, PositiveIntegerField, Q, Sum, When
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Enrolment, whole_second
from marketplace.errors import ConflictError
from marketplace.pricing import CampaignRef, ListPriceBackend, Quote
from sellers.models import Product

LIVE_SQL = f"""EXISTS (
    SELECT 1 FROM {Enrolment._meta.db_table} e JOIN {Campaign._meta.db_table} c ON c.id = e.campaign_id
    WHERE e.product_id = {Product._meta.db_table}.id AND e.status = %s
      AND NOT c.is_draft AND c.cancelled_at IS NULL AND c.starts_at <= %s AND c.ends_at >= %s
      AND (e.quota IS NULL OR e.sold_units < e.quota)
)"""


class CampaignPricingBackend(ListPriceBackend):
    def _live(self, at):
        """Approved enrolments of campaigns live at `at` whose quota is not used up."""
        return Enrolment.objects.filter(
            status=Enrolment.Status.APPROVED,
            campaign__is_draft=False,
            campaign__cancelled_at=None,
            campaign__starts_at__lte=at,
            campaign__ends_at__gte=whole_second(at),
        ).filter(Q(quota=None) | Q(sold_units__lt=F("quota")))

    def _enrolments(self, product_ids, at, *, lock: bool = False) -> list[Enrolment]:
        qs = self._live(at).filter(product_id__in=product_ids)
        if lock:
            # Locked in id order after the products: every checkout takes locks in the same order.
            qs = qs.select_for_update(of=("self",)).order_by("pk")
        return list(qs.select_related("campaign"))

    def _bought(self, buyer, enrolments) -> dict[tuple[int, int], int]:
        """Units this buyer already got at a limited campaign's price (cancelled orders excluded)."""
        limited = [e for e in enrolments if e.campaign.limit_per_buyer]
        if buyer is None or not limited:
            return {}
        from orders.models import Order, OrderLine

        rows = (
            OrderLine.objects.filter(
                order__buyer=buyer,
                campaign_id__in={e.campaign_id for e in limited},
                product_id__in={e.product_id for e in limited},
            )
            .exclude(order__status=Order.Status.CANCELLED)
            .values_list("campaign_id", "product_id")
            .annotate(units=Sum("quantity"))
        )
        return {(campaign_id, product_id): units for campaign_id, product_id, units in rows}

    def _best(self, product, candidates, bought) -> tuple[Quote, Enrolment | None]:
        offers = []
        for enrolment in candidates:
            # The "before" price is the list price as at enrolment: a shop that raises its price while
            # enrolled must not show (nor record, nor report) a bigger discount than the campaign gives.
            list_price = min(product.price, enrolment.list_price_at_enrolment)
            price = min(enrolment.campaign_price, product.price)
            if price >= list_price:
                continue  # the list price fell below the campaign price: nothing to give
            left = enrolment.units_left
            limit = enrolment.campaign.limit_per_buyer
            if limit:
                buyer_left = max(0, limit - bought.get((enrolment.campaign_id, product.pk), 0))
                left = buyer_left if left is None else min(left, buyer_left)
            if left == 0:
                continue
            offers.append((price, enrolment.campaign_id, enrolment, left, list_price))
        if not offers:
            return Quote(unit_price=product.price, list_price=product.price), None
        price, _, enrolment, left, list_price = min(offers, key=lambda offer: offer[:2])
        campaign = enrolment.campaign
        ref = CampaignRef(id=campaign.pk, slug=campaign.slug, hashtag=campaign.hashtag)
        quote = Quote(unit_price=price, list_price=list_price, campaign=ref, campaign_units_left=left)
        return quote, enrolment

    def quote(self, products, at, *, buyer=None):
        products = list(products)
        enrolments = self._enrolments([p.pk for p in products], at) if products else []
        by_product = defaultdict(list)
        for enrolment in enrolments:
            by_product[enrolment.product_id].append(enrolment)
        bought = self._bought(buyer, enrolments)
        return {p.pk: self._best(p, by_product[p.pk], bought)[0] for p in products}

    def mark_live(self, products, at):
        """Mark each product `campaign_live`: whether a live enrolment may give it a campaign price at `at`.

        The same conditions as `_live`, written as SQL: checkout compiles this on every order, and
        Django took about 2.4 ms of CPU to compile the equivalent `Exists(...)` subquery, as much as
        the enrolment query it lets checkout skip. tests/campaigns/test_checkout_skips_idle_campaigns.py
        holds the two to the same answers.
        """
        adapt = connections[products.db].ops.adapt_datetimefield_value  # as the ORM would pass them
        params = [Enrolment.Status.APPROVED, adapt(at), adapt(whole_second(at))]
        return products.annotate(campaign_live=RawSQL(LIVE_SQL, params, output_field=BooleanField()))

    def reserve(self, lines, *, buyer, at):
        """Inside checkout: lock the enrolments, check quota and buyer limits, count the units sold.

        When every product came from `mark_live` unmarked, no campaign can price any of them: the
        enrolment query (and its row locks) is skipped and the list prices are the quotes. That is
        as safe as running it. The mark is read in the statement that locks the products, inside
        this transaction, from committed rows, exactly what the enrolment query would read a moment
        later; an enrolment approved or a campaign published in between is one that commits after
        this checkout read, which the query could equally miss. The locks only serialise the
        counting of campaign-priced units (quota, sold_units), and an order with none takes no
        units from any quota, so it has nothing to lock. A product that was not marked (another
        caller) goes through the full path.
        """
        if lines and all(getattr(line.product, "campaign_live", True) is False for line in lines):
            return super().reserve(lines, buyer=buyer, at=at)
        enrolments = self._enrolments([line.product.pk for line in lines], at, lock=True)
        by_product = defaultdict(list)
        for enrolment in enrolments:
            by_product[enrolment.product_id].append(enrolment)
        bought = self._bought(buyer, enrolments)
        quotes, taken, short = {}, {}, []
        for line in lines:
            quote, enrolment = self._best(line.product, by_product[line.product.pk], bought)
            left = quote.campaign_units_left
            if enrolment is not None and left is not None and line.quantity > left:
                short.append(
                    {
                        "product": line.product.pk,
                        "name": line.product.name,
                        "requested": line.quantity,
                        "campaign_units_left": left,
                    }
                )
            if enrolment is not None:
                taken[enrolment.pk] = line.quantity
            quotes[line.product.pk] = quote
        if short:
            names = ", ".join(
                _("%(name)s (tersisa %(left)s)") % {"name": s["name"], "left": s["campaign_units_left"]} for s in short
            )
            raise ConflictError(
                _("Kuota harga kampanye tidak cukup: %(names)s.") % {"names": names}, extra={"products": short}
            )
        if taken:
            Enrolment.objects.filter(pk__in=taken).update(
                sold_units=Case(*[When(pk=pk, then=F("sold_units") + units) for pk, units in taken.items()])
            )
        return quotes

    def release(self, order_lines) -> None:
        """A cancelled order gives its campaign-priced units back to the quota."""
        returned = [line for line in order_lines if line.campaign_id]
        if not returned:
            return
        when = [
            When(campaign_id=line.campaign_id, product_id=line.product_id, then=F("sold_units") - line.quantity)
            for line in returned
        ]
        match = Q()
        for line in returned:
            match |= Q(campaign_id=line.campaign_id, product_id=line.product_id)
        Enrolment.objects.filter(match).update(
            sold_units=Case(*when, default=F("sold_units"), output_field=PositiveIntegerField())
        )

    def next_change(self, at):
        live = Campaign.objects.filter(is_draft=False, cancelled_at=None)
        bounds = live.aggregate(
            next_start=Min("starts_at", filter=Q(starts_at__gt=at)),
            # ends_at is the last second at the campaign price; the price changes when that second is over.
            next_end=Min("ends_at", filter=Q(ends_at__gte=whole_second(at))),
        )
        if bounds["next_end"] is not None:
            bounds["next_end"] = whole_second(bounds["next_end"]) + timedelta(seconds=1)
        candidates = [b for b in (bounds["next_start"], bounds["next_end"]) if b is not None]
        return min(candidates) if candidates else None

    def filter_in_campaign(self, products, at):
        live = Enrolment.objects.filter(
            product_id=OuterRef("pk"),
            status=Enrolment.Status.APPROVED,
            campaign__is_draft=False,
            campaign__cancelled_at=None,
            campaign__starts_at__lte=at,
            campaign__ends_at__gte=whole_second(at),
        ).filter(Q(quota=None) | Q(sold_units__lt=F("quota")))
        return products.filter(Exists(live))

    def filter_campaign(self, products, campaign_slug):
        return products.filter(enrolments__campaign__slug=campaign_slug, enrolments__status=Enrolment.Status.APPROVED)
