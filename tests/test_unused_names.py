"""PRR501's dead methods by the uses of their name (name_uses.py, project/unused_names.py): a method whose name
service code reads as no attribute, holds in no name-like string and names bare in no class body is dead, though
a parameter of that name, a template placeholder, a test or the method's own call of a stub's method of the same
name holds the word. A call, a `getattr` string, a read in another module, a framework base's hook and a routed
handler keep their findings."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional

from _serving import run_on_disk

from prr_lint.name_uses import string_names

APP = (
    "from flask import Flask\nfrom svc.client import Client\n\napp = Flask(__name__)\n\n"
    "@app.route('/status')\ndef status():\n    return Client('a').status()\n"
)
CLIENT = (
    "import requests\n\n\nclass Client:\n"
    "    def __init__(self, stub):\n        self._stub = stub\n\n"
    "    def status(self):\n        return requests.get('https://a.example.com').text\n\n"
    "    def get_state(self):\n        requests.get('https://b.example.com')\n        return self._stub.get_state()\n\n"
    "    def prompt(self, get_state: str):\n        return '{{get_state}}'.replace('{{get_state}}', get_state)\n"
)
STATUS, GET_STATE = 9, 12
TEST = "from svc.client import Client\n\n\ndef test_get_state():\n    assert Client(None).get_state()\n"


def _found(tmp_path: Path, other: Optional[Dict[str, str]] = None, client: str = CLIENT) -> set:
    """The lines of `svc/client.py` PRR501 reports."""
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/client.py": client, "tests/test_client.py": TEST, **(other or {})}
    return {f.span.line for f in run_on_disk(tmp_path, files, whole_project=True).findings
            if f.rule == "PRR501" and f.path == "svc/client.py"}


def test_a_method_only_a_test_calls_is_dead_whatever_its_own_body_and_locals_say(tmp_path: Path) -> None:
    assert _found(tmp_path) == {STATUS}


def test_a_call_from_another_module_keeps_it(tmp_path: Path) -> None:
    admin = "from svc.app import app\nfrom svc.client import Client\n\n\n@app.route('/state')\ndef state():\n    return Client('a').get_state()\n"
    assert _found(tmp_path, {"svc/admin.py": admin}) == {STATUS, GET_STATE}


def test_a_getattr_string_keeps_it(tmp_path: Path) -> None:
    admin = ("from svc.app import app\nfrom svc.client import Client\n\n\n@app.route('/call')\n"
             "def call():\n    return getattr(Client('a'), 'get_state')()\n")
    assert _found(tmp_path, {"svc/admin.py": admin}) == {STATUS, GET_STATE}


def test_a_handler_of_that_name_that_may_run_unnamed_keeps_it(tmp_path: Path) -> None:
    """A framework calls the servicer's hook; its body's call of the same name is a use."""
    servicer = ("from svc.client import Client\nfrom svc.proto.state_pb2_grpc import StateServicer\n\n\n"
                "class Servicer(StateServicer):\n    def get_state(self, request, context):\n        return Client('a').get_state()\n")
    assert _found(tmp_path, {"svc/servicer.py": servicer}) == {STATUS, GET_STATE}


def test_names_only_functions_of_that_name_use_among_themselves_are_unused(tmp_path: Path) -> None:
    """A process API's `get_state` that hands on to the client's, which nothing names."""
    api = "from svc.client import Client\n\n\nclass ProcessApi:\n    def get_state(self):\n        return Client('a').get_state()\n"
    assert _found(tmp_path, {"svc/api.py": api}) == {STATUS}


OVERRIDE = (
    "import requests\nfrom framework.steps import Step\n\n\nclass Client(Step):\n"
    "    def status(self):\n        return requests.get('https://a.example.com').text\n\n"
    "    def get_state(self):\n        return requests.get('https://b.example.com').text\n"
)


def test_a_public_method_of_a_framework_subclass_may_be_a_hook(tmp_path: Path) -> None:
    assert _found(tmp_path, client=OVERRIDE) == {7, 10}


def test_a_base_imported_by_a_shorter_name_is_the_project_class(tmp_path: Path) -> None:
    """`from steps import Step` beside `svc/steps.py` (a Python 2 implicit relative import) names the project's
    class: no framework calls `get_state`."""
    steps = "class Step(object):\n    def run(self):\n        return 'step'\n"
    client = OVERRIDE.replace("from framework.steps import Step", "from steps import Step")
    assert _found(tmp_path, {"svc/steps.py": steps}, client=client) == {7}
    # the base's own `run` calls it: a template method's step (diffgram's `ActionRunner.run`)
    calling = steps.replace("return 'step'", "return self.get_state()")
    assert _found(tmp_path, {"svc/steps.py": calling}, client=client) == {7, 10}


def test_a_class_decorator_that_adds_dunders_registers_nothing(tmp_path: Path) -> None:
    """Python 2's `@python_2_unicode_compatible` adds `__str__`; another decorator may register the class."""
    steps = "from django.utils.encoding import python_2_unicode_compatible\nfrom svc import hooks\n\n\n@DECO\nclass Step(object):\n    pass\n"
    client = OVERRIDE.replace("from framework.steps import Step", "from steps import Step")
    hooks = {"svc/hooks.py": "def register(cls):\n    return cls\n"}
    assert _found(tmp_path, {"svc/steps.py": steps.replace("DECO", "python_2_unicode_compatible"), **hooks}, client=client) == {7}
    assert _found(tmp_path, {"svc/steps.py": steps.replace("DECO", "hooks.register"), **hooks}, client=client) == {7, 10}


