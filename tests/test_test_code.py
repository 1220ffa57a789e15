"""Test code found by behaviour, not by folder name: a module that imports a test framework is test
code (the per-file checks of service code skip it), and a module only test code imports, in a
top-level package that holds tests and no serving code, is test support (out of the serving scope)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict

import pytest
from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.paths import is_test_code
from prr_lint.runner import run_jobs

VIEWS = (
    "from flask import Blueprint\nbp = Blueprint('b', __name__)\n\n"
    "@bp.get('/a')\ndef a():\n    return 'ok'\n"
)


def _found(files: Dict[str, str], scope: str = "serving"):
    settings = replace(settings_with(), root=Path("."), scope=scope)
    run = run_jobs(jobs_for(files), Plan(settings, tuple(REGISTRY.select(["PRR1", "PRR4", "PRR5"], [], []))))
    return sorted((f.path, f.span.line, f.rule) for f in run.findings)


def test_what_a_module_imports_or_subclasses_makes_it_test_code() -> None:
    assert is_test_code("svc/pytest_plugin.py", ["pytest"])
    assert is_test_code("e2e/core/utilities.py", ["requests", "playwright.sync_api.expect"])
    assert is_test_code("checks/cases.py", ["hypothesis.strategies.text"])
    assert is_test_code("features/steps/slots.py", ["json", "behave.step", "behave.then"])
    assert is_test_code("svc/checks.py", ["django.test.TestCase"], ["django.test.TestCase"])
    assert is_test_code("svc/checks.py", ["unittest"], ["unittest.TestCase"])
    # rendering pages with Playwright, or a test double of the standard library, is no test framework
    assert not is_test_code("svc/render.py", ["playwright.sync_api.sync_playwright", "playwright.sync_api.Page"])
    assert not is_test_code("svc/views.py", ["pytesseract", "flask.Flask"])


def test_the_test_runners_of_abseil_twisted_and_the_frameworks_make_test_code() -> None:
    # grr's sandbox_unprivileged_test_lib.py: `from absl.testing import absltest`, `class T(absltest.TestCase)`
    assert is_test_code("svc/sandbox_lib.py", ["absl.testing.absltest"], ["absl.testing.absltest.TestCase"])
    assert is_test_code("svc/cases.py", ["absl.flags"], ["absl.testing.parameterized.TestCase"])
    assert is_test_code("svc/cases.py", ["twisted.trial.unittest"])
    assert is_test_code("svc/cases.py", [], ["twisted.trial.unittest.SynchronousTestCase"])
    assert is_test_code("svc/cases.py", [], ["unittest.IsolatedAsyncioTestCase"])
    assert is_test_code("svc/cases.py", [], ["unittest.case.TestCase"])
    assert is_test_code("svc/cases.py", [], ["tornado.testing.AsyncHTTPTestCase"])
    assert is_test_code("svc/cases.py", [], ["django.test.testcases.TransactionTestCase"])
    assert is_test_code("svc/cases.py", [], ["rest_framework.test.APITestCase"])
    # the service's own use of Abseil's flags or Twisted's reactor is no test framework
    assert not is_test_code("svc/main.py", ["absl.flags", "absl.app", "twisted.internet.reactor"], ["twisted.web.resource.Resource"])
    assert not is_test_code("svc/main.py", ["unittest.mock"], ["svc.base.TestCaseRecorder"])


def test_an_absltest_module_outside_tests_is_skipped_by_the_service_checks() -> None:
    absl_case = (
        "import urllib.request\nfrom absl.testing import absltest\n\n"
        "class SandboxTest(absltest.TestCase):\n    def testUrlDownload(self):\n"
        "        urllib.request.urlopen('https://example.com/')\n"
    )
    service = "import urllib.request\nfrom absl import flags\n\ndef fetch():\n    return urllib.request.urlopen('https://example.com/')\n"
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/sandbox_test_lib.py": absl_case, "svc/fetch.py": service}
    assert _found(files, "all") == [("svc/fetch.py", 5, "PRR501")]


def test_a_pytest_plugin_inside_the_package_is_test_code_in_every_scope() -> None:
    plugin = (
        "import pytest\nimport requests\n\n@pytest.fixture\ndef server():\n    print('starting')\n"
        "    return requests.get('http://api.internal')\n"
    )
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/pytest_plugin.py": plugin}
    assert _found(files, "serving") == []
    assert _found(files, "all") == []


def test_page_objects_only_an_end_to_end_suite_uses_are_test_support() -> None:
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS,
        "e2e/__init__.py": "",
        "e2e/core/__init__.py": "",
        "e2e/core/basepage.py": "from playwright.sync_api import Page\n\nclass BasePage:\n    def open(self, page):\n        print('opening')\n",
        "e2e/pages/__init__.py": "",
        "e2e/pages/home.py": "from e2e.core.basepage import BasePage\n\nclass Home(BasePage):\n    pass\n",
        "e2e/suite/__init__.py": "",
        "e2e/suite/flows.py": "from playwright.sync_api import expect\nfrom e2e.pages.home import Home\n\ndef visit(page):\n    expect(page).to_have_title('x')\n",
        "e2e/unused.py": "def helper():\n    print('nobody imports me')\n",
    }
    # the page object is test support; a module nobody imports may be loaded by name, and stays
    assert _found(files) == [("e2e/unused.py", 2, "PRR401")]
    assert ("e2e/core/basepage.py", 5, "PRR401") in _found(files, "all")


def test_a_service_module_only_tests_import_is_still_the_service() -> None:
    """The service may load it by a settings string (a middleware): its package serves."""
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS,
        "svc/middleware.py": "class Timing:\n    def __call__(self, request):\n        print('timing')\n",
        "svc/checks.py": "import pytest\nfrom svc.middleware import Timing\n\ndef test_timing():\n    Timing()(None)\n",
    }
    assert _found(files) == [("svc/middleware.py", 3, "PRR401")]


# A service package beside a worker package whose main block runs `prune` and whose tests import its helpers.
WORKERS = {
    "svc/__init__.py": "",
    "svc/views.py": VIEWS,
    "workers/__init__.py": "",
    "workers/prune.py": "def prune():\n    print('pruned')\n\nif __name__ == '__main__':\n    prune()\n",
    "workers/helpers.py": "def log_run():\n    print('run')\n",
    "workers/test/__init__.py": "",
    "workers/test/test_prune.py": "from workers.helpers import log_run\nfrom workers.prune import prune\n\ndef test_prune():\n    prune()\n",
}


def test_a_worker_run_by_its_main_block_that_only_tests_import_is_still_the_service() -> None:
    files = dict(WORKERS)
    assert ("workers/helpers.py", 2, "PRR401") in _found(files)


ENVIRONMENT = (
    "import requests\n\ndef before_all(context):\n    context.api = requests.get('http://api.internal:8008')\n\n"
    "def after_feature(context, feature):\n    print('done', feature)\n"
)


def test_a_behave_environment_module_is_test_code() -> None:
    """patroni's `features/environment.py`: behave runs its hooks by name around the acceptance
    tests, whose steps import behave; the module itself need not."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "features/environment.py": ENVIRONMENT,
             "features/steps/basic.py": "from behave import step\n\n@step('it runs')\ndef runs(context):\n    pass\n"}
    assert _found(files) == []


