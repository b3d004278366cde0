"""A bad checkout body is answered field by field, in the buyer's language, whoever asked before.

`OrderInput` validates with one tree of fields per language shared by every request
(marketplace/serializers.py), so these pin the whole 400 body in both languages, asked in turn and
from two threads at once.
"""

import json
import threading

import pytest
from django.conf import settings
from django.utils import translation

from orders.api_checkout import OrderInput
from orders.models import Order

pytestmark = pytest.mark.django_db

BAD = {
    "shipping_address": {
        "recipient": "x" * 121,
        "phone": "abc",
        "street": "",
        "province": "99",
        "postal_code": "5521",
        "regency": "123456",
    },
    "lines": [{"variant": 0, "quantity": 0}, {"quantity": 10**6}, {"product": "dua", "quantity": 1}, "x"],
    "courier": "merpati",
    "shipments": [{"seller": 0, "courier": "jne", "service": "x" * 11}, {}],
    "voucher": "v" * 33,
    "vouchers": ["a", "b", "c"],
}

NOT_A_DICT = "Invalid data. Expected a dictionary, but got str."
BUKAN_OBJEK = "Data tidak valid. Diharapkan objek, tetapi yang diterima str."  # DRF's words, from locale/id

IN_INDONESIAN = {
    "shipping_address": {
        "recipient": ["Isi bidang ini tidak boleh melebihi 120 karakter."],
        "phone": ["Nomor telepon tidak valid."],
        "street": ["Bidang ini tidak boleh kosong."],
        "province": ['"99" tidak ada dalam daftar pilihan.'],
        "regency": ["Isi bidang ini tidak boleh melebihi 5 karakter."],
        "postal_code": ["Kode pos harus 5 digit."],
    },
    "lines": {
        "0": {
            "variant": ["Isi bidang ini harus lebih atau sama dengan 1."],
            "quantity": ["Isi bidang ini harus lebih atau sama dengan 1."],
        },
        "1": {"quantity": ["Isi bidang ini harus kurang atau sama dengan 10000."]},
        "2": {"product": ["Nilai bidang ini harus berupa bilangan bulat."]},
        "3": {"non_field_errors": [BUKAN_OBJEK]},
    },
    "courier": ['"merpati" tidak ada dalam daftar pilihan.'],
    "shipments": {
        "0": {
            "seller": ["Isi bidang ini harus lebih atau sama dengan 1."],
            "service": ["Isi bidang ini tidak boleh melebihi 10 karakter."],
        },
        "1": {"seller": ["Bidang ini harus diisi."], "courier": ["Bidang ini harus diisi."]},
    },
    "voucher": ["Isi bidang ini tidak boleh melebihi 32 karakter."],
    "vouchers": ["Pastikan bidang ini berisi paling banyak 2 elemen."],
}

IN_ENGLISH = {
    "shipping_address": {
        "recipient": ["Ensure this field has no more than 120 characters."],
        "phone": ["Invalid phone number."],
        "street": ["This field may not be blank."],
        "province": ['"99" is not a valid choice.'],
        "regency": ["Ensure this field has no more than 5 characters."],
        "postal_code": ["The postal code must be 5 digits."],
    },
    "lines": {
        "0": {
            "variant": ["Ensure this value is greater than or equal to 1."],
            "quantity": ["Ensure this value is greater than or equal to 1."],
        },
        "1": {"quantity": ["Ensure this value is less than or equal to 10000."]},
        "2": {"product": ["A valid integer is required."]},
        "3": {"non_field_errors": [NOT_A_DICT]},
    },
    "courier": ['"merpati" is not a valid choice.'],
    "shipments": {
        "0": {
            "seller": ["Ensure this value is greater than or equal to 1."],
            "service": ["Ensure this field has no more than 10 characters."],
        },
        "1": {"seller": ["This field is required."], "courier": ["This field is required."]},
    },
    "voucher": ["Ensure this field has no more than 32 characters."],
    "vouchers": ["Ensure this field has no more than 2 elements."],
}


def post(api, user, body, language=None):
    if language:
        api.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    else:
        api.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    return api.as_user(user).post("/api/v1/orders/", body, format="json")


def test_a_bad_checkout_names_every_bad_field_in_indonesian(api, customer):
    response = post(api, customer, BAD)

    assert response.status_code == 400
    assert response.json() == IN_INDONESIAN
    assert not Order.objects.exists()


def test_english_and_indonesian_buyers_in_turn_each_get_their_own_language(api, customer):
    answers = [post(api, customer, BAD, language).json() for language in ("en", None, "en", "id", None)]

    assert answers == [IN_ENGLISH, IN_INDONESIAN, IN_ENGLISH, IN_INDONESIAN, IN_INDONESIAN]


def test_the_body_level_refusals_are_unchanged(api, customer):
    assert post(api, customer, {}).json() == {"shipping_address": ["Isi alamat pengiriman, atau pilih `address`."]}
    not_a_dict = "Data tidak valid. Diharapkan objek, tetapi yang diterima list."
    assert post(api, customer, []).json() == {"non_field_errors": [not_a_dict]}
    assert post(api, customer, {"lines": [], "address": 0}).json() == {
        "address": ["Isi bidang ini harus lebih atau sama dengan 1."],
        "lines": {"non_field_errors": ["Daftar ini tidak boleh kosong."]},
    }


@pytest.mark.parametrize("field", ["recipient", "city"])
def test_a_name_for_the_parcels_label_holding_a_control_character_is_a_400(api, customer, address, field):
    response = post(api, customer, {"shipping_address": {**address, field: "Siti\x1bPembeli"}, "courier": "jne"})

    assert response.status_code == 400
    assert list(response.json()["shipping_address"]) == [field]
    assert not Order.objects.exists()


def validate(body, language):
    with translation.override(language):
        serializer = OrderInput(data=body)
        serializer.is_valid()
        return json.loads(json.dumps(serializer.errors)), serializer.validated_data


def test_threads_validating_different_bodies_in_two_languages_at_once_each_get_their_own_answer(address):
    good = {"shipping_address": address, "lines": [{"variant": 7, "quantity": 2}], "courier": "jne"}
    cases = [(BAD, "en", (IN_ENGLISH, {})), (BAD, "id", (IN_INDONESIAN, {})), (good, "id", ({}, good))]
    start = threading.Barrier(len(cases))
    wrong = []

    def run(body, language, expected):
        start.wait()
        for _ in range(100):
            answer = validate(body, language)
            if answer != expected:
                wrong.append((language, answer))

    threads = [threading.Thread(target=run, args=case) for case in cases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert wrong == []
