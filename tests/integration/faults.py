"""Services a fault test owns and breaks (a Redis server it can restart, a TCP proxy it can cut), the
real Celery processes it points at them and an SMTP sink that records what they send.

Used by test_faults.py, test_blast_worker.py, benchmarks/broker_faults.py and
benchmarks/broker_restart_stall.py. Ports are picked free (bound to port 0).
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A throw-away redis-server. Without persistence a restart loses everything, as a crash would;
    `persistent=True` keeps an append-only file (fsync every second) that a restart reads back."""

    def __init__(self, *, persistent: bool = False):
        self.binary = shutil.which("redis-server")
        if not self.binary:
            raise RuntimeError("redis-server is not installed")
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.persistence = ["--save", "", "--appendonly", "no"]
        if persistent:
            self.persistence = ["--save", "", "--appendonly", "yes", "--appendfsync", "everysec",
                                "--dir", tempfile.mkdtemp(prefix="redis-aof-")]  # fmt: skip

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> RedisServer:
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", *self.persistence],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return self
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()  # a crash: nothing saved, clients see their connections reset
            self.proc.wait(timeout=10)
        self.proc = None


class TcpProxy:
    """Forwards a free local port to `target`; `cut()` drops every connection and refuses new ones
    until `restore()`, as a restarting PostgreSQL server would."""

    def __init__(self, target_port: int, target_host: str = "127.0.0.1"):
        self.target = (target_host, target_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.down = False
        self.closed = False
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.down:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.pairs.append((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def cut(self) -> None:
        self.down = True
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for pair in pairs:
            for sock in pair:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def restore(self) -> None:
        self.down = False

    def close(self) -> None:
        self.closed = True
        self.cut()
        self.listener.close()


class Sink:
    """aiosmtpd handler: keeps (envelope recipients, headers) of every accepted message."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.messages: list[tuple[list[str], email.message.Message]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.delay:
            await asyncio.sleep(self.delay)  # a slow server, so that a worker can be killed mid-batch
        headers = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), headers))
        return "250 OK"

    def recipients(self) -> Counter:
        with self.lock:
            return Counter(rcpt for rcpts, _ in self.messages for rcpt in rcpts)

    def count(self) -> int:
        with self.lock:
            return len(self.messages)


def database_url(port: int | None = None) -> str:
    db = settings.DATABASES["default"]  # NAME is the test database's name by now
    credentials = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{port or db['PORT'] or 5432}/{db['NAME']}"


class Celery:
    """A `celery worker` or `celery beat` process pointed at the test's services."""

    def __init__(self, kind: str, *, redis: RedisServer, smtp_port: int, db_port: int | None = None, **env):
        self.kind = kind
        self.log = tempfile.NamedTemporaryFile(prefix=f"celery-{kind}-", suffix=".log", delete=False)  # noqa: SIM115
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "marketplace.settings",
            "DATABASE_URL": database_url(db_port),
            "REDIS_URL": redis.url(1),
            "CELERY_BROKER_URL": redis.url(0),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "SECRET_KEY": settings.SECRET_KEY,
            "SITE_URL": settings.SITE_URL,
            "CONN_MAX_AGE": "60",
            **{key: str(value) for key, value in env.items()},
        }
        celery = str(Path(sys.executable).parent / "celery")
        if kind == "worker":
            command = [celery, "-A", "marketplace", "worker", "-Q", "default,promo", "--concurrency", "2",
                       "--pool", "prefork", "-n", f"faults-{os.getpid()}@%h", "--loglevel", "INFO",
                       "--without-gossip", "--without-mingle"]  # fmt: skip
        else:
            schedule = Path(tempfile.mkdtemp(prefix="beat-")) / "schedule"
            command = [celery, "-A", "marketplace", "beat", "--loglevel", "INFO", "--schedule", str(schedule)]
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive:
                raise AssertionError(f"{self.kind} exited:\n{self.output()}")
            if "ready." in self.output() or "beat: Starting" in self.output():
                return
            time.sleep(0.2)
        raise AssertionError(f"{self.kind} not ready in {timeout} s:\n{self.output()}")

    def stop(self) -> None:
        if self.alive:
            os.killpg(self.proc.pid, 15)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait(timeout=10)

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")
