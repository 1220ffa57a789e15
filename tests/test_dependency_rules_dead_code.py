"""The rules about calls to dependencies (PRR501, PRR502, PRR504-PRR507) share one answer to "does
this code run": dead code is what no service source names, tests and prose aside (scope.py
`_DEAD_SETS`). A retry loop or a work queue in a helper only a test calls runs in no process of the
service (zhenxun_bot's `get_group_avatar`, Dispatcharr's `_create_session` nothing calls); the same
helper called from a route is reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from _serving import run_on_disk

RETRY = (
    "import requests\n\n\n"
    "def fetch_avatar(user):\n"
    "    for _ in range(3):\n"
    "        try:\n"
    "            return requests.get(f'https://avatars.example.com/{user}', timeout=5).content\n"
    "        except requests.RequestException:\n"
    "            continue\n"
    "    return None\n"
)
QUEUE = (
    "import queue\n\n\nclass Outbox:\n    def __init__(self):\n        self.jobs = queue.Queue()\n\n"
    "    def submit(self, job):\n        self.jobs.put(job)\n\n"
    "    def run(self):\n        while True:\n            send(self.jobs.get())\n\n\noutbox = Outbox()\n\n\n"
    "def enqueue(job):\n    outbox.submit(job)\n"
)
APP = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/health')\ndef health():\n    return 'ok'\n"
CASES = [("PRR504", "svc/avatars.py", RETRY, "fetch_avatar('x')", 5), ("PRR507", "svc/jobs.py", QUEUE, "enqueue({'id': 1})", 6)]


def _found(tmp_path: Path, rule: str, files: Dict[str, str]) -> List[Tuple[str, int]]:
    return [(f.path, f.span.line) for f in run_on_disk(tmp_path, {"svc/__init__.py": "", **files}, select=(rule,),
                                                       whole_project=True).findings if f.rule == rule]


@pytest.mark.parametrize("rule, path, source, call, line", CASES)
def test_code_only_a_test_calls_is_dead_for_the_dependency_rules(tmp_path: Path, rule: str, path: str, source: str,
                                                                   call: str, line: int) -> None:
    module = path[:-3].replace("/", ".")
    test = f"from {module} import {call.partition('(')[0]}\n\n\ndef test_it():\n    assert {call} is None\n"
    assert _found(tmp_path, rule, {"svc/app.py": APP, path: source, "tests/test_it.py": test}) == []


@pytest.mark.parametrize("rule, path, source, call, line", CASES)
def test_the_same_code_a_route_calls_is_reported(tmp_path: Path, rule: str, path: str, source: str, call: str,
                                                 line: int) -> None:
    module = path[:-3].replace("/", ".")
    app = APP.replace("from flask", f"from {module} import {call.partition('(')[0]}\nfrom flask") + f"\n\n@app.route('/x')\ndef x():\n    {call}\n    return 'ok'\n"
    assert _found(tmp_path, rule, {"svc/app.py": app, path: source}) == [(path, line)]
