"""PRR501 and RQ job timeouts (project/rq_deadline.py): RQ kills a job past its timeout (180 s unless the
job or its queue sets another), so a call only RQ jobs run is bounded; a job without a timeout (-1), with
one over fifteen minutes, or a helper a view also calls stays reported."""

from __future__ import annotations

import pytest

from _serving import all_scope_lines

_SETTINGS = (
    "class Redis:\n    RQ_QUEUES = {\n        'default': {'URL': 'redis://', 'DEFAULT_TIMEOUT': 500},\n"
    "        'slow': {'URL': 'redis://'},\n    }\n"
)
_TASKS = (
    "import django_rq\nimport requests\n\nqueue = django_rq.get_queue('default')\n\n\n"
    "def subscribe(data):\n    return requests.post('https://basket/subscribe', data=data)\n"
)
_VIEWS = (
    "import requests\nfrom django.http import HttpResponse\n\nfrom svc.tasks import queue, subscribe\n\n\n"
    "def signup(request):\n    queue.enqueue(subscribe, request.POST)\n"
    "    requests.post('https://newsletter/signup', data=request.POST)\n    return HttpResponse()\n"
)
_PROJECT = {
    "svc/__init__.py": "",
    "svc/settings.py": _SETTINGS,
    "svc/tasks.py": _TASKS,
    "svc/views.py": _VIEWS,
    "svc/urls.py": "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('signup/', views.signup)]\n",
}
_JOB_CALL = ("svc/tasks.py", 8)
_VIEW_CALL = ("svc/views.py", 9)


@pytest.mark.parametrize("tasks", [
    _TASKS,  # django_rq's queue, RQ_QUEUES DEFAULT_TIMEOUT 500 (donate-wagtail)
    _TASKS.replace("django_rq.get_queue('default')", "django_rq.get_queue('slow')"),  # no DEFAULT_TIMEOUT: RQ's 180 s
    _TASKS.replace("import django_rq\n", "from redis import Redis\nfrom rq import Queue\n")
          .replace("django_rq.get_queue('default')", "Queue('low', connection=Redis(socket_timeout=5), default_timeout='10m')"),
])
def test_a_call_only_a_timed_rq_job_runs_is_bounded(tasks: str) -> None:
    assert all_scope_lines({**_PROJECT, "svc/tasks.py": tasks}) == [_VIEW_CALL]


@pytest.mark.parametrize("change", [
    lambda files: {**files, "svc/views.py": _VIEWS.replace("request.POST)\n", "request.POST, job_timeout=-1)\n", 1)},
    lambda files: {**files, "svc/settings.py": _SETTINGS.replace("500", "60 * 60")},
    # settings variants: the longest counts
    lambda files: {**files, "svc/staging.py": _SETTINGS.replace("500", "3000")},
    # a queue the code builds elsewhere: not read, no deadline
    lambda files: {**files, "svc/tasks.py": _TASKS.replace("django_rq.get_queue('default')", "make_queue()")},
    # the same function a view also calls
    lambda files: {**files, "svc/views.py": _VIEWS.replace("    return HttpResponse", "    subscribe(request.POST)\n    return HttpResponse")},
])
def test_a_job_without_a_known_deadline_stays_reported(change) -> None:
    assert all_scope_lines(change(_PROJECT)) == [_JOB_CALL, _VIEW_CALL]


def test_a_job_decorator_and_its_delay() -> None:
    """django_rq's `@job` on the default queue; `timeout=-1` on the decorator leaves no deadline."""
    tasks = (
        "import requests\nfrom django_rq import job\n\n\n@job\ndef subscribe(data):\n"
        "    return requests.post('https://basket/subscribe', data=data)\n"
    )
    views = _VIEWS.replace("from svc.tasks import queue, subscribe", "from svc.tasks import subscribe")
    views = views.replace("queue.enqueue(subscribe, request.POST)", "subscribe.delay(request.POST)")
    files = {**_PROJECT, "svc/tasks.py": tasks, "svc/views.py": views}
    assert all_scope_lines(files) == [_VIEW_CALL]
    unbounded = tasks.replace("@job\n", "@job('default', timeout=-1)\n")
    assert all_scope_lines({**files, "svc/tasks.py": unbounded}) == [("svc/tasks.py", 7), _VIEW_CALL]


