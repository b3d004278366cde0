"""Order emails show each product's photo, at a full URL a mail client can fetch."""

import pytest
from django.conf import settings

from orders.models import OutgoingEmail
from orders.services.order_emails import order_email_render
from tests.photo_helpers import add_photos

pytestmark = pytest.mark.django_db


def test_the_confirmation_and_the_shops_notice_show_each_products_photo(place_order, product, other_product):
    (photo,) = add_photos(product, 1)
    shop_members = [member.user.email for member in product.seller.members.all()]

    order = place_order((product, 1), (other_product, 2))

    confirmation = order_email_render(OutgoingEmail.objects.get(order=order, kind="order_confirmation"))
    notice = order_email_render(
        OutgoingEmail.objects.filter(order=order, kind="new_order_seller", to__in=shop_members).first()
    )
    expected = f'src="{settings.SITE_URL}{photo.thumb.url}"'
    for email in (confirmation, notice):
        assert expected in email.body_html
        assert f'alt="{photo.alt}"' in email.body_html
    assert confirmation.body_html.count("<img ") == 1  # the other product has no photo: no broken image


def test_rendering_an_order_email_costs_one_query_for_photos_whatever_the_lines(
    place_order, product, other_product, django_assert_num_queries
):
    add_photos(product, 3)
    add_photos(other_product, 2)
    order = place_order((product, 1), (other_product, 2))
    email = OutgoingEmail.objects.get(order=order, kind="order_confirmation")

    with django_assert_num_queries(4):  # the order and buyer, its shipments, its lines, their photos
        order_email_render(email)