def test_hook_names_without_a_behave_suite_are_the_service() -> None:
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "features/environment.py": ENVIRONMENT}
    assert ("features/environment.py", 4, "PRR501") in _found(files)


ONE_HOOK = "import requests\n\ndef before_all(context):\n    context.data = requests.get('https://data.example.org/set.zip')\n"


def test_the_environment_module_of_a_behave_suite_with_one_hook_is_test_code() -> None:
    """behave loads `environment.py` from the folder whose `steps/` holds the steps (here star-imported
    from behave), so one hook there is test code."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "features/environment.py": ONE_HOOK,
             "features/steps/basic.py": "from behave import *\n\n@step('it runs')\ndef runs(context):\n    pass\n"}
    assert _found(files) == []


def test_one_hook_name_outside_a_behave_suite_folder_is_the_service() -> None:
    """Only the suite's own `environment.py` is loaded by behave: one hook name in a service module
    beside a behave suite is a coincidence."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/environment.py": ONE_HOOK,
             "features/steps/basic.py": "from behave import step\n\n@step('it runs')\ndef runs(context):\n    pass\n"}
    assert ("svc/environment.py", 4, "PRR501") in _found(files)


def _found_as(files: Dict[str, tuple], scope: str = "serving"):
    """`_found` for files whose module name is given (path -> (module, source)): a package below
    folders without `__init__.py` is indexed by its own name and imported through those folders."""
    from prr_lint.engine import FileJob

    jobs = [FileJob(path, module, path.endswith("__init__.py"), source.encode()) for path, (module, source) in sorted(files.items())]
    settings = replace(settings_with(), root=Path("."), scope=scope)
    return sorted((f.path, f.span.line, f.rule) for f in run_jobs(jobs, Plan(settings, tuple(REGISTRY.select(["PRR5"], [], [])))).findings)


