"""PRR501 and django-q timeouts (project/django_q_deadline.py, django_q_settings.py): the cluster's `timeout`
kills a task, so a call that only django-q tasks run, or a management command only they run (`call_command`),
has the task's deadline; a command a deployment file also runs, a cluster without a timeout, a send that may run
the task synchronously or with no known timeout, stays reported. Under the serving scope dead code keeps no
task's call uncovered (project/task_deadline.py)."""

from __future__ import annotations

import pytest

from _serving import all_scope_lines

_SETTINGS = (
    "def cluster(interval):\n    TIMEOUT = 240\n    return {'name': 'orm', 'timeout': TIMEOUT, 'retry': interval}\n\n\n"
    "Q_CLUSTER = cluster(300)\n"
)
_CLIENTS = (
    "import requests\n\n\ndef elections():\n    return requests.get('https://elections/api').json()\n\n\n"
    "def ballot(url):\n    return requests.get(url).json()\n"
)
_COMMAND = (
    "from django.core.management.base import BaseCommand\nfrom svc import clients\n\n\nclass Command(BaseCommand):\n"
    "    def handle(self, *args, **options):\n        return clients.elections()\n"
)
_VIEWS = (
    "from django.http import JsonResponse\nfrom svc import clients, queued\n\n\n"
    "def ballot(request):\n    queued.later(request.GET['hook'])\n    return JsonResponse(clients.ballot(request.GET['url']))\n"
)
_TASKS = (
    "from django.core.management import call_command as core_call_command\nfrom django_q.models import Schedule\n"
    "from django_q_registry import register_task\n\n\ndef call_command(*args, **kwargs):\n    core_call_command(*args, **kwargs)\n\n\n"
    "@register_task(name='import', schedule_type=Schedule.CRON, cron='*/5 * * * *')\ndef import_elections():\n"
    "    call_command('import_elections', recent=True)\n"
)
_QUEUED = (
    "import requests\nfrom django_q.tasks import async_task\n\n\ndef notify(url):\n    requests.post(url, json={})\n\n\n"
    "def later(url):\n    async_task('svc.queued.notify', url, timeout=30)\n"
)
_PROJECT = {
    "svc/__init__.py": "",
    "svc/settings.py": _SETTINGS,
    "svc/management/__init__.py": "",
    "svc/management/commands/__init__.py": "",
    "svc/management/commands/import_elections.py": _COMMAND,
    "svc/tasks.py": _TASKS,
    "svc/queued.py": _QUEUED,
    "svc/clients.py": _CLIENTS,
    "svc/views.py": _VIEWS,
    "svc/urls.py": "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('ballot/', views.ballot)]\n",
}
_VIEW_CALL = ("svc/clients.py", 9)
_COMMAND_CALL = ("svc/clients.py", 5)


def test_a_command_only_a_timed_django_q_task_runs_is_bounded() -> None:
    """The cluster kills `import_elections` after 240 s; `notify` is queued with its own 30 s timeout."""
    assert all_scope_lines(_PROJECT) == [_VIEW_CALL]


def test_without_a_cluster_timeout_the_calls_stay_reported() -> None:
    settings = _SETTINGS.replace("'timeout': TIMEOUT, ", "")
    assert all_scope_lines({**_PROJECT, "svc/settings.py": settings}) == [_COMMAND_CALL, _VIEW_CALL]
    queued = _QUEUED.replace(", timeout=30", "")
    assert all_scope_lines({**_PROJECT, "svc/settings.py": settings, "svc/queued.py": queued}) == [_COMMAND_CALL, _VIEW_CALL, ("svc/queued.py", 6)]


def test_a_timeout_over_fifteen_minutes_bounds_nothing() -> None:
    settings = _SETTINGS.replace("TIMEOUT = 240", "TIMEOUT = 3600")
    assert all_scope_lines({**_PROJECT, "svc/settings.py": settings}) == [_COMMAND_CALL, _VIEW_CALL]


def test_a_command_code_also_runs_outside_a_task_stays_reported() -> None:
    """A view that runs the same command with `call_command` runs it under no task's timeout."""
    view = _VIEWS.replace("from django.http", "from django.core.management import call_command\nfrom django.http")
    view = view.replace("    queued.later", "    call_command('import_elections')\n    queued.later")
    assert all_scope_lines({**_PROJECT, "svc/views.py": view}) == [_COMMAND_CALL, _VIEW_CALL]


