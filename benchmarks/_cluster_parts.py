"""The parts benchmarks/cluster.py runs: process groups it can kill, the HAProxy and PgBouncer
configurations (compose's own files under deploy/, moved to 127.0.0.1 and this run's ports), the
load balancer's counters and an SMTP sink that counts each message.
"""

from __future__ import annotations

import collections
import http.client
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

from _common import ROOT, free_port, stop


def need(program: str) -> str:
    path = shutil.which(program) or next(
        (p for p in (f"/usr/sbin/{program}", f"/usr/bin/{program}") if os.path.exists(p)), None
    )
    if path is None:
        raise SystemExit(f"{program} is not installed: run `make bench-deps` (apt-get install haproxy pgbouncer wrk)")
    return path


# ---- the parts -------------------------------------------------------------------------------------


class Part:
    """One process group of the cluster, started and killed as a unit."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], logs: Path):
        self.name, self.command, self.env, self.logs = name, command, env, logs
        self.process: subprocess.Popen | None = None

    def start(self) -> Part:
        log = open(self.logs / f"{self.name}.log", "ab")  # noqa: SIM115 - the child keeps it open
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env={**os.environ, **self.env}, start_new_session=True, stdout=log, stderr=log
        )
        return self

    def kill(self) -> None:
        """SIGKILL the whole group: what a crashed machine or an OOM kill looks like to the others."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process:
            stop(self.process)


def wait_http(port: int, path: str = "/healthz", timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"nothing answered 200 on 127.0.0.1:{port}{path} within {timeout:.0f} s")


def wait_port(port: int, timeout: float = 20) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port}")


DEPLOY = ROOT / "deploy"


def pgbouncer_config(tmp: Path, args, port: int) -> Path:
    """deploy/pgbouncer.ini (compose's), with this run's database and address; no auth on 127.0.0.1."""
    import configparser

    config = configparser.ConfigParser(interpolation=None)
    config.read(DEPLOY / "pgbouncer.ini")
    pg_host, pg_port = args.pg.rsplit("@", 1)[1].rsplit(":", 1)
    config["databases"] = {args.db_name: f"host={pg_host} port={pg_port} dbname={args.db_name} user=postgres"}
    bouncer = config["pgbouncer"]
    bouncer.update(listen_addr="127.0.0.1", listen_port=str(port), auth_type="any", pidfile=f"{tmp}/pgbouncer.pid")
    del bouncer["auth_file"]
    path = tmp / "pgbouncer.ini"
    with open(path, "w") as f:
        config.write(f)
    return path


def haproxy_config(tmp: Path, port: int, stats_port: int, web_ports: dict[str, int]) -> Path:
    """deploy/haproxy.cfg (compose's), each address moved to 127.0.0.1 and this run's ports."""
    text = (DEPLOY / "haproxy.cfg").read_text()
    text = text.replace("bind :8000", f"bind 127.0.0.1:{port}").replace("bind :8404", f"bind 127.0.0.1:{stats_port}")
    for node, node_port in web_ports.items():
        text = re.sub(rf"(server {node}) {node}:8000\b", rf"\1 127.0.0.1:{node_port}", text)
    path = tmp / "haproxy.cfg"
    path.write_text(text)
    return path


def haproxy_backend_stats(stats_port: int) -> dict[str, int]:
    conn = http.client.HTTPConnection("127.0.0.1", stats_port, timeout=5)
    conn.request("GET", "/stats;csv")
    lines = conn.getresponse().read().decode().splitlines()
    header = lines[0].lstrip("# ").split(",")
    for line in lines[1:]:
        row = dict(zip(header, line.split(","), strict=False))
        if row.get("pxname") == "web" and row.get("svname") == "BACKEND":
            return {key: int(row.get(key) or 0) for key in ("hrsp_5xx", "econ", "eresp", "wretr", "wredis")}
    return {}


class Sink:
    """An SMTP server in this process that counts each message by recipient and subject."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.received: collections.Counter = collections.Counter()
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                import email

                message = email.message_from_bytes(envelope.content)
                subject = str(email.header.make_header(email.header.decode_header(message["Subject"] or "")))
                with sink.lock:
                    for rcpt in envelope.rcpt_tos:
                        sink.received[(rcpt, subject)] += 1
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()
