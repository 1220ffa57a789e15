"""PRR501 and the Celery time limits a project's Task class gives every send (project/task_bases.py), and the
worker options of Celery's generic init script (`CELERYD_OPTS` in `/etc/default/celeryd`, task_deadline.py)."""

from __future__ import annotations

import pytest

from conftest import lint_sources

_BASE = (
    "from celery import Task\n\nLIMIT = 600\n\n\nclass BoundedTask(Task):\n"
    "    def apply_async(self, args=None, kwargs=None, task_id=None, producer=None, **options):\n"
    "        options['countdown'] = 2\n{sets}"
    "        return Task.apply_async(self, args, kwargs, task_id, producer, **options)\n"
)
_MAIL = (
    "import smtplib\n\n\ndef subject(name):\n    return 'Hello ' + name\n\n\n"
    "def deliver(host, message):\n    server = smtplib.SMTP(host, 587)\n    server.sendmail('a@example.org', ['b@example.org'], message)\n"
)
# The app comes from a module generated at install time (not in the repository): the decorator's `base=` makes
# the function a Celery task.
_TASKS = (
    "from svc.celery_app import worker\nfrom svc.base import BoundedTask\nfrom svc import mail\n\n\n"
    "@worker.task(bind=True, base=BoundedTask)\ndef send_mail(self, host, message):\n    mail.deliver(host, message)\n"
)
_VIEWS = (
    "from flask import Flask\nfrom svc import mail\nfrom svc.tasks import send_mail\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/invite/<name>', methods=['POST'])\ndef invite(name):\n    send_mail.delay('mail.example.org', mail.subject(name))\n    return 'queued'\n"
)
_UNCONDITIONAL = "        options['time_limit'] = LIMIT\n        options['soft_time_limit'] = 480\n"
_REPORTED = [("svc/mail.py", 9)]


def _project(sets: str = _UNCONDITIONAL, **files: str) -> dict:
    project = {"svc/__init__.py": "", "svc/base.py": _BASE.format(sets=sets), "svc/mail.py": _MAIL,
               "svc/tasks.py": _TASKS, "svc/views.py": _VIEWS}
    project.update({f"svc/{name}.py": text for name, text in files.items()})
    return project


