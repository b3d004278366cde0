"""Campaign pricing, plugged into the pricing port by `PRICING_BACKEND = "campaigns.pricing.CampaignPricingBackend"`.

A product sells at the single best approved campaign price of the campaigns active at that instant
(no stacking; ties go to the older campaign). A campaign price holds while its quota and the buyer's
limit last; after that the product sells at its list price again. Every method runs a fixed number
of queries whatever the number of products.
"""

from collections import defaultdict
from datetime import timedelta

from django.db import connection
from django.db.models import Case, Exists, F, Min, OuterRef, PositiveIntegerField, Q, Sum, When
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Enrolment, whole_second
from marketplace.errors import ConflictError
from marketplace.pricing import CampaignRef, ListPriceBackend, Quote
from marketplace.rows import SqlMark
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

    @staticmethod
    def _enrolled_prices(enrolment, variant) -> tuple[int, int] | None:
        """(list price at enrolment, campaign price) of the variant, or of the product's card (None: not priced)."""
        if variant is None or not enrolment.variant_prices:
            return enrolment.list_price_at_enrolment, enrolment.campaign_price
        entry = enrolment.variant_prices.get(str(variant.pk))
        return tuple(entry) if entry else None

    def _best(self, product, candidates, bought, variant=None) -> tuple[Quote, Enrolment | None]:
        """The best offer for the product's card (variant None: its cheapest variant) or for one variant."""
        price_now = product.price if variant is None else variant.price
        offers = []
        for enrolment in candidates:
            enrolled = self._enrolled_prices(enrolment, variant)
            if enrolled is None:
                continue
            # The "before" price is the list price as at enrolment: a shop that raises its price while
            # enrolled must not show (nor record, nor report) a bigger discount than the campaign gives.
            list_price = min(price_now, enrolled[0])
            price = min(enrolled[1], price_now)
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
            return Quote(unit_price=price_now, list_price=price_now), None
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

    def quote_variants(self, variants, at, *, buyer=None):
        variants = list(variants)
        enrolments = self._enrolments({v.product_id for v in variants}, at) if variants else []
        by_product = defaultdict(list)
        for enrolment in enrolments:
            by_product[enrolment.product_id].append(enrolment)
        bought = self._bought(buyer, enrolments)
        return {v.pk: self._best(v.product, by_product[v.product_id], bought, v)[0] for v in variants}

    def mark_live(self, at):
        """Mark each product `campaign_live`: whether a live enrolment may give it a campaign price at `at`.

        The same conditions as `_live`, written as SQL: checkout compiles this on every order, and
        Django took about 2.4 ms of CPU to compile the equivalent `Exists(...)` subquery, as much as
        the enrolment query it lets checkout skip. tests/campaigns/test_checkout_skips_idle_campaigns.py
        holds the two to the same answers. Checkout marks the variants it locks (their product is
        joined in the same statement), and copies the mark onto each variant's product.
        """
        adapt = connection.ops.adapt_datetimefield_value  # as the ORM would pass them
        return SqlMark("campaign_live", LIVE_SQL, (Enrolment.Status.APPROVED, adapt(at), adapt(whole_second(at))))

    def reserve(self, lines, *, buyer, at):
        """Inside checkout: lock the enrolments, check quota and buyer limits, count the units sold.

        A quota counts units of the product whichever variants they are: lines of one product at one
        campaign's price add up against the units left.

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
        enrolments = self._enrolments(sorted({line.product.pk for line in lines}), at, lock=True)
        by_product = defaultdict(list)
        for enrolment in enrolments:
            by_product[enrolment.product_id].append(enrolment)
        bought = self._bought(buyer, enrolments)
        quotes, taken, left_of, line_of = {}, defaultdict(int), {}, {}
        for line in lines:
            quote, enrolment = self._best(line.product, by_product[line.product.pk], bought, line.variant)
            if enrolment is not None:
                taken[enrolment.pk] += line.quantity
                left_of[enrolment.pk] = quote.campaign_units_left
                line_of[enrolment.pk] = line
            quotes[line.variant.pk] = quote
        short = [
            {
                "product": line_of[pk].product.pk,
                "name": line_of[pk].product.name,
                "requested": units,
                "campaign_units_left": left_of[pk],
            }
            for pk, units in taken.items()
            if left_of[pk] is not None and units > left_of[pk]
        ]
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
        units = defaultdict(int)  # two variants of one product come back to one enrolment
        for line in order_lines:
            if line.campaign_id:
                units[(line.campaign_id, line.product_id)] += line.quantity
        if not units:
            return
        when = [
            When(campaign_id=campaign_id, product_id=product_id, then=F("sold_units") - quantity)
            for (campaign_id, product_id), quantity in units.items()
        ]
        match = Q()
        for campaign_id, product_id in units:
            match |= Q(campaign_id=campaign_id, product_id=product_id)
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
