"""`make run`, the newcomer's command, with a stand-in Python that records what it was asked to run."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make_run(tmp_path, **env) -> list[str]:
    """Runs `make run` with a fake virtualenv whose python logs `SITE_URL` and its arguments."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    log = tmp_path / "calls.log"
    python = venv / "bin" / "python"
    python.write_text(f'#!/bin/sh\necho "$SITE_URL $*" >> {log}\n')
    python.chmod(0o755)
    (venv / ".installed").touch()
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT", "MAKEFLAGS")}
    subprocess.run(["make", "-s", "run", f"VENV={venv}"], cwd=ROOT, env={**clean, **env}, check=True, timeout=60)
    return log.read_text().splitlines()


def test_make_run_on_another_port_puts_that_port_in_the_links_of_its_emails(tmp_path):
    calls = make_run(tmp_path, PORT="8123")

    assert [call.split(" ", 1)[1] for call in calls] == [
        "manage.py migrate --noinput",
        "manage.py seed_demo",
        "manage.py runserver 127.0.0.1:8123",
    ]
    assert all(call.startswith("http://127.0.0.1:8123 ") for call in calls[1:])


def test_an_explicit_site_url_wins_over_the_port(tmp_path):
    calls = make_run(tmp_path, PORT="8123", SITE_URL="https://demo.pasarikm.id")

    assert all(call.startswith("https://demo.pasarikm.id ") for call in calls[1:])
