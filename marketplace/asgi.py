"""The production entry point under ASGI: DEBUG off unless the environment says otherwise (see wsgi.py)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
os.environ.setdefault("DEBUG", "false")
application = get_asgi_application()
