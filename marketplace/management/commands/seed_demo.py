"""`manage.py seed_demo`: fill the database with the demo world (see marketplace/demo.py).

Safe to run again: rows that already exist are left as they are.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from marketplace.demo import DEMO_PASSWORD, DemoContext, collect_steps
from marketplace.errors import DomainError


class Command(BaseCommand):
    help = "Create demo accounts, IKM shops and their products (deterministic; a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="seed even with DEBUG off (a staging site that wants demo data)"
        )

    def handle(self, *args, verbosity=1, force=False, **options):
        if not settings.DEBUG and not force:
            # The demo accounts, a ministry user among them, share a password published in the README.
            raise CommandError("seed_demo creates accounts with a published password; with DEBUG off, add --force.")
        ctx = DemoContext()
        started = time.monotonic()
        with transaction.atomic():
            for step in collect_steps():
                step_started = time.monotonic()
                try:
                    summary = step.run(ctx)
                except DomainError as exc:
                    # A service refused what the demo asked: the demo is wrong, and a half-built world
                    # (a campaign advertised with no products) is worse than none. Nothing is kept.
                    raise CommandError(f"Demo step {step.name!r} failed: {exc.detail}") from exc
                if verbosity >= 1:
                    elapsed = time.monotonic() - step_started
                    self.stdout.write(f"  {step.name:<12} {summary} [{elapsed:.1f} s]")
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))
            self.stdout.write(f"\nDemo logins (password for every demo account: {DEMO_PASSWORD}):")
            for role, email, note in ctx.logins:
                self.stdout.write(f"  {role:<12} {email:<44} {note}")
