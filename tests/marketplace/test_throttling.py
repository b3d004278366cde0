"""Rate limits: sign-in, sign-up and token requests, anonymous writes and each user's requests."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse

from marketplace.throttles import AuthRateThrottle
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def rates(settings):
    """Counted in Redis when REDIS_URL is set (each xdist worker has its own database), else locally."""
    settings.THROTTLE_RATES = {"auth": "3/min", "anon": "4/min", "user": "5/min"}
    return settings.THROTTLE_RATES


def register(api, n, **extra):
    body = {"email": f"baru{n}@example.id", "password": "kopi-gayo-2020", "full_name": "Pembeli Baru"}
    return api.post("/api/v1/auth/register/", body, format="json", **extra)


def test_token_requests_from_one_address_are_limited_with_a_429_and_retry_after(api, rates, customer):
    answers = [
        api.post("/api/v1/auth/token/", {"email": customer.email, "password": PASSWORD}, format="json")
        for _ in range(4)
    ]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert answers[-1].json()["detail"].startswith("Terlalu banyak permintaan. Coba lagi dalam ")


def test_the_limit_is_explained_in_english_to_a_client_that_chose_english(api, rates, settings):
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for n in range(3):
        register(api, n)

    response = register(api, 9)

    assert response.status_code == 429
    assert response.json()["detail"].startswith("Too many requests. Try again in ")


def test_registrations_from_one_address_are_limited_so_emails_cannot_be_harvested(api, rates):
    codes = [register(api, n).status_code for n in range(4)]

    assert codes == [201, 201, 201, 429]


def test_another_address_has_its_own_count(api, rates):
    for n in range(3):
        register(api, n, REMOTE_ADDR="10.0.0.1")

    assert register(api, 9, REMOTE_ADDR="10.0.0.2").status_code == 201


def test_a_forged_forwarded_header_does_not_buy_a_fresh_count(api, rates):
    codes = [register(api, n, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(4)]

    assert codes[-1] == 429


def test_the_login_page_is_limited_too(client, rates, customer):
    codes = [
        client.post(reverse("login"), {"username": customer.email, "password": "salah-salah"}).status_code
        for _ in range(4)
    ]

    assert codes[:3] == [200, 200, 200]
    assert codes[3] == 429


def test_the_register_page_is_limited(client, rates):
    body = {"full_name": "Pembeli", "password1": "kopi-gayo-2020", "password2": "kopi-gayo-2020"}
    codes = [client.post(reverse("register"), {**body, "email": f"b{n}@example.id"}).status_code for n in range(4)]
    client.logout()

    assert codes[3] == 429


def test_anonymous_writes_are_limited_but_reading_the_catalogue_is_not(api, rates, client, product):
    writes = [client.post(reverse("orders:cart_add"), {"product": product.pk, "quantity": 1}).status_code
              for _ in range(5)]  # fmt: skip
    reads = [api.get("/api/v1/products/").status_code for _ in range(10)]

    assert writes[:4] == [302] * 4 and writes[4] == 429
    assert set(reads) == {200}


def test_a_signed_in_user_is_limited_per_user_not_per_address(api, rates):
    busy, other = UserFactory(), UserFactory()
    codes = [api.as_user(busy).get("/api/v1/me/").status_code for _ in range(6)]

    assert codes == [200] * 5 + [429]
    assert api.as_user(other).get("/api/v1/me/").status_code == 200


def test_payment_notifications_are_never_limited(api, rates):
    codes = {api.post("/api/v1/payments/midtrans/notification/", {}, format="json").status_code for _ in range(8)}

    assert 429 not in codes


def test_the_rates_come_from_the_environment():
    env = {**os.environ, "THROTTLE_AUTH": "7/min", "THROTTLE_ANON": "8/hour", "THROTTLE_USER": "9/sec"}
    code = "from marketplace import settings; print(sorted(settings.THROTTLE_RATES.items()))"

    result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True)

    assert result.stdout.strip() == "[('anon', '8/hour'), ('auth', '7/min'), ('user', '9/sec')]", result.stderr


def test_password_reset_requests_are_limited_so_nobody_is_flooded_with_reset_emails(client, rates, customer):
    from django.core import mail

    codes = [client.post(reverse("password_reset"), {"email": customer.email}).status_code for _ in range(4)]

    assert codes == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


def sign_in_attempt(address: str, at: float | None = None) -> AuthRateThrottle:
    throttle = AuthRateThrottle()
    if at is not None:
        throttle.clock = lambda: at
    throttle.allowed = throttle.allow_request(RequestFactory().post("/api/v1/auth/token/", REMOTE_ADDR=address), None)
    return throttle


def test_attempts_arriving_together_are_each_counted(rates):
    """A guesser firing a burst at once gets no more tries than one asking one by one."""
    start, answers = threading.Barrier(12), []

    def attempt():
        start.wait()
        answers.append(sign_in_attempt("198.51.100.7").allowed)

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers.count(True) == 3


def test_a_new_minute_does_not_hand_a_fresh_limit_to_whoever_used_it_all_just_before(rates):
    """The limit holds over any 60 seconds, not per clock minute."""
    minute = 60 * 29_000_000
    used = [sign_in_attempt("198.51.100.8", at=minute - 1).allowed for _ in range(3)]

    just_after = sign_in_attempt("198.51.100.8", at=minute + 1)
    a_minute_after_them = [sign_in_attempt("198.51.100.8", at=minute + 59).allowed for _ in range(4)]

    assert used == [True] * 3
    assert not just_after.allowed and just_after.wait() == 58
    assert a_minute_after_them == [True] * 3 + [False]


BURST = """
import threading, time, django
django.setup()
from django.test import RequestFactory
from marketplace.throttles import AuthRateThrottle
request, answers = RequestFactory().post("/api/v1/auth/token/", REMOTE_ADDR="198.51.100.9"), []
time.sleep(max(float({at}) - time.time(), 0))
attempt = lambda: answers.append(AuthRateThrottle().allow_request(request, None))
threads = [threading.Thread(target=attempt) for _ in range(6)]
[t.start() for t in threads]; [t.join() for t in threads]
print(answers.count(True))
"""


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="web processes share a count only through Redis")
def test_attempts_arriving_together_at_two_web_processes_are_each_counted(rates):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "marketplace.settings", "THROTTLE_AUTH": "3/min"}
    at = time.time() + 3  # both processes started and Django set up by then
    processes = [
        subprocess.Popen([sys.executable, "-c", BURST.format(at=at)], cwd=BASE_DIR, env=env, stdout=subprocess.PIPE)
        for _ in range(2)
    ]

    allowed = [int(process.communicate(timeout=60)[0]) for process in processes]

    assert sum(allowed) == 3


def test_a_mistyped_rate_stops_start_up_naming_the_setting():
    env = {**os.environ, "THROTTLE_AUTH": "dua puluh/min"}
    code = "from marketplace import settings"

    result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True)

    assert result.returncode != 0
    assert "THROTTLE_AUTH='dua puluh/min'" in result.stderr
