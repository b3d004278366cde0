"""Running callables at the same moment, for the race tests on PostgreSQL."""

import threading

from django.db import connections

from marketplace.errors import DomainError


def together(*actions):
    """Run the callables at the same moment; returns (outcomes, unexpected errors)."""
    barrier = threading.Barrier(len(actions))
    outcomes, errors = [], []
    lock = threading.Lock()

    def run(action):
        try:
            barrier.wait()
            result = ("ok", action())
        except DomainError as exc:
            result = ("refused", exc)
        except Exception as exc:  # noqa: BLE001 - the test reports any other failure
            with lock:
                errors.append(repr(exc))
            return
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, errors
