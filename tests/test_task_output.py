"""PRR401: output that only Celery tasks produce goes to the worker's logger (Celery redirects a
worker's stdout and stderr to logging by default), so it is left out with the out-of-scope findings;
output that a request handler also reaches, or in a project that turns the redirection off, is kept."""

from __future__ import annotations

from dataclasses import replace
from typing import Dict

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.runner import run_jobs

VIEWS = (
    "from flask import Blueprint\nfrom svc import badges\nbp = Blueprint('b', __name__)\n\n"
    "@bp.get('/a')\ndef a():\n    return badges.count()\n"
)
BADGES = (
    "import traceback\n\ndef count():\n    return 1\n\ndef render(fields):\n    for field in fields:\n"
    "        print(field)\n    try:\n        draw(fields)\n    except Exception:\n        traceback.print_exc()\n"
)
TASKS = "from celery import shared_task\nfrom svc import badges\n\n@shared_task\ndef print_badges(fields):\n    badges.render(fields)\n"


def _printed(files: Dict[str, str], scope: str = "serving"):
    settings = replace(settings_with(), scope=scope)
    run = run_jobs(jobs_for(files), Plan(settings, tuple(REGISTRY.select(["PRR401"], [], []))))
    return sorted((f.path, f.span.line) for f in run.findings)


def _project(**extra: str) -> Dict[str, str]:
    return {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/badges.py": BADGES, "svc/tasks.py": TASKS, **extra}


def test_output_only_celery_tasks_reach_is_logging() -> None:
    assert _printed(_project()) == []
    assert _printed(_project(), scope="all") == [("svc/badges.py", 8), ("svc/badges.py", 12)]


def test_output_a_request_handler_also_reaches_is_kept() -> None:
    files = _project(**{"svc/views.py": VIEWS.replace("badges.count()", "badges.render(['name'])")})
    assert _printed(files) == [("svc/badges.py", 8), ("svc/badges.py", 12)]


def test_a_project_that_turns_the_redirection_off_keeps_the_findings() -> None:
    for setting in (
        "from celery import Celery\napp = Celery('svc')\napp.conf.worker_redirect_stdouts = False\n",
        "CELERY_WORKER_REDIRECT_STDOUTS = False\n",
        "CELERY = {'worker_redirect_stdouts': False}\n",
        "from celery import Celery\napp = Celery('svc')\napp.conf.update(worker_redirect_stdouts=False)\n",
        "from celery import Celery\napp = Celery('svc')\n\ndef main():\n    app.worker_main(['worker', '--no-redirect-stdouts'])\n",
    ):
        assert _printed(_project(**{"svc/celery_app.py": setting})) == [("svc/badges.py", 8), ("svc/badges.py", 12)], setting


def test_redirection_left_on_explicitly_changes_nothing() -> None:
    files = _project(**{"svc/celery_app.py": "CELERY_WORKER_REDIRECT_STDOUTS = True\n"})
    assert _printed(files) == []


def test_tasks_of_a_flask_celeryext_app_are_celery_tasks() -> None:
    """open-event-server: `FlaskCeleryExt(app).celery` is the app's Celery object, so its `@celery.task`
    functions are Celery tasks, whose output the worker logs."""
    for factory in ("def make_celery(app=None):\n    ext = FlaskCeleryExt(app)\n    return ext.celery\n\ncelery = make_celery()\n",
                    "ext = FlaskCeleryExt()\ncelery = ext.celery\n"):
        tasks = ("from flask_celeryext import FlaskCeleryExt\nfrom svc import badges\n\n" + factory
                 + "\n@celery.task(name='print.badges')\ndef print_badges(fields):\n    badges.render(fields)\n")
        assert _printed(_project(**{"svc/tasks.py": tasks})) == [], factory


SWITCHED = (
    "import os\nfrom svc import loggers, settings\n\n"
    "if settings.CLOUD:\n    activity = loggers.S3Logger()\nelif SWITCH:\n    activity = loggers.FileLogger()\n"
    "else:\n    activity = loggers.NullLogger()\n"
)
LOGGERS = (
    "class FileLogger:\n    def log(self, obj):\n        print('logged', obj)\n\n"
    "class S3Logger:\n    def log(self, obj):\n        print('shipped', obj)\n\n"
    "class NullLogger:\n    def log(self, obj):\n        pass\n"
)


def _switched(switch: str, **extra: str):
    return _printed(_project(**{"svc/activity.py": SWITCHED.replace("SWITCH", switch), "svc/loggers.py": LOGGERS, **extra}))


def test_a_class_only_an_environment_switch_builds_is_a_developer_mode() -> None:
    """hedy's FileLogger: built only when LOG_USER_ACTIVITY is set for a local run; production takes
    the S3 branch, whose output stays."""
    for switch in ("os.getenv('LOG_USER_ACTIVITY')", "os.environ.get('LOG_USER_ACTIVITY') == '1'", "'LOG_USER_ACTIVITY' in os.environ",
                   "os.environ.get('LOG_USER_ACTIVITY', 'false') == 'true' and settings.LOCAL"):
        assert ("svc/loggers.py", 3) not in _switched(switch), switch
        assert ("svc/loggers.py", 7) in _switched(switch), switch


def test_a_switch_on_by_default_or_a_class_built_elsewhere_stays() -> None:
    assert ("svc/loggers.py", 3) in _switched("os.getenv('LOG_TO_FILE', 'true')")
    assert ("svc/loggers.py", 3) in _switched("os.environ.get('ENVIRONMENT') == 'production'")
    assert ("svc/loggers.py", 3) in _switched("os.getenv('LOG_USER_ACTIVITY')", **{"svc/audit.py": "from svc import loggers\n\nAUDIT = loggers.FileLogger()\n"})
