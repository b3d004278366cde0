"""A local fake of Midtrans speaking its documented JSON, started by the tests on a free port.

Core API: `POST /v2/charge`, `GET /v2/{order_id}/status`, `POST /v2/{order_id}/cancel`,
`POST /v2/{order_id}/refund`; Snap: `POST /snap/v1/transactions`. HTTP Basic with the server key.
It keeps the transactions it created; tests move them on (`settle`, `expire`, `snap_pay`) and sign
notifications as Midtrans does. `fail_next` makes the next call to an endpoint drop the connection
(before or after carrying it out) or answer 503, the ways a real network fails.
"""

import base64
import hashlib
import json
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

STATUS_CODES = {
    "pending": "201",
    "settlement": "200",
    "capture": "200",
    "deny": "202",
    "cancel": "200",
    "expire": "407",
    "refund": "200",
    "partial_refund": "200",
}
SERVER_KEY = "SB-Mid-server-FAKE-kunci-uji"


@dataclass
class Transaction:
    order_id: str
    gross_amount: int
    payment_type: str
    body: dict
    transaction_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    status: str = "pending"
    fraud_status: str = "accept"
    refunds: list = field(default_factory=list)

    @property
    def refunded(self) -> int:
        return sum(r["refund_amount"] for r in self.refunds)

    def as_json(self) -> dict:
        body = {
            "status_code": STATUS_CODES[self.status],
            "status_message": "Success, transaction is found",
            "transaction_id": self.transaction_id,
            "order_id": self.order_id,
            "merchant_id": "G141532850",
            "gross_amount": f"{self.gross_amount}.00",
            "currency": "IDR",
            "payment_type": self.payment_type,
            "transaction_time": "2026-11-30 10:00:00",
            "transaction_status": self.status,
            "fraud_status": self.fraud_status,
        }
        if self.refunds:
            body["refund_amount"] = f"{self.refunded}.00"
            body["refunds"] = [
                {**r, "refund_amount": f"{r['refund_amount']}.00", "created_at": "2026-11-30 11:00:00"}
                for r in self.refunds
            ]
        return body


