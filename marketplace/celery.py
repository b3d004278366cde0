"""The Celery app. Workers: `celery -A marketplace worker -Q default,promo`; beat: `celery -A marketplace beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

app = Celery("marketplace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "orders-send-pending-email": {"task": "orders.tasks.send_pending_email", "schedule": 60.0},
    "orders-cancel-expired": {"task": "orders.tasks.cancel_expired_orders", "schedule": 300.0},
    "orders-track-shipments": {"task": "orders.tasks.track_shipments", "schedule": 1800.0},
    "campaigns-record-transitions": {"task": "campaigns.tasks.record_campaign_transitions", "schedule": 60.0},
    "mailings-start-scheduled-blasts": {"task": "mailings.tasks.start_scheduled_blasts", "schedule": 30.0},
    "mailings-reclaim-stale-deliveries": {"task": "mailings.tasks.reclaim_stale_deliveries", "schedule": 30.0},
}
