"""`manage.py create_ministry_user EMAIL`: create a ministry staff member, or promote an existing user.

The password is asked twice with getpass unless `--password` is given (scripts, CI). Promoting an
existing user may leave the password empty at the prompt to keep the one they have.
"""

import getpass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from marketplace.models import User
from marketplace.services import ministry_user_create


class Command(BaseCommand):
    help = "Create a ministry staff user (a member of the `ministry` group), or promote an existing user."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--password", help="The password; without it you are prompted twice.")
        parser.add_argument("--full-name", default="", help='The full name (default "Staf Kemenperin").')

    def handle(self, *args, email, password, full_name, **options):
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"Not a valid email address: {email!r}") from exc

        existing = User.objects.filter(email__iexact=email).first()
        if password is None:
            password = self._prompt_password(keep_allowed=existing is not None)
        if password:
            candidate = existing or User(email=email, full_name=full_name)
            try:
                validate_password(password, user=candidate)
            except ValidationError as exc:
                raise CommandError("Password rejected: " + " ".join(exc.messages)) from exc
        elif existing is None:
            raise CommandError("A new user needs a password.")

        was_ministry = existing is not None and existing.is_ministry
        user = ministry_user_create(email=email, password=password, full_name=full_name.strip())

        if existing is None:
            message = f"Created ministry user {user.email}."
        elif was_ministry:
            message = f"{user.email} is already ministry staff"
            message += "; password changed." if password else "; nothing changed."
        else:
            message = f"Added existing user {user.email} to the ministry group"
            message += " and changed the password." if password else "."
        self.stdout.write(self.style.SUCCESS(message))

    def _prompt_password(self, *, keep_allowed: bool) -> str:
        hint = " (empty keeps the current password)" if keep_allowed else ""
        try:
            first = getpass.getpass(f"Password{hint}: ")
            if not first and keep_allowed:
                return ""
            second = getpass.getpass("Password (again): ")
        except (EOFError, KeyboardInterrupt) as exc:
            raise CommandError("Cancelled.") from exc
        if first != second:
            raise CommandError("The passwords do not match.")
        return first
