"""docker-compose.yml, Dockerfile and .dockerignore, checked without a Docker engine."""

import importlib.util
import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web1", "web2", "worker-default", "worker-promo", "beat")
WEB_NODES = ("web1", "web2")
WORKERS = ("worker-default", "worker-promo")
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
    """The environment variables marketplace/settings.py reads (env("X"), env.bool("X", ...), ...),
    itself or through marketplace/database_settings.py."""
    source = "".join((ROOT / "marketplace" / name).read_text() for name in ("settings.py", "database_settings.py"))
    return set(re.findall(r"""\benv(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""", source))


def test_compose_has_the_whole_stack(services):
    assert {*APP_SERVICES, "postgres", "pgbouncer", "redis", "haproxy", "mailpit"} <= set(services)
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    assert services["haproxy"]["image"] == "haproxy:2.6"  # Debian 12's, which `make cluster` runs
    assert services["mailpit"]["image"].split(":")[0] == "axllent/mailpit"


def test_every_image_pulled_from_a_registry_names_its_version(compose, services):
    """An untagged image is whatever `latest` is on the day someone runs `docker compose pull`."""
    built = compose["x-app"]["image"] if "x-app" in compose else None
    pulled = {name: s["image"] for name, s in services.items() if "image" in s and s["image"] != built}
    unpinned = {name: image for name, image in pulled.items() if ":" not in image or image.endswith(":latest")}
    assert pulled
    assert unpinned == {}


def test_the_web_nodes_run_gunicorn_on_the_wsgi_app(services):
    for node in WEB_NODES:
        command = command_of(services[node])
        assert command[:2] == ["gunicorn", "marketplace.wsgi"]
        assert "0.0.0.0:8000" in command


def test_each_queue_has_its_own_worker(services):
    queues = {}
    for name in WORKERS:
        command = command_of(services[name])
        assert command[:4] == ["celery", "-A", "marketplace", "worker"]
        queues[name] = command[command.index("-Q") + 1]
    assert queues == {"worker-default": "default", "worker-promo": "promo"}


def test_beat_runs_celery_beat(services):
    assert command_of(services["beat"])[:4] == ["celery", "-A", "marketplace", "beat"]


def test_web_worker_and_beat_share_one_image_and_environment(services):
    builds = {services[name].get("build") for name in APP_SERVICES}
    images = {services[name].get("image") for name in APP_SERVICES}
    environments = [services[name]["environment"] for name in APP_SERVICES]
    assert builds == {"."}
    assert len(images) == 1 and None not in images
    assert all(environment == environments[0] for environment in environments)


def test_app_environment_sets_what_settings_read_and_nothing_they_ignore(services):
    env = services["web1"]["environment"]
    assert set(REQUIRED_ENV) <= set(env)
    unknown = set(env) - settings_env_names()
    assert not unknown, f"settings.py never reads {sorted(unknown)}"
    assert str(env["DEBUG"]).lower() == "false"
    assert str(env["SECURE_SSL_REDIRECT"]).lower() == "false"


