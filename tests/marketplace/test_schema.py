"""The served OpenAPI schema describes every API endpoint, including its error bodies."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

BASE_DIR = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def api_paths() -> set[str]:
    """Every route under /api/v1/ in the URLconf, written the OpenAPI way (`{seller_id}`)."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route

    found = set()
    for route in walk(get_resolver().url_patterns, "/"):
        if route.startswith("/api/v1/"):
            found.add(re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))
    return found


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"]


def test_the_schema_has_every_api_path(schema):
    paths = api_paths()

    assert "/api/v1/products/{product_id}/" in paths
    assert paths - set(schema["paths"]) == set()


@pytest.mark.parametrize(
    "method, path, codes",
    [
        ("post", "/api/v1/auth/register/", {"201", "400"}),
        ("post", "/api/v1/auth/token/", {"200", "400", "429"}),
        ("get", "/api/v1/me/", {"200", "401"}),
        ("patch", "/api/v1/me/", {"200", "400", "401"}),
        ("get", "/api/v1/sellers/", {"200", "400"}),
        ("post", "/api/v1/sellers/", {"201", "400", "401"}),
        ("get", "/api/v1/sellers/{seller_id}/", {"200", "404"}),
        ("post", "/api/v1/sellers/{seller_id}/verify/", {"200", "401", "403", "404", "409"}),
        ("post", "/api/v1/sellers/{seller_id}/reject/", {"200", "400", "401", "403", "404", "409"}),
        ("post", "/api/v1/sellers/{seller_id}/products/", {"201", "400", "401", "403", "404", "409"}),
        ("get", "/api/v1/products/", {"200", "400"}),
        ("get", "/api/v1/products/{product_id}/", {"200", "404"}),
        ("patch", "/api/v1/products/{product_id}/", {"200", "400", "401", "403", "404"}),
        ("delete", "/api/v1/products/{product_id}/", {"204", "401", "403", "404"}),
    ],
)
def test_accounts_and_catalogue_endpoints_document_their_error_answers(schema, method, path, codes):
    responses = schema["paths"][path][method]["responses"]

    assert codes <= set(responses)
    for code in codes - {"200", "201", "204"}:
        ref = responses[code]["content"]["application/json"]["schema"]["$ref"]
        assert ref.rsplit("/", 1)[-1] in {"ErrorOutput", "ValidationErrorOutput"}


def assert_documents_errors(schema, method, path, codes) -> None:
    responses = schema["paths"][path][method]["responses"]

    assert codes <= set(responses), f"{method.upper()} {path} leaves out {sorted(codes - set(responses))}"
    for code in codes - {"200", "201", "204"}:
        ref = responses[code]["content"]["application/json"]["schema"]["$ref"]
        assert ref.rsplit("/", 1)[-1] in {"ErrorOutput", "ValidationErrorOutput"}


@pytest.mark.parametrize(
    "method, path, codes",
    [
        ("get", "/api/v1/cart/", {"200", "401"}),
        ("post", "/api/v1/cart/lines/", {"201", "400", "401", "409"}),
        ("patch", "/api/v1/cart/lines/{line_id}/", {"200", "400", "401", "404", "409"}),
        ("delete", "/api/v1/cart/lines/{line_id}/", {"204", "401", "404"}),
        ("get", "/api/v1/orders/", {"200", "400", "401", "404"}),
        ("post", "/api/v1/orders/", {"201", "400", "401", "409", "422"}),
        ("get", "/api/v1/orders/{number}/", {"200", "401", "404"}),
        ("post", "/api/v1/orders/{number}/pay/", {"200", "401", "403", "404", "409"}),
        ("post", "/api/v1/orders/{number}/cancel/", {"200", "401", "404", "409"}),
        ("get", "/api/v1/sellers/{seller_id}/shipments/", {"200", "400", "401", "404"}),
        ("post", "/api/v1/shipments/{shipment_id}/ship/", {"200", "400", "401", "404", "409"}),
        ("get", "/api/v1/products/{product_id}/reviews/", {"200", "400", "404"}),
        ("get", "/api/v1/sellers/{seller_id}/complaints/", {"200", "400", "401", "404"}),
        ("get", "/api/v1/complaints/", {"200", "400", "401", "403"}),
    ],
)
def test_cart_order_and_fulfilment_endpoints_document_their_error_answers(schema, method, path, codes):
    assert_documents_errors(schema, method, path, codes)