# ----- what each django-q send hands the task (project/django_q_deadline.py) -----------------------------

_SENDERS = (
    "from django.http import HttpResponse\nfrom django_q.models import Schedule\n"
    "from django_q.tasks import AsyncTask, Chain, Iter, async_chain, async_iter, async_task, schedule\nfrom svc import jobs\n\n\n"
    "def hook(request):\n    url = request.GET['url']\n    SEND\n    return HttpResponse('queued')\n"
)
_SENT = {
    "svc/__init__.py": "",
    "svc/settings.py": "Q_CLUSTER = {'name': 'svc', 'timeout': 60, 'retry': 120}\n",
    "svc/clients.py": "import requests\n\n\ndef notify(url):\n    requests.post(url, json={})\n",
    "svc/jobs.py": "from svc import clients\n\n\ndef deliver(url):\n    clients.notify(url)\n",
    "svc/urls.py": "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('hook/', views.hook)]\n",
}
_NOTIFY = ("svc/clients.py", 5)
_NO_TIMEOUT = "Q_CLUSTER = {'name': 'svc', 'retry': 120}\n"


def _sent(send: str, settings: str = "", **files: str) -> list:
    sources = {**_SENT, "svc/views.py": _SENDERS.replace("SEND", send), **{path.replace("__", "/") + ".py": text for path, text in files.items()}}
    return all_scope_lines({**sources, **({"svc/settings.py": settings} if settings else {})})


@pytest.mark.parametrize("send, settings", [
    ("async_task(jobs.deliver, url)", ""),
    ("async_task('svc.jobs.deliver', url, timeout=30)", _NO_TIMEOUT),
    ("async_task(jobs.deliver, url, q_options={'timeout': 30}, timeout=3600)", _NO_TIMEOUT),
    ("async_task(jobs.deliver, url, sync=False)", "Q_CLUSTER = {'timeout': 60, 'sync': True}\n"),
    ("schedule('svc.jobs.deliver', 'https://feeds', schedule_type=Schedule.HOURLY)", ""),
    ("Schedule.objects.create(func='svc.jobs.deliver', kwargs=\"url='https://feeds'\", schedule_type=Schedule.DAILY)", ""),
    ("AsyncTask(jobs.deliver, url, timeout=30).run()", _NO_TIMEOUT),
    ("task = AsyncTask(jobs.deliver, url)\n    task.run()\n    task.result(wait=500)", ""),
    ("async_iter(jobs.deliver, [url], q_options={'timeout': 30})", _NO_TIMEOUT),
    ("Iter(jobs.deliver, args=[(url,)], kwargs={'timeout': 30}).run()", _NO_TIMEOUT),
    ("async_chain([(jobs.deliver, (url,), {'timeout': 30}), ('svc.jobs.deliver', (url,), {'timeout': 45})])", _NO_TIMEOUT),
    ("chain = Chain(cached=True)\n    chain.append(jobs.deliver, url, timeout=30)\n    chain.run()", _NO_TIMEOUT),
    ("async_task(jobs.deliver, url)", "def cluster():\n    return {'timeout': 60, 'ALT_CLUSTERS': {'long': {'timeout': 300}, 'short': {}}}\n\n\nQ_CLUSTER = cluster()\n"),
])
def test_a_django_q_send_with_a_known_timeout_bounds_what_only_the_task_runs(send: str, settings: str) -> None:
    """Each of django-q's ways to queue a function, by reference or dotted path, with the cluster's timeout or its own."""
    assert _sent(send, settings) == []


