"""What the campaign page tests share: Jakarta time (WIB), opening a page as a user or anonymously, and
what the ministry's campaign form posts."""

import datetime

from tests.factories import category

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


def get_as(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def form_data(**overrides):
    data = {
        "hashtag": "#SatuDalamKopi",
        "name": "Satu Dalam Kopi",
        "description": "Dukung IKM kopi Indonesia.",
        "starts_at": "2030-04-20T00:00",
        "ends_at": "2030-04-26T23:59",
        "categories": [str(category("kopi").pk), str(category("produk-terkait-kopi").pk)],
        "min_tkdn": "0",
        "benefit": "discount_percent",
        "discount_percent": "20",
    }
    data.update(overrides)
    return data
