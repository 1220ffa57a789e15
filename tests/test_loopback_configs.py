"""PRR501 and a client whose host is a configuration value defaulting to this host (socket_targets.loopback_through,
project/constant_targets.py, project/switches.py `loopback`), in the shapes services spell it:

- a constructor's parameter defaulting to `localhost`, the object built by a loader from a configuration file's
  section (`getattr(outputs, kind)(name, **options)`), used directly or stored in a settings mapping and read back
  into a URL built by concatenation;
- a Django setting's nested entry written as an f-string on `127.0.0.1`, read with `.get(K, None)`, rewritten from
  `0.0.0.0` to `localhost`, and put in a URL by `%` or an f-string handed to `urllib.request.Request`;
- a settings module the tree ships only as a sample (`settings.py.sample`) that star-imports the defaults module, read
  as `settings.K` and joined into an endpoint;
- a pydantic settings field renamed for the environment (`validation_alias=AliasChoices(...)`) defaulting to a
  loopback redis URL, read through the module-level settings object, `.env.example` on loopback and a compose file
  that runs only the dependency's image.

Each is left alone when every shipped value is loopback, and kept when a shipped file or a caller points it at another
host, when it is read from the environment, or when a compose file runs the service's own code in a container."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import run_on_disk, shipped_findings
from prr_lint.project.compose_services import contains_own_code

_UNIT = "[Unit]\nAfter=redis-server.service\n[Service]\nExecStart=/opt/hub/venv/bin/python -m hub.main\n"
_CACHE = (
    "import redis\n\n\nclass CacheOutput:\n    def __init__(self, name, cache_host='localhost', cache_port=6379):\n"
    "        self.name = name\n        self.client = redis.Redis(cache_host, cache_port)\n\n"
    "    def push(self, key, value):\n        self.client.set(key, value)\n"
)
_METRICS = (
    "import requests\n\n\nclass MetricsOutput:\n    def __init__(self, name, metrics_host='localhost', metrics_port=8086):\n"
    "        self.name = name\n        self.options = {}\n"
    "        self.options.update({'metrics_host': metrics_host, 'metrics_port': metrics_port})\n\n"
    "    def send(self, lines):\n        host = self.options['metrics_host'].strip(\"[']\")\n"
    "        url = 'http://' + host + ':' + str(self.options['metrics_port']) + '/write'\n"
    "        requests.post(url, data='\\n'.join(lines))\n"
)
_LOADER = (
    "from hub import outputs\n\n\ndef build(section):\n"
    "    return getattr(outputs, section['kind'])(section['name'], **section['options'])\n"
)
_CONF = "[outputs]\n  [[cache]]\n    kind = CacheOutput\n    cache_host = localhost\n    cache_port = 6379\n"


def _hub(**extra: str) -> Dict[str, str]:
    return {"hub/__init__.py": "", "hub/main.py": _LOADER, "hub/outputs/__init__.py": "from hub.outputs.cache import CacheOutput\n",
            "hub/outputs/cache.py": _CACHE, "hub/outputs/metrics.py": _METRICS, **extra}


def test_constructor_parameters_defaulting_to_loopback_are_left_alone(tmp_path: Path) -> None:
    """The loader builds each output from its section; the shipped configuration names this host."""
    assert shipped_findings(tmp_path, _hub(), {"deploy/hub.service": _UNIT, "conf/hub.conf": _CONF}) == []


def test_a_shipped_configuration_pointing_the_parameter_elsewhere_keeps_the_call(tmp_path: Path) -> None:
    conf = _CONF.replace("cache_host = localhost", "cache_host = cache.internal")
    assert shipped_findings(tmp_path, _hub(), {"deploy/hub.service": _UNIT, "conf/hub.conf": conf}) == [("hub/outputs/cache.py", 7)]


def test_a_caller_passing_a_computed_host_keeps_the_call(tmp_path: Path) -> None:
    caller = "import os\n\nfrom hub.outputs.metrics import MetricsOutput\n\n\ndef metrics():\n" \
             "    return MetricsOutput('metrics', metrics_host=os.environ['METRICS_HOST'])\n"
    files = _hub(**{"hub/wiring.py": caller})
    assert shipped_findings(tmp_path, files, {"deploy/hub.service": _UNIT, "conf/hub.conf": _CONF}) == [("hub/outputs/metrics.py", 13)]


def test_a_caller_passing_a_loopback_host_leaves_the_call_alone(tmp_path: Path) -> None:
    caller = "from hub.outputs.metrics import MetricsOutput\n\n\ndef metrics():\n    return MetricsOutput('metrics', metrics_host='127.0.0.1')\n"
    files = _hub(**{"hub/wiring.py": caller})
    assert shipped_findings(tmp_path, files, {"deploy/hub.service": _UNIT, "conf/hub.conf": _CONF}) == []


def test_parameter_defaults_with_no_deployment_file_keep_the_calls(tmp_path: Path) -> None:
    """The deployment is elsewhere, and its configuration may point them anywhere."""
    assert shipped_findings(tmp_path, _hub(), {}) == [("hub/outputs/cache.py", 7), ("hub/outputs/metrics.py", 13)]


def test_a_stored_host_the_module_also_replaces_wholesale_keeps_the_call(tmp_path: Path) -> None:
    metrics = _METRICS + "\n    def reload(self, loaded):\n        self.options = loaded\n"
    files = _hub(**{"hub/outputs/metrics.py": metrics})
    assert shipped_findings(tmp_path, files, {"deploy/hub.service": _UNIT, "conf/hub.conf": _CONF}) == [("hub/outputs/metrics.py", 13)]


_SETTINGS = (
    "SCENARIOS = ['default', 'scenario1']\n\nDATABASES = {\n    name: {\n        'ENGINE': 'django.db.backends.postgresql',\n"
    "        'TEST': {'PLANNER_ADDRESS': f'127.0.0.1:{9100 + i}'},\n        'PLANNER_ADDRESS': f'127.0.0.1:{8100 + i}',\n    }\n"
    "    for i, name in enumerate(SCENARIOS)\n}\n"
)
_PLANNER = (
    "import os\nfrom urllib.request import Request, urlopen\n\nimport requests\nfrom django.conf import settings\n\n\n"
    "def _address(database):\n    if 'PLANNER_TEST' in os.environ:\n"
    "        return settings.DATABASES[database]['TEST'].get('PLANNER_ADDRESS', None)\n"
    "    return settings.DATABASES[database].get('PLANNER_ADDRESS', None)\n\n\n"
    "def plan_status(database):\n    address = settings.DATABASES[database].get('PLANNER_ADDRESS', None)\n"
    "    if address:\n        address = address.replace('0.0.0.0:', 'localhost:')\n    session = requests.Session()\n"
    "    return session.post('http://%s/plan/status/' % address, json={}).json()\n\n\n"
    "def plan_tree(database, item):\n    if 'PLANNER_TEST' in os.environ:\n"
    "        address = settings.DATABASES[database]['TEST'].get('PLANNER_ADDRESS', None)\n    else:\n"
    "        address = settings.DATABASES[database].get('PLANNER_ADDRESS', None)\n"
    "    with urlopen(Request(f'http://{address}/tree/{item}/', headers={'Accept': 'application/json'})) as response:\n"
    "        return response.read()\n"
)
_IMAGE = "FROM python:3.12\nCOPY . /app\nCMD [\"gunicorn\", \"site.wsgi\"]\n"


def _planner(settings: str = _SETTINGS) -> Dict[str, str]:
    return {"site/__init__.py": "", "site/settings.py": settings, "planner/__init__.py": "", "planner/client.py": _PLANNER}


def test_a_nested_setting_written_on_loopback_is_left_alone(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _planner(), {"Dockerfile": _IMAGE}) == []


def test_a_settings_module_pointing_the_entry_elsewhere_keeps_the_calls(tmp_path: Path) -> None:
    files = {**_planner(), "site/production.py": "from site.settings import *\n\nDATABASES['default']['PLANNER_ADDRESS'] = 'planner.internal:8100'\n"}
    assert shipped_findings(tmp_path, files, {"Dockerfile": _IMAGE}) == [("planner/client.py", 19), ("planner/client.py", 27)]


def test_an_entry_read_from_the_environment_keeps_the_calls(tmp_path: Path) -> None:
    settings = "import os\n\n" + _SETTINGS.replace("f'127.0.0.1:{8100 + i}'", "os.environ.get('PLANNER_ADDRESS')")
    assert shipped_findings(tmp_path, _planner(settings), {"Dockerfile": _IMAGE}) == [("planner/client.py", 19), ("planner/client.py", 27)]


def test_a_replacement_that_is_not_loopback_keeps_the_call(tmp_path: Path) -> None:
    files = {**_planner(), "planner/client.py": _PLANNER.replace("'localhost:'", "'planner:'")}
    assert shipped_findings(tmp_path, files, {"Dockerfile": _IMAGE}) == [("planner/client.py", 19)]


_DEFAULTS = "RELAY_HOST = 'localhost'\nRELAY_PORT = 587\nRELAY_USER = 'no-reply@localhost.localdomain'\n"
_SAMPLE = "from libs.defaults import *\n\nlisten_address = '127.0.0.1'\nlisten_port = 7777\ndirectory_api = 'http://127.0.0.1:7790/api'\n"
_MAIL = (
    "import smtplib\n\nimport settings\n\n\ndef notify(to, body):\n    server = settings.RELAY_HOST\n    port = settings.RELAY_PORT\n"
    "    s = smtplib.SMTP(server, port)\n    s.sendmail(settings.RELAY_USER, to, body)\n    s.quit()\n"
)
_MEMBERS = (
    "import requests\n\nimport settings\n\n\ndef is_member(listname, sender):\n"
    "    endpoint = '/'.join([settings.directory_api, listname, 'has_subscriber', sender])\n"
    "    return requests.get(endpoint, verify=False).json()['_success']\n"
)
_DAEMON = "[Service]\nExecStart=/usr/bin/python3 /opt/policyd/policyd.py\n"


def _policyd(tmp_path: Path, sample: str = _SAMPLE) -> Dict[str, str]:
    (tmp_path / "settings.py.sample").write_text(sample)
    return {"libs/__init__.py": "", "libs/defaults.py": _DEFAULTS, "libs/mail.py": _MAIL, "plugins/__init__.py": "",
            "plugins/members.py": _MEMBERS}


def test_settings_a_sample_module_leaves_on_loopback_are_left_alone(tmp_path: Path) -> None:
    """`import settings` reads the installation's copy of settings.py.sample, which star-imports the defaults."""
    assert shipped_findings(tmp_path, _policyd(tmp_path), {"rc_scripts/policyd.service": _DAEMON}) == []


