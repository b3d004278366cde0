"""Biteship, a shipping aggregator: live rates by postal code of shop and buyer, and parcel tracking.

Rates: `POST {BITESHIP_BASE_URL}/v1/rates/couriers` with `origin_postal_code`, `destination_postal_code`,
`couriers` ("jne,jnt,...") and `items`; the answer's `pricing` lists `courier_code`,
`courier_service_code`, `price` and `shipment_duration_range` ("1 - 2"). Tracking:
`GET {BITESHIP_BASE_URL}/v1/trackings/{waybill_id}/couriers/{courier_code}` answers `status` and
`history` [{note, status, updated_at}]. The API key goes in the `Authorization` header.

Answers are cached (a cache that is down is a miss). Whatever goes wrong (a timeout after
`BITESHIP_TIMEOUT_SECONDS`, an error status, a body that is not what the documentation says) the
table answers instead, so checkout never waits on the aggregator.
"""

import hashlib
import json
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache

from marketplace.couriers import AGGREGATED, SERVICES
from orders.rates import Options, Parcel, RateOption, TableRates

logger = logging.getLogger(__name__)

BITESHIP = "biteship"
RATES_CACHE_SECONDS = 15 * 60


class ProviderError(Exception):
    """The aggregator did not give a usable answer."""


def _request(method: str, path: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        settings.BITESHIP_BASE_URL.rstrip("/") + path,
        data=data,
        method=method,
        headers={"Authorization": settings.BITESHIP_API_KEY, "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.BITESHIP_TIMEOUT_SECONDS) as response:
            raw = response.read(1_000_000)
    except (urllib.error.URLError, OSError, ValueError) as exc:  # HTTPError is a URLError; timeouts are OSErrors
        raise ProviderError(str(exc)) from exc
    try:
        answer = json.loads(raw)
    except ValueError as exc:
        raise ProviderError("not JSON") from exc
    if not isinstance(answer, dict) or answer.get("success") is False:
        raise ProviderError("not a success")
    return answer


_POSTAL = re.compile(r"[0-9]{5}")
_DAYS = re.compile(r"^\s*(\d{1,2})(?:\s*-\s*(\d{1,2}))?\s*$")


def _rate(item, wanted: tuple[str, ...]) -> RateOption | None:
    """One `pricing` entry as an option, or None for one we do not offer or cannot read."""
    if not isinstance(item, dict):
        return None
    courier, service, price = item.get("courier_code"), item.get("courier_service_code"), item.get("price")
    if courier not in wanted or (courier, service) not in SERVICES:
        return None
    if isinstance(price, bool) or not isinstance(price, int | float) or not 0 < price < 100_000_000:
        return None
    days = _DAYS.match(str(item.get("shipment_duration_range") or ""))
    unit = str(item.get("shipment_duration_unit") or "days").lower()
    if not days or unit not in ("days", "day", "hari"):
        low = high = 1 if unit.startswith("hour") else 3
    else:
        low = int(days.group(1))
        high = int(days.group(2) or low)
    return RateOption(courier, service, int(round(price)), min(low, high), max(low, high), BITESHIP)


class BiteshipRates:
    """Live rates for the couriers Biteship carries; the table for the rest and whenever it fails."""

    name = BITESHIP

    def __init__(self):
        self.table = TableRates()

    def options(self, parcels: list[Parcel]) -> list[Options]:
        return [self.parcel_options(parcel) for parcel in parcels]

    def parcel_options(self, parcel: Parcel) -> Options:
        table = self.table.parcel_options(parcel)
        wanted = tuple(c for c in parcel.couriers if c in AGGREGATED)
        postal_codes = (parcel.origin.postal_code, parcel.destination.postal_code)
        if not wanted or not all(_POSTAL.fullmatch(code or "") for code in postal_codes):
            return table
        try:
            live = self._live(parcel, wanted)
        except ProviderError as exc:
            logger.warning("biteship rates unavailable, the table answers: %s", exc)
            return table
        if not live:
            return table
        # The shop's own courier is never Biteship's: it stays priced by the table.
        own = [option for option in table.rates if option.courier not in AGGREGATED]
        return Options(rates=sorted(live + own, key=lambda o: (o.fee, o.eta_max_days, o.courier, o.service)))

    def _live(self, parcel: Parcel, wanted: tuple[str, ...]) -> list[RateOption]:
        body = {
            "origin_postal_code": int(parcel.origin.postal_code),
            "destination_postal_code": int(parcel.destination.postal_code),
            "couriers": ",".join(wanted),
            "items": [{"name": "Paket", "value": parcel.value, "weight": parcel.weight_grams, "quantity": 1}],
        }
        key = "biteship-rates:" + hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            return cached
        answer = _request("POST", "/v1/rates/couriers", body)
        pricing = answer.get("pricing")
        if not isinstance(pricing, list):
            raise ProviderError("no pricing")
        rates = [rate for rate in (_rate(item, wanted) for item in pricing) if rate is not None]
        if rates:
            cache.set(key, rates, RATES_CACHE_SECONDS)
        return rates


# ---- tracking ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    status: str
    note: str
    at: datetime


@dataclass(frozen=True)
class Tracking:
    status: str
    steps: list[Step]

    @property
    def delivered(self) -> bool:
        return self.status == "delivered"


def track(*, courier: str, waybill: str) -> Tracking:
    """The parcel's journey as Biteship reports it; ProviderError when it cannot tell."""
    answer = _request("GET", f"/v1/trackings/{quote(waybill, safe='')}/couriers/{quote(courier, safe='')}")
    steps = []
    for item in answer.get("history") or []:
        if not isinstance(item, dict):
            continue
        try:
            at = datetime.fromisoformat(str(item.get("updated_at")))
        except ValueError:
            continue
        if at.tzinfo is None:
            continue
        steps.append(Step(status=str(item.get("status") or "")[:32], note=str(item.get("note") or "")[:255], at=at))
    return Tracking(status=str(answer.get("status") or ""), steps=steps)
