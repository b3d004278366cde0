"""A local stand-in for Xendit's disbursement API, speaking its documented JSON.

POST /disbursements (Basic auth with the secret key, X-IDEMPOTENCY-KEY) answers the disbursement
with status PENDING; a repeated key answers 400 DUPLICATE_TRANSACTION_ERROR. GET /disbursements/{id}
and GET /disbursements?external_id= read them back. Tests settle one with `finish(id, status)`.
"""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class FakeXendit:
    def __init__(self, secret_key: str):
        self.secret_key = secret_key
        self.disbursements: dict[str, dict] = {}
        self.keys: set[str] = set()
        self.posts = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self):
                expected = "Basic " + base64.b64encode(f"{fake.secret_key}:".encode()).decode()
                if self.headers.get("Authorization") != expected:
                    self._answer(401, {"error_code": "INVALID_API_KEY", "message": "API key is invalid"})
                    return False
                return True

            def do_POST(self):
                if not self._authorised():
                    return
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                key = self.headers.get("X-IDEMPOTENCY-KEY", "")
                fake.posts += 1
                if key and key in fake.keys:
                    self._answer(400, {"error_code": "DUPLICATE_TRANSACTION_ERROR", "message": "Idempotency key used"})
                    return
                fake.keys.add(key)
                disbursement_id = f"disb-{len(fake.disbursements) + 1}"
                fake.disbursements[disbursement_id] = {
                    "id": disbursement_id,
                    "user_id": "5785e6334d7b410667d355c4",
                    "external_id": body["external_id"],
                    "amount": body["amount"],
                    "bank_code": body["bank_code"],
                    "account_holder_name": body["account_holder_name"],
                    "disbursement_description": body.get("description", ""),
                    "status": "PENDING",
                }
                self._answer(200, fake.disbursements[disbursement_id])

            def do_GET(self):
                if not self._authorised():
                    return
                url = urlparse(self.path)
                if url.path == "/disbursements":
                    external_id = parse_qs(url.query).get("external_id", [""])[0]
                    found = [d for d in fake.disbursements.values() if d["external_id"] == external_id]
                    self._answer(200 if found else 404, found or {"error_code": "DIRECT_DISBURSEMENT_NOT_FOUND_ERROR"})
                    return
                disbursement = fake.disbursements.get(url.path.rsplit("/", 1)[-1])
                if disbursement is None:
                    self._answer(404, {"error_code": "DIRECT_DISBURSEMENT_NOT_FOUND_ERROR"})
                else:
                    self._answer(200, disbursement)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def finish(self, disbursement_id: str, status: str, failure_code: str = ""):
        self.disbursements[disbursement_id]["status"] = status
        if failure_code:
            self.disbursements[disbursement_id]["failure_code"] = failure_code

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
