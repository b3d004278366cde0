"""A JSON body nested hundreds of levels deep is valid JSON that nothing here needs: the parser
refuses it with a 400 before anything recurses into it (Python's decoder gave up with a
RecursionError past about a thousand levels, and walking a few hundred ran out of stack: a 500)."""

import json

import pytest

from orders.models import CartLine

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("depth", [40, 400, 100_000])
@pytest.mark.parametrize("shape", ["list", "object", "field"])
def test_a_body_nested_too_deep_is_a_400_and_adds_nothing(api, customer, depth, shape):
    body = {
        "list": "[" * depth + "]" * depth,
        "object": '{"a":' * depth + "1" + "}" * depth,
        "field": '{"quantity": ' + "[" * depth + "]" * depth + "}",
    }[shape]

    response = api.as_user(customer).post("/api/v1/cart/lines/", data=body, content_type="application/json")

    assert response.status_code == 400
    assert "detail" in response.json()
    assert not CartLine.objects.exists()


def test_an_ordinary_nested_body_is_parsed_as_before(api, customer, product):
    body = json.dumps({"product": product.pk, "quantity": 2, "extra": [[{"a": [1]}]]})

    response = api.as_user(customer).post("/api/v1/cart/lines/", data=body, content_type="application/json")

    assert response.status_code == 201
