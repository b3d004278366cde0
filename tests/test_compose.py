"""docker-compose.yml, Dockerfile and .dockerignore, checked without a Docker engine."""

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")
REQUIRED_ENV = (
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
)


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def command_of(service: dict) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


def settings_env_names() -> set[str]:
    """The environment variables marketplace/settings.py reads (env("X"), env.bool("X", ...), ...)."""
    source = (ROOT / "marketplace" / "settings.py").read_text()
    return set(re.findall(r"""\benv(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""", source))


def test_compose_has_the_whole_stack(services):
    assert {"web", "worker", "beat", "postgres", "redis", "mailpit"} <= set(services)
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    assert services["mailpit"]["image"].split(":")[0] == "axllent/mailpit"


def test_web_runs_gunicorn_on_the_wsgi_app(services):
    command = command_of(services["web"])
    assert command[:2] == ["gunicorn", "marketplace.wsgi"]
    assert "0.0.0.0:8000" in command


def test_worker_consumes_the_default_and_promo_queues(services):
    command = command_of(services["worker"])
    assert command[:4] == ["celery", "-A", "marketplace", "worker"]
    queues = command[command.index("-Q") + 1]
    assert set(queues.split(",")) == {"default", "promo"}


def test_beat_runs_celery_beat(services):
    assert command_of(services["beat"])[:4] == ["celery", "-A", "marketplace", "beat"]


def test_web_worker_and_beat_share_one_image_and_environment(services):
    builds = {services[name].get("build") for name in APP_SERVICES}
    images = {services[name].get("image") for name in APP_SERVICES}
    environments = [services[name]["environment"] for name in APP_SERVICES]
    assert builds == {"."}
    assert len(images) == 1 and None not in images
    assert environments[0] == environments[1] == environments[2]


def test_app_environment_sets_what_settings_read_and_nothing_they_ignore(services):
    env = services["web"]["environment"]
    assert set(REQUIRED_ENV) <= set(env)
    unknown = set(env) - settings_env_names()
    assert not unknown, f"settings.py never reads {sorted(unknown)}"
    assert str(env["DEBUG"]).lower() == "false"
    assert str(env["SECURE_SSL_REDIRECT"]).lower() == "false"


def test_app_environment_points_at_the_compose_services(services):
    env = services["web"]["environment"]
    database = urlsplit(env["DATABASE_URL"])
    postgres = services["postgres"]["environment"]
    assert database.scheme in ("postgres", "postgresql")
    assert database.hostname == "postgres"
    assert (database.username, database.password, database.path.lstrip("/")) == (
        postgres["POSTGRES_USER"],
        postgres["POSTGRES_PASSWORD"],
        postgres["POSTGRES_DB"],
    )
    assert urlsplit(env["REDIS_URL"]).hostname == "redis"
    assert env["EMAIL_HOST"] == "mailpit"
    assert int(env["EMAIL_PORT"]) == 1025
    assert any(str(port).startswith("8025:") for port in services["mailpit"]["ports"])


def test_services_wait_for_healthy_dependencies(services):
    for name in ("postgres", "redis", "mailpit", "web"):
        assert "test" in services[name]["healthcheck"], name
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["redis"]["condition"] == "service_healthy", name
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
    assert services["web"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["worker"]["depends_on"]["mailpit"]["condition"] == "service_healthy"
    assert command_of(services["migrate"])[-2:] == ["migrate", "--noinput"]


def test_dockerfile_builds_a_gunicorn_image():
    dockerfile = (ROOT / "Dockerfile").read_text()
    instructions = [line.strip() for line in dockerfile.splitlines() if line.strip() and not line.startswith("#")]
    assert instructions[0] == "FROM python:3.11-slim"
    assert re.search(r"pip install .*-r requirements\.txt", dockerfile)
    assert "collectstatic --noinput" in dockerfile
    cmd = [line for line in instructions if line.startswith("CMD")]
    assert len(cmd) == 1
    assert '"gunicorn", "marketplace.wsgi"' in cmd[0]


def test_dockerignore_keeps_local_state_out_of_the_image():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {".git", ".venv", "db.sqlite3", "/var", ".env"} <= ignored


def test_every_long_running_service_restarts_by_itself(services):
    long_running = [name for name in services if name != "migrate"]
    assert {name: services[name].get("restart") for name in long_running} == dict.fromkeys(
        long_running, "unless-stopped"
    )


def test_the_worker_does_not_run_beat_inside_it(services):
    """A worker crash must not stop the schedule: beat is its own service."""
    assert "--beat" not in command_of(services["worker"]) and "-B" not in command_of(services["worker"])


def test_redis_keeps_queued_tasks_across_a_restart(compose, services):
    command = command_of(services["redis"])
    assert command[command.index("--appendonly") + 1] == "yes"
    assert any(volume.endswith(":/data") for volume in services["redis"]["volumes"])
    assert "redisdata" in compose["volumes"]
