"""Behind our own proxies the lockout counts each client's address, never the proxy's, never a forged one."""

import pytest
from django.test import RequestFactory

from marketplace.client_ip import client_ip
from tests.factories import PASSWORD

TOKEN = "/api/v1/auth/token/"
PROXY = "10.0.0.5"


def address(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "2001:db8::/32"]


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []

    assert address("198.51.100.7", "203.0.113.9") == "198.51.100.7"


def test_a_trusted_proxy_passes_on_the_clients_address(behind_proxy):
    assert address(PROXY, "203.0.113.9") == "203.0.113.9"


def test_what_a_client_wrote_into_the_header_before_our_proxy_is_not_believed(behind_proxy):
    # The client sent "X-Forwarded-For: 1.2.3.4"; our proxy appended the address it saw.
    assert address(PROXY, "1.2.3.4, 203.0.113.9") == "203.0.113.9"


def test_a_chain_of_our_own_proxies_is_walked_back_to_the_client(behind_proxy):
    assert address(PROXY, "1.2.3.4, 203.0.113.9, 10.0.0.7") == "203.0.113.9"
    assert address("2001:db8::1", "2001:db8:ffff::2, 203.0.113.9, 2001:db8::3") == "203.0.113.9"


def test_a_request_not_from_a_trusted_proxy_keeps_its_own_address(behind_proxy):
    assert address("198.51.100.7", "203.0.113.9") == "198.51.100.7"


def test_garbage_in_the_header_stops_at_the_last_hop_we_can_vouch_for(behind_proxy):
    assert address(PROXY, "nonsense") == PROXY


@pytest.mark.django_db
def test_behind_the_proxy_an_attacker_cannot_lock_the_owner_out(api, customer, behind_proxy):
    for _ in range(6):
        api.post(
            TOKEN, {"email": customer.email, "password": "salah-sandi-99"}, format="json",
            REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66",
        )  # fmt: skip

    owner = api.post(
        TOKEN, {"email": customer.email, "password": PASSWORD}, format="json",
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9",
    )  # fmt: skip
    attacker = api.post(
        TOKEN, {"email": customer.email, "password": PASSWORD}, format="json",
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66",
    )  # fmt: skip

    assert owner.status_code == 200
    assert attacker.status_code == 429


@pytest.mark.django_db
def test_rotating_a_forged_header_does_not_escape_the_lockout(api, customer, settings):
    settings.TRUSTED_PROXIES = []
    for n in range(6):
        api.post(
            TOKEN, {"email": customer.email, "password": "salah-sandi-99"}, format="json",
            REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )  # fmt: skip

    response = api.post(
        TOKEN, {"email": customer.email, "password": PASSWORD}, format="json",
        REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR="203.0.113.200",
    )  # fmt: skip

    assert response.status_code == 429
