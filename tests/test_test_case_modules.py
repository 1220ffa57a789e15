"""A module of test cases is test code: a class derives, through the project's own bases across modules, from a
library's test case, and, in a file a test runner finds by its name, its other definitions are helpers only its
tests use (otm-core's `geocode/tests.py`: `GeocodeTest(OTMTestCase)` beside a `MockGeocodeRequest`). A class of test
code that is no test case, a module of any other name, a `__main__` block, a framework's or a package walk's load
keep the module the service's."""

from __future__ import annotations

from test_test_code import VIEWS, _found

# A Django app whose settings name a `tests` module (a test runner), so `tests.py` is not taken by its name alone.
_PROJECT = {
    "svc/__init__.py": "",
    "svc/views.py": VIEWS,
    "svc/settings.py": "TEST_RUNNER = 'base.tests.Runner'\n",
    "base/__init__.py": "",
    "base/tests/__init__.py": "class Runner:\n    pass\n",
    "base/tests/base.py": "from django.test import TestCase\n\n\nclass OTMTestCase(TestCase):\n    pass\n",
    "geo/__init__.py": "",
    "geo/models.py": "from django.db import models\n",
    "geo/apps.py": "from django.apps import AppConfig\n\n\nclass GeoConfig(AppConfig):\n    name = 'geo'\n",
}
_CASES = (
    "import requests\nfrom base.tests.base import OTMTestCase\n\n\n"
    "class MockRequest:\n    def __init__(self, address):\n        self.GET = {'address': address}\n\n\n"
    "class GeocodeTest(OTMTestCase):\n    def test_office(self):\n"
    "        requests.get('https://geocode.example/suggest')\n        MockRequest('x')\n"
)
_FETCH = ("geo/tests.py", 12, "PRR501")
_PROGRAM = (
    "import requests\nfrom svc.tests.base import BaseCase\nENDPOINT = 'https://api.example.com/sync'\n\n\n"
    "class SyncClient:\n    def push(self):\n        return requests.post(ENDPOINT, json={'full': True})\n\n\n"
    "class SyncClientTest(BaseCase):\n    def test_endpoint(self):\n        self.assertTrue(ENDPOINT.startswith('https'))\n\n\n"
    "def main():\n    SyncClient().push()\n\n\nif __name__ == '__main__':\n    main()\n"
)


def test_test_cases_through_a_project_base_and_their_helper_are_test_code() -> None:
    files = {**_PROJECT, "geo/tests.py": _CASES}
    assert _FETCH not in _found(files)
    assert _FETCH in _found(files, scope="all")


def test_a_module_of_test_cases_and_helpers_no_test_runner_finds_by_its_name_is_the_service() -> None:
    """No runner discovers `geocoding.py`: whatever loads it is no test runner."""
    files = {**_PROJECT, "geo/geocoding.py": _CASES}
    assert ("geo/geocoding.py", 12, "PRR501") in _found(files)


def test_a_case_deriving_from_a_plain_class_of_test_code_is_no_test_case() -> None:
    """Only a library's test case makes one: a plain class beside test code may be the service's base."""
    suite = {"base/tests/base.py": "class OTMTestCase:\n    def assertOk(self, value):\n        assert value\n"}
    assert _FETCH in _found({**_PROJECT, **suite, "geo/tests.py": _CASES})


def test_a_service_class_deriving_from_a_plain_class_of_a_module_with_a_test_case_is_the_service() -> None:
    """The review's project A: `svc/base.py` is test code by its `unittest.TestCase`, its `Base` is the client's."""
    files = {
        "svc/__init__.py": "",
        "svc/app.py": "from flask import Flask\nfrom svc.client import Client\napp = Flask(__name__)\n\n\n"
                      "@app.route('/items')\ndef items():\n    return Client().fetch()\n",
        "svc/base.py": "import unittest\n\n\nclass Base:\n    timeout = None\n\n\n"
                       "class BaseSelfTest(unittest.TestCase):\n    def test_base(self):\n        self.assertIsNone(Base.timeout)\n",
        "svc/client.py": "import requests\nfrom svc.base import Base\n\n\nclass Client(Base):\n    def fetch(self):\n"
                         "        return requests.get('https://api.example.com/items').json()\n",
    }
    assert ("svc/client.py", 7, "PRR501") in _found(files)


