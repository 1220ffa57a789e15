"""PRR501 and a host the service reads through an object of its own (attribute_hosts.py, switched_hosts.py,
project/constant_targets.py), in two shapes services spell:

- a configuration class that loads a YAML file and copies each item onto an attribute (`self.catalog_url =
  section.get("catalog_url", self.catalog_url)`, `None` until then), an instance of which a base class hands its
  subclasses: the client posts to `self._conf.catalog_url`, whose class its module cannot tell;
- a helper making a redis client for the local replica or the leader by a flag (`if local:` picks the address read
  from one variable, `else:` from another), called with the flag as a literal, or with a host of the caller's own
  that its `kwargs.setdefault("host", ...)` lets win.

Each is left alone when every shipped value of what it reads is loopback, and kept when a shipped file points it at
another host, when other code stores another value in the attribute, or when the flag is not a literal."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_CONFIG = (
    "import os\n\nimport yaml\n\n\nclass Settings:\n    def __init__(self):\n        self.root = os.path.dirname(__file__)\n"
    "        self.catalog_url = None\n        self.archive = None\n        self._raw = {}\n\n"
    "    def load(self, path=None):\n        path = path or os.path.join(self.root, 'settings.yaml')\n"
    "        with open(path) as handle:\n            self._raw = yaml.safe_load(handle)\n        self._read_catalog()\n\n"
    "    def _read_catalog(self):\n        section = self._raw.get('catalog', {})\n"
    "        self.catalog_url = section.get('catalog_url', self.catalog_url)\n"
    "        self.archive = section.get('archive', self.archive)\n"
)
_INIT = "import os\n\nfrom ingest.settings import Settings\n\nSETTINGS = Settings()\nSETTINGS.load(os.environ.get('INGEST_SETTINGS'))\n"
_BASE = "from ingest import SETTINGS\n\n\nclass Publisher:\n    def __init__(self, record):\n        self.record = record\n        self._conf = SETTINGS\n"
_CATALOG = (
    "import requests\n\nfrom ingest.publishers.base import Publisher\n\n\nclass CatalogPublisher(Publisher):\n"
    "    def push(self):\n        return requests.post(self._conf.catalog_url, data=self.record)\n"
)
_APP = "from flask import Flask, request\n\nfrom ingest.publishers.catalog import CatalogPublisher\n\napp = Flask(__name__)\n\n\n" \
       "@app.route('/ingest', methods=['POST'])\ndef ingest():\n    return str(CatalogPublisher(request.data).push())\n"
_DOCKER = "FROM python:3.11\nCOPY . /src\nCOPY container/settings.yaml /settings.yaml\nENV INGEST_SETTINGS=/settings.yaml\n" \
          "CMD gunicorn --bind 0.0.0.0:8000 ingest.app:app\n"
_SETTINGS = "catalog:\n  catalog_url: {url}\n  archive: /archive\n"
_PUSHED = [("ingest/publishers/catalog.py", 8)]


def _ingest(**extra: str) -> Dict[str, str]:
    return {"ingest/__init__.py": _INIT, "ingest/settings.py": _CONFIG, "ingest/publishers/__init__.py": "",
            "ingest/publishers/base.py": _BASE, "ingest/publishers/catalog.py": _CATALOG, "ingest/app.py": _APP, **extra}


def _image(url: str = "http://localhost", **extra: str) -> Dict[str, str]:
    return {"Dockerfile": _DOCKER, "container/settings.yaml": _SETTINGS.format(url=url),
            "example_settings.yaml": _SETTINGS.format(url="http://localhost"), **extra}


def test_an_attribute_a_configuration_object_fills_from_loopback_yaml_is_left_alone(tmp_path: Path) -> None:
    """The shape of a metadata ingestor's catalog distributor (dmci): the image bakes in the file its loader names."""
    assert shipped_findings(tmp_path, _ingest(), _image()) == []


def test_the_module_level_configuration_object_read_directly_is_left_alone(tmp_path: Path) -> None:
    client = "import requests\n\nfrom ingest import SETTINGS\n\n\ndef push(record):\n" \
             "    return requests.post(SETTINGS.catalog_url, data=record)\n"
    assert shipped_findings(tmp_path, _ingest(**{"ingest/publishers/catalog.py": client}), _image()) == []


def test_the_baked_in_file_naming_another_host_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _ingest(), _image("http://catalog.internal:8000")) == _PUSHED


