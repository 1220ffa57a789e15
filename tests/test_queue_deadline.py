"""PRR501 and django-q timeouts (project/task_deadline.py): the cluster's `timeout` kills a task, so a
call that only django-q tasks run, or a management command only they run (`call_command`), has the
task's deadline; a command a deployment file also runs, or a cluster without a timeout, stays reported."""

from __future__ import annotations

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
