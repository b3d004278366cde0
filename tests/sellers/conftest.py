"""Fixtures of the sellers tests: the role matrix the API tests walk."""

import pytest

ROLE_FIXTURES = {
    "anonymous": None,
    "customer": "customer",
    "member": "seller_user",
    "other_member": "other_seller_user",
    "ministry": "ministry",
}


@pytest.fixture
def as_role(api, request, other_shop):
    """`as_role("member")` is the api client logged in as that row of the role matrix.

    `member` belongs to the `shop`/`pending_shop` fixtures; `other_member` owns `other_shop`.
    Users are built only when asked for (hashing passwords is what makes tests slow).
    """

    def _as(role):
        fixture = ROLE_FIXTURES[role]
        return api.as_user(request.getfixturevalue(fixture) if fixture else None)

    return _as
