"""docker-compose.yml validates offline with Debian's docker-compose."""

import os
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _config() -> dict:
    result = subprocess.run(
        ["docker-compose", "--env-file", ".env.example", "config"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "APP_ENV_FILE": ".env.example"},
    )
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_compose_file_validates_and_has_the_services():
    assert shutil.which("docker-compose"), "Kør: sudo apt-get install docker-compose"
    services = _config()["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["db"]["image"].startswith("postgres:16")
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]


def _volume_targets(service: dict) -> set[str]:
    # docker-compose 1.x prints "name:/target:rw", Compose v2 prints mappings.
    return {
        v["target"] if isinstance(v, dict) else v.split(":")[1] for v in service.get("volumes", [])
    }


def _command(service: dict) -> str:
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_the_database_keeps_its_data_in_a_volume_and_the_app_waits_for_it():
    config = _config()
    services = config["services"]
    assert "/var/lib/postgresql/data" in _volume_targets(services["db"])
    assert "pgdata" in config["volumes"] and "media" in config["volumes"]
    for name in ["web", "worker", "beat"]:
        assert services[name]["depends_on"]["db"]["condition"] == "service_healthy"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
        assert services[name]["restart"] == "unless-stopped"
    # Uploaded and generated files are shared by the web and the worker.
    for name in ["web", "worker"]:
        assert "/app/media" in _volume_targets(services[name])


def test_web_migrates_and_serves_with_gunicorn_and_static_files_are_collected_once():
    """collectstatic runs once, when the image is built (the Dockerfile), not again at every
    start of the web container."""
    command = _command(_config()["services"]["web"])
    assert command.index("migrate --noinput") < command.index("gunicorn")
    assert "collectstatic" not in command
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.count("collectstatic --noinput") == 1


def test_the_web_health_check_asks_the_app_not_the_socket():
    test = _config()["services"]["web"]["healthcheck"]["test"]
    assert test == ["CMD", "python", "scripts/healthcheck.py"]


def test_the_health_check_script_passes_a_healthy_app_and_fails_otherwise(live_server):
    """Run as the container runs it: a new Python process, given the app's URL and hosts."""
    import sys

    def run(path: str, hosts: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "HEALTHCHECK_URL": live_server.url + path, "ALLOWED_HOSTS": hosts}
        return subprocess.run(
            [sys.executable, "scripts/healthcheck.py"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )

    assert run("/sundhed/", "localhost,.example.org").returncode == 0
    # A host the app refuses (a 400), and a page that is not there (a 404), are unhealthy.
    refused = run("/sundhed/", ".example.org,localhost")
    assert refused.returncode == 1
    assert "svarede ikke 200" in refused.stderr
    assert run("/findes-ikke/", "localhost").returncode == 1


def test_the_worker_takes_the_pdf_queue_with_a_memory_cap_and_there_is_one_beat():
    services = _config()["services"]
    worker = _command(services["worker"])
    assert "pdf" in worker.split("--queues", 1)[1].split()[0].split(",")
    assert "--max-memory-per-child" in worker
    assert services["beat"].get("deploy", {}).get("replicas", 1) == 1


def _settings_variables() -> set[str]:
    import re

    source = (ROOT / "socialomraade" / "settings.py").read_text()
    return set(re.findall(r'(?:env\.\w+|_bool|_int)\(\s*"([A-Z][A-Z0-9_]*)"', source))


def test_env_example_documents_every_variable_the_settings_read():
    documented = (ROOT / ".env.example").read_text()
    names = _settings_variables()
    assert {"SECRET_KEY", "DATABASE_URL", "OIDC_RP_CLIENT_ID", "SESSION_ABSOLUTE_SECONDS"} <= names
    missing = sorted(n for n in names if f"{n}=" not in documented)
    assert not missing, f"Describe these in .env.example: {missing}"
