"""The Celery app. Workers: `celery -A marketplace worker -Q default,promo`; beat: `celery -A marketplace beat`."""

import os

from celery import Celery
from celery.schedules import crontab
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

app = Celery("marketplace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Scheduled payouts twice a month, at 08:00 Jakarta time (CELERY_TIMEZONE) on the 1st and the 16th;
# shops are shown the date of the next one (payouts.selectors.next_payout_date).
PAYOUT_RUN_DAYS, PAYOUT_RUN_HOUR = (1, 16), 8
PAYOUT_RUNS = crontab(minute=0, hour=PAYOUT_RUN_HOUR, day_of_month=",".join(map(str, PAYOUT_RUN_DAYS)))

app.conf.beat_schedule = {
    "payouts-release-held-funds": {"task": "payouts.tasks.release_held_funds", "schedule": 3600.0},
    "payouts-run-scheduled": {"task": "payouts.tasks.run_scheduled_payouts", "schedule": PAYOUT_RUNS},
    "payouts-sync": {"task": "payouts.tasks.sync_payouts", "schedule": 900.0},
    "orders-send-pending-email": {"task": "orders.tasks.send_pending_email", "schedule": 60.0},
    "orders-cancel-expired": {"task": "orders.tasks.cancel_expired_orders", "schedule": 300.0},
    "orders-track-shipments": {"task": "orders.tasks.track_shipments", "schedule": 1800.0},
    "orders-complete-due-shipments": {"task": "orders.tasks_aftersales.complete_due_shipments", "schedule": 900.0},
    "orders-decline-overdue-shipments": {
        "task": "orders.tasks_aftersales.decline_overdue_shipments",
        "schedule": 900.0,
    },
    "orders-enforce-complaint-deadlines": {
        "task": "orders.tasks_aftersales.enforce_complaint_deadlines",
        "schedule": 900.0,
    },
    "orders-reconcile-payments": {"task": "orders.tasks.reconcile_payments", "schedule": 300.0},
    "orders-check-yesterdays-payments": {
        "task": "orders.tasks.check_yesterdays_payments",
        "schedule": crontab(hour=1, minute=30),  # Jakarta time (CELERY_TIMEZONE)
    },
    "campaigns-record-transitions": {"task": "campaigns.tasks.record_campaign_transitions", "schedule": 60.0},
    "mailings-start-scheduled-blasts": {"task": "mailings.tasks.start_scheduled_blasts", "schedule": 30.0},
    "mailings-reclaim-stale-deliveries": {"task": "mailings.tasks.reclaim_stale_deliveries", "schedule": 30.0},
}


@app.on_after_configure.connect
def _schedule_from_settings(sender, **kwargs):
    """Intervals that settings decide, read once Celery has loaded them (not at import: the entry
    points choose DEBUG before the settings are first read)."""
    sender.conf.beat_schedule["orders-send-pending-email"]["schedule"] = float(settings.OUTBOX_SWEEP_SECONDS)
