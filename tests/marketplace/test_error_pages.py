"""Under `make run` (DEBUG on) a wrong address shows the site's own pages, not Django's list of every URL."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def development(settings):
    settings.DEBUG = True
    settings.DEBUG_PAGES = False


def assert_site_page(response, status: int, heading: str):
    assert response.status_code == status
    assert heading in response.text
    assert 'role="search"' in response.text and 'href="/"' in response.text
    assert "URLconf" not in response.text and "Traceback" not in response.text


def test_an_address_that_matches_nothing_shows_the_site_404_with_search_and_a_way_home(client, development):
    assert_site_page(client.get("/tidak-ada-halaman-ini/"), 404, "Halaman tidak ditemukan")


def test_a_product_that_does_not_exist_shows_the_site_404(client, development):
    assert_site_page(client.get("/produk/tidak-ada/"), 404, "Halaman tidak ditemukan")


def test_a_customer_in_the_ministry_console_sees_the_site_403(client, customer, development):
    client.force_login(customer)

    assert_site_page(client.get("/kementerian/toko/"), 403, "Akses ditolak")


def test_the_debug_flag_brings_back_djangos_debug_page(client, settings):
    settings.DEBUG = True
    settings.DEBUG_PAGES = True

    response = client.get("/tidak-ada-halaman-ini/")

    assert response.status_code == 404
    assert "URLconf" in response.text


def test_the_api_still_answers_a_missing_object_in_json(api, development):
    response = api.get("/api/v1/products/999999/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