def test_a_sample_pointing_the_settings_elsewhere_keeps_the_calls(tmp_path: Path) -> None:
    sample = _SAMPLE.replace("http://127.0.0.1:7790/api", "https://lists.example.org/api") + "RELAY_HOST = 'mail.example.org'\n"
    found = shipped_findings(tmp_path, _policyd(tmp_path, sample), {"rc_scripts/policyd.service": _DAEMON})
    assert found == [("libs/mail.py", 9), ("plugins/members.py", 8)]


def test_a_settings_module_the_tree_does_not_ship_keeps_the_calls(tmp_path: Path) -> None:
    """No sample: `settings` may be any module the deployment provides."""
    files = _policyd(tmp_path)
    (tmp_path / "settings.py.sample").unlink()
    assert shipped_findings(tmp_path, files, {"rc_scripts/policyd.service": _DAEMON}) == [("libs/mail.py", 9), ("plugins/members.py", 8)]


_FIELDS = (
    "from pydantic import AliasChoices, Field, RedisDsn\nfrom pydantic_settings import BaseSettings\n\n\n"
    "class AppSettings(BaseSettings):\n    debug: bool = False\n"
    "    cache_url: RedisDsn = Field(RedisDsn('redis://127.0.0.1'), validation_alias=AliasChoices('CACHE_HOST_URL', 'cache_dsn'))\n"
)
_API = (
    "import redis.asyncio as aioredis\nfrom fastapi import FastAPI\n\nfrom app import settings\n\napi = FastAPI()\n\n\n"
    "@api.on_event('startup')\nasync def startup():\n    if not settings.debug:\n"
    "        api.state.cache = await aioredis.from_url(str(settings.cache_url))\n"
)
_ENV_EXAMPLE = "CACHE_LOCAL_PORT=16379\nCACHE_HOST_URL=redis://127.0.0.1:${CACHE_LOCAL_PORT}\n"
_DEPENDENCIES = "services:\n  cache:\n    image: redis:7-alpine\n    ports:\n      - 127.0.0.1:${CACHE_LOCAL_PORT:-6379}:6379\n    env_file:\n      - ./.env\n"


