"""What a task retries on when a service it needs is briefly gone, and how long it waits.

A PostgreSQL restart or a Redis blip lasts seconds; a task that gives up (or waits minutes for a
sweep) turns that into minutes of nothing sent. Tasks retry these errors with a backoff that starts
under a second and is capped at a few seconds, so they resume soon after the service is back.
"""

import random

from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

# The database connection failed or was cut; the broker did not take a message.
OUTAGE_ERRORS = (OperationalError, InterfaceError, BrokerError)


def backoff(retries: int, *, cap: float = 10.0) -> float:
    """Seconds before retry number `retries + 1`: 0.5, 1, 2, 4 ... up to `cap`, with jitter so that
    the tasks an outage interrupted together do not all return in the same instant."""
    return min(cap, 0.5 * 2**retries) * random.uniform(0.75, 1.0)