def _lines(files: dict) -> list:
    return [(f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings]


@pytest.mark.parametrize("sets", [
    _UNCONDITIONAL,
    "        options.update(soft_time_limit=300)\n",
    "        options.update({'time_limit': 10 * 60})\n",
])
def test_a_task_class_whose_apply_async_sets_a_limit_bounds_its_tasks(sets: str) -> None:
    """Every send of `send_mail` goes through BoundedTask.apply_async, which puts a limit into its options."""
    assert _lines(_project(sets)) == []


def test_the_limit_keyword_of_the_call_that_passes_the_options_on_counts() -> None:
    base = _BASE.format(sets="").replace("producer, **options)\n", "producer, time_limit=LIMIT, **options)\n")
    assert _lines({**_project(), "svc/base.py": base}) == []


@pytest.mark.parametrize("sets", [
    "        if kwargs and kwargs.get('bulk'):\n            options['time_limit'] = 600\n",  # only some sends
    "        options['time_limit'] = 600\n        if producer is None:\n            options.pop('time_limit')\n",  # removed for some
    "        options['time_limit'] = 3600\n",  # longer than MAX_SECONDS
    "        options['time_limit'] = self.limit\n",  # a value not known
    "",  # no limit at all
])
def test_a_limit_set_only_sometimes_or_too_long_is_none(sets: str) -> None:
    assert _lines(_project(sets)) == _REPORTED


def test_an_override_that_does_not_pass_its_options_on_gives_no_limit() -> None:
    base = _BASE.format(sets=_UNCONDITIONAL).replace(", **options)\n", ")\n")
    assert _lines({**_project(), "svc/base.py": base}) == _REPORTED


def test_a_subclass_override_that_drops_the_limit_runs_instead() -> None:
    sub = ("from celery import Task\nfrom svc.base import BoundedTask\n\n\nclass QuickTask(BoundedTask):\n"
           "    def apply_async(self, args=None, kwargs=None, **options):\n        return Task.apply_async(self, args, kwargs)\n")
    tasks = _TASKS.replace("from svc.base import BoundedTask", "from svc.quick import QuickTask as BoundedTask")
    assert _lines(_project(quick=sub, tasks=tasks)) == _REPORTED


def test_a_send_by_name_skips_the_task_class() -> None:
    """`send_task("svc.tasks.send_mail")` builds the message without the class's apply_async."""
    ops = "from svc.celery_app import worker\n\n\ndef resend():\n    worker.send_task('svc.tasks.send_mail', args=('mail', 'again'))\n"
    assert _lines(_project(ops=ops)) == _REPORTED


def test_a_base_class_time_limit_attribute_counts_through_the_decorator() -> None:
    base = "from celery import Task\n\n\nclass BoundedTask(Task):\n    soft_time_limit = 120\n"
    assert _lines({**_project(), "svc/base.py": base}) == []
    assert _lines({**_project(), "svc/base.py": base.replace("120", "7200")}) == _REPORTED


@pytest.mark.parametrize("task_cls", ["BoundedTask", "'svc.base:BoundedTask'"])
def test_the_app_task_cls_is_the_class_of_its_tasks(task_cls: str) -> None:
    """`Celery(..., task_cls=BoundedTask)`: `@worker.task` without `base=` runs as BoundedTask."""
    app = f"from celery import Celery\nfrom svc.base import BoundedTask\n\nworker = Celery('svc', task_cls={task_cls})\n"
    tasks = _TASKS.replace(", base=BoundedTask", "")
    assert _lines(_project(celery_app=app, tasks=tasks)) == []
    plain = "from celery import Celery\n\nworker = Celery('svc')\n"
    assert _lines(_project(celery_app=plain, tasks=tasks)) == _REPORTED


def test_a_base_that_is_no_celery_task_makes_no_task() -> None:
    """`base=` of a class that does not derive from Celery's Task: not a Celery task decorator."""
    base = _BASE.format(sets=_UNCONDITIONAL).replace("from celery import Task\n", "class Task:\n    def apply_async(self, *a, **k):\n        pass\n")
    assert _lines({**_project(), "svc/base.py": base}) == _REPORTED


_WORKER = "from celery import Celery\n\nworker = Celery('svc')\n"
_TREE = {**_project(""), "svc/celery_app.py": _WORKER}
_DEFAULTS = (
    "# Names of nodes to start\nCELERYD_NODES=\"worker1 worker2\"\nCELERY_BIN=\"/opt/venv/bin/celery\"\n"
    "CELERY_APP=\"svc.celery_app\"\n\n# Extra command-line arguments to the worker\n{opts}\n"
    "CELERYD_LOG_FILE=\"/var/log/celery/%n%I.log\"\n"
)


@pytest.mark.parametrize("opts", [
    'CELERYD_OPTS="--time-limit=300 --concurrency=8 -Q default"',
    'CELERYD_OPTS="--soft-time-limit 240 -c 8 -c:worker2 4 --time-limit:worker2=600"',
    '#CELERYD_OPTS="--time-limit=3600"\nCELERYD_OPTS="--time-limit=900 -c 2"',
])
def test_the_init_script_worker_options_bound_the_tasks(tree_lines, opts: str) -> None:
    """`/etc/default/celeryd` (shipped under a deployment folder) gives every worker a limit."""
    assert tree_lines({**_TREE, "deploy/etc/default/celeryd": _DEFAULTS.format(opts=opts)}) == []


@pytest.mark.parametrize("opts", [
    '#CELERYD_OPTS="--time-limit=300"\nCELERYD_OPTS="--concurrency=8"',  # the limit is commented out
    'CELERYD_OPTS="--time-limit=3600 -c 8"',  # an hour: longer than MAX_SECONDS
    'CELERYD_OPTS="-c 8 --time-limit:worker1=300"',  # worker2 has none
])
def test_init_script_options_without_a_limit_for_every_worker_bound_nothing(tree_lines, opts: str) -> None:
    assert tree_lines({**_TREE, "deploy/etc/default/celeryd": _DEFAULTS.format(opts=opts)}) == _REPORTED


def test_every_worker_of_the_deployment_needs_the_limit(tree_lines) -> None:
    """A Procfile worker without a limit beside the init script's: some tasks run without one."""
    files = {**_TREE, "deploy/etc/default/celeryd": _DEFAULTS.format(opts='CELERYD_OPTS="--time-limit=300"')}
    assert tree_lines({**files, "Procfile": "worker: celery -A svc.celery_app worker -c 2\n"}) == _REPORTED


def test_a_worker_command_line_expanding_the_options_has_their_limit(tree_lines) -> None:
    files = {**_TREE, "deploy/etc/default/celeryd": _DEFAULTS.format(opts='CELERYD_OPTS="--time-limit=300"'),
             "deploy/start-worker.sh": "#!/bin/sh\n. /etc/default/celeryd\nexec celery -A svc.celery_app worker $CELERYD_OPTS\n"}
    assert tree_lines(files) == []
