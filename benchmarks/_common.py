"""Pieces the gunicorn + PostgreSQL benchmarks share: a throw-away database, the server, CPU accounting.

Used by `catalogue.py` and `checkout.py`; not a script of its own.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine_speed() -> str:
    """How fast this machine runs plain Python, to compare runs on different machines.

    The figures in docs/benchmarks.md come from machines of one kind whose CPUs differed up to 3x
    (the same commit: 8.8 and 26 ms of CPU per order). Best of 5 runs of 2 million additions."""
    best = float("inf")
    for _ in range(5):
        start, total = time.perf_counter(), 0
        for n in range(2_000_000):
            total += n
        best = min(best, time.perf_counter() - start)
    return f"2M additions in {best * 1000:.0f} ms"


def production_env(args) -> dict[str, str]:
    """Production settings (DEBUG=false) against the benchmark's own database; `args` has pg, db_name, redis."""
    return {
        "DATABASE_URL": f"{args.pg}/{args.db_name}",
        "REDIS_URL": args.redis,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        # Connections outlive a run, so the database CPU meter (per backend, read from /proc) loses
        # nothing to a backend closed and replaced mid-measurement (production recycles at 60 s).
        "CONN_MAX_AGE": "900",
        # A load test is many requests from one address: lift the rate limits it would otherwise measure.
        "THROTTLE_AUTH": "1000000/min",
        "THROTTLE_ANON": "1000000/min",
        "THROTTLE_USER": "1000000/min",
        # No collectstatic here: WhiteNoise's "No directory at staticfiles/" warning is expected.
        "PYTHONWARNINGS": "ignore:No directory at",
    }


# ---- database ------------------------------------------------------------------------------------


def recreate_database(args) -> None:
    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.db_name}"')


def drop_database(args) -> None:
    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')


# ---- the server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(args, port: int, env: dict[str, str], output=None) -> subprocess.Popen:
    """gunicorn with `args.workers` workers (gthread when `args.threads` > 1), up once /healthz answers 200.

    `output`: a file for the server's stdout and stderr (default: this process's).
    """
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "marketplace.wsgi",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers),
        "--log-level", "warning",
    ]  # fmt: skip
    if args.threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(args.threads)]
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env}, start_new_session=True, stdout=output, stderr=output
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
        if process.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
    stop(process)
    raise SystemExit("gunicorn did not answer /healthz within 30 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # our own session: gunicorn's master and its workers
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(pct / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


# ---- CPU spent by the server, independent of what else runs on the machine --------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()  # fields after "(comm)"; [0] is field 3
    except OSError:
        return None


def _cpu_seconds(pids) -> dict[int, float]:
    cpu = {}
    for pid in pids:
        fields = _stat(pid)
        if fields:
            cpu[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime
    return cpu


def _cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU spent between two snapshots; a process that started in between counts from zero.

    Connections are recycled (CONN_MAX_AGE), so backends come and go; one that ended in between
    is missed, which makes the figure a slight underestimate.
    """
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def gunicorn_pids(master: int) -> list[int]:
    """The master and its workers: everything in the process group the benchmark started."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields and int(fields[2]) == master:  # field 5: process group
                pids.append(int(entry))
    return pids


def database_pids(args) -> list[int]:
    """PostgreSQL backends serving the benchmark database (the web workers' persistent connections)."""
    import psycopg

    with psycopg.connect(f"{args.pg}/{args.db_name}", autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return [pid for (pid,) in rows]


class CpuMeter:
    """CPU seconds of the gunicorn process group and of the database's backends between start() and stop()."""

    def __init__(self, args, master: int):
        self.args, self.master = args, master

    def start(self) -> None:
        self.app_before = _cpu_seconds(gunicorn_pids(self.master))
        self.db_before = _cpu_seconds(database_pids(self.args))

    def stop(self) -> tuple[float, float]:
        app = _cpu_used(self.app_before, _cpu_seconds(gunicorn_pids(self.master)))
        db = _cpu_used(self.db_before, _cpu_seconds(database_pids(self.args)))
        return app, db


def print_cpu_table(rows: list[tuple[str, float, float]]) -> None:
    """(label, app CPU ms per request, database CPU ms per request), and the ceiling they imply."""
    cores = os.cpu_count() or 1
    print("\nCPU per request (gunicorn processes; PostgreSQL backends of this database), and the most")
    print(f"requests/second {cores} otherwise idle cores could serve at that cost (client elsewhere):")
    print("\n| endpoint | app CPU ms/req | DB CPU ms/req | ceiling req/s |")
    print("| --- | ---: | ---: | ---: |")
    for label, app_ms, db_ms in rows:
        per_request = app_ms + db_ms
        ceiling = cores * 1000 / per_request if per_request else float("inf")
        print(f"| {label} | {app_ms:.1f} | {db_ms:.1f} | {ceiling:.0f} |")
