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


# A bundled client SDK of the service's API (staffjoy-suite's `staffjoy/`): its `__init__` re-exports `Client`, it
# holds its own tests, and only the service's smoke tests import it; the service never does.
SDK = {
    "svc/__init__.py": "",
    "svc/views.py": VIEWS,
    "sdk/__init__.py": "from sdk.client import Client\n",
    # it asks the API for its base URL as it is imported (a call no dead-code reading can leave out)
    "sdk/client.py": "import requests\n\nAPI = requests.get('https://api.example.com/v2/').json()\n\n\nclass Client:\n"
                     "    def get(self, path):\n        return requests.get(API['base'] + path, timeout=5)\n",
    "sdk/test/__init__.py": "",
    "sdk/test/test_client.py": "from sdk import Client\n\ndef test_get():\n    Client().get('me')\n",
    "tests/__init__.py": "",
    "tests/smoke/__init__.py": "",
    "tests/smoke/test_api.py": "from sdk import Client\n\ndef test_me():\n    assert Client().get('me')\n",
}
SDK_CALL = ("sdk/client.py", 3, "PRR501")


def _sdk(tmp_path: Path, files: Dict[str, str], shipped: Dict[str, str] = {}, scope: str = "serving"):
    """`_found` (PRR501 only) over a whole project written under `tmp_path`, with `shipped` launch files."""
    for name, text in {**files, **shipped}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    settings = replace(settings_with(), root=tmp_path, scope=scope)
    plan = Plan(settings, tuple(REGISTRY.select(["PRR501"], [], [])), whole_project=True,
                launch_files=tuple(str(tmp_path / name) for name in shipped))
    return sorted((f.path, f.span.line, f.rule) for f in run_jobs(jobs_for(files), plan).findings)


def test_a_bundled_client_sdk_only_tests_import_is_test_support_with_its_init(tmp_path: Path) -> None:
    # a hostname, an address or a URL's path holding its word runs no package (`www.sdk.com`), nor does a CI pipeline
    # or a test script that runs the tests, nor a message of the service's naming its site (`"Details at help.sdk.com"`)
    # a sentence of the service's naming its brand as a word (an answer its phone line reads out), a README, a licence
    # or pip's requirements naming its folder
    files = {**SDK, "svc/views.py": VIEWS + "\nNOTICE = 'Details at help.sdk.com'\nSAY = 'You may also email sales at sdk dot com.'\n"
             "LINKS = {'github': 'https://github.com/sdk', 'mail': 'mailto:team@sdk.com', 'logo': '/static/logo/sdk.png'}\n"}
    for name, text in {"README.txt": "Run the sdk tests with pytest sdk\n", "requirements.txt": "requests\n-e ./sdk\n",
                       "LICENSE.txt": "sdk is free software\n", "app/static/site.css": ".sdk { color: red }\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    shipped = {"Dockerfile": "FROM python:3.11\nCMD gunicorn svc.views:bp\n", "conf/nginx.conf": "server_name www.sdk.com;\n",
               "deploy/app.env": "SUPPORT_EMAIL=help@sdk.com\nAPI=https://api.example.com/sdk\n",
               ".travis.yml": "script: python -m pytest sdk tests\n", "tests/run_smoke.sh": "#!/bin/sh\npython -m pytest sdk\n"}
    assert _sdk(tmp_path, files, shipped) == []
    assert _sdk(tmp_path, files, shipped, "all") == [SDK_CALL]


