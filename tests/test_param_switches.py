"""PRR501/PRR502 and a parameter no caller turns on (rules/param_switches.py, project/param_switches.py): what
only `if ping:` in `Composition.__init__(self, endpoint, ping=False)` calls never runs when every call of the
class leaves `ping` out, as the switched-off reach of a configuration key (project/switched_reach.py). A caller
that passes `ping=True`, a positional `True` or `**opts`, a class stored as a value (a factory table), a
function handed to a pool, an entry point the framework calls, or a parameter the function rebinds keeps it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from prr_lint.config import Settings
from prr_lint.engine import FileJob, Plan
from prr_lint.runner import run_jobs

from _serving import REGISTRY

_CLIENTS = (
    "import grpc\nimport requests\nfrom protos import health_pb2_grpc\n\n\n"
    "class InventoryClient:\n    def __init__(self, channel):\n        self.stub = health_pb2_grpc.HealthStub(channel)\n\n"
    "    def is_available(self):\n        return self.stub.Ping(b'x')\n\n"
    "    def items(self):\n        return self.stub.List(b'x', timeout=5)\n\n\n"
    "class WebClient:\n    def is_available(self):\n        return requests.get('https://web.example.com/ping').ok\n\n\n"
    "class Composition:\n    def __init__(self, endpoint, ping=False):\n        channel = grpc.insecure_channel(endpoint)\n"
    "        self.clients = [InventoryClient(channel), WebClient()]\n        if ping:\n"
    "            if not all([c.is_available() for c in self.clients]):\n                raise Exception('services not registered')\n"
)
_APP = (
    "from flask import Flask\nfrom svc.clients import Composition\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/inventory')\ndef inventory():\n    client = Composition('inventory:50051')\n    return 'ok'\n"
)
_PINGS = [("PRR501", "svc/clients.py", 19), ("PRR502", "svc/clients.py", 11)]


def _found(tmp_path: Path, app: str = _APP, clients: str = _CLIENTS, extra: Dict[str, str] = {}) -> List[Tuple[str, str, int]]:
    files = {"svc/__init__.py": "", "svc/clients.py": clients, "svc/app.py": app, **extra}
    plan = Plan(Settings(root=tmp_path, scope="all"), tuple(REGISTRY.select(["PRR501", "PRR502"], [], [])))
    jobs = [FileJob(path, path[: -len(".py")].replace("/", ".").removesuffix(".__init__"), path.endswith("__init__.py"), source.encode())
            for path, source in sorted(files.items())]
    return sorted((f.rule, f.path, f.span.line) for f in run_jobs(jobs, replace(plan), 1).findings)


def test_calls_under_a_parameter_every_caller_leaves_false_are_not_reported(tmp_path: Path) -> None:
    assert _found(tmp_path) == []


def test_a_caller_that_passes_the_parameter_keeps_the_calls(tmp_path: Path) -> None:
    assert _found(tmp_path, _APP.replace("Composition('inventory:50051')", "Composition('inventory:50051', ping=True)")) == _PINGS


def test_a_caller_that_passes_it_by_position_keeps_the_calls(tmp_path: Path) -> None:
    assert _found(tmp_path, _APP.replace("Composition('inventory:50051')", "Composition('inventory:50051', True)")) == _PINGS


def test_a_caller_that_unpacks_keyword_arguments_keeps_the_calls(tmp_path: Path) -> None:
    app = _APP.replace("    client = Composition('inventory:50051')\n",
                       "    opts = app.config.get('CLIENT_OPTIONS') or {}\n    client = Composition('inventory:50051', **opts)\n")
    assert _found(tmp_path, app) == _PINGS


def test_a_test_that_passes_the_parameter_does_not_turn_it_on(tmp_path: Path) -> None:
    test = "from svc.clients import Composition\n\n\ndef test_ping():\n    assert Composition('localhost:1', ping=True)\n"
    assert _found(tmp_path, extra={"tests/__init__.py": "", "tests/test_clients.py": test}) == []


def test_a_class_stored_as_a_factory_keeps_the_calls(tmp_path: Path) -> None:
    app = _APP + "\n\nFACTORIES = {'inventory': Composition}\n"
    assert _found(tmp_path, app) == _PINGS


def test_a_parameter_the_function_rebinds_is_no_switch(tmp_path: Path) -> None:
    clients = _CLIENTS.replace("        channel = grpc", "        ping = ping or endpoint.startswith('dns:')\n        channel = grpc")
    assert _found(tmp_path, clients=clients) == _PINGS


def test_a_list_parameter_the_function_fills_is_no_switch(tmp_path: Path) -> None:
    """`if ping:` on a list the callers leave empty is off unless the function puts items in it (or rebinds it where
    the binding table does not show: a walrus) before the test."""
    listed = _CLIENTS.replace("ping=False", "ping=[]")
    assert _found(tmp_path, clients=listed) == []
    for filling in ("ping.append(endpoint)", "ping[:] = [endpoint]", "ping += [endpoint]", "(ping := [endpoint])"):
        clients = listed.replace("        channel = grpc", f"        {filling}\n        channel = grpc")
        assert _found(tmp_path, clients=clients) == _PINGS, filling


_HANDED = (
    "import requests\nfrom concurrent.futures import ThreadPoolExecutor\nfrom flask import Flask\n\n"
    "app = Flask(__name__)\npool = ThreadPoolExecutor(2)\n\n\ndef fetch():\n"
    "    return requests.get('https://feed.example.com/items').json()\n\n\n"
    "def refresh(force=False):\n    if force:\n        fetch()\n    return 'ok'\n\n\n"
    "@app.route('/refresh')\ndef refresh_view():\n    refresh()\n    return 'queued'\n"
)


def test_a_function_nobody_else_calls_with_the_parameter_is_switched_off(tmp_path: Path) -> None:
    assert _found(tmp_path, _HANDED, clients="") == []


def test_a_function_handed_to_a_pool_keeps_the_calls(tmp_path: Path) -> None:
    app = _HANDED.replace("    refresh()\n    return 'queued'", "    refresh()\n    pool.submit(refresh, True)\n    return 'queued'")
    assert _found(tmp_path, app, clients="") == [("PRR501", "svc/app.py", 10)]


def test_an_entry_point_with_a_false_default_keeps_the_calls(tmp_path: Path) -> None:
    app = _HANDED.replace("def refresh(force=False):", "@app.route('/force')\ndef refresh(force=False):")
    assert _found(tmp_path, app, clients="") == [("PRR501", "svc/app.py", 10)]


def test_another_class_forwarding_its_arguments_to_its_own_base_does_not_turn_it_on(tmp_path: Path) -> None:
    extra = {"svc/models.py": "class Record(dict):\n    def __init__(self, *args, **kwargs):\n        super().__init__(*args, **kwargs)\n"}
    assert _found(tmp_path, extra=extra) == []


def test_a_subclass_passing_the_parameter_to_its_base_keeps_the_calls(tmp_path: Path) -> None:
    sub = ("from svc.clients import Composition\n\n\nclass Pinging(Composition):\n    def __init__(self, endpoint):\n"
           "        super().__init__(endpoint, ping=True)\n")
    assert _found(tmp_path, extra={"svc/pinging.py": sub}) == _PINGS


def test_a_function_given_to_another_library_as_a_callback_keeps_the_calls(tmp_path: Path) -> None:
    app = "import blinker\n" + _HANDED + "\n\nblinker.signal('tick').connect(refresh)\n"
    assert _found(tmp_path, app, clients="") == [("PRR501", "svc/app.py", 11)]