def test_app_environment_points_at_the_compose_services(services):
    env = services["web1"]["environment"]
    database = urlsplit(env["DATABASE_URL"])
    postgres = services["postgres"]["environment"]
    assert database.scheme in ("postgres", "postgresql")
    assert (database.hostname, database.port) == ("pgbouncer", 6432)
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
    for name in ("postgres", "redis", "mailpit", *WEB_NODES, *WORKERS):
        assert "test" in services[name]["healthcheck"], name
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["redis"]["condition"] == "service_healthy", name
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
    for name in (*WEB_NODES, *WORKERS, "migrate"):
        assert "pgbouncer" in services[name]["depends_on"], name
    assert services["pgbouncer"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in WORKERS:
        assert services[name]["depends_on"]["mailpit"]["condition"] == "service_healthy"
    for node in WEB_NODES:
        assert services["haproxy"]["depends_on"][node]["condition"] == "service_healthy"
    assert command_of(services["migrate"])[-2:] == ["migrate", "--noinput"]


def test_a_workers_health_check_pings_that_worker_by_its_own_name(services):
    for name in WORKERS:
        command = command_of(services[name])
        hostname = command[command.index("--hostname") + 1]
        assert hostname.replace("%h", "$$HOSTNAME") in services[name]["healthcheck"]["test"][-1]


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


def test_no_worker_runs_beat_inside_it(services):
    """A worker crash must not stop the schedule: beat is its own service."""
    for name in WORKERS:
        assert "--beat" not in command_of(services[name]) and "-B" not in command_of(services[name])


def test_redis_keeps_queued_tasks_across_a_restart(compose, services):
    command = command_of(services["redis"])
    assert command[command.index("--appendonly") + 1] == "yes"
    assert any(volume.endswith(":/data") for volume in services["redis"]["volumes"])
    assert "redisdata" in compose["volumes"]


# ---- compose and benchmarks/cluster.py run the same topology ----------------------------------------


@pytest.fixture(scope="module")
def cluster():
    """benchmarks/cluster.py as a module: its topology is data (importing it starts nothing)."""
    spec = importlib.util.spec_from_file_location("cluster_topology", ROOT / "benchmarks" / "cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def place_options(tokens: list[str]) -> list[str]:
    """The option names of `--option value` pairs (`--option=value` too)."""
    names, rest = [], list(tokens)
    while rest:
        token = rest.pop(0)
        name, equals, _value = token.partition("=")
        names.append(name)
        if not equals:
            rest.pop(0)
    return names


def test_compose_runs_the_services_the_cluster_runs(services, cluster):
    """Apart from the one-off migrate and the mail catcher (the cluster has its own SMTP sink)."""
    assert set(services) - {"migrate", "mailpit"} == set(cluster.APP_COMMANDS) | set(cluster.ENGINES)
    assert cluster.WEB_NODES == WEB_NODES
    assert tuple(cluster.WORKERS) == WORKERS


def test_every_app_service_runs_the_clusters_command_followed_only_by_where_it_runs(services, cluster):
    for name, command in cluster.APP_COMMANDS.items():
        compose_command = command_of(services[name])
        assert compose_command[: len(command)] == command, name
        assert set(place_options(compose_command[len(command) :])) <= cluster.PLACE_OPTIONS, name
        assert cluster.app_command(name, "--loglevel", "INFO")[1:] == [*command[1:], "--loglevel", "INFO"]


def test_compose_and_the_cluster_send_each_queue_to_the_same_worker(services, cluster):
    def queues(command):
        return set(command[command.index("-Q") + 1].split(",")) if "-Q" in command else set()

    assert {name: queues(command_of(services[name])) for name in WORKERS} == {
        name: set(q) for name, (q, _processes) in cluster.WORKERS.items()
    }
    assert {name: queues(command) for name, command in cluster.APP_COMMANDS.items() if name in WORKERS} == {
        "worker-default": {"default"},
        "worker-promo": {"promo"},
    }


def test_the_app_services_get_the_clusters_environment(services, cluster):
    assert (
        cluster.APP_ENV.items() <= {key: str(value) for key, value in services["web1"]["environment"].items()}.items()
    )


def test_haproxy_runs_the_same_file_in_both_with_only_the_addresses_changed(services, cluster, tmp_path):
    assert "./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in services["haproxy"]["volumes"]
    compose_file = (ROOT / "deploy" / "haproxy.cfg").read_text()
    cluster_file = cluster.haproxy_config(tmp_path, 18000, 18404, {"web1": 18001, "web2": 18002}).read_text()

    servers = re.findall(r"^\s+server (\S+) (\S+)", compose_file, re.M)
    assert servers == [("web1", "web1:8000"), ("web2", "web2:8000")]
    assert re.findall(r"^\s+server (\S+) (\S+)", cluster_file, re.M) == [
        ("web1", "127.0.0.1:18001"),
        ("web2", "127.0.0.1:18002"),
    ]
    same = cluster_file.replace("127.0.0.1:18000", ":8000").replace("127.0.0.1:18404", ":8404")
    same = same.replace("127.0.0.1:18001", "web1:8000").replace("127.0.0.1:18002", "web2:8000")
    assert same == compose_file


def test_pgbouncer_pools_alike_in_both(services, cluster, tmp_path):
    import argparse
    import configparser

    assert "./deploy/pgbouncer.ini:/etc/pgbouncer/pgbouncer.ini:ro" in services["pgbouncer"]["volumes"]
    compose_ini, cluster_ini = (
        configparser.ConfigParser(interpolation=None),
        configparser.ConfigParser(interpolation=None),
    )
    compose_ini.read(ROOT / "deploy" / "pgbouncer.ini")
    args = argparse.Namespace(pg="postgres://postgres@127.0.0.1:5432", db_name="bench_cluster")
    cluster_ini.read(cluster.pgbouncer_config(tmp_path, args, 16432))

    pooling = ("pool_mode", "max_client_conn", "default_pool_size")
    assert [compose_ini["pgbouncer"][key] for key in pooling] == [cluster_ini["pgbouncer"][key] for key in pooling]
    assert compose_ini["pgbouncer"]["pool_mode"] == "session"  # transactions and row locks behave as without it
    assert compose_ini["databases"]["pasar"] == "host=postgres port=5432 dbname=pasar"
    assert compose_ini["pgbouncer"]["listen_port"] == str(
        urlsplit(services["web1"]["environment"]["DATABASE_URL"]).port
    )
