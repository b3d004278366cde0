"""`manage.py run_workers`: a Celery worker and beat as two processes, each restarted if it dies.

For a machine without a process manager (`make worker`). In production the process manager does
this job (docker-compose.yml: separate `worker` and `beat` services with `restart: unless-stopped`).
Beat runs apart from the worker so that a crashed or restarted worker never takes the schedule with
it, and the other way round.
"""

import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand

RESTART_DELAYS = (1, 2, 5, 10, 30)  # seconds before restart number 1, 2, 3 ... (then 30 s each)
STEADY_SECONDS = 60  # a process that ran this long is healthy again: its next restart waits 1 s


class Supervised:
    def __init__(self, name: str, argv: list[str], stdout):
        self.name, self.argv, self.stdout = name, argv, stdout
        self.proc: subprocess.Popen | None = None
        self.started = 0.0
        self.restarts = 0  # quick exits in a row, without a steady run between
        self.due = 0.0

    def start(self) -> None:
        self.proc = subprocess.Popen(self.argv)
        self.started = time.monotonic()
        self.stdout.write(f"run_workers: started {self.name} (pid {self.proc.pid})")

    def check(self) -> None:
        """Restart the process (after a growing pause) once it has exited."""
        now = time.monotonic()
        if self.proc is None:
            if now >= self.due:
                self.start()
            return
        code = self.proc.poll()
        if code is None:
            return
        if now - self.started >= STEADY_SECONDS:
            self.restarts = 0
        delay = RESTART_DELAYS[min(self.restarts, len(RESTART_DELAYS) - 1)]
        self.restarts += 1
        self.stdout.write(f"run_workers: {self.name} exited with {code}; restarting in {delay} s")
        self.proc, self.due = None, now + delay

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # Celery's warm shutdown: running tasks finish
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Command(BaseCommand):
    help = "Run a Celery worker (queues default and promo) and Celery beat, restarting either if it exits."

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=int, default=None, help="worker processes (Celery's default: CPUs)")
        parser.add_argument("--loglevel", default="INFO")
        parser.add_argument("--no-beat", action="store_true", help="only the worker (beat runs elsewhere)")

    def handle(self, *args, concurrency, loglevel, no_beat, **options):
        celery = str(Path(sys.executable).parent / "celery")
        worker = [celery, "-A", "marketplace", "worker", "-Q", "default,promo", "--loglevel", loglevel]
        worker += ["--without-gossip", "--without-mingle"]
        if concurrency:
            worker += ["--concurrency", str(concurrency)]
        processes = [Supervised("worker", worker, self.stdout)]
        if not no_beat:
            schedule = Path("var") / "celerybeat-schedule"
            schedule.parent.mkdir(exist_ok=True)
            beat = [celery, "-A", "marketplace", "beat", "--loglevel", loglevel, "--schedule", str(schedule)]
            processes.append(Supervised("beat", beat, self.stdout))

        stopping = []
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.append(True))
        try:
            while not stopping:
                for process in processes:
                    process.check()
                time.sleep(0.5)
        finally:
            for process in processes:
                process.stop()