@pytest.mark.parametrize("send, settings", [
    ("async_task(jobs.deliver, url, sync=True)", ""),
    ("async_task(jobs.deliver, url, q_options={'sync': True}, sync=False)", ""),
    ("async_task(jobs.deliver, url, timeout=None)", ""),
    ("async_task(jobs.deliver, url, timeout=3600)", ""),
    ("async_task(jobs.deliver, url, q_options={'timeout': 3600}, timeout=30)", ""),
    ("async_task(jobs.deliver, url, q_options=request.session['options'])", ""),
    ("async_task(jobs.deliver, url, **request.GET.dict())", ""),
    ("async_task(jobs.deliver, url)\n    async_task('svc.jobs.deliver', url, sync=request.GET.get('now'))", ""),
    ("async_task(jobs.deliver, url)", "Q_CLUSTER = {'timeout': 60, 'sync': True}\n"),
    ("async_task(jobs.deliver, url)", "import os\n\nQ_CLUSTER = {'timeout': 60, 'sync': os.environ.get('Q_SYNC')}\n"),
    ("async_task(jobs.deliver, url)", "Q_CLUSTER = {'timeout': 60, 'ALT_CLUSTERS': {'slow': {'timeout': 7200}}}\n"),
    ("async_task(jobs.deliver, url)", "BASE = {'retry': 120}\nQ_CLUSTER = {**BASE, 'timeout': 60}\n"),
    ("async_task(jobs.deliver, url)", "Q_CLUSTER = {'timeout': 60}\nQ_CLUSTER.update(EXTRA)\n"),
    ("schedule(jobs.deliver, url, q_options={'sync': True})", ""),
    ("Schedule.objects.create(func='svc.jobs.deliver', kwargs=\"q_options={'timeout': 7200}\")", ""),
    ("task = AsyncTask(jobs.deliver, url)\n    task.sync = True\n    task.run()", ""),
    ("task = AsyncTask(jobs.deliver, url)\n    start(task)", ""),
    ("async_iter(jobs.deliver, [url], timeout=30, q_options={'cached': True})", _NO_TIMEOUT),
    ("Iter(jobs.deliver, args=[(url,)], sync=True).run()", ""),
    ("async_chain([(jobs.deliver, (url,))], sync=True)", ""),
    ("async_chain([(jobs.deliver, (url,), {'q_options': {'sync': True}})])", ""),
    ("chain = Chain(sync=True)\n    chain.append(jobs.deliver, url)\n    chain.run()", ""),
    ("chain = Chain()\n    chain.append(jobs.deliver, url, timeout=7200)\n    chain.run()", ""),
    ("async_task(jobs.deliver, url)\n    now = async_task\n    now(jobs.deliver, url, sync=True)", ""),
    ("async_task(jobs.deliver, url)\n    send(jobs.deliver, url, sync=True)", ""),
    ("async_task(jobs.deliver, url)\n    async_task(request.GET['job'], url, sync=True)", ""),
    ("task = AsyncTask(jobs.deliver, url)\n    task.kwargs['sync'] = True\n    task.run()", ""),
    ("task = AsyncTask(jobs.deliver, url)\n    task.kwargs.update(sync=True)\n    task.run()", ""),
    ("chain = Chain()\n    chain.append(jobs.deliver, url)\n    chain.chain[0][2]['sync'] = True\n    chain.run()", ""),
    ("task = AsyncTask(jobs.deliver, url)\n    options = task.kwargs\n    options['sync'] = True\n    task.run()", ""),
])
def test_a_django_q_send_that_may_run_the_task_without_a_deadline_keeps_the_call(send: str, settings: str) -> None:
    """Run in the caller (`sync`, the send's own, its `q_options`', the cluster's), a timeout that is None,
    too long or not read (`q_options` wins over the keyword; `async_iter` reads only `q_options` when given), a
    longer alternative cluster, an object changed or handed on, a sender used as a value, or a project wrapper
    (`send`, below) or computed function that may send it synchronously."""
    wrapper = "from django_q.tasks import async_task\n\n\ndef send(func, *args, **kwargs):\n    return async_task(func, *args, **kwargs)\n"
    runner = "def start(task):\n    task.sync = True\n    task.run()\n"
    helpers = {**({"svc__queue": wrapper} if "send(" in send else {}), **({"svc__runner": runner} if "start(" in send else {})}
    send = "from svc.queue import send\n    " + send if "send(" in send else send
    send = "from svc.runner import start\n    " + send if "start(" in send else send
    assert _sent(send, settings, **helpers) == [_NOTIFY]