def test_a_registering_decorator_keeps_it(tmp_path: Path) -> None:
    client = CLIENT.replace("    def get_state(self):", "    @hooks.register\n    def get_state(self):").replace(
        "import requests\n", "import requests\nfrom svc import hooks\n")
    assert _found(tmp_path, {"svc/hooks.py": "def register(f):\n    return f\n"}, client=client) == {STATUS + 1, GET_STATE + 2}


def test_name_like_strings_only() -> None:
    assert string_names("'get_state'") == ["get_state"]
    assert string_names('"pkg.mod:Cls.get_state"') == ["pkg", "mod", "Cls", "get_state"]
    assert string_names("'{{get_state}}'") == []
    assert string_names("'Calling get_state now'") == ["Calling", "get_state", "now"]
    assert string_names("get_state: ", piece=True) == []



def test_a_library_distribution_below_the_root_keeps_its_api() -> None:
    """A sub-distribution that runs nothing of its own is a library others import: its unused methods stay."""
    from types import SimpleNamespace

    from prr_lint.project.unused_names import UnusedNames

    def module(path: str, uses: Dict[str, int]) -> SimpleNamespace:
        return SimpleNamespace(path=path, method_uses=uses, own_uses={}, property_parts={})

    modules = {"svc.client": module("svc/client.py", {}), "common.remote": module("libs/common/common/remote.py", {})}
    index = SimpleNamespace(modules=modules, functions={"svc.client.Client.get_state": None, "common.remote.Remote.get_state": None},
                            classes={"svc.client.Client": (), "common.remote.Remote": ()}, module_of=lambda name: name.rpartition(".")[0])
    names = UnusedNames(index, set(), [], lambda qualname: True, ["libs/common"])
    assert names.unused("svc.client.Client", "get_state")
    assert not names.unused("common.remote.Remote", "get_state")


LIMITS = CLIENT + (
    "\n    def get_limit(self):\n        return requests.get('https://c.example.com').json()\n\n"
    "    def set_limit(self, value):\n        requests.post('https://c.example.com', data=value)\n\n"
    "    limit = property(get_limit, set_limit)\n"
)
GET_LIMIT, SET_LIMIT = 19, 22


def test_a_property_nothing_reads_keeps_none_of_its_methods(tmp_path: Path) -> None:
    """python-qbittorrent's `global_download_limit = property(get_..., set_...)` that mylar never reads: the class
    body names the getter and setter only to build the property."""
    assert _found(tmp_path, client=LIMITS) == {STATUS}