def test_a_scheduled_job_and_a_queue_held_by_an_object() -> None:
    """rq-scheduler's `cron(..., func=f)`, and `self.queue.enqueue(f)` with the queue made in `__init__`."""
    jobs = (
        "import requests\nfrom redis import Redis\nfrom rq import Queue\nfrom rq_scheduler import Scheduler\n\n\n"
        "def digest():\n    return requests.get('https://feeds/digest').json()\n\n\n"
        "def sync():\n    return requests.get('https://pontoon/sync').json()\n\n\n"
        "def start():\n    Scheduler(connection=Redis(socket_timeout=5)).cron('0 * * * *', func=digest)\n\n\n"
        "class Manager:\n    def __init__(self):\n        self.queue = Queue('sync', connection=Redis(socket_timeout=5))\n\n"
        "    def trigger(self):\n        self.queue.enqueue(sync)\n"
    )
    files = {**_PROJECT, "svc/jobs.py": jobs}
    assert all_scope_lines(files) == [_VIEW_CALL]
    slow = jobs.replace("func=digest)", "func=digest, timeout=3600)").replace("enqueue(sync)", "enqueue(sync, job_timeout=-1)")
    assert all_scope_lines({**files, "svc/jobs.py": slow}) == [("svc/jobs.py", 8), ("svc/jobs.py", 12), _VIEW_CALL]


# A Flask app that enqueues through its own helper: the job is the helper's parameter, its timeout the
# helper's `timeout=300` unless a caller gives another (project/rq_wrappers.py).
_HELPER = (
    "from flask_rq import get_queue\n\n\n"
    "def start_job(func, *args, title=None, timeout=300, **kwargs):\n"
    "    get_queue().enqueue_call(func=func, args=args, kwargs=kwargs, timeout=timeout)\n"
)
_REPORTS = (
    "import requests\n\n\n"
    "def export_grades(course):\n    return requests.post('https://lms/grades', json=course)\n\n\n"
    "def mirror_repos(org):\n    return requests.get('https://forge/orgs/' + org).json()\n"
)
_ROUTES = (
    "from flask import Flask\n\nfrom svc import reports\nfrom svc.helpers import start_job\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/export/<course>')\ndef export(course):\n    start_job(reports.export_grades, course, title='export')\n    return 'queued'\n\n\n"
    "@app.route('/mirror/<org>')\ndef mirror(org):\n    start_job(reports.mirror_repos, org, timeout=600)\n    return 'queued'\n"
)
_FLASK = {"svc/__init__.py": "", "svc/helpers.py": _HELPER, "svc/reports.py": _REPORTS, "svc/app.py": _ROUTES}
_EXPORT, _MIRROR = ("svc/reports.py", 5), ("svc/reports.py", 9)


@pytest.mark.parametrize("change", [
    lambda files: files,
    # the caller's None is the queue's default (RQ's 180 s); the queue's own default_timeout
    lambda files: {**files, "svc/app.py": _ROUTES.replace("timeout=600", "timeout=None")},
    lambda files: {**files, "svc/helpers.py": _HELPER.replace("timeout=timeout", "job_timeout=90")
                   .replace("enqueue_call(func=func, args=args, kwargs=kwargs", "enqueue(func, *args, **kwargs")},
    # the caller's RQ keyword passed on through the helper's **kwargs
    lambda files: {**files, "svc/helpers.py": _HELPER.replace(", timeout=timeout)", ", **kwargs)")},
])
def test_a_job_sent_through_a_project_helper_with_a_timeout_is_bounded(change) -> None:
    assert all_scope_lines(change(_FLASK)) == []


@pytest.mark.parametrize("change, reported", [
    (lambda files: {**files, "svc/app.py": _ROUTES.replace("timeout=600", "timeout=-1")}, [_MIRROR]),
    (lambda files: {**files, "svc/helpers.py": _HELPER.replace("timeout=300", "timeout=-1")}, [_EXPORT]),
    (lambda files: {**files, "svc/helpers.py": _HELPER.replace("timeout=timeout", "timeout=-1")}, [_EXPORT, _MIRROR]),
    # over fifteen minutes
    (lambda files: {**files, "svc/app.py": _ROUTES.replace("timeout=600", "timeout=1800")}, [_MIRROR]),
    # a caller's splat may hold the timeout
    (lambda files: {**files, "svc/app.py": _ROUTES.replace("org, timeout=600", "org, **{'timeout': -1}")}, [_MIRROR]),
    # the helper rebinds its timeout: not read
    (lambda files: {**files, "svc/helpers.py": _HELPER.replace("    get_queue", "    timeout *= 10\n    get_queue")}, [_EXPORT, _MIRROR]),
    # the same function a route also calls
    (lambda files: {**files, "svc/app.py": _ROUTES.replace("    return 'queued'\n", "    reports.export_grades(course)\n    return 'queued'\n", 1)}, [_EXPORT]),
])
def test_a_job_sent_through_a_project_helper_without_a_known_deadline_stays_reported(change, reported) -> None:
    assert all_scope_lines(change(_FLASK)) == reported
