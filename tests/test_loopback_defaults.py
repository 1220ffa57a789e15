"""PRR501 and a client whose address is a configuration default (project/switches.py `loopback`): a marshmallow
schema field's `load_default`, read through the section that holds it (`app.config["CELERY"]["broker_url"]`), and
a Django setting read by its name, a list of `(host, port)` addresses one of which the client takes
(`settings.CONNECT or settings.ADDRESS[0]`). Every value loopback and no shipped file pointing elsewhere: a
process of the same host (a schema's default where the project ships its deployment; a Django setting's literal
value also with no deployment file, the settings modules being what Django runs). A remote default, or a deployment file or configuration sample naming another host,
keeps the call."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_SCHEMA = (
    "from marshmallow import Schema, fields\n\n\nclass CeleryConfig(Schema):\n"
    "    broker_url = fields.String(load_default='redis://localhost:6379/0')\n"
    "    enable_utc = fields.Boolean(load_default=False)\n\n\n"
    "class AppConfig(Schema):\n    CELERY = fields.Nested(CeleryConfig, load_default=CeleryConfig().load({}))\n"
)
_HEALTH = (
    "import redis\nfrom flask import Blueprint, current_app\n\nroutes = Blueprint('health', __name__)\n\n\n"
    "@routes.route('/healthz')\ndef healthz():\n"
    "    client = redis.from_url(current_app.config['CELERY']['broker_url'])\n    return {'redis': client.ping()}\n"
)
_UNIT = "[Unit]\nAfter=redis-server.service\n[Service]\nExecStart=/srv/app/venv/bin/gunicorn app:app\n"


def _app(schema: str = _SCHEMA) -> Dict[str, str]:
    return {"app/__init__.py": "", "app/schema.py": schema, "app/health.py": _HEALTH}


def test_a_schema_field_defaulting_to_a_loopback_broker_is_left_alone(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _app(), {"install/app.service": _UNIT}) == []


def test_a_schema_field_default_with_no_deployment_file_keeps_the_call(tmp_path: Path) -> None:
    """The deployment is elsewhere: its configuration file may set the field."""
    assert shipped_findings(tmp_path, _app(), {}) == [("app/health.py", 9)]


def test_a_schema_field_defaulting_to_another_host_keeps_the_call(tmp_path: Path) -> None:
    schema = _SCHEMA.replace("redis://localhost:6379/0", "redis://broker:6379/0")
    assert shipped_findings(tmp_path, _app(schema), {"install/app.service": _UNIT}) == [("app/health.py", 9)]


def test_another_schema_declaring_the_field_without_a_default_keeps_the_call(tmp_path: Path) -> None:
    schema = _SCHEMA + "\n\nclass WorkerConfig(Schema):\n    broker_url = fields.String(required=True)\n"
    assert shipped_findings(tmp_path, _app(schema), {"install/app.service": _UNIT}) == [("app/health.py", 9)]


def test_a_configuration_sample_pointing_the_field_elsewhere_keeps_the_call(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "app_config.toml.sample").write_text("[CELERY]\nbroker_url = \"redis://redis:6379/0\"\n")
    assert shipped_findings(tmp_path, _app(), {"install/app.service": _UNIT}) == [("app/health.py", 9)]


def test_a_compose_file_setting_the_broker_keeps_the_call(tmp_path: Path) -> None:
    compose = "services:\n  web:\n    environment:\n      BROKER_URL: redis://redis:6379/0\n  redis:\n    image: redis\n"
    assert shipped_findings(tmp_path, _app(), {"install/app.service": _UNIT, "docker-compose.yml": compose}) == [("app/health.py", 9)]


_SETTINGS = "BRIDGE_ADDRESS = [('localhost', 9998)]\nBRIDGE_CONNECT = None\n"
_CLIENT = (
    "import socket\nfrom django.conf import settings\n\n\ndef judge_request(packet):\n"
    "    sock = socket.create_connection(settings.BRIDGE_CONNECT or settings.BRIDGE_ADDRESS[0])\n"
    "    sock.sendall(packet)\n    return sock.recv(4096)\n"
)


def _site(settings: str = _SETTINGS) -> Dict[str, str]:
    return {"site/__init__.py": "", "site/settings.py": settings, "judge/__init__.py": "", "judge/api.py": _CLIENT}


def test_a_django_setting_of_loopback_addresses_is_left_alone(tmp_path: Path) -> None:
    """No deployment file at all: the settings module the project ships is what runs, and names this host."""
    assert shipped_findings(tmp_path, _site(), {}) == []


def test_a_django_setting_of_a_remote_address_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _site(_SETTINGS.replace("localhost", "bridge.internal")), {}) == [("judge/api.py", 6)]


def test_a_connect_setting_given_a_host_keeps_the_call(tmp_path: Path) -> None:
    settings = _SETTINGS.replace("BRIDGE_CONNECT = None", "BRIDGE_CONNECT = ('bridge', 9999)")
    assert shipped_findings(tmp_path, _site(settings), {}) == [("judge/api.py", 6)]


def test_a_shipped_local_settings_module_pointing_elsewhere_keeps_the_call(tmp_path: Path) -> None:
    files = {**_site(), "site/local_settings.py": "import os\n\nBRIDGE_CONNECT = (os.environ['BRIDGE_HOST'], 9998)\n"}
    assert shipped_findings(tmp_path, files, {}) == [("judge/api.py", 6)]


def test_a_setting_read_from_the_environment_with_a_loopback_default_and_no_deployment_keeps_the_call(tmp_path: Path) -> None:
    """The variable is the deployment's knob; with no deployment file here, it sets it elsewhere."""
    settings = "import os\n\nBRIDGE_ADDRESS = [(os.getenv('BRIDGE_HOST', 'localhost'), 9998)]\nBRIDGE_CONNECT = None\n"
    assert shipped_findings(tmp_path, _site(settings), {}) == [("judge/api.py", 6)]