def _api() -> Dict[str, str]:
    return {"app/__init__.py": "from app.config import AppSettings\n\nsettings: AppSettings = AppSettings()\n",
            "app/config.py": _FIELDS, "app/api.py": _API}


def test_a_renamed_settings_field_on_loopback_is_left_alone(tmp_path: Path) -> None:
    """The compose file runs only the cache's image, published on the host's loopback, for the app beside it."""
    shipped = {"Dockerfile": _IMAGE, ".env.example": _ENV_EXAMPLE, "docker-compose.yml": _DEPENDENCIES}
    assert shipped_findings(tmp_path, _api(), shipped) == []


def test_an_env_template_pointing_the_renamed_field_elsewhere_keeps_the_call(tmp_path: Path) -> None:
    shipped = {"Dockerfile": _IMAGE, ".env.example": "CACHE_HOST_URL=redis://cache:6379\n", "docker-compose.yml": _DEPENDENCIES}
    assert shipped_findings(tmp_path, _api(), shipped) == [("app/api.py", 12)]


def test_a_compose_file_running_the_app_beside_the_cache_keeps_the_call(tmp_path: Path) -> None:
    """In the app's own container `127.0.0.1` is that container: the env file's address is a developer's default."""
    compose = _DEPENDENCIES + "  api:\n    build: .\n    env_file:\n      - ./.env\n"
    shipped = {"Dockerfile": _IMAGE, ".env.example": _ENV_EXAMPLE, "docker-compose.yml": compose}
    assert shipped_findings(tmp_path, _api(), shipped) == [("app/api.py", 12)]


