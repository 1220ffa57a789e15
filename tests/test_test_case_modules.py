"""A module of test cases is test code wherever it lives: its classes derive, through the project's own bases
across modules, from a library's test case, and its other definitions are helpers only tests can use
(otm-core's `geocode/tests.py`: `GeocodeTest(OTMTestCase)` beside a `MockGeocodeRequest`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.runner import run_jobs

VIEWS = (
    "from flask import Blueprint\nbp = Blueprint('b', __name__)\n\n"
    "@bp.get('/a')\ndef a():\n    return 'ok'\n"
)
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


def _found(files: Dict[str, str], scope: str = "serving"):
    settings = replace(settings_with(), root=Path("."), scope=scope)
    run = run_jobs(jobs_for(files), Plan(settings, tuple(REGISTRY.select(["PRR1", "PRR4", "PRR5"], [], []))))
    return sorted((f.path, f.span.line, f.rule) for f in run.findings)


def test_test_cases_through_a_project_base_and_their_helper_are_test_code() -> None:
    files = {**_PROJECT, "geo/tests.py": _CASES}
    assert _FETCH not in _found(files)
    assert _FETCH in _found(files, scope="all")


def test_a_module_of_test_cases_is_test_code_under_any_name() -> None:
    files = {**_PROJECT, "geo/geocoding.py": _CASES}
    assert ("geo/geocoding.py", 12, "PRR501") not in _found(files)


def test_a_case_deriving_from_a_class_of_test_code_is_a_test_case() -> None:
    suite = {"base/tests/base.py": "class OTMTestCase:\n    def assertOk(self, value):\n        assert value\n"}
    assert _FETCH not in _found({**_PROJECT, **suite, "geo/tests.py": _CASES})


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
    assert ("geo/tests.py", 6, "PRR501") not in _found({**_PROJECT, "geo/tests.py": cases})
