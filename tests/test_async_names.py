"""PRR000 on a line that uses `async` or `await` as a name, in a project whose every runtime declaration admits only
releases before Python 3.7, where they were names (project/python2_files.py, python_versions.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Dict

import pytest

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.project.old_grammar import valid_before_async_keywords
from prr_lint.project.python_versions import before, refined, release, specifier_versions
from prr_lint.runner import run_jobs
from prr_lint.stamps import is_launch_file

VIEWS = ("from django.http import HttpResponse\n\nfrom svc.tasks import enqueue\n\n\n"
         "def refresh(request):\n    enqueue(print)\n    return HttpResponse('ok')\n")
# A Django reader of the Python 3.4-3.6 days: rq's own `async=` parameter, a local of the same name.
TASKS = ("import redis\nimport rq\n\nfrom django.conf import settings\n\n\n"
         "def enqueue(function, queue='default'):\n    async = not settings.RQ_EAGER\n"
         "    conn = redis.Redis(**settings.REDIS)\n    return rq.Queue(queue, connection=conn, async=async).enqueue_call(func=function)\n")
URLS = "from django.urls import path\n\nfrom svc import views\n\nurlpatterns = [path('refresh/', views.refresh)]\n"
FILES = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/tasks.py": TASKS, "svc/urls.py": URLS}
TOX = "[tox]\nskipsdist = True\nenvlist =\n\tpy34,\n\tpy35,\n\tpy36,\n\tlint\n"
CLASSIFIERS = ("setup(classifiers=['Programming Language :: Python :: 2.7', 'Programming Language :: Python :: 3',\n"
               "                   'Programming Language :: Python :: 3.4'])\n")


def _run(root: Path, declarations: Dict[str, str], files: Dict[str, str] = FILES):
    for path, text in {**files, **declarations}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    plan = Plan(replace(settings_with(), root=root), tuple(REGISTRY.select(["PRR000"], [], [])), whole_project=True,
                launch_files=tuple(str(root / path) for path in declarations if is_launch_file(str(root / path))))
    return run_jobs(jobs_for(files), plan)


@pytest.mark.parametrize("declarations, shown", [
    ({"tox.ini": TOX, ".travis.yml": "language: python\npython: \"3.6\"\n", "setup.py": CLASSIFIERS},
     "tox.ini: envlist = py34, py35, py36, lint"),
    ({"Dockerfile": "FROM python:3.6-slim\nRUN pip3 install -r requirements.txt\nCMD gunicorn svc.wsgi\n"},
     "Dockerfile: FROM python:3.6"),
    ({"Dockerfile": "FROM python:3.6 AS base\nRUN pip3 wheel -r requirements.txt\nFROM base\nRUN pip3 install *.whl\n"
                    "CMD python3 -m gunicorn svc.wsgi\n"}, "Dockerfile: FROM python:3.6"),  # a stage built on the 3.6 one
    ({"runtime.txt": "python-3.6.8\n"}, "runtime.txt: python-3.6.8"),
    ({".python-version": "3.5.2\n"}, ".python-version: 3.5.2"),
    ({"setup.cfg": "[options]\npython_requires = >=3.4, <3.7\n"}, "setup.cfg: requires Python >=3.4, <3.7"),
    ({"pyproject.toml": "[tool.poetry.dependencies]\npython = \"~3.6\"\n"}, "pyproject.toml: requires Python ~3.6"),
    ({"Pipfile": "[requires]\npython_version = \"3.6\"\n"}, "Pipfile: python_version 3.6"),
    ({".github/workflows/test.yml": "jobs:\n  test:\n    strategy:\n      matrix:\n        python-version: [\"3.5\", \"3.6\"]\n"},
     ".github/workflows/test.yml: python-version 3.5"),
    ({"appveyor.yml": "environment:\n  matrix:\n  - PYTHON: C:\\\\Python36-x64\n"}, "appveyor.yml: Python 3.6"),
])
def test_a_project_that_runs_only_releases_before_3_7_leaves_out_files_using_async_as_a_name(
        tmp_path: Path, declarations: Dict[str, str], shown: str) -> None:
    run = _run(tmp_path, declarations)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == []
    assert (run.python2_files, run.python2_runtime, run.python2_release) == (1, shown, "Python before 3.7")


@pytest.mark.parametrize("declarations", [
    {},  # nothing says which Python runs it
    {"tox.ini": "[tox]\nenvlist = py35,py36,py37\n"},
    {".travis.yml": "language: python\npython: \"3.6\"\n", "Dockerfile": "FROM python:3.8\nCMD gunicorn svc.wsgi\n"},
    {"setup.py": "setup(python_requires='>=3.4')\n"},  # a lower bound only: 3.7 and later too
    {"pyproject.toml": "[tool.poetry.dependencies]\npython = \"^3.6\"\n"},
    {"Dockerfile": "FROM ubuntu:18.04\nRUN apt-get install -y python3 python3-pip\nCMD python3 manage.py runserver\n"},
    {"setup.py": "setup(classifiers=['Programming Language :: Python :: 3'])\n"},  # no release named
    {"tox.ini": "[tox]\nenvlist = py3\n"},
    # a build stage of 3.6, then Ubuntu 22.04's python3 (3.10) runs the service
    {"Dockerfile": "FROM python:3.6 AS build\nRUN pip3 wheel -r requirements.txt\nFROM ubuntu:22.04\n"
                   "RUN apt-get install -y python3\nCMD python3 -m gunicorn svc.wsgi\n"},
    {"deploy/start.sh": "python3.6 -m venv /opt/tools\nexec python3 -m gunicorn svc.wsgi\n",
     "Procfile": "web: deploy/start.sh\n"},
    {"deploy/svc.service": "[Service]\nExecStartPre=/usr/bin/python3.6 manage.py migrate\nExecStart=/usr/bin/python3 -m gunicorn svc.wsgi\n"},
    {"deploy/run.sh": "python3.6 manage.py migrate\n"},  # only a side declaration: it runs beside the service
    {"tox.ini": TOX, "Dockerfile": "FROM python:latest\nRUN pip install -r requirements.txt\nCMD gunicorn svc.wsgi\n"},
    {"tox.ini": TOX, "Dockerfile": "FROM python\nCMD gunicorn svc.wsgi\n"},
    {".travis.yml": "language: python\npython: [\"3.6\", \"nightly\"]\n"},
    {".github/workflows/test.yml": "jobs:\n  test:\n    strategy:\n      matrix:\n        python-version: [\"3.6\", \"pypy-3.7\"]\n"},
])
def test_a_project_that_may_run_python_3_7_or_later_keeps_them_reported(tmp_path: Path, declarations: Dict[str, str]) -> None:
    run = _run(tmp_path, declarations)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == ["svc/tasks.py"]
    assert run.python2_files == 0


@pytest.mark.parametrize("declarations, release", [
    ({"Dockerfile": "FROM ubuntu\nRUN apt-get -y install python-pip python-dev\nCMD python -m svc\n"}, "Python 2"),
    ({"tox.ini": TOX}, "Python before 3.7"),  # decided by the 3.6 grammar, as before the line pattern knew `def await(`
])
def test_a_method_named_await_is_a_name_where_the_project_runs_python_before_3_7(
        tmp_path: Path, declarations: Dict[str, str], release: str) -> None:
    """Gate One's `def await(self, timeout=15):`, in a terminal module its Python 2 image runs, as the only line the
    file fails on."""
    tasks = ("def enqueue(function, queue='default'):\n    return function\n\n\n"
             "class Expect(object):\n    def await(self, timeout=15, **kwargs):\n        return timeout\n")
    run = _run(tmp_path, declarations, {**FILES, "svc/tasks.py": tasks})
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == []
    assert (run.python2_files, run.python2_release) == (1, release)


PYTHON2_IMAGE = {"Dockerfile": "FROM ubuntu\nRUN apt-get -y install python-pip python-dev\nCMD python -m svc\n"}


@pytest.mark.parametrize("line", [
    "    return {async.id: async for async in function.children}\n",  # no line pattern knows the name's use
    "    for async in function.children:\n        async.forget()\n",
])
def test_a_python2_project_leaves_out_a_file_using_async_as_a_name_that_parses_as_python_3_6(tmp_path: Path, line: str) -> None:
    """`async` is a name in Python 2: the file's first error is no Python 2 syntax, and the whole file parses."""
    tasks = "def enqueue(function):\n" + line
    run = _run(tmp_path, PYTHON2_IMAGE, {**FILES, "svc/tasks.py": tasks})
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == []
    assert (run.python2_files, run.python2_release) == (1, "Python 2")


