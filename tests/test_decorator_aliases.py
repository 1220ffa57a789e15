"""A project decorator that only hands its function to a framework's decorator is that decorator
(prr_lint/decorator_aliases.py, project/decorator_aliases.py): kotori's release tasks, decorated with
`@task` from `tasks/util.py` (`def task(f): f.__annotations__ = {}; return invoke.task(f)`), are invoke
tasks, and the image builder only they reach is no service code. A wrapper that does work of its own
is no alias, and a task the deployment runs keeps its findings."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from _serving import analysis_for, entries, run_on_disk

APP = (
    "import requests\nfrom flask import Flask\n\napp = Flask(__name__)\n\n"
    "@app.get('/status')\ndef status():\n    return requests.get('http://backend/status', timeout=5).text\n"
)
KOTORI_ALIAS = (
    "import os\nfrom typing import Any, Callable, TypeVar\n\nimport invoke\n\nF = TypeVar('F', bound=Callable[..., Any])\n\n\n"
    "def task(f: F) -> F:\n    f.__annotations__ = {}\n    return invoke.task(f)\n\n\n"
    "def run_commands(command):\n    os.system(command)\n"
)
# The builder's download has no timeout (line 9): only the task reaches it.
IMAGES = (
    "import requests\n\nfrom tasks.util import run_commands, task\n\n\n"
    "class ImageBuilder:\n"
    "    def download_tool(self):\n"
    "        url = 'https://example.org/tool.tar.gz'\n"
    "        return requests.get(url).content\n\n"
    "    def run(self):\n        self.download_tool()\n        run_commands('docker build .')\n\n\n"
    "@task\ndef images(context, version=None):\n    ImageBuilder().run()\n"
)
DOCKERFILE = "FROM python:3.11\nCOPY . /app\nCMD [\"gunicorn\", \"svc.app:app\"]\n"
CRONJOB = (
    "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: images\nspec:\n  schedule: \"0 3 * * *\"\n  jobTemplate:\n"
    "    spec:\n      template:\n        spec:\n          containers:\n            - name: images\n"
    "              image: example/svc:latest\n              command: [\"invoke\", \"packaging.images.images\"]\n"
    "          restartPolicy: OnFailure\n"
)
DOWNLOAD = ("tasks/packaging/images.py", 9)


def _tree(util: str, images: str = IMAGES) -> Dict[str, str]:
    return {
        "svc/__init__.py": "", "svc/app.py": APP,
        "tasks/__init__.py": "from invoke import Collection\n\nimport tasks.packaging\n\nnamespace = Collection(tasks.packaging)\n",
        "tasks/util.py": util,
        "tasks/packaging/__init__.py": "from invoke import Collection\n\nfrom . import images\n\nnamespace = Collection(images)\n",
        "tasks/packaging/images.py": images,
    }


def _findings(tmp_path: Path, files: Dict[str, str], deployed: Dict[str, str]) -> List[Tuple[str, int]]:
    found = run_on_disk(tmp_path, files, whole_project=True, on_disk_only=deployed, launch_files=tuple(deployed))
    return sorted((finding.path, finding.span.line) for finding in found.findings)


def test_a_release_task_tree_decorated_through_a_project_alias_is_no_service_code(tmp_path: Path) -> None:
    files = _tree(KOTORI_ALIAS)
    contexts = {(c.kind, c.qualname) for c in analysis_for(files).model.batch_contexts}
    assert ("invoke", "tasks.packaging.images.images") in contexts
    assert _findings(tmp_path, files, {"Dockerfile": DOCKERFILE}) == []


@pytest.mark.parametrize("util", [
    "import invoke\n\ndef task(f):\n    return invoke.task(f)\n",
    "from invoke import task as _task\n\ndef task(f):\n    \"\"\"An invoke task.\"\"\"\n    return _task(f)\n",
    "import invoke\n\ndef task(*args, **kwargs):\n    return invoke.task(*args, **kwargs)\n",
    "import invoke\n\nclass QuietTask(invoke.Task):\n    pass\n\ndef task(*args, **kwargs):\n    return invoke.task(*args, **kwargs, klass=QuietTask)\n",
    "import invoke\n\ntask = invoke.task\n",
], ids=["one-parameter", "imported-as", "args-kwargs", "own-keyword", "assigned"])
def test_each_shape_of_alias_makes_invoke_tasks(tmp_path: Path, util: str) -> None:
    assert _findings(tmp_path, _tree(util + "\ndef run_commands(command):\n    pass\n"), {"Dockerfile": DOCKERFILE}) == []


def test_an_alias_of_an_alias_re_exported_by_a_package(tmp_path: Path) -> None:
    files = _tree("from tasks.base import base_task\n\ndef task(f):\n    return base_task(f)\n\ndef run_commands(command):\n    pass\n")
    files["tasks/base.py"] = "import invoke\n\ndef base_task(f):\n    return invoke.task(f)\n"
    assert _findings(tmp_path, files, {"Dockerfile": DOCKERFILE}) == []


@pytest.mark.parametrize("body", [
    "    REGISTRY.append(f)\n    return invoke.task(f)\n",
    "    threading.Thread(target=f).start()\n    return invoke.task(f)\n",
    "    f.started = start(f)\n    return invoke.task(f)\n",
    "    invoke.task(f)\n    return f\n",
    "    return invoke.task(f, pre=[setup()])\n",
], ids=["registers", "starts-a-thread", "calls-in-an-attribute", "returns-the-function", "calls-in-a-keyword"])
def test_a_wrapper_that_does_more_than_hand_on_its_function_is_no_alias(tmp_path: Path, body: str) -> None:
    util = ("import threading\nimport invoke\n\nREGISTRY = []\n\ndef setup():\n    pass\n\ndef start(f):\n    return f\n\n"
            f"def task(f):\n{body}\n\ndef run_commands(command):\n    pass\n")
    assert _findings(tmp_path, _tree(util), {"Dockerfile": DOCKERFILE}) == [DOWNLOAD]


@pytest.mark.parametrize("util", [KOTORI_ALIAS, "from invoke import task\n\ndef run_commands(command):\n    pass\n"],
                         ids=["alias", "invoke-task"])
def test_a_task_a_cronjob_runs_keeps_its_findings(tmp_path: Path, util: str) -> None:
    """Nobody watches `invoke packaging.images.images` run every night: a hung download holds the job."""
    assert _findings(tmp_path, _tree(util), {"Dockerfile": DOCKERFILE, "deploy/cronjob.yaml": CRONJOB}) == [DOWNLOAD]


@pytest.mark.parametrize("options", ['"-c", "tasks", ', '"--config", "ci.yaml", "-e", '])
def test_a_task_a_cronjob_runs_with_options_that_take_values_keeps_its_findings(tmp_path: Path, options: str) -> None:
    cronjob = CRONJOB.replace('["invoke", ', f'["invoke", {options}')
    assert _findings(tmp_path, _tree(KOTORI_ALIAS), {"Dockerfile": DOCKERFILE, "deploy/cronjob.yaml": cronjob}) == [DOWNLOAD]


def test_aliases_of_other_frameworks_decorators() -> None:
    """The same for any decorator: a route alias registers an entry point, a Celery alias makes tasks, a click
    alias commands."""
    files = {
        "svc/__init__.py": "",
        "svc/app.py": "import click\nfrom flask import Flask\nfrom celery import Celery\n\napp = Flask(__name__)\ncelery_app = Celery('svc')\n\n"
                      "def get(rule):\n    return app.get(rule)\n\ndef job(*args, **kwargs):\n    return celery_app.task(*args, **kwargs)\n\n"
                      "def command(f):\n    return click.command()(f)\n",
        "svc/views.py": "from svc.app import command, get, job\n\n@get('/items')\ndef items():\n    return 'ok'\n\n"
                        "@job(bind=True)\ndef refresh(self):\n    return 1\n\n@command\ndef reindex():\n    return 2\n",
    }
    assert ("flask", "/items", "svc.views.items") in entries(files)
    contexts = {(c.kind, c.qualname) for c in analysis_for(files).model.batch_contexts}
    assert {("celery", "svc.views.refresh"), ("click", "svc.views.reindex")} <= contexts