def test_a_changed_cluster_setting_counts_as_a_settings_variant() -> None:
    """A variant that star-imports the base and changes its dict (`Q_CLUSTER["timeout"] = ...`) may be the deployed one."""
    prod = "from svc.settings import *\n\nQ_CLUSTER['timeout'] = {}\n"
    assert _sent("async_task(jobs.deliver, url)", **{"svc__prod": prod.format(300)}) == []
    assert _sent("async_task(jobs.deliver, url)", **{"svc__prod": prod.format(3600)}) == [_NOTIFY]
    assert _sent("async_task(jobs.deliver, url)", **{"svc__prod": prod.format("None")}) == [_NOTIFY]
    assert _sent("async_task(jobs.deliver, url)", **{"svc__prod": "from svc.settings import *\n\nQ_CLUSTER['sync'] = True\n"}) == [_NOTIFY]
    assert _sent("async_task(jobs.deliver, url)", **{"svc__prod": "from svc.settings import *\n\nQ_CLUSTER['name'] = 'prod'\n"}) == []


def test_a_test_module_s_sends_and_settings_do_not_count() -> None:
    """A test that runs the task synchronously, or its own settings, say nothing of the deployment."""
    test = "from django_q.tasks import async_task\nfrom svc import jobs\n\n\ndef test_deliver():\n    async_task(jobs.deliver, 'u', sync=True)\n"
    assert _sent("async_task(jobs.deliver, url)", **{"tests__test_jobs": test, "tests__settings": "Q_CLUSTER = {'sync': True}\n"}) == []



# ----- code no process runs keeps no task's call uncovered (project/task_deadline.py) ---------------------

_GUARD = (
    "import logging\nfrom functools import wraps\n\nlogger = logging.getLogger(__name__)\n\n\n"
    "def reported(func):\n    @wraps(func)\n    def wrapper(*args, **kwargs):\n        try:\n            return func(*args, **kwargs)\n"
    "        except Exception:\n            logger.exception('task failed')\n\n    return wrapper\n"
)
_ALERTS = (
    "from svc import slack\nfrom svc.guard import reported\n\n\n@reported\ndef order_alert(order_id):\n    slack.post(f'order {order_id}')\n\n\n"
    "@reported\ndef monthly_report():\n    slack.post('monthly numbers')\n"
)
_SHOP = {
    "svc/__init__.py": "",
    "svc/settings.py": "ROOT_URLCONF = 'svc.urls'\nQ_CLUSTER = {'name': 'shop', 'timeout': 60, 'retry': 120}\n",
    "svc/slack.py": "import requests\n\nHOOK = 'https://hooks.slack.example/T0'\n\n\ndef post(text):\n    requests.post(HOOK, json={'text': text})\n",
    "svc/guard.py": _GUARD,
    "svc/alerts.py": _ALERTS,
    "svc/views.py": (
        "from django.http import HttpResponse\nfrom django_q.tasks import async_task\nfrom svc import alerts\n\n\n"
        "def order(request):\n    async_task(alerts.order_alert, request.POST['id'])\n    return HttpResponse('ok')\n"
    ),
    "svc/urls.py": "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('order/', views.order)]\n",
}
_POST = ("svc/slack.py", 7)