@pytest.mark.parametrize("change", [
    # the service uses the SDK: through the re-export, or a module of it
    {"svc/views.py": VIEWS + "from sdk import Client\n\n@bp.get('/me')\ndef me():\n    return Client().get('me')\n"},
    {"svc/jobs.py": "from sdk.client import Client\n\ndef sync():\n    return Client().get('jobs')\n"},
    # the package holds no tests of its own: only the service's tests import it, and it may be loaded by a settings string
    {"sdk/test/__init__.py": None, "sdk/test/test_client.py": None},
    # it is a program (`python -m sdk`), or a module of it loops until stopped or builds an app: it may run on its own
    {"sdk/__main__.py": "from sdk import Client\n\nClient().get('me')\n"},
    {"sdk/poll.py": "from sdk.client import Client\n\ndef poll():\n    while True:\n        Client().get('events')\n"},
    {"sdk/app.py": "from flask import Flask\n\napp = Flask(__name__)\n"},
    # a loader of a computed name may load it
    {"svc/plugins.py": "import importlib\nimport os\n\nPLUGIN = importlib.import_module(os.environ['PLUGIN'])\n"},
    # the service imports it where the index sees no module-level import, or names it for a loader in a string
    {"svc/views.py": VIEWS + "\n\n@bp.get('/me')\ndef me():\n    from sdk import Client\n    return Client().get('me')\n"},
    {"svc/plugins.py": "import importlib\n\nSDK = importlib.import_module('sdk')\n"},
    {"svc/settings.py": "INSTALLED_APPS = ['django.contrib.admin', 'sdk']\n"},
    {"svc/settings.py": "MIDDLEWARE = ['sdk.middleware.Timing']\n", "sdk/middleware.py": "class Timing:\n    pass\n"},
    {"svc/app.py": "from flask import Flask\n\napp = Flask(__name__)\napp.config.from_object('sdk.config.Prod')\n",
     "sdk/config.py": "class Prod:\n    DEBUG = False\n"},
    # or by a module of it from the package's folder on `sys.path`
    {"svc/direct.py": "import sys\n\nsys.path.insert(0, '/srv/app/sdk')\nimport client\n"},
    # or starts a process that runs it
    {"svc/jobs.py": "import subprocess\n\ndef sync():\n    subprocess.run('celery -A sdk worker --concurrency 1', shell=True)\n"},
    {"svc/jobs.py": "import subprocess\n\ndef sync():\n    subprocess.run(['python', '/srv/app/sdk/client.py'])\n"},
    # a module of a Python 2 deployment that does not parse imports it
    {"svc/legacy.py": "from sdk import Client\n\nprint 'connected', Client().get('me')\n"},
])
def test_a_bundled_sdk_the_service_may_load_keeps_its_findings(tmp_path: Path, change: Dict[str, str]) -> None:
    files = {name: text for name, text in {**SDK, **change}.items() if text is not None}
    assert SDK_CALL in _sdk(tmp_path, files)


@pytest.mark.parametrize("shipped", [
    {"Dockerfile": "FROM python:3.11\nCMD gunicorn sdk:app\n"},
    {"Procfile": "worker: python -m sdk.client\n"},
    {"deploy/run.sh": "#!/bin/sh\nexec python sdk/client.py\n"},
    {"Dockerfile": "FROM python:3.11\nCMD python /srv/app/sdk/client.py\n"},
    {"conf/supervisor.conf": "[program:worker]\ncommand = celery -A sdk worker\n"},
    {"deploy/app.env": "DJANGO_SETTINGS_MODULE=sdk.settings\n"},
    {"setup.cfg": "[options.entry_points]\nconsole_scripts =\n    sdk-cli = sdk.cli:main\n"},
    # a console script the crontab runs by its own name, declared in a `setup.py` (whose string is no module path)
    {"crontab": "0 * * * * sdk-sync\n"},
    # a program without a `.py` name the index does not hold imports it
    {"bin/sdk-shell": "#!/usr/bin/env python\nfrom sdk import Client\nClient().get('me')\n"},
    # a launch file of the run is read whatever its kind
    {"deploy/jobs.rst": "0 * * * * python -c 'import sdk; sdk.Client()'\n"},
])
def test_a_bundled_sdk_a_launch_file_or_program_runs_keeps_its_findings(tmp_path: Path, shipped: Dict[str, str]) -> None:
    setup = "from setuptools import setup\n\nsetup(name='svc', entry_points={'console_scripts': ['sdk-sync = sdk.client:main']})\n"
    files = {**SDK, "setup.py": setup} if "crontab" in shipped else SDK
    assert SDK_CALL in _sdk(tmp_path, files, shipped)