@pytest.mark.parametrize("tasks", [
    "def enqueue(function):\n    return {async.id: async for async in function.children}\n\n\nx = (y := 1)\n",  # 3.8 below
    "def enqueue(function):\n    return [async for async in function.children if async.ready(]\n",  # broken either way
    "#!/usr/bin/env python3\ndef enqueue(function):\n    return {async.id: async for async in function.children}\n",
    # parses as Python 3.6, but Python 2 cannot: broken on the Python 2 it runs and on every Python 3 since 3.7
    "def enqueue(function):\n    return {async.id: async for async in function.children}\n\n\n"
    "def describe(function):\n    return f'{function.__name__} queued'\n",
    "def enqueue(function) -> dict:\n    return {async.id: async for async in function.children}\n",
    "async def poll(function):\n    return 1\n\n\ndef enqueue(function):\n    return {async.id: async for async in function.children}\n",
])
def test_a_python2_project_keeps_a_file_using_async_as_a_name_that_is_broken_or_python3(tmp_path: Path, tasks: str) -> None:
    run = _run(tmp_path, PYTHON2_IMAGE, {**FILES, "svc/tasks.py": tasks})
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == ["svc/tasks.py"]


def test_python2_syntax_stays_reported_in_a_project_that_runs_python_3_6(tmp_path: Path) -> None:
    """Only `async` and `await` as names are valid before 3.7: a `print "x"` fails on Python 3.6 too."""
    files = {**FILES, "svc/tasks.py": TASKS.replace("    async = not settings.RQ_EAGER\n", "    print 'queueing'\n    async = 1\n")}
    run = _run(tmp_path, {"tox.ini": TOX}, files)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == ["svc/tasks.py"]
    assert run.python2_files == 0


