"""PRR501 and a redis URL a Django settings module reads from the environment with a loopback default
(`env("CACHE_URL", default=f"redis://127.0.0.1:6379/0")`, django-environ), which the code reads by importing that
module (`from brewsite import settings`), in a project whose compose file builds the app and its redis and runs
them all with `network_mode: host` (socket_targets BINDS_LOOPBACK_THROUGH, project/constant_targets.py,
project/compose_services.py, project/switches.py `loopback`).

On the host's network `127.0.0.1` is the host, where the compose file runs redis too: the calls are left alone. They
are kept when the app's container has a network of its own (there `127.0.0.1` is that container, and the shipped
value a developer's default), when any service that runs the project's code does, and when a shipped file points
the URL at another host."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings
from prr_lint.project.compose_services import contains_own_code

_SETTINGS = (
    "import environ\n\nenv = environ.Env()\n\nDEBUG = env.bool('DJANGO_DEBUG', False)\n"
    "CACHE_URL = env('CACHE_URL', default=f'redis://127.0.0.1:6379/0')\n"
)
_READINGS = (
    "import redis\n\nfrom brewsite import settings\n\n\nclass Reading:\n    def __init__(self, sensor, value):\n"
    "        self.sensor, self.value = sensor, value\n\n"
    "    def remember(self):\n        client = redis.Redis.from_url(url=settings.CACHE_URL)\n"
    "        client.set(f'reading_{self.sensor}', self.value)\n\n"
    "    @classmethod\n    def recall(cls, sensor):\n        client = redis.Redis.from_url(settings.CACHE_URL)\n"
    "        return client.get(f'reading_{sensor}')\n"
)
_FILES = {"brewsite/__init__.py": "", "brewsite/settings.py": _SETTINGS, "readings/__init__.py": "", "readings/models.py": _READINGS}
_FOUND = [("readings/models.py", 11), ("readings/models.py", 16)]
_SERVICE = "  {name}:\n    build:\n      context: .\n      dockerfile: ./deploy/{name}/Dockerfile\n    restart: unless-stopped\n"
_HOST = '    network_mode: "host"\n'


def _compose(host: bool = True, worker_host: bool = True, worker: bool = False) -> str:
    """The app, redis and (with `worker`) a worker from the app's image, each built here, on the host's network."""
    services = [("web", host), ("redis", host), *([("worker", worker_host)] if worker else [])]
    body = "".join(_SERVICE.format(name=name) + (_HOST if on_host else "") for name, on_host in services)
    return "version: '3.3'\n\nvolumes:\n  data: {}\n\nservices:\n" + body.replace("  web:\n", "  web: &web\n", 1)


def _shipped(compose: str, env: str = "CACHE_URL=redis://127.0.0.1:6379/0\n") -> Dict[str, str]:
    return {"deploy/web/Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD [\"gunicorn\", \"brewsite.wsgi\"]\n",
            "docker-compose.yml": compose, ".env.production": f"# Redis\n#CACHE_URL=redis://redis:6379/0\n{env}"}


def test_a_loopback_url_on_the_hosts_network_is_left_alone(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _FILES, _shipped(_compose())) == []


def test_the_settings_default_alone_is_left_alone(tmp_path: Path) -> None:
    """No shipped file sets the key: the settings module's loopback default is what the service runs with."""
    assert shipped_findings(tmp_path, _FILES, {"deploy/web/Dockerfile": "FROM python:3.12\n", "docker-compose.yml": _compose(False)}) == []


def test_the_same_compose_file_on_container_networks_keeps_the_calls(tmp_path: Path) -> None:
    """In the app's own container `127.0.0.1` is that container: the env file's address is a developer's default."""
    assert shipped_findings(tmp_path, _FILES, _shipped(_compose(host=False))) == _FOUND


def test_one_service_of_the_projects_code_on_its_own_network_keeps_the_calls(tmp_path: Path) -> None:
    compose = _compose(worker=True, worker_host=False)
    assert shipped_findings(tmp_path, _FILES, _shipped(compose)) == _FOUND


def test_an_env_file_pointing_the_url_at_another_host_keeps_the_calls(tmp_path: Path) -> None:
    shipped = _shipped(_compose(), "CACHE_URL=redis://cache.internal:6379/0\n")
    assert shipped_findings(tmp_path, _FILES, shipped) == _FOUND


def test_a_compose_file_pointing_the_url_at_its_service_keeps_the_calls(tmp_path: Path) -> None:
    compose = _compose().replace("  web: &web\n", "  web: &web\n    environment:\n      CACHE_URL: redis://redis:6379/0\n")
    assert shipped_findings(tmp_path, _FILES, _shipped(compose)) == _FOUND


def test_a_settings_default_on_another_host_keeps_the_calls(tmp_path: Path) -> None:
    files = {**_FILES, "brewsite/settings.py": _SETTINGS.replace("127.0.0.1", "cache.internal")}
    assert shipped_findings(tmp_path, files, _shipped(_compose())) == _FOUND


def test_a_decouple_read_defaulting_to_loopback_is_left_alone(tmp_path: Path) -> None:
    settings = "from decouple import config\n\nCACHE_URL = config('CACHE_URL', default='redis://localhost:6379/0', cast=str)\n"
    assert shipped_findings(tmp_path, {**_FILES, "brewsite/settings.py": settings}, _shipped(_compose())) == []


def test_a_read_with_no_default_keeps_the_calls(tmp_path: Path) -> None:
    files = {**_FILES, "brewsite/settings.py": _SETTINGS.replace(", default=f'redis://127.0.0.1:6379/0'", "")}
    assert shipped_findings(tmp_path, files, _shipped(_compose())) == _FOUND


def test_env_directories_of_local_and_production_values_are_read_as_before(tree_lines) -> None:
    """A cookiecutter-style `.envs/` tree: `.envs/.local/.django` names the compose network's `redis`, the production
    sample this host. Neither file is a launch file discovery lists (its name is no `.env*`), as before: the settings
    default and the host-network compose file decide."""
    files = {**_FILES, **{name: text for name, text in _shipped(_compose()).items() if name != ".env.production"},
             ".envs/.local/.django": "CACHE_URL=redis://redis:6379/0\n",
             ".envs/.prod-sample/.django": "#CACHE_URL=redis://redis:6379/0\nCACHE_URL=redis://127.0.0.1:6379/0\n",
             "pyproject.toml": "[tool.prr-lint]\nscope = \"all\"\n"}
    assert tree_lines(files) == []


def test_compose_services_on_the_hosts_network_contain_no_code() -> None:
    assert not contains_own_code(_compose())
    assert not contains_own_code(_compose().replace('"host"', "host  # the host's interfaces"))
    assert contains_own_code(_compose(host=False))
    assert contains_own_code(_compose(worker=True, worker_host=False))
    assert contains_own_code(_compose().replace('"host"', '"bridge"'))
