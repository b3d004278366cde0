"""A small typed client of Midtrans' Core API and Snap API over `requests`.

Only the endpoints we use: charge, status, cancel, refund (Core API, `MIDTRANS_API_URL`) and Snap
transactions (`MIDTRANS_SNAP_URL`). Every call authenticates with HTTP Basic: the server key as the
user name and an empty password. Midtrans often answers HTTP 200 with an error `status_code` in the
body, so the body's code decides, not only the HTTP one.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import requests

from orders.providers import ProviderError, ProviderNotFound, ProviderUnavailable

JsonObject = dict[str, Any]


@dataclass(frozen=True)
class MidtransConfig:
    server_key: str
    api_url: str
    snap_url: str
    timeout: float


class MidtransClient:
    def __init__(self, config: MidtransConfig, session: requests.Session | None = None):
        self.config = config
        self.session = session or requests.Session()

    # ---- Core API ------------------------------------------------------------------------------

    def charge(self, body: JsonObject) -> JsonObject:
        """`POST /v2/charge`: 201 pending (bank transfer, e-wallets, QRIS), 200 settled (cards)."""
        return self._core("POST", "/v2/charge", body, ok=("200", "201"))

    def status(self, order_id: str) -> JsonObject:
        """`GET /v2/{order_id}/status`: the transaction as Midtrans knows it; this decides."""
        return self._core("GET", f"/v2/{quote(order_id, safe='')}/status", None, ok=("200", "201", "202", "407"))

    def cancel(self, order_id: str) -> JsonObject:
        return self._core("POST", f"/v2/{quote(order_id, safe='')}/cancel", None, ok=("200",))

    def refund(self, order_id: str, *, refund_key: str, amount: int, reason: str) -> JsonObject:
        body = {"refund_key": refund_key, "amount": amount, "reason": reason[:255]}
        return self._core("POST", f"/v2/{quote(order_id, safe='')}/refund", body, ok=("200",))

    # ---- Snap ----------------------------------------------------------------------------------

    def snap_transaction(self, body: JsonObject) -> JsonObject:
        """`POST /snap/v1/transactions`: 201 `{token, redirect_url}`, or 4xx `{error_messages: [...]}`."""
        code, data = self._send("POST", f"{self.config.snap_url.rstrip('/')}/snap/v1/transactions", body)
        if code in (200, 201) and isinstance(data.get("redirect_url"), str):
            return data
        messages = data.get("error_messages")
        message = "; ".join(str(m) for m in messages) if isinstance(messages, list) else f"HTTP {code}"
        raise ProviderError(f"Snap: {message}", status_code=str(code))

    # ---- plumbing ------------------------------------------------------------------------------

    def _core(self, method: str, path: str, body: JsonObject | None, *, ok: tuple[str, ...]) -> JsonObject:
        code, data = self._send(method, f"{self.config.api_url.rstrip('/')}{path}", body)
        status_code = str(data.get("status_code") or code)
        if status_code in ok:
            return data
        message = str(data.get("status_message") or f"HTTP {code}")[:200]
        if status_code == "404":
            raise ProviderNotFound(message, status_code=status_code)
        if status_code.startswith("5"):
            raise ProviderUnavailable(message, status_code=status_code)
        raise ProviderError(message, status_code=status_code)

    def _send(self, method: str, url: str, body: JsonObject | None) -> tuple[int, JsonObject]:
        try:
            response = self.session.request(
                method,
                url,
                json=body,
                auth=(self.config.server_key, ""),
                headers={"Accept": "application/json"},
                timeout=self.config.timeout,
            )
        except requests.RequestException as exc:
            raise ProviderUnavailable(f"Midtrans tidak menjawab: {exc.__class__.__name__}") from exc
        if response.status_code >= 500:
            raise ProviderUnavailable(f"Midtrans HTTP {response.status_code}", status_code=str(response.status_code))
        try:
            data = response.json()
        except ValueError as exc:
            raise ProviderUnavailable(f"Midtrans HTTP {response.status_code}: bukan JSON") from exc
        if not isinstance(data, dict):
            raise ProviderUnavailable(f"Midtrans HTTP {response.status_code}: bukan objek JSON")
        return response.status_code, data
