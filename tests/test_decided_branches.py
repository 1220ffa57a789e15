"""Branches no run can take (rules/decided_branches.py, through rules/unreachable.py) and hops a parameter guards
that every caller on the event loop turns off (rules/param_switches.py, project/blocking.py).

A local flag bound once to `False` keeps the remote call under `if flag:` from running, for PRR501 and PRR505, and a
helper only that branch calls is called by nothing (its words are prose, as after a `return`). A framework request's
`method` is upper case. A parameter with a true default that the caller on the loop passes as `False` takes no hop
under `if param:` (irrd's `Preloader(enable_queries=False)`), though a start-up elsewhere passes `True`; a caller on
the loop that passes `True`, or a variable, keeps the path."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import libcst as cst
import pytest

from _serving import run_on_disk
from prr_lint.resolve import Resolver
from prr_lint.rules.unreachable import UnreachableNodes, never_run_code

_SESSIONS = (
    "import requests\n\n\nclass Terms:\n    def remote_terms(self):\n"
    "        return requests.post('https://records.example.gov/terms').json()\n\n"
    "    def names(self):\n        fetch_live = FLAG\n        if fetch_live:\n            return self.remote_terms()\n"
    "        return ['2021-2024', '2017-2020']\n"
)
_APP = ("from flask import Flask\nfrom svc.terms import Terms\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/terms')\ndef terms():\n    return {'terms': Terms().names()}\n")


def _lines(tmp_path: Path, files: Dict[str, str], select: Tuple[str, ...] = ("PRR501",)) -> List[Tuple[str, int]]:
    result = run_on_disk(tmp_path, {"svc/__init__.py": "", **files}, select=select, whole_project=True)
    return sorted((finding.path, finding.span.line) for finding in result.findings)


def test_a_helper_only_a_branch_on_a_constant_flag_calls_is_dead(tmp_path: Path) -> None:
    assert _lines(tmp_path, {"svc/app.py": _APP, "svc/terms.py": _SESSIONS.replace("FLAG", "False")}) == []


@pytest.mark.parametrize("flag", ["True", "bool(Terms)"])
def test_a_flag_that_may_be_true_keeps_the_helper(tmp_path: Path, flag: str) -> None:
    assert _lines(tmp_path, {"svc/app.py": _APP, "svc/terms.py": _SESSIONS.replace("FLAG", flag)}) == [("svc/terms.py", 6)]


def test_a_flag_augmented_later_keeps_the_helper(tmp_path: Path) -> None:
    terms = _SESSIONS.replace("FLAG", "0").replace("        if fetch_live:", "        fetch_live += 1\n        if fetch_live:")
    assert _lines(tmp_path, {"svc/app.py": _APP, "svc/terms.py": terms}) == [("svc/terms.py", 6)]


def test_the_never_run_code_of_a_module_is_its_dead_branches() -> None:
    source = ("import requests\nfrom flask import request\n\ndef f(url):\n    live = False\n    if live:\n        g(url)\n"
              "    elif request.method != 'post':\n        h(url)\n    else:\n        k(url)\n")
    module = cst.parse_module(source)
    assert never_run_code(module, UnreachableNodes(Resolver(module, "svc.f"))).split() == ["g(url)", "else:", "k(url)"]


_LOOP = (
    "import time\n\n\nclass Store:\n    def __init__(self, queries=True):\n        if queries:\n            self.load()\n\n"
    "    def load(self):\n        time.sleep(1)\n\n\nclass Tracker:\n    def __init__(self):\n        self.store = Store(queries=False)\n"
)
_ROUTES = (
    "from fastapi import FastAPI\nfrom svc.store import Store, Tracker\n\napp = FastAPI()\n\n\n"
    "@app.get('/changes')\nasync def changes():\n    Tracker()\n    return {}\n\n\n"
    "def start_worker():\n    return Store(queries=True)\n"
)


def test_a_hop_every_caller_on_the_loop_turns_off_is_not_taken(tmp_path: Path) -> None:
    assert _lines(tmp_path, {"svc/store.py": _LOOP, "svc/app.py": _ROUTES}, ("PRR505",)) == []


@pytest.mark.parametrize("call", ["Store(queries=True)", "Store(queries=bool(self))", "Store()"])
def test_a_caller_on_the_loop_that_may_turn_it_on_keeps_the_path(tmp_path: Path, call: str) -> None:
    store = _LOOP.replace("Store(queries=False)", call)
    assert _lines(tmp_path, {"svc/store.py": store, "svc/app.py": _ROUTES}, ("PRR505",)) == [("svc/store.py", 10)]


def test_a_blocking_call_under_a_constant_flag_is_off_the_loop(tmp_path: Path) -> None:
    routes = "import time\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/')\nasync def index():\n" \
             "    slow = SLOW\n    if slow:\n        time.sleep(1)\n    return {}\n"
    assert _lines(tmp_path, {"svc/app.py": routes.replace("SLOW", "False")}, ("PRR505",)) == []
    assert _lines(tmp_path, {"svc/app.py": routes.replace("SLOW", "True")}, ("PRR505",)) == [("svc/app.py", 11)]


def test_a_module_flag_another_module_sets_keeps_its_branch(tmp_path: Path) -> None:
    """A module-level name is no local: another module may set it (`terms.LIVE = True`)."""
    terms = "import requests\n\nLIVE = False\n\n\ndef names():\n    if LIVE:\n        return requests.get('https://records.example.gov/t')\n    return []\n"
    app = _APP.replace("from svc.terms import Terms", "from svc import terms as terms_module\nfrom svc.terms import names") \
        .replace("Terms().names()", "names()") + "\n\ndef go_live():\n    terms_module.LIVE = True\n"
    assert _lines(tmp_path, {"svc/app.py": app, "svc/terms.py": terms}) == [("svc/terms.py", 8)]