def test_a_property_read_keeps_its_methods(tmp_path: Path) -> None:
    admin = "from svc.app import app\nfrom svc.client import Client\n\n\n@app.route('/limit')\ndef limit():\n    return Client('a').limit\n"
    assert _found(tmp_path, {"svc/admin.py": admin}, LIMITS) == {STATUS, GET_LIMIT, SET_LIMIT}


def test_a_method_a_class_body_names_otherwise_stays(tmp_path: Path) -> None:
    """`alias = get_limit` is a use of the method itself, whoever reads `alias`."""
    client = LIMITS.replace("limit = property(get_limit, set_limit)", "alias = get_limit")
    assert _found(tmp_path, client=client) == {STATUS, GET_LIMIT}



# GeoSight (n60): an auth handler the app keeps as an object, with a private method nothing calls whose own body
# names it in a debug line.
HANDLER_APP = ("from flask import Flask\n\nfrom svc.handlers import AuthHandler\n\napp = Flask(__name__)\n"
               "app.extensions['auth'] = AuthHandler('a')\n\n\n@app.route('/status')\ndef status():\n"
               "    return app.extensions['auth'].status()\n")
HANDLERS = ("import requests\n\nfrom svc.utils import log_debug\n\n\nclass AuthHandler:\n    def __init__(self, tenant):\n"
            "        self.tenant = tenant\n\n    def status(self):\n        return requests.get('https://login.example.com').text\n\n"
            "    def _graph_user(self, token):\n        output = requests.get('https://graph.example.com/me').json()\n"
            "        log_debug('_graph_user', output)\n        return output\n")
UTILS = "import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef log_debug(label, output):\n    logger.debug('%s: %s', label, output)\n"
HANDLER_STATUS, GRAPH_USER = 11, 14


def test_a_folders_linter_settings_declare_no_library_distribution(tmp_path: Path) -> None:
    """GeoSight (n60): `django_project/setup.cfg` holds only `[flake8]`, which declares no distribution, so the service's
    package is no library whose API others call: a private method nothing calls stays dead, its own debug line's string
    aside. A `[metadata]` or `[options]` section, a pyproject.toml's `[project]` table or a build backend's, or a setup.py
    declares one, whose methods other distributions may call."""
    files = {"svc/__init__.py": "", "svc/app.py": HANDLER_APP, "svc/handlers.py": HANDLERS, "svc/utils.py": UTILS}

    def found(name: str, declaration: str, text: str) -> set:
        return {f.span.line for f in run_on_disk(tmp_path / name, files, whole_project=True, on_disk_only={f"svc/{declaration}": text}).findings
                if f.rule == "PRR501" and f.path == "svc/handlers.py"}

    assert found("flake8", "setup.cfg", "[flake8]\nexclude = */migrations/*\nmax-complexity = 10\n") == {HANDLER_STATUS}
    assert found("black", "pyproject.toml", "[tool.black]\nline-length = 100\n") == {HANDLER_STATUS}
    both = {HANDLER_STATUS, GRAPH_USER}
    assert found("metadata", "setup.cfg", "[metadata]\nname = svc-auth\n\n[flake8]\nmax-complexity = 10\n") == both
    assert found("options", "setup.cfg", "[options]\npackages = find:\n") == both
    assert found("project", "pyproject.toml", "[project]\nname = 'svc-auth'\nversion = '1.0'\n") == both
    assert found("poetry", "pyproject.toml", "[tool.poetry]\nname = 'svc-auth'\n") == both
    assert found("setup-py", "setup.py", "from setuptools import setup\n\nsetup(name='svc-auth')\n") == both
    called = {**files, "svc/app.py": HANDLER_APP + "\n\n@app.route('/me')\ndef me():\n    return app.extensions['auth']._graph_user('t')\n"}
    assert {f.span.line for f in run_on_disk(tmp_path / "called", called, whole_project=True,
                                             on_disk_only={"svc/setup.cfg": "[flake8]\n"}).findings if f.path == "svc/handlers.py"} == both