def test_another_shipped_yaml_file_naming_another_host_keeps_the_call(tmp_path: Path) -> None:
    production = "catalog:\n  catalog_url: https://catalog.example.org/csw\n"
    assert shipped_findings(tmp_path, _ingest(), _image(**{"deploy/production.yaml": production})) == _PUSHED


def test_other_code_storing_the_environment_in_the_attribute_keeps_the_call(tmp_path: Path) -> None:
    wiring = "import os\n\nfrom ingest import SETTINGS\n\n\ndef override():\n    SETTINGS.catalog_url = os.environ['CATALOG_URL']\n"
    assert shipped_findings(tmp_path, _ingest(**{"ingest/wiring.py": wiring}), _image()) == _PUSHED


def test_an_attribute_given_only_by_a_caller_keeps_the_call(tmp_path: Path) -> None:
    """No value of it is read from configuration: the object may be anyone's."""
    config = "class Settings:\n    def __init__(self, catalog_url=None):\n        self.catalog_url = catalog_url\n\n" \
             "    def load(self, path=None):\n        return path\n"
    assert shipped_findings(tmp_path, _ingest(**{"ingest/settings.py": config}), _image()) == _PUSHED


_STORE = (
    "import os\n\nimport redis\n\n\ndef store(privileged=False, local=False, **kwargs):\n    if local:\n"
    "        host = os.getenv('STORE_LOCAL_ADDRESS', '127.0.0.1:6379').split(':', 1)[0]\n"
    "        port = os.getenv('STORE_LOCAL_ADDRESS', '127.0.0.1:6379').split(':', 1)[1]\n    else:\n"
    "        host = os.getenv('STORE_ADDRESS', '127.0.0.1:6379').split(':', 1)[0]\n"
    "        port = os.getenv('STORE_ADDRESS', '127.0.0.1:6379').split(':', 1)[1]\n"
    "    kwargs.setdefault('host', host)\n    kwargs.setdefault('port', port)\n"
    "    kwargs.setdefault('username', 'writer' if privileged else 'reader')\n    return redis.Redis(**kwargs)\n"
)
_AGENT = (
    "import time\n\nfrom node.store import store\n\n\ndef default_instance(kind):\n    return store(local=True).get(kind)\n\n\n"
    "def own_grants():\n    return store(host='127.0.0.1', privileged=True).smembers('grants')\n\n\n"
    "def leader_tasks():\n    return store().lrange('tasks', 0, -1)\n\n\ndef main():\n    while True:\n"
    "        leader_tasks()\n        default_instance('mail')\n        own_grants()\n        time.sleep(5)\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
_UNIT = "[Service]\nEnvironmentFile=/etc/node/agent.env\nExecStart=/usr/bin/python3 -m node.agent\n"
_ENV = "STORE_ADDRESS=leader:6379\nSTORE_LOCAL_ADDRESS={local}\n"


def _node(agent: str = _AGENT) -> Dict[str, str]:
    return {"node/__init__.py": "", "node/store.py": _STORE, "node/agent.py": agent}


def _units(local: str = "127.0.0.1:6379") -> Dict[str, str]:
    return {"systemd/node-agent.service": _UNIT, "etc/node/agent.env": _ENV.format(local=local)}


def test_a_flag_picking_the_local_replica_leaves_its_calls_alone(tmp_path: Path) -> None:
    """The shape of a cluster node agent's Redis helper (ns8-core): the leader's calls stay reported."""
    assert shipped_findings(tmp_path, _node(), _units()) == [("node/agent.py", 15)]


def test_the_local_address_set_to_another_host_keeps_the_flagged_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _node(), _units("replica.internal:6379")) == [("node/agent.py", 7), ("node/agent.py", 15)]


def test_a_flag_the_caller_computes_keeps_the_call(tmp_path: Path) -> None:
    agent = _AGENT.replace("store(local=True)", "store(local=kind != 'leader')")
    assert shipped_findings(tmp_path, _node(agent), _units()) == [("node/agent.py", 7), ("node/agent.py", 15)]


def test_a_helper_overriding_the_callers_host_keeps_the_call(tmp_path: Path) -> None:
    """`kwargs["host"] = host`: the caller's own `host=` never reaches the client."""
    files = {**_node(), "node/store.py": _STORE.replace("kwargs.setdefault('host', host)", "kwargs['host'] = host")}
    assert shipped_findings(tmp_path, files, _units()) == [("node/agent.py", 11), ("node/agent.py", 15)]