@pytest.mark.parametrize("change", [
    # a module of another test-holding package imports it, and a settings string loads that module: no candidate
    # importer counts for the `__init__`, only its own modules and test code
    {"svc/settings.py": "MIDDLEWARE = ['audit.middleware.Audit']\n", "audit/__init__.py": "",
     "audit/middleware.py": "from sdk import Client\n\nclass Audit:\n    def __init__(self, get_response):\n        self.client = Client()\n",
     "audit/tests/__init__.py": "", "audit/tests/test_middleware.py": "from audit.middleware import Audit\n\ndef test_audit():\n    Audit(None)\n"},
    # a test module that service code imports runs in the service: a module named like a test, a smoke helper
    {"svc/ab_test.py": "from sdk import Client\n\ndef variant(user):\n    return Client().get(user)\n",
     "svc/views.py": VIEWS + "from svc.ab_test import variant\n"},
    {"tests/smoke/base.py": "from sdk import Client\n\ndef ping():\n    return Client().get('me')\n",
     "svc/views.py": VIEWS + "from tests.smoke.base import ping\n"},
    # code in a string of service code imports it, or a command line runs python in its folder
    {"svc/jobs.py": "import subprocess\nimport sys\n\ndef sync():\n    subprocess.run([sys.executable, '-c', 'import sdk; sdk.Client()'], timeout=60)\n"},
    {"svc/boot.py": "exec('from sdk.client import Client')\n", "svc/views.py": VIEWS + "import svc.boot\n"},
    {"svc/jobs.py": "import subprocess\n\ndef sync():\n    subprocess.run('cd /srv/app/sdk && python client.py', shell=True, timeout=60)\n"},
    # a string of service code is read as a deployment file is: any word of its own or whole folder of a path, not
    # only the shapes of a command line (`-m` glued to its module, a `cwd`, `./x.py` in its folder, a comma-joined
    # settings list, a launcher's `--module pkg.wsgi:app`)
    {"svc/jobs.py": "import subprocess\nimport sys\n\ndef sync():\n    subprocess.run([sys.executable, '-msdk.sync'], timeout=60)\n"},
    {"svc/jobs.py": "import subprocess\n\ndef sync():\n    subprocess.run(['python3', 'client.py'], cwd='/srv/app/sdk', timeout=60)\n"},
    {"svc/jobs.py": "import subprocess\n\ndef sync():\n    subprocess.run('cd /srv/app/sdk && ./client.py', shell=True, timeout=60)\n"},
    {"svc/settings.py": "import os\n\nINSTALLED_APPS = os.environ.get('APPS', 'django.contrib.admin,svc,sdk').split(',')\n"},
    {"svc/settings.py": "import os\n\nMIDDLEWARE = os.environ.get('MW', 'svc.mw.Timing,sdk.middleware.Audit').split(',')\n"},
    {"svc/jobs.py": "import subprocess\n\ndef serve():\n    subprocess.Popen('uwsgi --http :9001 --module sdk.wsgi:application', shell=True)\n"},
    # a test module service code loads by a name in a string runs in the service, and so does what it imports
    {"tests/smoke/base.py": "from sdk import Client\n\ndef ping():\n    return Client().get('me')\n",
     "svc/views.py": VIEWS + "import importlib\n\n@bp.get('/ping')\ndef ping():\n    return importlib.import_module('tests.smoke.base').ping()\n"},
    # a sentence in a command (a log line it echoes, a comment line of a script) hides only its own clause, not the
    # rest of the string: a relative `cd` into the folder, a settings module
    {"svc/jobs.py": "import subprocess\n\ndef sync():\n    subprocess.run('echo Starting the nightly sync. && cd sdk && ./worker.py', "
                    "shell=True, timeout=600)\n", "sdk/worker.py": "#!/usr/bin/env python3\nfrom sdk import Client\n\nClient().get('sync')\n"},
    {"svc/jobs.py": "import subprocess\n\ndef sync():\n    subprocess.run(SCRIPT, shell=True, timeout=600)\n\n\n"
                    "SCRIPT = '''\n# Pull the users from upstream, then exit.\ncd sdk\nexec ./worker.py\n'''\n",
     "sdk/worker.py": "#!/usr/bin/env python3\nfrom sdk import Client\n\nClient().get('sync')\n"},
    {"svc/jobs.py": "import subprocess\n\ndef sync():\n    subprocess.run('echo Reloading the web workers now. && "
                    "DJANGO_SETTINGS_MODULE=sdk.settings ./manage.py migrate', shell=True, timeout=600)\n",
     "sdk/settings.py": "from sdk import Client\n\nCLIENT = Client()\n"},
])
def test_a_bundled_sdk_service_code_may_load_by_another_way_keeps_its_findings(tmp_path: Path, change: Dict[str, str]) -> None:
    files = {name: text for name, text in {**SDK, **change}.items() if text is not None}
    assert SDK_CALL in _sdk(tmp_path, files, {"Dockerfile": "FROM python:3.11\nCMD gunicorn svc.views:bp\n"})