def _namespace_suite(views: str = VIEWS) -> Dict[str, tuple]:
    return {
        "svc/__init__.py": ("svc", ""),
        "svc/views.py": ("svc.views", views),
        "test_helpers/test_endpoints/__init__.py": ("test_endpoints", ""),
        "test_helpers/test_endpoints/client.py": ("test_endpoints.client", "import os\nimport requests\n\nPING = requests.get(os.environ['HOST'])\n"),
        "test_helpers/test_endpoints/timing.py": ("test_endpoints.timing", "import pytest\nfrom test_helpers.test_endpoints.client import PING\n"),
        "svc/tests/__init__.py": ("svc.tests", ""),
        "svc/tests/test_teams.py": ("svc.tests.test_teams", "from test_helpers.test_endpoints.timing import PING\n"),
    }


def test_a_module_of_a_namespace_package_only_tests_import_is_test_support() -> None:
    """lite-api's `test_helpers/test_endpoints/client.py` (`test_helpers/` has no `__init__.py`):
    indexed as `test_endpoints.client`, imported by test code as `test_helpers.test_endpoints.client`."""
    assert _found_as(_namespace_suite()) == []
    assert _found_as(_namespace_suite(), "all") == [("test_helpers/test_endpoints/client.py", 4, "PRR501")]
    # the service imports it too: it is the service's
    views = VIEWS + "from test_helpers.test_endpoints.client import PING\n"
    assert _found_as(_namespace_suite(views)) == [("test_helpers/test_endpoints/client.py", 4, "PRR501")]


def _harness() -> Dict[str, str]:
    """A functional/stress test harness beside the service (CMS's cmstestsuite): unit tests, test programs
    run by their main blocks that import no test framework, a browser helper they use, and a loose script."""
    return {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS,
        "harness/__init__.py": "",
        "harness/web.py": "import requests\n\nclass Browser:\n    def get(self, url):\n        return requests.get(url)\n",
        "harness/StressTest.py": "from harness.web import Browser\n\ndef main():\n    Browser().get('http://cws')\n\n"
                                 "if __name__ == '__main__':\n    main()\n",
        "harness/i18n/__init__.py": "",
        "harness/i18n/parse_msgfmt.py": "import sys\n\ndef main():\n    sys.stdout.write(sys.stdin.read())\n\n"
                                        "if __name__ == '__main__':\n    main()\n",
        "harness/unit_tests/__init__.py": "",
        "harness/unit_tests/test_views.py": "from svc.views import a\n\ndef test_a():\n    assert a() == 'ok'\n",
    }


