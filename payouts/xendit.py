"""Xendit disbursements (https://docs.xendit.co/xendisburse): the payout adapter for a real API.

`POST {XENDIT_API_URL}/disbursements` with HTTP Basic auth (the secret key as user name) and an
`X-IDEMPOTENCY-KEY`, answering `{"id", "external_id", "status": "PENDING", ...}`. Xendit answers a
repeated key with `DUPLICATE_TRANSACTION_ERROR`; the payout is then looked up by its `external_id`
(`GET /disbursements?external_id=`), so a retried send never pays twice. `GET /disbursements/{id}`
reports `COMPLETED` or `FAILED` (with `failure_code`).
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from payouts.providers import ProviderAnswer

STATUS = {"PENDING": "sent", "COMPLETED": "paid", "FAILED": "failed"}


class XenditError(OSError):
    pass


class XenditProvider:
    name = "xendit"

    def _call(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        token = base64.b64encode(f"{settings.XENDIT_SECRET_KEY}:".encode()).decode()
        request = urllib.request.Request(
            settings.XENDIT_API_URL.rstrip("/") + path,
            data=json.dumps(body).encode() if body is not None else None,
            method=method,
            headers={"Authorization": f"Basic {token}", "Content-Type": "application/json", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.XENDIT_TIMEOUT_SECONDS) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            try:
                return error.code, json.loads(error.read() or b"{}")
            except ValueError:
                return error.code, {}
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise XenditError(str(error)) from error

    def _answer(self, disbursement: dict) -> ProviderAnswer:
        status = STATUS.get(disbursement.get("status", ""), "sent")
        return ProviderAnswer(status, reference=disbursement.get("id", ""), reason=disbursement.get("failure_code", ""))

    def send(self, payout) -> ProviderAnswer:
        body = {
            "external_id": payout.reference,
            "amount": payout.amount,
            "bank_code": payout.bank,
            "account_holder_name": payout.holder_name,
            "account_number": payout.account_number,
            "description": f"Pasar IKM {payout.batch.number}",
        }
        status, answer = self._call("POST", "/disbursements", body, {"X-IDEMPOTENCY-KEY": payout.reference})
        if status == 200:
            return self._answer(answer)
        if answer.get("error_code") == "DUPLICATE_TRANSACTION_ERROR":
            query = urllib.parse.urlencode({"external_id": payout.reference})
            status, found = self._call("GET", f"/disbursements?{query}")
            if status == 200 and found:
                return self._answer(found[0] if isinstance(found, list) else found)
        if status in (400, 404, 422):  # Xendit refused this transfer itself (bank code, account, amount)
            return ProviderAnswer("failed", reason=answer.get("error_code") or f"HTTP {status}")
        # Our key, Xendit's outage or rate limit: the payout stays pending and the task tries again.
        raise XenditError(f"Xendit answered {status} {answer.get('error_code', '')}")

    def check(self, payout) -> ProviderAnswer | None:
        if not payout.provider_reference:
            return None
        status, answer = self._call("GET", f"/disbursements/{urllib.parse.quote(payout.provider_reference)}")
        if status != 200:
            return None
        return self._answer(answer)
