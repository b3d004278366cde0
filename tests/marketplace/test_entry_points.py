"""Production is the default where it must be: the WSGI/ASGI entry points, the image and compose."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def start(entry_point: str, **env) -> subprocess.CompletedProcess:
    """Import the entry point in a fresh interpreter and print the DEBUG it runs with."""
    base = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")}
    code = f"import {entry_point}; from django.conf import settings; print('DEBUG', settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("entry_point", ["marketplace.wsgi", "marketplace.asgi"])
def test_the_entry_point_refuses_to_start_without_a_secret_key(entry_point):
    result = start(entry_point)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_an_empty_secret_key_is_no_key():
    result = start("marketplace.wsgi", SECRET_KEY="  ")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("entry_point", ["marketplace.wsgi", "marketplace.asgi"])
def test_the_entry_point_runs_with_debug_off_unless_told(entry_point):
    result = start(entry_point, SECRET_KEY="k" * 60)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "DEBUG False"


def test_debug_on_is_an_explicit_choice():
    result = start("marketplace.wsgi", DEBUG="true")

    assert result.stdout.strip() == "DEBUG True", result.stderr


def test_compose_publishes_no_fallback_secret_key():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    value = compose["services"]["web1"]["environment"]["SECRET_KEY"]

    assert re.fullmatch(r"\$\{SECRET_KEY:\?[^}]+\}", value), value


def test_the_image_runs_with_debug_off():
    instructions = [line.strip() for line in (ROOT / "Dockerfile").read_text().splitlines()]

    assert any(re.match(r"ENV DEBUG=false\b", line) for line in instructions)


def test_make_run_is_the_development_path_with_debug_on():
    makefile = (ROOT / "Makefile").read_text()
    run = re.search(r"^run:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)

    assert "DEBUG=true" in run and "runserver" in run
