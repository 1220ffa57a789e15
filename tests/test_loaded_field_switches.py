"""PRR501 and the `else` of an `if` on an attribute a configuration class fills from a loaded JSON file (loaded_fields.py,
project/loaded_fields.py): `Settings.__init__` loads `conf/defaults.json` and `conf/local.json` into `data`, copies
`self.cache_tls_enabled = data["cache_tls_enabled"]`, and lets an environment variable built from each attribute's name
override it; the store chooses a TLS client on `settings.cache_tls_enabled` and a plain one otherwise. The plain client is
dead as shipped when the shipped sample standing for the loaded file, and every other shipped file that gives the key, turn it on and no deployment file sets its variable to
anything else; the TLS client stays reported, and so does the plain one when a file turns the key off, a deployment file
sets the variable, other code stores the attribute, or a `setattr` of a computed name may put anything in it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_SETTINGS = (
    "import json\nimport os\n\nDEFAULTS = 'conf/defaults.json'\nLOCAL = 'conf/local.json'\n\n\n"
    "def read_files(first=DEFAULTS, second=LOCAL):\n    data = {}\n    for name in (first, second):\n"
    "        try:\n            with open(name) as handle:\n                data.update(json.load(handle))\n"
    "        except FileNotFoundError:\n            pass\n    return data\n\n\n"
    "class Settings:\n    def __init__(self):\n        data = read_files()\n        self.cache_host = data['cache_host']\n"
    "        self.cache_tls_enabled = data['cache_tls_enabled']\n        for key in list(self.__dict__):\n"
    "            if value := os.getenv(f'RELAY_{key.upper()}'):\n                setattr(self, key, {override})\n\n\n"
    "def make_settings():\n    return Settings()\n\n\nsettings = make_settings()\n"
)
_STORE = (
    "from flask import Flask\nfrom redis import Redis\n\nfrom relay.settings import settings\n\napp = Flask(__name__)\n\n\n"
    "def connect():\n    if settings.cache_tls_enabled:\n        return Redis(host=settings.cache_host, ssl=True, socket_connect_timeout=5)\n"
    "    else:\n        return Redis(host=settings.cache_host, socket_connect_timeout=5)\n\n\n"
    "@app.route('/ping')\ndef ping():\n    return str(connect().ping())\n"
)
_TLS, _PLAIN = ("relay/store.py", 11), ("relay/store.py", 13)
_DEFAULTS = '{\n  "cache_host": "cache",\n  "cache_tls_enabled": true\n}\n'
_SAMPLE = '{\n  "__comment__": "copy to local.json",\n  "cache_tls_enabled": true\n}\n'
_COMPOSE = "services:\n  relay:\n    build: .\n    environment:\n      - RELAY_CACHE_HOST=cache\n  cache:\n    image: redis:7\n"


def _relay(override: str = "value", **extra: str) -> Dict[str, str]:
    return {"relay/__init__.py": "", "relay/settings.py": _SETTINGS.replace("{override}", override), "relay/store.py": _STORE, **extra}


def _shipped(defaults: str = _DEFAULTS, compose: str = _COMPOSE, **extra: str) -> Dict[str, str]:
    return {"conf/defaults.json": defaults, "conf/local.example.json": _SAMPLE, "docker-compose.yml": compose,
            "Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD [\"flask\", \"--app\", \"relay.store\", \"run\"]\n", **extra}


def test_the_way_every_shipped_file_turns_off_is_dead(tmp_path: Path) -> None:
    """VALID: the plain client never runs; INVALID: the TLS client, which does, stays reported."""
    assert shipped_findings(tmp_path, _relay(), _shipped()) == [_TLS]


def test_a_file_turning_the_key_off_keeps_both_ways(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _relay(), _shipped(defaults=_DEFAULTS.replace("true", "false"))) == [_TLS, _PLAIN]


def test_a_sample_giving_another_value_keeps_both_ways(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _relay(), _shipped(**{"conf/local.example.json": _SAMPLE.replace("true", '"no"')})) == [_TLS, _PLAIN]


def test_no_file_standing_for_the_loaded_one_keeps_both_ways(tmp_path: Path) -> None:
    """The loader names its files through constants, and no sample stands for them: the deployment decides."""
    assert shipped_findings(tmp_path, _relay(), {**_shipped(), "conf/local.example.json": "{}\n"}) == [_TLS, _PLAIN]


def test_a_deployment_file_setting_the_variable_keeps_both_ways(tmp_path: Path) -> None:
    compose = _COMPOSE.replace("      - RELAY_CACHE_HOST=cache\n", "      - RELAY_CACHE_HOST=cache\n      - RELAY_CACHE_TLS_ENABLED=false\n")
    assert shipped_findings(tmp_path, _relay(), _shipped(compose=compose)) == [_TLS, _PLAIN]


def test_a_deployment_file_setting_the_variable_on_leaves_the_way_dead(tmp_path: Path) -> None:
    compose = _COMPOSE.replace("      - RELAY_CACHE_HOST=cache\n", "      - RELAY_CACHE_HOST=cache\n      - RELAY_CACHE_TLS_ENABLED=true\n")
    assert shipped_findings(tmp_path, _relay(), _shipped(compose=compose)) == [_TLS]


def test_an_override_from_anywhere_but_the_environment_keeps_both_ways(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _relay(override="key in ('cache_tls_enabled',)"), _shipped()) == [_TLS, _PLAIN]


def test_another_store_of_the_attribute_keeps_both_ways(tmp_path: Path) -> None:
    cli = "from relay.settings import settings\n\n\ndef plain():\n    settings.cache_tls_enabled = False\n"
    assert shipped_findings(tmp_path, _relay(**{"relay/cli.py": cli}), _shipped()) == [_TLS, _PLAIN]


def test_a_parameter_of_the_class_is_judged_as_the_object(tmp_path: Path) -> None:
    store = _STORE.replace("from relay.settings import settings\n", "from relay.settings import Settings, settings\n") \
        .replace("def connect():\n", "def connect(settings: Settings = settings):\n")
    assert shipped_findings(tmp_path, {**_relay(), "relay/store.py": store}, _shipped()) == [_TLS]