def test_the_helpers_of_a_test_harness_run_by_its_test_programs_are_test_support() -> None:
    assert _found(_harness()) == []
    assert ("harness/web.py", 5, "PRR501") in _found(_harness(), "all")


def test_a_harness_helper_the_service_imports_stays_and_test_names_are_words() -> None:
    proxy = VIEWS.replace("from flask import Blueprint\n", "from flask import Blueprint\nfrom harness.web import Browser\n") \
        + "\n@bp.get('/proxy')\ndef proxy():\n    return Browser().get('http://upstream')\n"
    files = {**_harness(), "svc/views.py": proxy}
    assert ("harness/web.py", 5, "PRR501") in _found(files)
    # a program's name says test by a word of it, not by `test` inside another word (`contest`)
    from prr_lint.project.test_programs import name_says_test

    assert name_says_test("harness.RunFunctionalTests") and name_says_test("harness.run_tests")
    assert not name_says_test("svc.contest") and not name_says_test("svc.latest_news")


def test_a_package_testing_no_other_package_is_no_harness_for_its_test_program() -> None:
    """A service's own package with a test runner program beside its worker: it tests no other package,
    so the worker's main block still makes it the service's."""
    files = {**WORKERS, "workers/RunTests.py": "import sys\n\nif __name__ == '__main__':\n    sys.exit(0)\n"}
    assert ("workers/helpers.py", 2, "PRR401") in _found(files)


_APP = {
    "panel/__init__.py": "",
    "panel/apps.py": "from django.apps import AppConfig\n\n\nclass PanelConfig(AppConfig):\n    name = 'panel'\n",
    "panel/models.py": "from django.db import models\n",
    "panel/tests.py": "import requests\n\nres = requests.get('http://cyberpanel.example/version.txt')\nprint(res.json()['version'])\n",
}
_FETCH = ("panel/tests.py", 3, "PRR501")


def test_a_django_app_s_tests_module_nothing_imports_is_not_the_service() -> None:
    """`manage.py startapp` writes `tests.py`; Django's test runner loads it, nothing else does (cyberpanel's
    scratch `baseTemplate/tests.py`): out of the serving scope, reported under `scope = "all"`."""
    assert _FETCH not in _found(_APP)
    assert _FETCH in _found(_APP, scope="all")


def test_a_tests_module_service_code_imports_is_service_code() -> None:
    views = "from panel.tests import res\n\n\ndef version():\n    return res\n"
    assert _FETCH in _found({**_APP, "panel/views.py": views})


@pytest.mark.parametrize("loader", [
    "import importlib\n\nimportlib.import_module('panel.tests')\n",
    "from django.utils.module_loading import autodiscover_modules\n\nautodiscover_modules('tests')\n",
    "MIDDLEWARE = ['panel.tests.Probe']\n",
    "import importlib\n\n\ndef load(name):\n    return importlib.import_module('panel.' + name)\n",
    "import importlib\nimport pkgutil\n\nimport panel\n\nfor info in pkgutil.walk_packages(panel.__path__, 'panel.'):\n"
    "    importlib.import_module(info.name)\n",
])
def test_a_module_that_may_load_tests_by_name_keeps_it_service_code(loader: str) -> None:
    assert _FETCH in _found({**_APP, "panel/loader.py": loader})


def test_a_tests_module_another_tests_module_imports_stays_test_code() -> None:
    """The chain starts nowhere: `other/tests.py` importing `panel.tests` loads it only when something loads it."""
    other = {"other/__init__.py": "", "other/models.py": "", "other/tests.py": "from panel.tests import res\n"}
    assert _FETCH not in _found({**_APP, **other})


def test_a_test_module_importing_tests_leaves_it_test_code() -> None:
    assert _FETCH not in _found({**_APP, "panel/test_views.py": "from panel.tests import res\n"})


def test_a_tests_module_outside_a_django_app_is_service_code() -> None:
    files = {name: text for name, text in _APP.items() if not name.endswith(("apps.py", "models.py"))}
    assert _FETCH in _found(files)