def test_error_bodies_are_described_as_components(schema):
    components = schema["components"]["schemas"]

    assert components["ErrorOutput"]["properties"]["detail"]["type"] == "string"
    field_errors = components["ValidationErrorOutput"]
    assert field_errors["additionalProperties"] == {"type": "array", "items": {"type": "string"}}


def test_the_product_list_documents_its_filters(schema):
    parameters = {p["name"] for p in schema["paths"]["/api/v1/products/"]["get"]["parameters"]}

    assert {"search", "category", "province", "seller", "min_tkdn", "campaign", "in_stock", "ordering"} <= parameters
    assert {"page", "page_size"} <= parameters


def test_the_swagger_page_is_served(client):
    assert client.get("/api/docs/").status_code == 200


def test_the_schema_validates_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/orders/",
        "/api/v1/sellers/{seller_id}/shipments/",
        "/api/v1/products/{product_id}/reviews/",
        "/api/v1/campaigns/",
        "/api/v1/campaigns/{slug}/products/",
        "/api/v1/campaigns/{slug}/enrolments/",
        "/api/v1/campaigns/{slug}/blasts/",
        "/api/v1/vouchers/",
        "/api/v1/sellers/{seller_id}/ledger/",
        "/api/v1/sellers/{seller_id}/payouts/",
        "/api/v1/payout-batches/",
        "/api/v1/sellers/{seller_id}/complaints/",
        "/api/v1/complaints/",
    ],
)
def test_paginated_lists_are_described_as_pages_with_their_parameters(schema, path):
    """These answer `{"count", "next", "previous", "results": [...]}`, not a bare array, and take `?page=`."""
    operation = schema["paths"][path]["get"]
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    page = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]

    assert {"count", "next", "previous", "results"} <= set(page["properties"])
    assert page["properties"]["results"]["type"] == "array"
    assert {"page", "page_size"} <= {p["name"] for p in operation["parameters"]}


@pytest.mark.parametrize(
    "method, path, codes",
    [
        ("get", "/api/v1/campaigns/", {"200", "400", "404"}),
        ("post", "/api/v1/campaigns/", {"201", "400", "401", "403"}),
        ("get", "/api/v1/campaigns/{slug}/", {"200", "404"}),
        ("patch", "/api/v1/campaigns/{slug}/", {"200", "400", "401", "403", "404", "409"}),
        ("get", "/api/v1/campaigns/{slug}/products/", {"200", "400", "404"}),
        ("get", "/api/v1/campaigns/{slug}/enrolments/", {"200", "400", "401", "404"}),
        ("post", "/api/v1/campaigns/{slug}/enrolments/", {"201", "400", "401", "403", "404", "409"}),
        ("post", "/api/v1/enrolments/{enrolment_id}/approve/", {"200", "401", "403", "404", "409"}),
        ("post", "/api/v1/enrolments/{enrolment_id}/reject/", {"200", "400", "401", "403", "404", "409"}),
    ],
)
def test_campaign_and_enrolment_endpoints_document_their_error_answers(schema, method, path, codes):
    assert_documents_errors(schema, method, path, codes)


def test_the_health_check_is_described_with_its_503(schema):
    """docs/api.md, "Operations": `GET /healthz` is an endpoint of the contract too, outside /api/v1/."""
    responses = schema["paths"]["/healthz"]["get"]["responses"]

    assert {"200", "503"} <= set(responses)
    for code in ("200", "503"):
        ref = responses[code]["content"]["application/json"]["schema"]["$ref"]
        assert ref.rsplit("/", 1)[-1] == "HealthOutput"
    body = schema["components"]["schemas"]["HealthOutput"]["properties"]
    assert body["database"]["enum"] == ["ok", "down"]
    assert body["broker"]["enum"] == ["ok", "eager", "down"]
