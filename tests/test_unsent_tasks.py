"""PRR501's dead code: a Celery task nothing in the repository sends (project/unsent_tasks.py), and
what only it reaches; a task that any source, configuration or schedule names by its function name
or by its `name=` stays, and so does every task when names come from outside the repository."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

VIEWS = (
    "from flask import Flask\nfrom svc.zenodo import ZenodoClient\n\napp = Flask(__name__)\n\n"
    "@app.get('/record/<doi>')\ndef record(doi):\n    return {'url': ZenodoClient.to_record_url(doi)}\n"
)
ZENODO = (
    "import requests\n\nclass ZenodoClient:\n    def __init__(self, token):\n        self.token = token\n\n"
    "    def _make_request(self, path, **kwargs):\n        return requests.request('GET', 'https://z/' + path, **kwargs)\n\n"
    "    def create_deposition(self, data):\n        return self._make_request('deposit', json=data)\n\n"
    "    @staticmethod\n    def to_record_url(doi):\n        return 'https://z/' + doi\n"
)
TASKS = (
    "import requests\nfrom celery import shared_task\nfrom svc.zenodo import ZenodoClient\n\n"
    "@shared_task{args}\ndef publish_to_zenodo(version):\n    body = requests.get('https://store/' + version).json()\n"
    "    return ZenodoClient('t').create_deposition(body)\n"
)
# what stays once the task is sent: the client's request, which its **kwargs pass on without a timeout
SENT = [("PRR501", "svc/zenodo.py", 11)]


def _found(tmp_path: Path, extra: Dict[str, str], args: str = "") -> List[Tuple[str, str, int]]:
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/zenodo.py": ZENODO, "svc/tasks.py": TASKS.format(args=args), **extra}
    return sorted((f.rule, f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings)


def test_a_task_nothing_sends_and_what_only_it_reaches_are_dead(tmp_path: Path) -> None:
    """portal's `publish_to_zenodo` (J208, J224-J232): registered, but no `.delay`, signature, beat entry or name."""
    assert _found(tmp_path, {}) == []


def test_a_task_only_a_test_or_a_comment_sends_is_dead(tmp_path: Path) -> None:
    extra = {"tests/__init__.py": "", "tests/test_tasks.py": "from svc.tasks import publish_to_zenodo\n\n"
             "def test_publish():\n    publish_to_zenodo.delay('v1')\n",
             "svc/jobs.py": "import inspect\n\ndef later(version):\n    # publish_to_zenodo.delay(version)\n    return version\n\n"
             "def params(f):\n    return inspect.signature(f)\n"}
    assert _found(tmp_path, extra) == []


def test_a_task_a_view_sends_runs(tmp_path: Path) -> None:
    send = "\nfrom svc.tasks import publish_to_zenodo\n\n@app.post('/publish/<v>')\ndef publish(v):\n    publish_to_zenodo.delay(v)\n    return {}\n"
    assert _found(tmp_path, {"svc/views.py": VIEWS + send}) == SENT


def test_a_task_a_schedule_or_a_configuration_names_runs(tmp_path: Path) -> None:
    beat = "CELERY_BEAT_SCHEDULE = {'publish': {'task': 'tasks.publish_to_zenodo', 'schedule': 60}}\n"
    assert _found(tmp_path, {"svc/settings.py": beat}) == SENT
    (tmp_path / "svc/settings.py").unlink()
    assert _found(tmp_path, {"deploy/routes.yaml": "task_routes:\n  svc.tasks.publish_to_zenodo: {queue: zenodo}\n"}) == SENT


def test_a_task_sent_by_the_name_its_decorator_gives_runs(tmp_path: Path) -> None:
    jobs = "from svc.celery_app import app\n\ndef later(version):\n    return app.send_task('zenodo.publish', args=[version])\n"
    celery_app = "from celery import Celery\n\napp = Celery('svc')\n"
    assert _found(tmp_path, {"svc/jobs.py": jobs, "svc/celery_app.py": celery_app}, args="(name='zenodo.publish')") == SENT
    assert _found(tmp_path, {"svc/celery_app.py": celery_app}, args="(name='zenodo.publish')") == []


def test_every_task_stays_when_names_come_from_outside_the_repository(tmp_path: Path) -> None:
    """A name computed at run time, or a schedule an operator keeps in a database (django-celery-beat)."""
    celery_app = "from celery import Celery\n\napp = Celery('svc')\n"
    jobs = "from svc.celery_app import app\n\ndef later(kind, version):\n    return app.send_task(f'svc.tasks.{kind}', args=[version])\n"
    assert _found(tmp_path, {"svc/jobs.py": jobs, "svc/celery_app.py": celery_app}) == SENT
    (tmp_path / "svc/jobs.py").unlink()
    settings = "INSTALLED_APPS = ['django_celery_beat']\n"
    assert _found(tmp_path, {"svc/settings.py": settings, "svc/celery_app.py": celery_app}) == SENT
