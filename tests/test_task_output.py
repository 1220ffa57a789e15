"""PRR401: output that only Celery tasks produce goes to the worker's logger (Celery redirects a
worker's stdout and stderr to logging by default), so it is left out with the out-of-scope findings;
output that a request handler also reaches, or in a project that turns the redirection off, is kept."""

from __future__ import annotations

from dataclasses import replace
from typing import Dict

from _serving import REGISTRY, analysis_for, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.project.import_time import import_time_only
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


def _printed(files: Dict[str, str], scope: str = "serving", whole_project: bool = False):
    settings = replace(settings_with(), scope=scope)
    run = run_jobs(jobs_for(files), Plan(settings, tuple(REGISTRY.select(["PRR401"], [], [])), whole_project=whole_project))
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


def test_output_only_tasks_and_commands_reach_is_left_out() -> None:
    """kpi: `mongo_sync_status` runs in the `email_mongo_sync_status` task (its output a log record)
    and in the `sync_mongo` management command (its answer on the terminal): neither is the service's
    stray output. A request handler reaching it too keeps it."""
    command = ("from django.core.management.base import BaseCommand\nfrom svc import badges\n\n"
               "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        badges.render(['x'])\n")
    assert _printed(_project(**{"svc/management/__init__.py": "", "svc/management/commands/__init__.py": "",
                                "svc/management/commands/render.py": command})) == []
    files = _project(**{"svc/views.py": VIEWS.replace("badges.count()", "badges.render(['name'])"),
                        "svc/management/__init__.py": "", "svc/management/commands/__init__.py": "",
                        "svc/management/commands/render.py": command})
    assert _printed(files) == [("svc/badges.py", 8), ("svc/badges.py", 12)]


REGISTRY_MODULE = (
    "import traceback\nCALLBACKS = []\n\ndef register(name):\n    print('registered', name)\n    CALLBACKS.append(name)\n\n"
    "def load():\n    try:\n        register('x')\n    except Exception:\n        traceback.print_exc()\n\n"
    "def handle(event):\n    print('event', event)\n\nload()\n"
)


LOADER = VIEWS.replace("from svc import badges", "import importlib\nimport os").replace(
    "return badges.count()", "return importlib.import_module(os.environ.get('PLUGIN', 'svc.hooks')).handle(1)")


def _hooks(module: str, whole_project: bool = True):
    return _printed(_project(**{"svc/views.py": LOADER, "svc/hooks.py": module, "tests/test_hooks.py": "from svc import hooks\n"}),
                    whole_project=whole_project)


def test_output_only_module_top_levels_call_runs_at_import() -> None:
    """amundsen: `register_action_logs()` called at the bottom of its module prints once, at import,
    whoever imports it (here a test, and a loader that may import any module by name); a printed traceback stays
    (an error nobody is alerted to), and so does output the loaded module's other functions make."""
    assert _hooks(REGISTRY_MODULE) == [("svc/hooks.py", 12), ("svc/hooks.py", 15)]
    # a run over named files may not see every caller
    assert _hooks(REGISTRY_MODULE, whole_project=False) == [("svc/hooks.py", 5), ("svc/hooks.py", 12), ("svc/hooks.py", 15)]
    assert _hooks(REGISTRY_MODULE.replace("load()\n", "class Hooks:\n    def __init__(self):\n        load()\n\nHOOKS = Hooks()\n")) == [
        ("svc/hooks.py", 12), ("svc/hooks.py", 15)]


def test_import_time_code_is_only_what_top_levels_call() -> None:
    """A function another function calls too, one handed to a thread at import, and one a `__main__`
    block calls are no import-time code."""
    kept = [("svc/hooks.py", 5), ("svc/hooks.py", 12), ("svc/hooks.py", 15)]
    assert _hooks(REGISTRY_MODULE.replace("print('event', event)", "register(event)")) == [("svc/hooks.py", 5), ("svc/hooks.py", 12)]
    assert _hooks(REGISTRY_MODULE.replace("load()\n", "load()\nimport threading\nthreading.Thread(target=register, args=('t',)).start()\n")) == kept
    main = analysis_for({"svc/__init__.py": "", "svc/hooks.py": REGISTRY_MODULE.replace("load()\n", "if __name__ == '__main__':\n    load()\n")})
    assert import_time_only(main) == frozenset()
    assert import_time_only(analysis_for({"svc/__init__.py": "", "svc/hooks.py": REGISTRY_MODULE})) == {"svc.hooks.load", "svc.hooks.register"}
    assert _hooks(REGISTRY_MODULE.replace("load()\n", "while True:\n    load()\n")) == kept
