"""PRR501 and the time limit of the Celery workers a deployment starts (project/celery_workers.py): a systemd
unit or its template (`celeryd.service.j2`) whose `ExecStart` runs `celery multi start` over continued lines
and expands the unit's `CELERYD_OPTS`; every worker line needs a limit, and a line that only names Celery
(an Ansible role) or a developer's Vagrant session starts no worker of the deployment."""

from __future__ import annotations

import pytest

from prr_lint.project.celery_workers import celery_program, worker_lines
from prr_lint.project.live_lines import logical_lines, uncommented_text
from prr_lint.stamps import is_dependency_file, is_launch_file, is_systemd_unit

_CLIENTS = (
    "import requests\n\n\ndef forecast(region):\n    return requests.post('https://models/forecast', json=region).json()\n\n\n"
    "def tiles(region):\n    return requests.get('https://tiles/' + region).content\n"
)
_PROJECT = {
    "svc/__init__.py": "",
    "svc/queue.py": "from celery import Celery\n\nqueue = Celery('svc')\n",
    "svc/clients.py": _CLIENTS,
    "svc/jobs.py": (
        "from svc.queue import queue\nfrom svc import clients\n\n\n"
        "@queue.task\ndef run_forecast(region):\n    return clients.forecast(region)\n"
    ),
    "svc/web.py": (
        "from flask import Flask\nfrom svc import clients\nfrom svc.jobs import run_forecast\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/tiles/<region>')\ndef tiles(region):\n    return clients.tiles(region)\n\n\n"
        "@app.route('/forecast/<region>', methods=['POST'])\ndef forecast(region):\n    return {'job': run_forecast.delay(region).id}\n"
    ),
}
_TASK_CALL, _VIEW_CALL = ("svc/clients.py", 5), ("svc/clients.py", 9)
_UNIT = (
    "[Unit]\nDescription=forecast workers\nAfter=network.target\n\n[Service]\nType=forking\nUser=worker\n"
    "Environment=\"CELERY_BIN=/usr/bin/envdir /etc/svc/env /opt/svc/venv/bin/celery\"\n"
    "Environment=\"CELERY_APP=svc.queue:queue\"\n"
    "Environment=\"CELERYD_OPTS=--time-limit=240 --concurrency={{{{ worker_processes }}}}\"\n"
    "ExecStart=/bin/sh -c '${{CELERY_BIN}} multi start {{% for n in range(workers) %}}node{{{{ n }}}} {{% endfor %}} -A \\\n"
    "\t$CELERY_APP --loglevel=INFO \\\n\t--pidfile=/run/svc/%n.pid \\\n\t{last}'\n"
    "ExecStop=/bin/sh -c '${{CELERY_BIN}} multi stopwait {{% for n in range(workers) %}}node{{{{ n }}}} {{% endfor %}} \\\n"
    "\t--pidfile=/run/svc/%n.pid'\n\n[Install]\nWantedBy=multi-user.target\n"
)
_EXPANDING = _UNIT.format(last="--logfile=/var/log/svc/%n.log $CELERYD_OPTS")
_TEMPLATE = "deploy/roles/svc.celery-worker/templates/celeryd.service.j2"
_UNITS = [_TEMPLATE, "deploy/systemd/celeryd.service", "deploy/systemd/celeryd.service.in"]


@pytest.mark.parametrize("unit", _UNITS)
def test_a_unit_whose_continued_exec_start_expands_its_limited_options_bounds_the_tasks(tree_lines, unit: str) -> None:
    """The options below `multi start \\` are its own; the task's call is bounded, the view's stays."""
    assert tree_lines({**_PROJECT, unit: _EXPANDING}) == [_VIEW_CALL]


@pytest.mark.parametrize("unit", _UNITS)
def test_a_unit_whose_exec_start_does_not_expand_the_options_has_no_limit(tree_lines, unit: str) -> None:
    """`multi start` is a worker line of its own: the options it does not take bound no task."""
    text = _UNIT.format(last="--logfile=/var/log/svc/%n.log")
    assert tree_lines({**_PROJECT, unit: text}) == [_TASK_CALL, _VIEW_CALL]


@pytest.mark.parametrize("other", [
    "ExecStart=/opt/svc/venv/bin/celery -A svc.queue worker -Q bulk --concurrency=2\n",  # a second worker, no limit
    "ExecStart=/opt/svc/venv/bin/celery -A svc.queue multi start bulk1 bulk2 \\\n  --concurrency=2\n",
    "ExecStart=$WORKER -A svc.queue worker -Q bulk\nEnvironment=WORKER=/opt/svc/venv/bin/celery\n",  # Celery through a variable
])
@pytest.mark.parametrize("unit", _UNITS[:2])
def test_a_second_worker_unit_without_a_limit_keeps_the_findings(tree_lines, other: str, unit: str) -> None:
    bulk = "[Service]\nType=simple\n" + other
    assert tree_lines({**_PROJECT, unit: _EXPANDING, "deploy/systemd/bulk-worker.service": bulk}) == [_TASK_CALL, _VIEW_CALL]


