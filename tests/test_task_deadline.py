"""PRR501 and Celery time limits (project/task_deadline.py): a call that only time-limited tasks run
has the task's deadline; a task without one, or a helper a view also calls, stays reported."""

from __future__ import annotations

import json

import pytest

from conftest import lint_sources

_CLIENTS = (
    "import requests\n\n\ndef render():\n    return requests.post('https://previews/render', json={}).content\n\n\n"
    "def latest():\n    return requests.get('https://feeds/latest').json()\n"
)
_APP = (
    "from flask import Flask\nfrom svc import clients\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/preview')\ndef preview():\n    return clients.render()\n"
)
_TASKS = (
    "from svc.worker import app\nfrom svc import clients\n\n\n@app.task\ndef refresh():\n    return clients.latest()\n\n\n"
    "@app.task\ndef render_later():\n    return clients.render()\n"
)
_PROJECT = {
    "svc/__init__.py": "",
    "svc/app.py": _APP,
    "svc/clients.py": _CLIENTS,
    "svc/worker.py": "from celery import Celery\n\napp = Celery('svc')\napp.conf.update(task_time_limit=10 * 60)\n",
    "svc/tasks.py": _TASKS,
}


def _lines(files: dict) -> list:
    return [(f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings]


@pytest.mark.parametrize("worker", [
    "from celery import Celery\n\napp = Celery('svc')\napp.conf.update(task_time_limit=10 * 60)\n",
    "from celery import Celery\n\nLIMIT = 300\napp = Celery('svc')\napp.conf.task_soft_time_limit = LIMIT\n",
    "import os\nfrom celery import Celery\n\napp = Celery('svc')\napp.conf.update({'task_time_limit': int(os.environ.get('LIMIT', '600'))})\n",
])
def test_an_app_wide_time_limit_bounds_what_only_tasks_run(worker: str) -> None:
    """`latest` runs only in the worker, under the app's limit; `render` is also a view's: reported."""
    assert _lines({**_PROJECT, "svc/worker.py": worker}) == [("svc/clients.py", 5)]


def test_a_remote_control_command_runs_under_no_task_limit() -> None:
    """`refresh_feeds` runs in a limited task and on a broadcast, in the worker's main process: reported."""
    control = (
        "from celery.worker.control import control_command\nfrom svc import clients\n\n\n"
        "@control_command(args=[('name', str)])\ndef refresh_feeds(state, name):\n    return clients.latest()\n"
    )
    tasks = _TASKS.replace("return clients.latest()", "return control.refresh_feeds(None, 'all')")
    tasks = tasks.replace("from svc import clients\n", "from svc import clients, control\n")
    assert _lines({**_PROJECT, "svc/control.py": control, "svc/tasks.py": tasks}) == [("svc/clients.py", 5), ("svc/clients.py", 9)]
    assert _lines({**_PROJECT, "svc/control.py": control.replace("@control_command(args=[('name', str)])\n", ""),
                   "svc/tasks.py": tasks}) == [("svc/clients.py", 5)]


def test_a_task_limit_bounds_that_task_only() -> None:
    """`@app.task(soft_time_limit=...)` on `refresh`; a task without one leaves its calls reported."""
    worker = "from celery import Celery\n\napp = Celery('svc')\n"
    tasks = _TASKS.replace("@app.task\ndef refresh", "@app.task(soft_time_limit=120)\ndef refresh")
    assert _lines({**_PROJECT, "svc/worker.py": worker, "svc/tasks.py": tasks}) == [("svc/clients.py", 5)]
    assert _lines({**_PROJECT, "svc/worker.py": worker}) == [("svc/clients.py", 5), ("svc/clients.py", 9)]


def test_a_task_class_attribute_is_its_limit() -> None:
    tasks = (
        "from celery import Task\nfrom svc import clients\n\n\nclass Refresh(Task):\n    soft_time_limit = 60\n\n"
        "    def run(self):\n        return clients.latest()\n"
    )
    worker = "from celery import Celery\n\napp = Celery('svc')\n"
    assert _lines({**_PROJECT, "svc/worker.py": worker, "svc/tasks.py": tasks}) == [("svc/clients.py", 5)]


@pytest.mark.parametrize("settings, loads, lines", [
    # Django settings loaded with namespace "CELERY"
    ("CELERY_TASK_SOFT_TIME_LIMIT = 5 * 60\n", "app.config_from_object('django.conf:settings', namespace='CELERY')\n", [5]),
    # without the namespace Celery ignores CELERY_TASK_* (the old CELERYD_* names still count)
    ("CELERY_TASK_SOFT_TIME_LIMIT = 5 * 60\n", "app.config_from_object('django.conf:settings')\n", [5, 9]),
    ("CELERYD_TASK_TIME_LIMIT = 300\n", "app.config_from_object('django.conf:settings')\n", [5]),
    # an hour lets a hung provider pin the worker that long: no deadline
    ("CELERY_TASK_TIME_LIMIT = 60 * 60\n", "app.config_from_object('django.conf:settings', namespace='CELERY')\n", [5, 9]),
])
def test_django_settings_limits(settings: str, loads: str, lines: list) -> None:
    worker = "from celery import Celery\n\napp = Celery('svc')\n" + loads
    files = {**_PROJECT, "svc/worker.py": worker, "svc/settings.py": settings}
    assert _lines(files) == [("svc/clients.py", line) for line in lines]


def test_no_limit_keeps_every_task_call() -> None:
    assert _lines({**_PROJECT, "svc/worker.py": "from celery import Celery\n\napp = Celery('svc')\n"}) == [
        ("svc/clients.py", 5), ("svc/clients.py", 9)]


def test_a_plugin_run_by_a_limited_task_is_bounded_but_not_one_a_view_runs() -> None:
    """A task loads a plugin and calls `plugin.start()`; the base's `start` calls `self.run()`, which
    each plugin overrides: the overrides run in the task. A view starting a plugin keeps its calls."""
    plugins = (
        "import requests\n\n\nclass Plugin:\n    def start(self):\n        return self.run()\n\n    def run(self):\n"
        "        raise NotImplementedError\n\n\nclass Feed(Plugin):\n    def run(self):\n"
        "        return requests.get('https://feeds/latest').json()\n"
    )
    tasks = "from svc.worker import app\nfrom svc.plugins import Plugin\n\n\n@app.task\ndef run(plugin: Plugin):\n    return plugin.start()\n"
    files = {**_PROJECT, "svc/plugins.py": plugins, "svc/tasks.py": tasks, "svc/clients.py": "", "svc/app.py": "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/')\ndef index():\n    return 'ok'\n"}
    assert _lines(files) == []
    view = "from flask import Flask\nfrom svc.plugins import Plugin\n\napp = Flask(__name__)\n\n\n@app.route('/')\ndef index(plugin: Plugin):\n    return plugin.start()\n"
    assert _lines({**files, "svc/app.py": view}) == [("svc/plugins.py", 14)]
    assert _lines({**files, "svc/worker.py": "from celery import Celery\n\napp = Celery('svc')\n"}) == [("svc/plugins.py", 14)]


def test_every_worker_command_line_with_a_limit_bounds_the_tasks(tmp_path, run_cli, monkeypatch) -> None:
    """`celery -A svc worker --soft-time-limit=300` in the Procfile; a commented-out line does not count.
    (The beat schedule sends `refresh`: a task nothing sends is dead code, project/unsent_tasks.py.)"""
    worker = "from celery import Celery\n\napp = Celery('svc')\napp.conf.beat_schedule = {'r': {'task': 'svc.tasks.refresh', 'schedule': 60}}\n"
    for path, source in {**_PROJECT, "svc/worker.py": worker}.items():
        (tmp_path / path).parent.mkdir(exist_ok=True)
        (tmp_path / path).write_text(source)
    monkeypatch.chdir(tmp_path)

    def lines():
        result = run_cli("check", ".", "--select", "PRR501", "--output-format", "json", "--no-cache")
        return [finding["line"] for finding in json.loads(result.output)["findings"]]

    (tmp_path / "Procfile").write_text("web: gunicorn svc.app:app\nworker: celery -A svc worker --soft-time-limit=300 -c 2\n")
    assert lines() == [5]
    (tmp_path / "Procfile").write_text("web: gunicorn svc.app:app\n# worker: celery -A svc worker --soft-time-limit=300\n"
                                       "worker: celery -A svc worker\n")
    assert lines() == [5, 9]


@pytest.mark.parametrize("sends, lines", [
    ("    refresh.apply_async((), soft_time_limit=60)\n    refresh.s().set(time_limit=90).delay()\n", [5]),
    # one send without a limit: the task may run without one
    ("    refresh.apply_async((), soft_time_limit=60)\n    refresh.delay()\n", [5, 9]),
])
def test_a_limit_on_every_send_of_a_task(sends: str, lines: list) -> None:
    worker = "from celery import Celery\n\napp = Celery('svc')\n"
    tasks = "from svc.worker import app\nfrom svc import clients\n\n\n@app.task\ndef refresh():\n    return clients.latest()\n"
    sender = "from svc.tasks import refresh\n\n\ndef kick():\n" + sends
    files = {**_PROJECT, "svc/worker.py": worker, "svc/tasks.py": tasks, "svc/sender.py": sender}
    assert _lines(files) == [("svc/clients.py", line) for line in lines]


@pytest.mark.parametrize("limit, lines", [
    ("int(os.getenv('JOB_SOFT_TIME_LIMIT', 60 * 5))", [5]),
    # half an hour: a hung download pins the worker that long (judged true on baserow)
    ("int(os.getenv('JOB_SOFT_TIME_LIMIT', 60 * 30))", [5, 9]),
])
def test_a_task_limit_read_from_django_settings(limit: str, lines: list) -> None:
    worker = "from celery import Celery\n\napp = Celery('svc')\n"
    tasks = ("from django.conf import settings\nfrom svc.worker import app\nfrom svc import clients\n\n\n"
             "@app.task(soft_time_limit=settings.JOB_SOFT_TIME_LIMIT)\ndef refresh():\n    return clients.latest()\n")
    files = {**_PROJECT, "svc/worker.py": worker, "svc/tasks.py": tasks, "svc/settings.py": f"import os\n\nJOB_SOFT_TIME_LIMIT = {limit}\n"}
    assert _lines(files) == [("svc/clients.py", line) for line in lines]


@pytest.mark.parametrize("config, limits, lines", [
    # seer (H338-H351): `from ...config import HARD_LIMIT_SECS`, the constant another module binds
    ("HARD = 60 * 15\nSOFT = 60 * 10\n", "time_limit=HARD, soft_time_limit=SOFT", [5]),
    ("HARD = 60 * 15\nSOFT = 60 * 10\n", "time_limit=config.HARD", [5]),
    ("from svc.limits import HARD\n", "time_limit=HARD", [5]),  # a re-export
    ("HARD = 60 * 60\nSOFT = 60 * 30\n", "time_limit=HARD, soft_time_limit=SOFT", [5, 9]),  # an hour: too long
    ("import os\n\nHARD = os.environ['HARD']\n", "time_limit=HARD", [5, 9]),  # not known
])
def test_a_task_limit_given_by_a_constant_another_module_binds(config: str, limits: str, lines: list) -> None:
    """A limit named by an imported constant is that constant's value; too long or unknown, no deadline."""
    worker = "from celery import Celery\n\napp = Celery('svc')\n"
    names = "HARD" if "SOFT" not in limits else "HARD, SOFT"
    imports = "from svc import config\n" if "config." in limits else f"from svc.config import {names}\n"
    tasks = (f"{imports}from svc.worker import app\nfrom svc import clients\n\n\n"
             f"@app.task({limits})\ndef refresh():\n    return clients.latest()\n")
    files = {**_PROJECT, "svc/worker.py": worker, "svc/tasks.py": tasks, "svc/config.py": config,
             "svc/limits.py": "HARD = 600\n"}
    assert _lines(files) == [("svc/clients.py", line) for line in lines]


@pytest.mark.parametrize("limit, lines", [
    ("timedelta(minutes=1, seconds=10).total_seconds()", [5]),
    ("timedelta(hours=2).total_seconds()", [5, 9]),
])
def test_a_task_limit_given_as_a_timedelta(limit: str, lines: list) -> None:
    worker = "from celery import Celery\n\napp = Celery('svc')\n"
    tasks = ("from datetime import timedelta\nfrom svc.worker import app\nfrom svc import clients\n\n\n"
             f"@app.task(soft_time_limit={limit})\ndef refresh():\n    return clients.latest()\n")
    assert _lines({**_PROJECT, "svc/worker.py": worker, "svc/tasks.py": tasks}) == [("svc/clients.py", line) for line in lines]


def test_a_step_run_on_its_own_class_runs_its_own_override_only() -> None:
    """seer: `unittest_task` runs `UnittestStep(request).invoke()`, inherited from `PipelineStep`, whose
    `self._invoke()` is UnittestStep's; a view running another step's `invoke` does not reach it."""
    worker = "from celery import Celery\n\napp = Celery('svc')\n"
    steps = (
        "from svc import clients\n\n\nclass Step:\n    def invoke(self):\n        return self._invoke()\n\n"
        "    def _invoke(self):\n        raise NotImplementedError\n\n\n"
        "class Refresh(Step):\n    def _invoke(self):\n        return clients.latest()\n\n\n"
        "class Render(Step):\n    def _invoke(self):\n        return clients.render()\n"
    )
    tasks = ("from svc.worker import app\nfrom svc.steps import Refresh\n\n\n"
             "@app.task(time_limit=900, soft_time_limit=600)\ndef refresh():\n    return Refresh().invoke()\n")
    view = ("from flask import Flask\nfrom svc.steps import Render\n\napp = Flask(__name__)\n\n\n"
            "@app.route('/preview')\ndef preview():\n    return Render().invoke()\n")
    files = {**_PROJECT, "svc/worker.py": worker, "svc/tasks.py": tasks, "svc/app.py": view, "svc/steps.py": steps}
    assert _lines(files) == [("svc/clients.py", 5)]
    # the view runs the refresh step too: its call is a request's, reported
    both = view.replace("import Render", "import Refresh, Render").replace("return Render().invoke()", "return Render().invoke(), Refresh().invoke()")
    assert _lines({**files, "svc/app.py": both}) == [("svc/clients.py", 5), ("svc/clients.py", 9)]
    # the view's step extends its base's `_invoke` with `super()._invoke()`: the base's, not every step's by its name
    extended = steps.replace("        return clients.render()\n", "        super()._invoke()\n        return clients.render()\n")
    assert _lines({**files, "svc/steps.py": extended}) == [("svc/clients.py", 5)]
    # seer's AutofixPipelineStep: the task's step extends a middle base whose `_invoke` makes the call; `super()` runs
    # that base's on the step's own object, in the task
    middle = steps.replace("class Refresh(Step):\n    def _invoke(self):\n        return clients.latest()\n",
                           "class Fetching(Step):\n    def _invoke(self):\n        return clients.latest()\n\n\n"
                           "class Refresh(Fetching):\n    def _invoke(self):\n        return super()._invoke()\n")
    assert _lines({**files, "svc/steps.py": middle}) == [("svc/clients.py", 5)]


def test_a_function_a_project_decorator_registers_may_be_a_request() -> None:
    """seer (H354): `@json_api(blueprint, "/v1/start")` registers a view no framework rule knows; the
    RPC call it makes is also a limited task's, but nothing shows the view is not a request: reported."""
    worker = "from celery import Celery\n\napp = Celery('svc')\n"
    tasks = ("from svc.worker import app\nfrom svc import clients\n\n\n"
             "@app.task(time_limit=60)\ndef refresh():\n    return clients.latest()\n")
    api = ("from svc import clients\n\n\ndef json_api(path):\n    def register(view):\n        ROUTES[path] = view\n"
           "        return view\n    return register\n\n\nROUTES = {}\n\n\n"
           "@json_api('/v1/latest')\ndef latest_endpoint():\n    return clients.latest()\n")
    files = {**_PROJECT, "svc/worker.py": worker, "svc/tasks.py": tasks, "svc/api.py": api}
    assert _lines(files) == [("svc/clients.py", 5), ("svc/clients.py", 9)]
    assert _lines({**files, "svc/api.py": api.replace("return clients.latest()", "return 'ok'")}) == [("svc/clients.py", 5)]


def test_a_fastapi_dependency_runs_in_the_request() -> None:
    """`Depends(clients.latest)`: FastAPI runs `latest` for every request to the route, outside any task."""
    app = ("from fastapi import Depends, FastAPI\nfrom svc import clients\n\napp = FastAPI()\n\n\n"
           "@app.get('/preview')\ndef preview(feed=Depends(clients.latest)):\n    return clients.render()\n")
    assert _lines({**_PROJECT, "svc/app.py": app}) == [("svc/clients.py", 5), ("svc/clients.py", 9)]
    assert _lines({**_PROJECT, "svc/app.py": app.replace("feed=Depends(clients.latest)", "")}) == [("svc/clients.py", 5)]


_GAUGES = (  # a driver module, loaded by name into a table: no file imports it
    "import requests\n\nAPI = 'https://gauges.example/api/'\n\n\n"
    "class Client:\n    def __init__(self, site):\n        self.site = site\n\n"
    "    def pull_levels(self, since):\n"
    "        return requests.get(API + 'levels', params={'since': since}).text\n\n"  # line 11: the task's only
    "    def site_names(self):\n        return self._ask('sites')\n\n"
    "    def _ask(self, path):\n        return requests.get(API + path).json()\n"  # line 17: the setup form's too
)
_DRIVERS = (
    "from importlib import import_module\n\nTABLE = {}\n\n\n"
    "def load(names):\n    for name in names:\n        TABLE[name] = getattr(import_module(f'.{name}', 'svc.drivers'), 'Client')\n"
)
_SITE = (
    "from svc import drivers\n\n\nclass Site:\n    def __init__(self, kind):\n        self.kind = kind\n\n"
    "    def refresh(self):\n        self.client = drivers.TABLE[self.kind](self)\n"
    "        return self.client.pull_levels(None)\n"
)
_SETUP = (  # a form a view builds from the driver table: no call the graph follows reaches its __init__
    "from flask import Flask, request\nfrom svc import drivers\n\napp = Flask(__name__)\n\n\n"
    "class SitesForm:\n    def __init__(self, driver, site):\n        self.choices = driver(site).site_names()\n\n\n"
    "FORMS = {}\n\n\n@app.route('/setup')\ndef setup():\n"
    "    form = FORMS[request.args['step']](drivers.TABLE[request.args['kind']], None)\n    return str(form.choices)\n"
)
_DRIVER_PROJECT = {
    "svc/__init__.py": "", "svc/drivers/__init__.py": _DRIVERS, "svc/drivers/gauges.py": _GAUGES, "svc/site.py": _SITE,
    "svc/setup.py": _SETUP, "svc/worker.py": "from celery import Celery\n\napp = Celery('svc')\n",
    "svc/tasks.py": ("from svc.worker import app\nfrom svc.site import Site\n\n\n"
                     "@app.task(soft_time_limit=300, time_limit=310)\ndef refresh(kind):\n    return Site(kind).refresh()\n"),
}


def test_a_driver_a_limited_task_picks_from_a_table_is_bounded() -> None:
    """enhydris (H57): the task's `self.client.pull_levels(...)` is on a client picked from a table filled by
    name, of no type the graph knows: it stands for every project method of that name, so `pull_levels` runs in
    the limited task only. `site_names` and what it calls run in a setup form too: reported."""
    assert _lines(_DRIVER_PROJECT) == [("svc/drivers/gauges.py", 17)]
    shared = _GAUGES.replace("        return requests.get(API + 'levels', params={'since': since}).text\n",
                             "        return self._ask('levels')\n")
    assert _lines({**_DRIVER_PROJECT, "svc/drivers/gauges.py": shared}) == [("svc/drivers/gauges.py", 17)]


def test_a_driver_method_a_view_calls_by_name_stays_reported() -> None:
    """A route calling `pull_levels` on a receiver of no known type may run any driver's: the same by-name
    reach that bounds the task's call keeps the view's."""
    view = _SETUP + "\n\n@app.route('/levels')\ndef levels():\n    return drivers.TABLE[request.args['kind']](None).pull_levels(0)\n"
    assert _lines({**_DRIVER_PROJECT, "svc/setup.py": view}) == [("svc/drivers/gauges.py", 11), ("svc/drivers/gauges.py", 17)]
    unlimited = {**_DRIVER_PROJECT, "svc/tasks.py": _DRIVER_PROJECT["svc/tasks.py"].replace("(soft_time_limit=300, time_limit=310)", "")}
    assert _lines(unlimited) == [("svc/drivers/gauges.py", 11), ("svc/drivers/gauges.py", 17)]


@pytest.mark.parametrize("call", ["from svc import drawing\n\n\n@app.task\ndef build():\n    return drawing.draw('a')\n",
                                  "from svc.drawing import draw\n\n\n@app.task\ndef build():\n    return draw('a')\n"])
def test_a_function_a_package_reexports_over_its_submodule_is_what_a_task_calls(call: str) -> None:
    """`drawing/__init__.py` imports `draw` from `drawing/draw.py`: `drawing.draw` is the function, not the module, so
    the layout helper it calls runs in the limited task, and the attribution fetch both tasks reach stays bounded."""
    files = {
        "svc/__init__.py": "",
        "svc/worker.py": "from celery import Celery\n\napp = Celery('svc')\napp.conf.update(task_time_limit=900)\n",
        "svc/drawing/__init__.py": "from .draw import draw\n",
        "svc/drawing/draw.py": "from svc.credits import credits\n\n\ndef draw(layer):\n    return layout(layer)\n\n\n"
                               "def layout(layer):\n    return credits(layer)\n",
        "svc/credits.py": "import requests\n\n\ndef credits(layer):\n    return requests.get(f'https://tiles.example/{layer}').text\n",
        "svc/tasks.py": "from svc.worker import app\n" + call,
        "svc/uploads.py": "from svc.credits import credits\nfrom svc.worker import app\n\n\n@app.task\ndef ingest(layer):\n"
                          "    return credits(layer)\n",
    }
    assert _lines(files) == []
    assert _lines({**files, "svc/worker.py": "from celery import Celery\n\napp = Celery('svc')\n"}) == [("svc/credits.py", 5)]


# cookiecutter-django's layout: the package rebinds the name of its own submodule to the Celery app
_COOKIECUTTER = {
    "config/__init__.py": "from .celery_app import app as celery_app\n\n__all__ = ('celery_app',)\n",
    "config/celery_app.py": (
        "from celery import Celery\n\napp = Celery('svc')\napp.config_from_object('django.conf:settings', namespace='CELERY')\n"
        "app.conf.update(task_time_limit=5 * 60)\n"
    ),
    "svc/__init__.py": "",
    "svc/clients.py": _CLIENTS,
    "svc/app.py": _APP,
    "svc/tasks.py": "from config import celery_app\nfrom svc import clients\n\n\n@celery_app.task(soft_time_limit=10000)\n"
                    "def refresh():\n    return clients.latest()\n",
}


def test_a_task_of_the_app_a_package_rebinds_over_its_submodule_is_bounded() -> None:
    """`from config import celery_app` is the app `config/__init__.py` binds, not `config/celery_app.py`:
    `@celery_app.task` declares a task, under the app's hard limit (COSMOS). Without the limit: reported."""
    assert _lines(_COOKIECUTTER) == [("svc/clients.py", 5)]
    unlimited = {**_COOKIECUTTER, "config/celery_app.py": _COOKIECUTTER["config/celery_app.py"].replace("app.conf.update(task_time_limit=5 * 60)\n", "")}
    assert _lines(unlimited) == [("svc/clients.py", 5), ("svc/clients.py", 9)]


def test_a_hand_run_command_calling_a_task_leaves_it_bounded(tmp_path) -> None:
    """A management command no deployment file names runs the task's function by hand: out of the serving
    scope, so the task's limit still covers the call (COSMOS' `load_urls_from_api`). A command the Procfile's
    release phase runs is the deployment's: its unbounded path keeps the finding."""
    from _serving import run_on_disk

    command = ("from django.core.management.base import BaseCommand\nfrom svc.tasks import refresh\n\n\n"
               "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        refresh()\n")
    files = {**_COOKIECUTTER, "svc/management/__init__.py": "", "svc/management/commands/__init__.py": "",
             "svc/management/commands/load_feeds.py": command}
    found = run_on_disk(tmp_path / "by-hand", files, whole_project=True).findings
    assert [(f.path, f.span.line) for f in found] == [("svc/clients.py", 5)]
    procfile = {"Procfile": "web: gunicorn svc.app:app\nrelease: python manage.py load_feeds\n"}
    found = run_on_disk(tmp_path / "released", files, whole_project=True, on_disk_only=procfile, launch_files=("Procfile",)).findings
    assert [(f.path, f.span.line) for f in found] == [("svc/clients.py", 5), ("svc/clients.py", 9)]