def test_a_field_with_a_remote_default_keeps_the_call(tmp_path: Path) -> None:
    files = {**_api(), "app/config.py": _FIELDS.replace("redis://127.0.0.1", "redis://cache.internal")}
    assert shipped_findings(tmp_path, files, {"Dockerfile": _IMAGE, "docker-compose.yml": _DEPENDENCIES}) == [("app/api.py", 12)]


def test_a_field_only_another_class_declares_keeps_the_call(tmp_path: Path) -> None:
    """The settings object's own class sets the attribute some other way: another class's default says nothing."""
    fields = _FIELDS.replace("    cache_url:", "\n\nclass WorkerSettings(BaseSettings):\n    cache_url:")
    shipped = {"Dockerfile": _IMAGE, ".env.example": _ENV_EXAMPLE, "docker-compose.yml": _DEPENDENCIES}
    assert shipped_findings(tmp_path, {**_api(), "app/config.py": fields}, shipped) == [("app/api.py", 12)]


def test_compose_services_that_build_or_name_no_image_run_the_project_code() -> None:
    dependencies = "services:\n  cache:\n    image: redis:7\n    env_file:\n      - ./.env\n  # api:\n  #   build: .\n"
    assert not contains_own_code(dependencies)
    assert contains_own_code(dependencies + "  api:\n    build: .\n")
    assert contains_own_code("version: '3'\nservices:\n    web:\n        env_file: app.env\n    db:\n        image: postgres\n")


def test_a_module_binding_a_call_with_no_arguments_is_summarised(tmp_path: Path) -> None:
    """`_LOGGER = logger.get()` once crashed the module summary (switch_keys.config_read indexed a missing default):
    bt-mqtt-gateway's gateway.py and rdrf's dash_apps.py gave PRR003 and lost every finding of the file."""
    source = (
        "import logger\nimport requests\n\n_LOGGER = logger.get()\n\n\n"
        "def handler(url):\n    _LOGGER.info('fetching')\n    return requests.get(url)\n"
    )
    result = run_on_disk(tmp_path, {"svc/app.py": source}, select=("PRR501", "PRR003"))
    assert [(finding.rule, finding.span.line) for finding in result.findings] == [("PRR501", 9)]