def test_a_limit_on_a_continuation_line_is_the_worker_s(tree_lines) -> None:
    unit = "[Service]\nExecStart=/opt/svc/venv/bin/celery -A svc.queue worker \\\n    --concurrency=2 \\\n    --soft-time-limit=120\n"
    assert tree_lines({**_PROJECT, "deploy/celery.service": unit}) == [_VIEW_CALL]
    unit = "[Service]\nExecStart=/opt/svc/venv/bin/celery -A svc.queue worker --concurrency=2\nExecStartPost=/bin/echo --soft-time-limit=120\n"
    assert tree_lines({**_PROJECT, "deploy/celery.service": unit}) == [_TASK_CALL, _VIEW_CALL]


def test_a_line_that_only_names_celery_starts_no_worker(tree_lines) -> None:
    """An Ansible play listing the `svc.celery-worker` role, a log path under `/var/log/celery/`."""
    play = "- hosts: workers\n  roles:\n    - { role: \"svc.celery-worker\" }\n    - role: logrotate\n      path: /var/log/celery/worker.log\n"
    assert tree_lines({**_PROJECT, _TEMPLATE: _EXPANDING, "deploy/workers.yml": play}) == [_VIEW_CALL]


def test_a_debugging_worker_a_vagrant_script_starts_is_not_the_deployment_s(tree_lines) -> None:
    """`vagrant ssh worker -c "..."` runs on a developer's VM: its worker without a limit is a debugging
    session. The same worker started by a script of the deployment runs tasks without one."""
    script = ("#!/bin/bash\nset -e\nSTOP=\"sudo systemctl stop celeryd\"\n"
              "WORKER=\"/opt/svc/venv/bin/celery -A svc.queue worker -l debug -n debug@%h\"\n"
              "vagrant ssh worker -c \"$STOP && $WORKER\"\n")
    assert tree_lines({**_PROJECT, _TEMPLATE: _EXPANDING, "scripts/debug-worker.sh": script}) == [_VIEW_CALL]
    direct = "#!/bin/bash\nset -e\nexec /opt/svc/venv/bin/celery -A svc.queue worker -l info\n"
    assert tree_lines({**_PROJECT, _TEMPLATE: _EXPANDING, "scripts/start-worker.sh": direct}) == [_TASK_CALL, _VIEW_CALL]


@pytest.mark.parametrize("line, starts", [
    ("ExecStart=/opt/venv/bin/celery -A svc worker -c 2", True),
    ("command: [\"celery\", \"-A\", \"svc\", \"worker\"]", True),
    ("ExecStart=/bin/sh -c '${CELERY_BIN} -A svc multi start w1 w2'", True),
    ("ExecReload=/bin/sh -c '${CELERY_BIN} multi restart w1 w2'", True),
    ("celery multi $ACTION worker1", True),  # an action not written out may start nodes
    ("ExecStop=/bin/sh -c '${CELERY_BIN} multi stopwait worker'", False),
    ("ExecStop=/bin/sh -c '${CELERY_BIN} multi stopwait'", False),
    ("- { role: \"svc.celery-worker\" }", False),
    ("celery -A svc.worker beat", False),
    ("systemctl restart celery-worker", False),
    ("# celery -A svc worker", False),
])
def test_what_starts_a_worker(line: str, starts: bool) -> None:
    assert list(worker_lines([line])) == ([line] if starts else [])


def test_a_variable_a_launch_file_assigns_the_program_runs_celery() -> None:
    lines = ["Environment=\"RUNNER=/usr/bin/envdir /etc/env /opt/venv/bin/celery\"", "ExecStart=${RUNNER} -A svc worker"]
    assert list(worker_lines(lines, celery_program(lines))) == [lines[1]]
    assert list(worker_lines(lines[1:], celery_program(lines[1:]))) == []  # nothing says what RUNNER is


def test_continued_lines_are_one_logical_line() -> None:
    assert logical_lines("a \\\n  b \\\r\n  c\nd\n") == ["a    b    c", "d"]


@pytest.mark.parametrize("name", ["celeryd.service", "celeryd.service.j2", "celeryd.service.in", "worker.service.tpl"])
def test_systemd_units_and_their_templates_are_launch_files(name: str) -> None:
    path = f"deploy/templates/{name}"
    assert is_systemd_unit(path) and is_launch_file(path) and not is_dependency_file(path)
    # a unit's inline `#` is part of the value; a whole line starting with `#` is a comment
    assert uncommented_text(path, "# ExecStart=celery worker\nExecStart=run --tag=#1\n") == "\nExecStart=run --tag=#1"


def test_other_templates_and_requirements_keep_their_kinds() -> None:
    assert is_dependency_file("requirements/base.in") and is_launch_file("requirements/base.in")
    assert not is_systemd_unit("celeryd.conf.j2") and not is_launch_file("templates/index.html.j2")
