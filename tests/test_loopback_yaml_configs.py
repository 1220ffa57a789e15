"""PRR501 and a host read by key path from a YAML configuration file (config_paths.py, project/config_paths.py).

Two shapes: a module-level `settings = {}` that one loader fills in place from `yaml.safe_load_all` of the files it is
given (`settings.clear(); settings.update(merged)`), read in another module through a package's re-export; and a
mapping `yaml.safe_load` returns, handed on as a parameter whose item a local name holds before a nested function's
f-string URL uses it. The loaders name no file: the YAML samples the tree ships stand for the installation's copy. The
call is to this host when they give the path a loopback address; it stays reported when a sample or another shipped
YAML file points it elsewhere, a fill puts in what the environment gives, or the mapping cannot be tied to one loader."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_LOADER = (
    "import yaml\n\nsettings = {}\n\n\ndef _merge(base, extra):\n    merged = dict(base)\n    merged.update(extra)\n"
    "    return merged\n\n\ndef load_settings(*paths):\n    merged = {}\n    for path in paths:\n"
    "        with open(path) as handle:\n            for document in yaml.safe_load_all(handle):\n"
    "                merged = _merge(merged, document or {})\n    settings.clear()\n    settings.update(merged)\n"
)
_LOCKS = (
    "from redis import Redis\n\nfrom fleet.conf import settings\n\n\nclass Locker:\n    def __init__(self):\n"
    "        self.server = Redis.from_url(settings['jobs']['locks']['url'])\n\n"
    "    def hold(self, name):\n        return self.server.lock(name)\n"
)
_CLI = (
    "import sys\n\nfrom fleet.conf import load_settings\nfrom fleet.locks import Locker\n\n\ndef main():\n"
    "    load_settings(*sys.argv[1:])\n    Locker().hold('pool')\n\n\nif __name__ == '__main__':\n    main()\n"
)
_SAMPLE = "api:\n  port: 8080\n  url: https://fleet.example.org/api\njobs:\n  broker: \"redis://{host}:6379\"\n  locks:\n    url: \"redis://{host}:6379\"  # one server\n"
_LOCKED = [("fleet/locks.py", 8)]


def _fleet(loader: str = _LOADER) -> Dict[str, str]:
    return {"fleet/__init__.py": "", "fleet/conf/__init__.py": "from fleet.conf.main import settings, load_settings\n",
            "fleet/conf/main.py": loader, "fleet/locks.py": _LOCKS, "fleet/cli.py": _CLI}


def _shipped(host: str = "localhost", **extra: str) -> Dict[str, str]:
    return {"etc/fleet-example-config.yaml": _SAMPLE.format(host=host), **extra}


def test_a_mapping_its_loader_fills_in_place_from_a_loopback_sample_is_left_alone(tmp_path: Path) -> None:
    """The shape of a pool manager's lock client (duffy): the module-level mapping filled by the loader. The path, not
    its last key's name: the sample's `api.url` names another host."""
    assert shipped_findings(tmp_path, _fleet(), _shipped()) == []


def test_the_sample_pointing_the_path_elsewhere_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _fleet(), _shipped("redis.internal")) == _LOCKED


def test_another_shipped_yaml_file_pointing_the_path_elsewhere_keeps_the_call(tmp_path: Path) -> None:
    production = "jobs:\n  locks:\n    url: redis://redis.internal:6379\n"
    assert shipped_findings(tmp_path, _fleet(), _shipped(**{"deploy/production.yaml": production})) == _LOCKED


def test_a_fill_from_the_environment_keeps_the_call(tmp_path: Path) -> None:
    loader = "import os\n" + _LOADER + "    settings['jobs']['locks']['url'] = os.environ.get('LOCKS_URL')\n"
    assert shipped_findings(tmp_path, _fleet(loader), _shipped()) == _LOCKED


def test_a_mapping_another_function_fills_too_keeps_the_call(tmp_path: Path) -> None:
    """Two fillers: which one ran last decides what the mapping holds."""
    loader = "import requests\n" + _LOADER + (
        "\n\ndef load_remote(url):\n    settings.update(requests.get(url, timeout=5).json())\n")
    assert shipped_findings(tmp_path, _fleet(loader), _shipped()) == _LOCKED


def test_a_mapping_filled_from_a_remote_answer_keeps_the_call(tmp_path: Path) -> None:
    """Its only filler parses no file: it is not a loader."""
    loader = "import requests\n\nsettings = {}\n\n\ndef load_settings(url):\n    settings.update(requests.get(url, timeout=5).json())\n"
    assert shipped_findings(tmp_path, _fleet(loader), _shipped()) == _LOCKED


_TRANSFER = (
    "import logging\n\nimport requests\nimport yaml\n\n\ndef read_config(path):\n    with open(path) as handle:\n"
    "        config = yaml.safe_load(handle)\n    return config\n\n\ndef copy_station(name, base_url, station):\n"
    "    def announce(item):\n        url = f'{base_url}/api/announce?station={name}&item={item}'\n        try:\n"
    "            requests.get(url)\n        except Exception:\n            logging.exception('announce %s', url)\n"
    "    for item in station['items']:\n        announce(item)\n\n\ndef copy_all(config):\n"
    "    base_url = config['catalog']['url']\n    for name, station in config['stations'].items():\n"
    "        copy_station(name, base_url, station)\n\n\ndef main(path='copier.yml'):\n    config = read_config(path)\n"
    "    copy_all(config)\n\n\nif __name__ == '__main__':\n    main()\n"
)
_TRANSFER_SAMPLE = "catalog:\n  url: http://{host}:8000 # no trailing slash\nstations:\n  deck:\n    address: 10.1.2.3\n"


def test_an_item_of_a_loaded_yaml_mapping_held_by_a_local_is_left_alone(tmp_path: Path) -> None:
    """The shape of a plankton imager's transfer script (ifcbdb): the loopback sample `copier.yml.example`."""
    shipped = {"utilities/copier.yml.example": _TRANSFER_SAMPLE.format(host="localhost")}
    assert shipped_findings(tmp_path, {"utilities/copier.py": _TRANSFER}, shipped) == []


def test_the_yaml_sample_naming_another_host_keeps_the_transfer_call(tmp_path: Path) -> None:
    shipped = {"utilities/copier.yml.example": _TRANSFER_SAMPLE.format(host="catalog.internal")}
    assert shipped_findings(tmp_path, {"utilities/copier.py": _TRANSFER}, shipped) == [("utilities/copier.py", 17)]