@pytest.mark.parametrize("tasks", [
    "def enqueue(function):\n    print 'mode (async)'\n",  # a string names it; the line is Python 2
    "def enqueue(function):\n    async = not settings.RQ_EAGER\n    print 'queued'\n",  # Python 2 further down
    "async = 1\n\n\ndef enqueue(xs):\n    if (n := len(xs)) > 1:\n        return n\n",  # 3.8 syntax further down
    "async def enqueue(function):\n    async = 1\n",  # a keyword in an `async def` on 3.6 too
])
def test_a_file_python_3_6_cannot_parse_stays_reported(tmp_path: Path, tasks: str) -> None:
    run = _run(tmp_path, {"tox.ini": TOX}, {**FILES, "svc/tasks.py": "from django.conf import settings\n\n\n" + tasks})
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == ["svc/tasks.py"]
    assert run.python2_files == 0


@pytest.mark.parametrize("tasks", [
    "from svc.settings import *\n\n\ndef enqueue(function):\n    if async:\n        return function.delay()\n    return function()\n",
    "from svc.settings import *\n\n\ndef mode():\n    return async\n",
    "async def fetch(feed):\n    await feed.read()\n\n\nawait = 'later'\n",  # a name again below the `async def`
])
def test_a_file_that_parses_as_python_3_6_is_left_out_whatever_its_failing_line(tmp_path: Path, tasks: str) -> None:
    run = _run(tmp_path, {"tox.ini": TOX}, {**FILES, "svc/tasks.py": tasks})
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == []
    assert run.python2_files == 1


