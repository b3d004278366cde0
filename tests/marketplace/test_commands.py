"""`manage.py create_ministry_user`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from marketplace.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STRONG = "Kemenperin-Satu-Dalam-Kopi-2020"


def run(*args) -> str:
    out = StringIO()
    call_command("create_ministry_user", *args, stdout=out)
    return out.getvalue()


def prompts(monkeypatch, *answers):
    answers = iter(answers)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))


def test_create_ministry_user_with_password_option_creates_a_ministry_member():
    out = run("Staf@Kemenperin.go.id", "--password", STRONG, "--full-name", "Rina Staf")

    user = User.objects.get(email="staf@kemenperin.go.id")
    assert user.is_ministry
    assert user.full_name == "Rina Staf"
    assert user.check_password(STRONG)
    assert "Created ministry user staf@kemenperin.go.id" in out


def test_create_ministry_user_prompts_twice_for_the_password(monkeypatch):
    prompts(monkeypatch, STRONG, STRONG)

    run("staf@kemenperin.go.id")

    assert User.objects.get(email="staf@kemenperin.go.id").check_password(STRONG)


def test_create_ministry_user_refuses_passwords_that_do_not_match(monkeypatch):
    prompts(monkeypatch, STRONG, STRONG + "x")

    with pytest.raises(CommandError, match="do not match"):
        run("staf@kemenperin.go.id")
    assert not User.objects.filter(email="staf@kemenperin.go.id").exists()


def test_create_ministry_user_refuses_a_weak_password():
    with pytest.raises(CommandError, match="Password rejected"):
        run("staf@kemenperin.go.id", "--password", "123")
    assert not User.objects.exists()


def test_create_ministry_user_promotes_an_existing_user_keeping_their_password(monkeypatch):
    user = UserFactory(email="pak.budi@example.id")
    prompts(monkeypatch, "")  # empty answer: keep the current password

    out = run("pak.budi@example.id")

    user.refresh_from_db()
    assert user.groups.filter(name="ministry").exists()
    assert user.check_password("kopi-gayo-2020")
    assert "Added existing user pak.budi@example.id to the ministry group" in out
    assert User.objects.count() == 1
