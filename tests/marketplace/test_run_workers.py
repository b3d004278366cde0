"""`manage.py run_workers` (`make worker`): a worker or beat that exits is started again, after a pause
that grows while it keeps dying."""

import io
import sys

from marketplace.management.commands.run_workers import RESTART_DELAYS, Supervised

DIES_AT_ONCE = [sys.executable, "-c", "raise SystemExit(3)"]


def test_a_process_that_exits_is_started_again():
    process = Supervised("worker", DIES_AT_ONCE, io.StringIO())
    process.start()
    first = process.proc.pid
    process.proc.wait()

    process.check()  # notices the exit and schedules the restart
    assert process.proc is None
    process.due = 0  # the pause is over
    process.check()

    assert process.proc is not None and process.proc.pid != first
    process.proc.wait()
    assert "worker exited with 3; restarting in 1 s" in process.stdout.getvalue()


def test_the_pause_grows_while_the_process_keeps_dying_at_once():
    process = Supervised("beat", DIES_AT_ONCE, io.StringIO())
    pauses = []
    for _ in range(len(RESTART_DELAYS) + 1):
        process.start()
        process.proc.wait()
        process.check()
        pauses.append(process.restarts)
    log = process.stdout.getvalue()
    assert [f"restarting in {delay} s" in log for delay in RESTART_DELAYS] == [True] * len(RESTART_DELAYS)
    assert pauses == sorted(pauses)