def test_a_program_with_a_test_case_and_a_main_block_is_the_service(tree_lines) -> None:
    """The review's project B3 (`worker: python -m svc.sync`), and the same program as an app's `tests.py`: its
    `__main__` block runs more than tests."""
    base = {"svc/__init__.py": "", "svc/app.py": "from flask import Flask\napp = Flask(__name__)\n\n\n@app.route('/')\n"
            "def index():\n    return 'ok'\n", "svc/tests/__init__.py": "",
            "svc/tests/base.py": "import unittest\n\n\nclass BaseCase(unittest.TestCase):\n    pass\n"}
    assert ("svc/sync.py", 8) in tree_lines({**base, "svc/sync.py": _PROGRAM, "Procfile": "worker: python -m svc.sync\n"})
    program = _PROGRAM.replace("svc.tests.base import BaseCase", "base.tests.base import OTMTestCase as BaseCase")
    assert ("geo/tests.py", 8) in tree_lines({**_PROJECT, "geo/tests.py": program, "Procfile": "worker: python -m geo.tests\n"})


def test_a_django_app_config_beside_a_test_case_is_the_service() -> None:
    """The review's project C: Django imports `geo/apps.py` itself, no code names it."""
    apps = (
        "import requests\nfrom django.apps import AppConfig\nfrom base.tests.base import OTMTestCase\n\n\n"
        "class GeoConfig(AppConfig):\n    name = 'geo'\n\n    def ready(self):\n"
        "        self.regions = requests.get('https://regions.example/list').json()\n\n\n"
        "class GeoConfigTest(OTMTestCase):\n    def test_name(self):\n        self.assertEqual(GeoConfig.name, 'geo')\n"
    )
    assert ("geo/apps.py", 10, "PRR501") in _found({**_PROJECT, "geo/apps.py": apps})


def test_a_plugin_a_package_walk_loads_beside_a_test_case_is_the_service() -> None:
    """The review's project P: the plug-in registers itself by `__init_subclass__`, nothing names it."""
    files = {
        "svc/__init__.py": "",
        "svc/app.py": "from flask import Flask\nfrom svc.plugins import REGISTRY, load_all\napp = Flask(__name__)\nload_all()\n\n\n"
                      "@app.route('/run')\ndef run():\n    return {p.__name__: p().run() for p in REGISTRY}\n",
        "svc/plugins/__init__.py": "import importlib\nimport pkgutil\nREGISTRY = []\n\n\nclass PluginBase:\n"
                                   "    def __init_subclass__(cls, **kwargs):\n        REGISTRY.append(cls)\n\n\n"
                                   "def load_all():\n    for info in pkgutil.iter_modules(__path__):\n"
                                   "        importlib.import_module(f'{__name__}.{info.name}')\n",
        "svc/plugins/geo.py": "import requests\nfrom svc.plugins import PluginBase\nfrom svc.tests.base import BaseCase\n\n\n"
                              "class GeoPlugin(PluginBase):\n    def run(self):\n        return requests.get('https://geo.example/x').json()\n\n\n"
                              "class GeoPluginTest(BaseCase):\n    def test_registered(self):\n        self.assertTrue(GeoPlugin)\n",
        "svc/tests/__init__.py": "",
        "svc/tests/base.py": "import unittest\n\n\nclass BaseCase(unittest.TestCase):\n    pass\n",
    }
    assert ("svc/plugins/geo.py", 8, "PRR501") in _found(files)


def test_a_helper_that_calls_anything_keeps_the_module_the_service() -> None:
    """The second review's P1: a launch file can start a helper (`python -c "from svc.sync.tests import SyncClient;
    SyncClient().push()"`), which no module's words show; only helpers that call nothing are left to the tests."""
    program = _PROGRAM.replace("\n\n\ndef main():\n    SyncClient().push()\n\n\nif __name__ == '__main__':\n    main()\n", "")
    files = {"svc/__init__.py": "", "svc/app.py": "from flask import Flask\napp = Flask(__name__)\n",
             "svc/tests/__init__.py": "", "svc/tests/base.py": "import unittest\n\n\nclass BaseCase(unittest.TestCase):\n    pass\n",
             "svc/sync/__init__.py": "", "svc/sync/tests.py": program,
             "Procfile": "web: gunicorn svc.app:app\nworker: python -c 'from svc.sync.tests import SyncClient; SyncClient().push()'\n"}
    assert ("svc/sync/tests.py", 8, "PRR501") in _found(files)
    assert ("svc/sync/testing.py", 8, "PRR501") in _found({**files, "svc/sync/testing.py": files.pop("svc/sync/tests.py")})


