"""PRR501's dead code and the code outside the project that may call a method by its name (hooked_classes.py,
handed_objects.py, interfaces.py, known_bases.py): a method nothing in the project can reach is dead, a client
method chain no handler calls with it; but one a handler calls on an instance or by `getattr` runs, and so do a
collector's `collect` that a library runs on what it was handed, an override of an external base's method, an
implementation of an abstract method, and a Django manager's own API."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

APP = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get('/health')\ndef health():\n    return 'ok'\n"
CLIENT = (
    "import requests\n\n\nclass ReportClient:\n    def __init__(self, host):\n        self.host = host\n\n"
    "    def _fetch(self, path):\n        return requests.get(self.host + path).json()\n\n"
    "    def summary(self, key):\n        return self._fetch('/summary/' + key)\n\n"
    "    def status(self):\n        return requests.get(self.host + '/status', timeout=5).json()\n"
)
FETCH = ("svc/client.py", 9)


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/app.py": APP, **files}
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings if f.rule == "PRR501")


def _handler(body: str) -> str:
    return ("from svc.app import app\nfrom svc.client import ReportClient\n\nCLIENT = ReportClient('https://reports')\n\n\n"
            f"@app.get('/report/<key>')\ndef report(key):\n    {body}\n")


def test_a_client_method_chain_no_handler_calls_is_dead(tmp_path: Path) -> None:
    """cuckoo3's shape: a handler uses the client's `status`; `summary` and the helper only it calls run nowhere."""
    assert _found(tmp_path, {"svc/client.py": CLIENT, "svc/views.py": _handler("return CLIENT.status()")}) == []


def test_the_chain_a_handler_calls_on_an_instance_runs(tmp_path: Path) -> None:
    assert _found(tmp_path, {"svc/client.py": CLIENT, "svc/views.py": _handler("return CLIENT.summary(key)")}) == [FETCH]


def test_the_chain_a_handler_calls_through_getattr_with_a_constant_name_runs(tmp_path: Path) -> None:
    views = _handler("return getattr(CLIENT, 'summary')(key)")
    assert _found(tmp_path, {"svc/client.py": CLIENT, "svc/views.py": views}) == [FETCH]


HELPERS = (
    "import logging\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\n"
    "def cookies(url):\n    return requests.get(url).cookies\n\n\n"
    "def login(brand):\n    log.info('api.login: ' + brand)\n    log.info(f'api.login: {brand} ready')\n"
    "    log.info('api.login {}'.format(brand))\n    return cookies('https://' + brand)\n\n\n"
    "def status(brand):\n    return requests.get('https://' + brand + '/status', timeout=5).json()\n"
)


def _api_views(call: str) -> str:
    return f"from svc.app import app\nfrom svc.api import {call}\n\n\n@app.get('/<brand>')\ndef index(brand):\n    return {call}(brand)\n"


def test_a_helper_only_log_messages_built_of_pieces_name_is_dead(tmp_path: Path) -> None:
    """openWB's kia `getCookies`, named only in a comment and in its own message `"kia.getCookies: " + response`,
    and `getHTTPCookies`, which only it calls: a logging call's message is prose however it is built."""
    helpers = HELPERS + "\n\n# login() is no longer needed\n"
    assert _found(tmp_path, {"svc/api.py": helpers, "svc/views.py": _api_views("status")}) == []


def test_the_helper_a_handler_calls_runs(tmp_path: Path) -> None:
    assert _found(tmp_path, {"svc/api.py": HELPERS, "svc/views.py": _api_views("login")}) == [("svc/api.py", 8)]


MANAGER = (
    "import requests\nfrom django.db import models\n\n\nclass EventManager(models.Manager):\n"
    "    def get_by_natural_key(self, slug):\n        requests.post('https://audit/lookup')\n        return self.get(slug=slug)\n\n"
    "    def remote_type_ids(self, api):\n        return requests.get(api + '/types').json()\n\n\n"
    "class Event(models.Model):\n    slug = models.SlugField()\n    objects = EventManager()\n"
)


def test_a_manager_method_only_a_comment_names_is_dead_and_its_api_runs(tmp_path: Path) -> None:
    """ubyssey's `EventManager.wp_events_api_get_type_ids`, named only in a commented-out call: Django calls a
    manager's own API (`get_by_natural_key` when it loads fixtures), never a method of the project's own."""
    views = ("from svc.app import app\nfrom svc.models import Event\n\n\n@app.get('/events')\ndef events():\n"
             "    # Event.objects.remote_type_ids('https://wp')\n    return str(Event.objects.count())\n")
    assert _found(tmp_path, {"svc/models.py": MANAGER, "svc/views.py": views}) == [("svc/models.py", 7)]
