"""A local stand-in for Biteship's API, speaking its documented JSON, started by the tests.

`POST /v1/rates/couriers` answers a `pricing` list for the asked couriers, priced from the weight;
`GET /v1/trackings/{waybill}/couriers/{courier}` answers the `history` set in `trackings`. `mode`
makes it misbehave: "error" (HTTP 500), "garbage" (not JSON), "slow" (answers after a delay), "no_pricing".
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVICES = {"jne": ["reg", "yes"], "jnt": ["ez"], "sicepat": ["reg"], "anteraja": ["reg"], "pos": ["reg"]}


class FakeBiteship:
    def __init__(self):
        self.mode = "ok"
        self.requests: list[tuple[str, str, dict | None, str]] = []  # method, path, body, authorization
        self.trackings: dict[tuple[str, str], dict] = {}
        self.price_per_kg = 7000
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body):
                raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def _misbehave(self) -> bool:
                if fake.mode == "slow":
                    time.sleep(1.0)
                if fake.mode == "error":
                    self._answer(500, {"success": False, "error": "Internal error"})
                    return True
                if fake.mode == "garbage":
                    self._answer(200, b"<html>gateway</html>")
                    return True
                return False

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(("POST", self.path, body, self.headers.get("Authorization", "")))
                if self._misbehave():
                    return
                if self.path != "/v1/rates/couriers":
                    return self._answer(404, {"success": False, "error": "Not found"})
                if fake.mode == "no_pricing":
                    return self._answer(200, {"success": True, "object": "courier_pricing"})
                kg = max(1, -(-int(body["items"][0]["weight"]) // 1000))
                pricing = []
                for n, courier in enumerate(body["couriers"].split(",")):
                    for m, service in enumerate(SERVICES.get(courier, [])):
                        pricing.append(
                            {
                                "courier_name": courier.upper(),
                                "courier_code": courier,
                                "courier_service_name": service.upper(),
                                "courier_service_code": service,
                                "duration": "1 - 2 days",
                                "shipment_duration_range": "1 - 2",
                                "shipment_duration_unit": "days",
                                "price": kg * (fake.price_per_kg + 500 * n + 3000 * m),
                                "type": service,
                            }
                        )
                self._answer(
                    200,
                    {
                        "success": True,
                        "object": "courier_pricing",
                        "message": "Success to retrieve courier pricing",
                        "origin": {"postal_code": body["origin_postal_code"]},
                        "destination": {"postal_code": body["destination_postal_code"]},
                        "pricing": pricing,
                    },
                )

            def do_GET(self):
                fake.requests.append(("GET", self.path, None, self.headers.get("Authorization", "")))
                if self._misbehave():
                    return
                parts = self.path.strip("/").split("/")  # v1 trackings {waybill} couriers {courier}
                if len(parts) == 5 and parts[1] == "trackings" and (parts[2], parts[4]) in fake.trackings:
                    return self._answer(200, fake.trackings[(parts[2], parts[4])])
                self._answer(400, {"success": False, "error": "Tracking not found"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def track(self, *, waybill: str, courier: str, status: str, history: list[tuple[str, str, str]]):
        """What the tracking API will answer: history is [(status, note, updated_at ISO 8601)]."""
        self.trackings[(waybill, courier)] = {
            "success": True,
            "object": "tracking",
            "waybill_id": waybill,
            "courier": {"company": courier},
            "history": [{"status": s, "note": note, "updated_at": at} for s, note, at in history],
            "link": f"https://track.biteship.com/{waybill}",
            "status": status,
        }

    def rate_requests(self) -> list[dict]:
        return [body for method, path, body, _ in self.requests if method == "POST"]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
