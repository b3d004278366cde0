"""The machinery of `manage.py seed_demo`: named steps, run in order, sharing one `DemoContext`.

Each app adds its own steps without the core importing it (imports point down the stack): an
installed app with a `demo` module exposing `STEPS` is picked up by `collect_steps()`, in
`INSTALLED_APPS` order, so the shops and products (sellers) come before the campaigns running now
(campaigns) and the sales history the impact report reads (analytics). A step finds what earlier
steps made in `ctx.users`, `ctx.sellers` and `ctx.products` (keyed by email and slug).

Every step must be deterministic and idempotent:

- Randomness comes from `ctx.rng(...)`, a `random.Random` seeded from `SEED` (2020) plus the names
  passed, so a shop's products stay the same when another shop or step is added.
- A row is created only when its natural key (email, slug) is missing; a row that exists is left
  exactly as it is, so a second run changes nothing and the changes made while trying the demo
  (a verified shop, sold stock) survive `make run`, which seeds every time.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from marketplace.models import User

SEED = 2020
DEMO_PASSWORD = "demo-ikm-2020"

MINISTRY_EMAIL = "staf@kemenperin.demo"
SELLER_EMAIL = "penjual@pasarikm.demo"
CUSTOMER_EMAIL = "pembeli@pasarikm.demo"


@dataclass
class DemoContext:
    """What the steps share: the clock, seeded randomness, and the rows made so far."""

    now: datetime = field(default_factory=timezone.now)
    users: dict[str, User] = field(default_factory=dict)  # by email
    sellers: dict = field(default_factory=dict)  # shops by slug (filled by the sellers app's steps)
    products: dict = field(default_factory=dict)  # products by slug
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, email, note)
    _password_hash: str = ""

    def rng(self, *names) -> random.Random:
        """A generator for one purpose: the same names give the same numbers on every run."""
        return random.Random(":".join(str(part) for part in (SEED, *names)))

    @property
    def password_hash(self) -> str:
        """The demo password hashed once and shared (hashing costs ~0.3 s; there are dozens of users)."""
        if not self._password_hash:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[DemoContext], str]


def collect_steps() -> list[Step]:
    """Every installed app's `demo.STEPS`, in `INSTALLED_APPS` order (so shops come before orders)."""
    steps: list[Step] = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "demo"):
            steps.extend(getattr(import_module(f"{app_config.name}.demo"), "STEPS", []))
    return steps


def ensure_users(ctx: DemoContext, people: list[tuple[str, str]]) -> tuple[list[User], set[str]]:
    """Create the (email, full name) users that are missing, all with the demo password.

    Returns every user asked for, in order, and the emails of those created now.
    """
    emails = [email for email, _ in people]
    existing = {u.email: u for u in User.objects.filter(email__in=emails)}
    missing = [
        User(email=email, full_name=full_name, password=ctx.password_hash, date_joined=ctx.now)
        for email, full_name in people
        if email not in existing
    ]
    User.objects.bulk_create(missing)
    found = {u.email: u for u in User.objects.filter(email__in=emails)}
    ctx.users.update(found)
    return [found[email] for email in emails], {u.email for u in missing}
