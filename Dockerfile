# The one image behind web (gunicorn), worker and beat (celery); see docker-compose.yml.
FROM python:3.11-slim

# Production by default: DEBUG stays off unless the environment turns it on, and the settings refuse
# to start without a SECRET_KEY of the deployment's own.
ENV DEBUG=false \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

RUN groupadd --system app && useradd --system --gid app --home-dir /app app

# WeasyPrint (invoices and statements as PDF) draws text with pango; DejaVu covers Rupiah and Latin.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, so a code change does not reinstall them (psycopg[binary] brings its own libpq).
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# Static files are collected into the image and served by WhiteNoise. Settings only need a key here;
# no database or broker is contacted.
RUN DEBUG=false SECRET_KEY=collectstatic-only-not-a-secret python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media /app/var/mail \
    && chown -R app:app /app/var

USER app
EXPOSE 8000

CMD ["gunicorn", "marketplace.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