def test_where_modules_load_by_a_computed_name_only_helpers_that_call_nothing_leave_a_test_module() -> None:
    """A loader may take any name of any module: a helper that calls nothing runs nothing it could reach (otm-core's
    `treemap.lib.get_function_by_path` loads a dotted path a database row holds)."""
    loader = "import importlib\n\n\ndef load(path, name):\n    return getattr(importlib.import_module(path), name)\n"
    files = {**_PROJECT, "svc/loader.py": loader, "geo/tests.py": _CASES}
    assert _FETCH not in _found(files)
    calling = "import json\n" + _CASES.replace("self.GET = {'address': address}", "self.GET = json.loads(address)")
    assert ("geo/tests.py", 13, "PRR501") in _found({**files, "geo/tests.py": calling})


def test_a_class_named_as_a_test_deriving_from_no_test_case_is_the_service() -> None:
    service_base = {"base/testing.py": "class OTMTestCase:\n    pass\n"}
    cases = _CASES.replace("base.tests.base", "base.testing")
    assert _FETCH in _found({**_PROJECT, **service_base, "geo/tests.py": cases})
    assert _FETCH in _found({**_PROJECT, "geo/tests.py": _CASES.replace("(OTMTestCase)", "")})


def test_a_module_of_test_cases_that_registers_a_route_is_the_service() -> None:
    cases = _CASES + "\n\n" + VIEWS.replace("'/a'", "'/geo'").replace("def a()", "def geo()")
    assert _FETCH in _found({**_PROJECT, "geo/tests.py": cases})


def test_a_module_of_test_cases_whose_helper_service_code_uses_is_the_service() -> None:
    views = VIEWS + "\n\nfrom geo.tests import MockRequest\n\n\ndef b():\n    return MockRequest('y')\n"
    assert _FETCH in _found({**_PROJECT, "svc/views.py": views, "geo/tests.py": _CASES})


def test_a_module_of_test_cases_whose_helper_a_loader_names_is_the_service() -> None:
    loader = (
        "import importlib\n\n\ndef load(name):\n"
        "    return getattr(importlib.import_module('geo.' + name), 'MockRequest')\n"
    )
    assert _FETCH in _found({**_PROJECT, "svc/loader.py": loader, "geo/tests.py": _CASES})
    hook = _PROJECT["svc/settings.py"] + "GEOCODER = 'geo.tests'\n"  # a dotted path a library imports
    assert _FETCH in _found({**_PROJECT, "svc/settings.py": hook, "geo/tests.py": _CASES})


def test_a_module_of_test_cases_that_calls_out_at_its_top_level_is_the_service() -> None:
    cases = _CASES + "\n\nPROBE = requests.get('https://geocode.example/health')\n"
    assert ("geo/tests.py", 16, "PRR501") in _found({**_PROJECT, "geo/tests.py": cases})


def test_a_top_level_function_beside_test_cases_that_service_code_imports_is_the_service() -> None:
    """Before: every class a test case through a project base made the module test code, hiding a helper
    function service code runs."""
    cases = (
        "import requests\nfrom base.tests.base import OTMTestCase\n\n\n"
        "def fetch():\n    return requests.get('https://geocode.example/suggest')\n\n\n"
        "class GeocodeTest(OTMTestCase):\n    def test_fetch(self):\n        fetch()\n"
    )
    views = VIEWS + "\n\nfrom geo.tests import fetch\n\n\ndef b():\n    return fetch()\n"
    assert ("geo/tests.py", 6, "PRR501") in _found({**_PROJECT, "svc/views.py": views, "geo/tests.py": cases})
    assert ("geo/tests.py", 6, "PRR501") in _found({**_PROJECT, "geo/tests.py": cases})  # a helper that calls out: a launch file may start it