def _served(tmp_path, files: dict) -> list:
    from _serving import run_on_disk

    return [(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings]


def test_a_dead_sender_beside_the_queued_one_leaves_the_call_bounded(tmp_path) -> None:
    """clerk: `monthly_report` is wrapped by a decorator that registers nothing and no source names it: no
    process runs it, so only the queued `order_alert` runs `slack.post`, under the cluster's 60 s."""
    assert _served(tmp_path / "dead", _SHOP) == []
    assert all_scope_lines(_SHOP) == [_POST]  # `scope = "all"` counts dead code as code that runs


def test_a_sender_something_may_run_outside_the_task_keeps_the_call(tmp_path) -> None:
    """Named by a view, registered by its decorator, or named where a loader may find it: it may run in a request."""
    named = {**_SHOP, "svc/views.py": _SHOP["svc/views.py"] + "\n\ndef report(request):\n    alerts.monthly_report()\n    return HttpResponse('ok')\n",
             "svc/urls.py": _SHOP["svc/urls.py"].replace("]", ", path('report/', views.report)]")}
    assert _served(tmp_path / "named", named) == [_POST]
    registering = _GUARD.replace("def reported(func):\n", "HANDLERS = []\n\n\ndef reported(func):\n    HANDLERS.append(func)\n")
    assert _served(tmp_path / "registered", {**_SHOP, "svc/guard.py": registering}) == [_POST]
    loaded = {**_SHOP, "svc/settings.py": _SHOP["svc/settings.py"] + "REPORTS = ['svc.alerts.monthly_report']\n"}
    assert _served(tmp_path / "loaded", loaded) == [_POST]
    unbounded = {**_SHOP, "svc/settings.py": "ROOT_URLCONF = 'svc.urls'\nQ_CLUSTER = {'name': 'shop', 'retry': 120}\n"}
    assert _served(tmp_path / "unbounded", unbounded) == [_POST]


_VIEW = "\n\ndef run(request):\n    {}\n    return HttpResponse('ok')\n"
_ROUTED = _SHOP["svc/urls.py"].replace("]", ", path('run/', views.run)]")
_HOOKS = ("from svc import slack\n\n\nclass Webhook:\n    def __init__(self, payload):\n        self.payload = payload\n\n"
          "    def dispatch(self):\n        handler = getattr(self, 'on_' + self.payload['event'])\n        handler()\n\n"
          "    def on_refund(self):\n        slack.post('refund')\n")


@pytest.mark.parametrize("changes, on_disk", [
    ({"svc/views.py": _SHOP["svc/views.py"] + _VIEW.format("getattr(alerts, f\"{request.GET['kind']}_report\")()")}, {}),
    ({"svc/alerts.py": _ALERTS + "\n\ndef run_report(kind):\n    globals()[kind + '_report']()\n",
      "svc/views.py": _SHOP["svc/views.py"] + _VIEW.format("alerts.run_report(request.GET['kind'])")}, {}),
    ({"svc/rpc.py": "from xmlrpc.server import SimpleXMLRPCServer\nfrom svc import alerts\n\n\ndef serve():\n"
                    "    server = SimpleXMLRPCServer(('0.0.0.0', 8001))\n    server.register_instance(alerts)\n    server.serve_forever()\n"}, {}),
    ({"svc/views.py": _SHOP["svc/views.py"].replace("import alerts", "import alerts, hooks") + _VIEW.format("hooks.Webhook(request.POST).dispatch()"),
      "svc/hooks.py": _HOOKS, "svc/alerts.py": _ALERTS.split("\n\n\n@reported\ndef monthly")[0] + "\n"}, {}),
    ({"svc/views.py": "from django.utils.module_loading import import_string\n" + _SHOP["svc/views.py"]
      + _VIEW.format("import_string(request.GET['hook'])()")}, {"svc/hooks.yaml": "monthly: svc.alerts.monthly_report\n"}),
    ({"gunicorn.conf.py": "from svc import slack\n\nbind = '0.0.0.0:8000'\n\n\ndef pre_request(worker, req):\n    slack.post('request')\n",
      "svc/alerts.py": _ALERTS.split("\n\n\n@reported\ndef monthly")[0] + "\n"}, {"Procfile": "web: gunicorn -c gunicorn.conf.py svc.wsgi\n"}),
])
def test_a_dead_sender_a_computed_name_may_run_keeps_the_call(tmp_path, changes: dict, on_disk: dict) -> None:
    """PRR501's dead set reads names in Python sources: a function run by a computed lookup (`getattr` on its module
    or on `self`, `globals()`, its module served over RPC), named in a configuration file a view loads it from, or a
    gunicorn hook may run in a request, so the callee it shares with the queued task stays reported (unseen_runs.py)."""
    from _serving import run_on_disk

    files = {**_SHOP, "svc/urls.py": _ROUTED if "def run(" in changes.get("svc/views.py", "") else _SHOP["svc/urls.py"], **changes}
    found = run_on_disk(tmp_path / "p", files, whole_project=True, on_disk_only=on_disk, launch_files=tuple(on_disk)).findings
    assert _POST in [(f.path, f.span.line) for f in found]


def test_the_settings_pytest_selects_are_the_tests_configuration(tmp_path) -> None:
    """pytest-django's `--ds` names the tests' settings: its `sync: True` runs no deployed task; unless code or a
    launch file that runs no pytest names that module, when it may be the deployed one."""
    from _serving import run_on_disk

    files = {**_SHOP, "svc/settings_ci.py": "from svc.settings import *\n\nQ_CLUSTER = {'name': 'shop', 'sync': True}\n"}
    ini = {"pytest.ini": "[pytest]\naddopts = --reuse-db --ds=svc.settings_ci\n", "run_tests.sh": "export DJANGO_SETTINGS_MODULE=svc.settings_ci\npytest\n"}
    assert all_scope_lines(files) == [_POST]
    assert _served(tmp_path / "none", files) == [_POST]  # no pytest configuration: a variant like any other

    def lines(root: str, extra: dict, launch: tuple = ()) -> list:
        found = run_on_disk(tmp_path / root, files if "svc/wsgi.py" not in extra else {**files, "svc/wsgi.py": extra.pop("svc/wsgi.py")},
                            whole_project=True, on_disk_only=extra, launch_files=launch).findings
        return [(f.path, f.span.line) for f in found]

    assert lines("selected", dict(ini), ("run_tests.sh",)) == []
    toml = {"pyproject.toml": "[project]\nname = 'shop'\n\n[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = \"svc.settings_ci\"\n"}
    assert lines("toml", toml) == []
    wsgi = "import os\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'svc.settings_ci')\n"
    assert lines("default", {**ini, "svc/wsgi.py": wsgi}) == [_POST]
    assert lines("deployed", {**ini, "Procfile": "worker: DJANGO_SETTINGS_MODULE=svc.settings_ci python manage.py qcluster\n"}, ("Procfile",)) == [_POST]
    make = {**ini, "Makefile": "test:\n\texport DJANGO_SETTINGS_MODULE=svc.settings_ci\n\tpytest -q\n"}
    assert lines("make", make, ("Makefile",)) == []  # a recipe that only runs pytest


@pytest.mark.parametrize("name, text", [
    ("Dockerfile", "FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=svc.settings_ci\nRUN pip install -r req.txt && pytest -q\nCMD [\"python\", \"manage.py\", \"qcluster\"]\n"),
    ("docker-compose.yml", "services:\n  worker:\n    command: python manage.py qcluster\n    environment:\n      - DJANGO_SETTINGS_MODULE=svc.settings_ci\n"
                           "  tests:\n    command: pytest\n    environment:\n      - DJANGO_SETTINGS_MODULE=svc.settings_ci\n"),
    ("entrypoint.sh", "#!/bin/sh\nexport DJANGO_SETTINGS_MODULE=svc.settings_ci\npytest -q && python manage.py qcluster\n"),
    ("Makefile", "test:\n\tDJANGO_SETTINGS_MODULE=svc.settings_ci pytest\n\nworker:\n\tDJANGO_SETTINGS_MODULE=svc.settings_ci python manage.py qcluster\n"),
    ("Procfile", "worker: DJANGO_SETTINGS_MODULE=svc.settings_ci pytest -q; python manage.py qcluster\n"),
])
def test_a_launch_file_that_runs_pytest_and_also_deploys_the_tests_settings_keeps_the_call(tmp_path, name: str, text: str) -> None:
    """pytest is judged by the block that names the module, not by the file: a Dockerfile that runs the tests while
    it builds and deploys with their settings, a compose file with a tests service beside the worker, a script or a
    recipe that runs the tests and then the cluster."""
    from _serving import run_on_disk

    files = {**_SHOP, "svc/settings_ci.py": "from svc.settings import *\n\nQ_CLUSTER = {'name': 'shop', 'sync': True}\n"}
    extra = {"pytest.ini": "[pytest]\naddopts = --ds=svc.settings_ci\n", name: text}
    found = run_on_disk(tmp_path / "p", files, whole_project=True, on_disk_only=extra, launch_files=(name,)).findings
    assert [(f.path, f.span.line) for f in found] == [_POST]


def test_a_selected_settings_module_a_deployed_one_imports_still_counts(tmp_path) -> None:
    """pytest selects the base settings, whose cluster runs tasks inline; the production module manage.py names
    star-imports it and so runs them inline too."""
    from _serving import run_on_disk

    files = {**_SHOP, "svc/settings.py": _SHOP["svc/settings.py"].replace("'timeout': 60", "'timeout': 60, 'sync': True"),
             "svc/settings_prod.py": "from svc.settings import *\n\nQ_CLUSTER['timeout'] = 60\n"}
    extra = {"pytest.ini": "[pytest]\naddopts = --ds=svc.settings\n"}
    found = run_on_disk(tmp_path / "p", files, whole_project=True, on_disk_only=extra).findings
    assert [(f.path, f.span.line) for f in found] == [_POST]