def test_old_grammar_reads_async_as_a_name_only_outside_an_async_def() -> None:
    """Python 3.13's parser no longer reads them as names at any feature version: the names are renamed first,
    so every interpreter prr-lint runs on answers alike."""
    assert valid_before_async_keywords("async = 1\nq(async=async)\nself.async = f(async)\n", (3, 6))
    assert valid_before_async_keywords("async def f():\n    async with a as b:\n        await b\n"
                                       "    return [x async for x in b]\nasync = 1\n", (3, 6))
    assert valid_before_async_keywords("async def f(): await g()\nawait = 1\n", (3, 6))
    assert not valid_before_async_keywords("async def f():\n    await = 1\n", (3, 6))
    assert not valid_before_async_keywords("async = 1\ndef f(a, /):\n    pass\n", (3, 6))
    assert not valid_before_async_keywords("async = '''\n", (3, 6))
    assert not valid_before_async_keywords("async = 1\n" + "(" * 200 + ")" * 200 + "\n", (3, 6))  # too deep: kept


def test_the_run_says_which_declaration_shows_the_release(tmp_path: Path, monkeypatch) -> None:
    from prr_lint.cli import cli
    from tests._reporting_data import cli_runner

    (tmp_path / ".git").mkdir()
    for path, text in {**FILES, "tox.ini": TOX}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    monkeypatch.chdir(tmp_path)
    outcome = cli_runner().invoke(cli, ["check", "--no-cache", "--exit-zero", "--output-format", "json"], catch_exceptions=False)
    assert [finding["rule"] for finding in json.loads(outcome.stdout)["findings"]] == []
    assert ("1 file(s) using `async` or `await` as names not checked: the project runs Python before 3.7 "
            "(tox.ini: envlist = py34, py35, py36, lint)") in outcome.stderr


@pytest.mark.parametrize("specifier, majors, before_3_7", [
    (">=2.7, <3", {2}, True),
    (">=3.4,<3.7", {3}, True),
    (">=3.5, <=3.6.9", {3}, True),
    ("==3.6.*", {3}, True),
    ("~=3.6.1", {3}, True),
    ("~3.6", {3}, True),
    ("^2.7", {2}, True),
    ("!=3.*", {2}, True),
    (">=3.6", {3}, False),
    ("^3.6", {3}, False),
    (">=3.6 <4", {3}, False),
    ("~=3.6", {3}, False),
    (">=2.7, !=3.0.*, !=3.1.*", {2, 3}, False),
    ("^2.7 || ^3.5", {2, 3}, False),
    ("PYTHON_REQUIRES,", {2, 3}, False),  # a name, not a specifier: any release
    (">=3.7,<3.6", {2, 3}, False),  # admits none: says nothing
])
def test_specifiers_are_read_to_the_release(specifier: str, majors: set, before_3_7: bool) -> None:
    versions = specifier_versions(specifier)
    assert ({major for major, _ in versions}, before(versions, (3, 7))) == (majors, before_3_7)


def test_releases_and_classifier_headings() -> None:
    assert [release(text) for text in ("3.6.8", "3.6-dev", "36", "310", "3", "3.x", "27-x64")] == \
        [(3, 6), (3, 6), (3, 6), (3, 10), (3, None), (3, None), (2, 7)]
    assert refined({(3, None), (3, 4), (2, None), (2, 7)}) == {(3, 4), (2, 7)}
    assert refined({(3, None), (2, 7)}) == {(3, None), (2, 7)}


def test_specifiers_are_read_in_linear_time() -> None:
    import time

    started = time.process_time()
    specifier_versions(">=" + "3." * 20000 + " " * 20000 + "<" * 20000 + ",")
    assert time.process_time() - started < 2.0