@pytest.mark.parametrize("unlisted", [
    # any text file but documentation and the like may start it, launch file or not: `-c` code, a path, a handler
    {"Dockerfile.worker": "FROM python:3.11\nCMD [\"python\", \"-c\", \"import sdk; sdk.Client()\"]\n"},
    {"deploy/sdk-sync.service": "[Service]\nExecStart=/usr/bin/python3 -c \"import sdk; sdk.Client()\"\n"},
    {"ecosystem.config.js": "module.exports = {apps: [{script: 'python3', args: ['-c', 'import sdk; sdk.Client()']}]};\n"},
    {"deploy/jobs.cron": "0 * * * * cd /srv/app && python3 -c 'import sdk; sdk.Client()'\n"},
    {"deploy/cron.yaml": "spec:\n  workingDir: /srv/app/sdk\n  command: [\"python\", \"-m\", \"client\"]\n"},
    {"deploy/svc.wsgi": "import sdk\nsdk.Client()\nfrom svc.views import app as application\n"},
    {"svc/templates/page.mako": "<%! from sdk import Client %>\n<p>${Client().get('me')}</p>\n"},
    {"svc/fast.pyx": "import sdk\n"},
    {"deploy/warmup.pth": "import sdk\n"},
    {"infra/main.tf": "resource \"aws_lambda_function\" \"sync\" {\n  handler = \"sdk.client.handler\"\n}\n"},
    {"deploy/sync.nomad.hcl": "task \"sync\" {\n  config {\n    args = [\"-c\", \"import sdk; sdk.Client()\"]\n  }\n}\n"},
    # in a hidden folder the project tree does not walk
    {".ebextensions/01.config": "container_commands:\n  sync:\n    command: \"python -c 'import sdk; sdk.Client()'\"\n"},
    # a URL blanks only itself: not code glued to it, nor a compact JSON line that holds one
    {"docker-compose.yml": "services:\n  sync:\n    command: [\"python\", \"-c\", \"import sdk;sdk.Client().get('https://api.example.com/me')\"]\n"},
    {"deploy/task.json": '{"family":"sync","containerDefinitions":[{"command":["python","-m","sdk.client"],'
                         '"environment":[{"name":"API","value":"https://api.example.com"}]}]}'},
    # a `.txt` file that is no documentation, licence or pip requirements by its name (a crontab a Dockerfile installs)
    {"deploy/crontab.txt": "*/5 * * * * cd /srv/app && python -c 'import sdk; sdk.Client().get(\"me\")'\n"},
    # only whole names are documentation: a crontab whose name starts like a changelog's is read
    {"deploy/news_digest_cron.txt": "*/5 * * * * cd /srv/app && python -m sdk.client\n"},
])
def test_a_bundled_sdk_any_deployed_file_names_keeps_its_findings(tmp_path: Path, unlisted: Dict[str, str]) -> None:
    for name, text in unlisted.items():  # written beside the project, not handed over as launch files
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert SDK_CALL in _sdk(tmp_path, SDK, {"Dockerfile": "FROM python:3.11\nCMD gunicorn svc.views:bp\n"})


@pytest.mark.parametrize("program, kept", [("sdk/bin/sync.py", True), ("sdk/sdk/legacy.py", False)])
def test_a_nested_sdk_package_keeps_its_findings_when_python_beside_it_that_did_not_parse_imports_it(
        tmp_path: Path, program: str, kept: bool) -> None:
    """Only the package's own folder's modules that did not parse start nothing: `sdk/bin/sync.py` beside the package
    `sdk/sdk/` (its folder `sdk/` is no package: the package is `sdk`) is a Python 2 program a crontab runs, while
    `sdk/sdk/legacy.py`, which nothing runs, is a module of the package itself."""
    files = {("sdk/" + name if name.startswith("sdk/") else name): text for name, text in SDK.items()}
    shipped = {"Dockerfile": "FROM python:3.11\nCMD gunicorn svc.views:bp\n", **({"crontab": f"0 * * * * python /srv/app/{program}\n"} if kept else {})}
    for name, text in {**files, **shipped, program: "from sdk import Client\n\nprint 'synced', Client().get('me')\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    jobs = [replace(job, module=job.module[len("sdk."):]) if job.path.startswith("sdk/") else job for job in jobs_for(files)]
    plan = Plan(replace(settings_with(), root=tmp_path), tuple(REGISTRY.select(["PRR501"], [], [])), whole_project=True,
                launch_files=tuple(str(tmp_path / name) for name in shipped))
    found = sorted((f.path, f.span.line, f.rule) for f in run_jobs(jobs, plan).findings)
    assert (("sdk/sdk/client.py", 3, "PRR501") in found) == kept


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
