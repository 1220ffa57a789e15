"""PRR501 and a host a configuration getter returns (config_getters.py, project/config_paths.py `_entry`): a package
reads its settings through `get_config("generic", "storage_host")`, a helper that returns the entry of
`config/<type>.json`, or of its shipped `<type>.json.sample` when the installation has made none. The redis pool
reaches this host when the shipped file the words name gives the entry a loopback address and no other shipped
configuration file points it elsewhere; it stays reported when the sample names another host, lacks the entry, another
copy of the file points it elsewhere, or the helper may return a value no file holds."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_HELPERS = (
    "import json\nfrom pathlib import Path\n\nHOME = Path(__file__).resolve().parent.parent\nsettings = {}\n\n\n"
    "def read_all():\n    global settings\n    for found in (HOME / 'config').glob('*.json'):\n"
    "        with found.open() as handle:\n            settings[found.stem] = json.load(handle)\n\n\n"
    "def get_config(kind, entry=None):\n    if not settings:\n        read_all()\n    if kind in settings:\n"
    "        if entry:\n            if entry in settings[kind]:\n                return settings[kind][entry]\n"
    "        else:\n            return settings[kind]\n"
    "    with (HOME / 'config' / f'{kind}.json.sample').open() as handle:\n        fallback = json.load(handle)\n"
    "    if entry:\n        return fallback[entry]\n    return fallback\n"
)
_STORE = (
    "import redis\n\nfrom ledger import get_config\n\n\nclass Ledger:\n    def __init__(self):\n"
    "        self.pool = redis.ConnectionPool(host=get_config('generic', 'storage_host'),\n"
    "                                         port=get_config('generic', 'storage_port'), decode_responses=True)\n\n"
    "    def count(self):\n        return redis.Redis(connection_pool=self.pool).dbsize()\n"
)


def _files(helpers: str = _HELPERS) -> Dict[str, str]:
    return {"ledger/__init__.py": "from .helpers import get_config\n", "ledger/helpers.py": helpers, "ledger/store.py": _STORE}


def _sample(host: str) -> Dict[str, str]:
    return {"config/generic.json.sample": '{"loglevel": "INFO", "storage_host": "%s", "storage_port": 6400}\n' % host,
            "config/website.json.sample": '{"storage_host": "ignored.example"}\n'}


def test_an_entry_the_named_sample_gives_a_loopback_address_is_left_alone(tmp_path: Path) -> None:
    """The shape of vulnerability-lookup's kvrocks storage, launched beside the service on 127.0.0.1."""
    assert shipped_findings(tmp_path, _files(), _sample("127.0.0.1")) == []


def test_the_named_sample_giving_another_host_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), _sample("kvrocks.internal")) == [("ledger/store.py", 8)]


def test_an_entry_the_sample_lacks_keeps_the_call(tmp_path: Path) -> None:
    shipped = {"config/generic.json.sample": '{"loglevel": "INFO"}\n'}
    assert shipped_findings(tmp_path, _files(), shipped) == [("ledger/store.py", 8)]


def test_another_copy_of_the_file_pointing_it_elsewhere_keeps_the_call(tmp_path: Path) -> None:
    shipped = {**_sample("127.0.0.1"), "deploy/generic.json": '{"storage_host": "kvrocks.internal"}\n'}
    assert shipped_findings(tmp_path, _files(), shipped) == [("ledger/store.py", 8)]


def test_a_getter_that_may_return_a_computed_value_keeps_the_call(tmp_path: Path) -> None:
    """Its fallback is the environment's, which no shipped file shows."""
    helpers = "import os\n" + _HELPERS.replace("    if entry:\n        return fallback[entry]\n",
                                               "    if entry:\n        return os.environ.get(entry.upper())\n")
    assert shipped_findings(tmp_path, _files(helpers), _sample("127.0.0.1")) == [("ledger/store.py", 8)]
