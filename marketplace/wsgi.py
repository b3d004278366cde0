"""The production entry point (gunicorn). DEBUG is off unless the environment turns it on, so a
deployment that forgets it is never a debug server; settings then refuse to start without SECRET_KEY.
`make run` (manage.py runserver) is the development path."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
os.environ.setdefault("DEBUG", "false")
application = get_wsgi_application()
