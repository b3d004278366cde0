"""Order emails show each product's photo, at a full URL a mail client can fetch."""

import pytest
from django.conf import settings

from orders.models import OutgoingEmail
from tests.photo_helpers import add_photos

pytestmark = pytest.mark.django_db


def test_the_confirmation_and_the_shops_notice_show_each_products_photo(place_order, product, other_product):
    (photo,) = add_photos(product, 1)

    order = place_order((product, 1), (other_product, 2))

    confirmation = OutgoingEmail.objects.get(order=order, kind="order_confirmation")
    notice = OutgoingEmail.objects.filter(
        order=order, kind="new_order_seller", to__in=[m.user.email for m in product.seller.members.all()]
    ).first()
    expected = f'src="{settings.SITE_URL}{photo.thumb.url}"'
    for email in (confirmation, notice):
        assert expected in email.body_html
        assert f'alt="{photo.alt}"' in email.body_html
    assert confirmation.body_html.count("<img ") == 1  # the other product has no photo: no broken image
