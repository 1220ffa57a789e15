"""PRR501's dead code (project/dead_code.py, typed_calls.py `by_string`): a class some other file names
without importing it may be loaded by name, and its public methods may be a framework's hooks; but a
docstring loads nothing however short, nor does a file that names only its own class of that name."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import run_on_disk

APP = (
    "from flask import Flask\nfrom svc.lib.client import Client\n\napp = Flask(__name__)\n\n"
    "@app.route('/status')\ndef status():\n    return Client().check()\n"
)
CLIENT = (
    "import requests\n\n\nclass Client:\n"
    "    def check(self):\n        return requests.get('https://a.example.com').text\n\n"
    "    def probe(self):\n        return requests.get('https://b.example.com').text\n"
)
CHECK, PROBE = ("svc/lib/client.py", 6), ("svc/lib/client.py", 9)


def _found(tmp_path: Path, other: Dict[str, str]) -> set:
    files = {"svc/__init__.py": "", "svc/lib/__init__.py": "", "svc/app.py": APP, "svc/lib/client.py": CLIENT, **other}
    return {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings}


def test_a_short_docstring_naming_the_class_loads_nothing(tmp_path: Path) -> None:
    """Prusa-Link's module docstring 'Wizard endpoints' beside a `Wizard` whose `check_connect` nothing calls (LB156)."""
    found = _found(tmp_path, {"svc/pages.py": '"""Client pages"""\n\n\ndef index():\n    return "ok"\n'})
    assert CHECK in found and PROBE not in found


def test_a_short_string_naming_the_class_may_load_it(tmp_path: Path) -> None:
    """A name in a string of code (a setting) may load the class, whose public methods are then hooks."""
    found = _found(tmp_path, {"svc/pages.py": 'HANDLER = "Client"\n'})
    assert CHECK in found and PROBE in found


def test_a_file_naming_only_its_own_class_of_that_name_loads_nothing(tmp_path: Path) -> None:
    """dlrover's HTTP `BrainClient` in a `client` module beside the gRPC one: its file names the
    module's word (`client`) but holds the class name only where it defines its own class."""
    other = "class Client:\n    def send(self, client_id):\n        return client_id\n\n\ndef make(client):\n    return client\n"
    found = _found(tmp_path, {"svc/http/__init__.py": "", "svc/http/client.py": other})
    assert CHECK in found and PROBE not in found


def test_a_dotted_path_beside_its_own_class_of_that_name_may_load_the_class(tmp_path: Path) -> None:
    other = "PLUGIN = 'svc.lib.client.Client'\n\n\nclass Client:\n    def send(self, client_id):\n        return client_id\n"
    found = _found(tmp_path, {"svc/http/__init__.py": "", "svc/http/client.py": other})
    assert CHECK in found and PROBE in found