class FakeMidtrans:
    def __init__(self, server_key: str = SERVER_KEY):
        self.server_key = server_key
        self.transactions: dict[str, Transaction] = {}
        self.snap_orders: dict[str, dict] = {}
        self.calls: list[tuple[str, str, dict | None]] = []
        self.failures: dict[str, list[str]] = {}
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeMidtrans":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ---- what tests do -------------------------------------------------------------------------

    def fail_next(self, endpoint: str, mode: str = "drop_after", times: int = 1) -> None:
        """endpoint: charge, status, cancel, refund or snap; mode: drop_before, drop_after or 503."""
        self.failures.setdefault(endpoint, []).extend([mode] * times)

    def settle(self, order_id: str) -> None:
        self.transactions[order_id].status = "settlement"

    def set_status(self, order_id: str, status: str, fraud_status: str = "accept") -> None:
        self.transactions[order_id].status = status
        self.transactions[order_id].fraud_status = fraud_status

    def snap_pay(self, order_id: str, payment_type: str = "gopay", status: str = "settlement") -> None:
        """The buyer picks a method on the Snap page and pays: the transaction appears."""
        snap = self.snap_orders[order_id]
        self.transactions[order_id] = Transaction(order_id, snap["gross_amount"], payment_type, snap, status=status)

    def notification(self, order_id: str, /, **override) -> dict:
        """The HTTP notification Midtrans would send now, signed with the server key."""
        body = {**self.transactions[order_id].as_json(), "status_message": "midtrans payment notification"}
        body.update(override)
        raw = f"{body['order_id']}{body['status_code']}{body['gross_amount']}{self.server_key}"
        body["signature_key"] = hashlib.sha512(raw.encode()).hexdigest()
        return body

    def calls_to(self, endpoint: str) -> list:
        return [call for call in self.calls if call[0] == endpoint]

    # ---- what Midtrans does --------------------------------------------------------------------

    def handle(self, method: str, path: str, body: dict | None) -> tuple[int, dict]:
        parts = [p for p in path.split("/") if p]
        if method == "POST" and parts == ["v2", "charge"]:
            return self._charge(body or {})
        if method == "POST" and parts == ["snap", "v1", "transactions"]:
            return self._snap(body or {})
        if len(parts) == 3 and parts[0] == "v2":
            order_id, action = parts[1], parts[2]
            tx = self.transactions.get(order_id)
            if tx is None:
                return 404, {"status_code": "404", "status_message": "Transaction doesn't exist."}
            if method == "GET" and action == "status":
                return 200, tx.as_json()
            if method == "POST" and action == "cancel":
                if tx.status not in ("pending", "capture"):
                    return 412, {"status_code": "412", "status_message": "Merchant cannot modify the status"}
                tx.status = "cancel"
                return 200, {**tx.as_json(), "status_message": "Success, transaction is canceled"}
            if method == "POST" and action == "refund":
                return self._refund(tx, body or {})
        return 404, {"status_code": "404", "status_message": "Not found"}

    def _check_items(self, body: dict) -> tuple[str, int] | dict:
        details = body.get("transaction_details") or {}
        order_id, gross = details.get("order_id"), details.get("gross_amount")
        if not isinstance(order_id, str) or not isinstance(gross, int):
            return {"status_code": "400", "validation_messages": ["transaction_details is required"]}
        items = body.get("item_details") or []
        if sum(item["price"] * item["quantity"] for item in items) != gross:
            return {
                "status_code": "400",
                "status_message": "One or more parameters in the payload is invalid.",
                "validation_messages": ["transaction_details.gross_amount is not equal to the sum of item_details"],
            }
        if any(len(item["name"]) > 50 for item in items):
            return {"status_code": "400", "validation_messages": ["item_details.name too long"]}
        if order_id in self.transactions or order_id in self.snap_orders:
            return {
                "status_code": "406",
                "status_message": "The request could not be processed",
                "validation_messages": ["transaction_details.order_id has already been taken"],
            }
        return order_id, gross

    def _charge(self, body: dict) -> tuple[int, dict]:
        checked = self._check_items(body)
        if isinstance(checked, dict):
            return int(checked["status_code"]), checked
        order_id, gross = checked
        payment_type = body.get("payment_type")
        tx = Transaction(order_id, gross, payment_type, body)
        answer = {**tx.as_json(), "status_message": "Success, transaction is created"}
        if payment_type == "bank_transfer":
            bank = body["bank_transfer"]["bank"]
            number = str(int(uuid.UUID(tx.transaction_id)))[:11]
            if bank == "permata":
                answer["permata_va_number"] = number
            else:
                answer["va_numbers"] = [{"bank": bank, "va_number": number}]
        elif payment_type == "echannel":
            answer.update(bill_key=str(int(uuid.UUID(tx.transaction_id)))[:12], biller_code="70012")
        elif payment_type == "qris":
            answer["qr_string"] = (
                f"00020101021226620014COM.GO-JEK.WWW01189360091434506469550210G4506469550303UMI51440014ID.CO.QRIS.WWW0215ID10243341364120303UMI5204569753033605405{gross}5802ID{order_id}6304ABCD"
            )
            answer["actions"] = [
                {"name": "generate-qr-code", "method": "GET", "url": f"{self.url}/qr/{tx.transaction_id}"}
            ]
        elif payment_type in ("gopay", "shopeepay"):
            answer["actions"] = [
                {"name": "generate-qr-code", "method": "GET", "url": f"{self.url}/qr/{tx.transaction_id}"},
                {
                    "name": "deeplink-redirect",
                    "method": "GET",
                    "url": f"https://simulator.example/{payment_type}/{tx.transaction_id}",
                },
            ]
        else:
            return 400, {"status_code": "400", "validation_messages": [f"payment_type {payment_type} not supported"]}
        self.transactions[order_id] = tx
        return 201, answer

    def _snap(self, body: dict) -> tuple[int, dict]:
        checked = self._check_items(body)
        if isinstance(checked, dict):
            return 400, {"error_messages": checked.get("validation_messages", ["invalid"])}
        order_id, gross = checked
        token = str(uuid.uuid4())
        self.snap_orders[order_id] = {**body, "gross_amount": gross}
        return 201, {"token": token, "redirect_url": f"{self.url}/snap/v4/redirection/{token}"}

    def _refund(self, tx: Transaction, body: dict) -> tuple[int, dict]:
        key, amount = body.get("refund_key"), body.get("amount")
        if any(r["refund_key"] == key for r in tx.refunds):
            return 406, {"status_code": "406", "status_message": "Duplicate refund_key"}
        if tx.status not in ("settlement", "partial_refund") or not isinstance(amount, int):
            return 412, {"status_code": "412", "status_message": "Transaction status cannot be updated"}
        if amount <= 0 or tx.refunded + amount > tx.gross_amount:
            return 412, {"status_code": "412", "status_message": "Refund amount exceeds what is left"}
        tx.refunds.append(
            {
                "refund_key": key,
                "refund_amount": amount,
                "reason": body.get("reason", ""),
                "refund_chargeback_id": len(tx.refunds) + 1,
            }
        )
        tx.status = "refund" if tx.refunded == tx.gross_amount else "partial_refund"
        return 200, {
            **tx.as_json(),
            "status_message": "Success, refund request is approved",
            "refund_amount": f"{amount}.00",
            "refund_key": key,
        }


def _handler(fake: FakeMidtrans):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _serve(self, method: str):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            expected = "Basic " + base64.b64encode(f"{fake.server_key}:".encode()).decode()
            body = json.loads(raw) if raw else None
            endpoint = _endpoint(method, self.path)
            with fake.lock:
                fake.calls.append((endpoint, self.path, body))
                failure = fake.failures.get(endpoint, [None]).pop(0) if fake.failures.get(endpoint) else None
                if failure == "drop_before":
                    self.close_connection = True
                    return
                if failure == "503":
                    return self._answer(503, {"status_code": "503", "status_message": "Service unavailable"})
                if self.headers.get("Authorization") != expected:
                    return self._answer(401, {"status_code": "401", "status_message": "Access denied"})
                code, answer = fake.handle(method, self.path, body)
                if failure == "drop_after":
                    self.close_connection = True
                    return
            self._answer(code, answer)

        def _answer(self, code: int, body: dict):
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            self._serve("GET")

        def do_POST(self):
            self._serve("POST")

    return Handler


def _endpoint(method: str, path: str) -> str:
    if path.startswith("/snap/"):
        return "snap"
    if path.rstrip("/").endswith("/charge"):
        return "charge"
    return path.rstrip("/").rsplit("/", 1)[-1]  # status, cancel, refund


@pytest.fixture
def midtrans(settings):
    """A running fake Midtrans, with the settings pointing at it."""
    fake = FakeMidtrans().start()
    settings.MIDTRANS_SERVER_KEY = fake.server_key
    settings.MIDTRANS_API_URL = fake.url
    settings.MIDTRANS_SNAP_URL = fake.url
    settings.MIDTRANS_TIMEOUT_SECONDS = 5
    yield fake
    fake.stop()
