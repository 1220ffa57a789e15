"""A `def` a later `def` of the same body rebinds before anything runs it is dead for every rule
(rebound_defs.py, project/rebound.py): oadoi's first `util.get_openalex_json`, left above its replacement.
A read or a call of the body's own names between the two, a branch, or a registering decorator keeps it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Set, Tuple

import libcst as cst

from _serving import run_on_disk
from prr_lint.rebound_defs import _rebound

APP = ("from flask import Flask\nfrom svc import util\n\napp = Flask(__name__)\n\n"
       "@app.route('/works')\ndef works():\n    return util.fetch_json('https://api.example.com/works')\n")
FIRST = "@retry(stop=stop_after_attempt(3))\ndef fetch_json(url):\n    return requests.get(url).json()\n\n\n"
HELPER = "def log_error(state):\n    print(state)\n\n\n"
SECOND = "@retry(stop=stop_after_attempt(5), retry_error_callback=log_error)\ndef fetch_json(url, params=None):\n    return requests.get(url, params=params).json()\n"
HEAD = "import requests\nfrom tenacity import retry, stop_after_attempt\n\n\n"


def _found(tmp_path: Path, util: str) -> Set[Tuple[str, int]]:
    files: Dict[str, str] = {"svc/__init__.py": "", "svc/app.py": APP, "svc/util.py": util}
    return {(f.path, f.span.line) for f in run_on_disk(tmp_path, files).findings}


def test_a_def_rebound_by_a_later_def_is_dead(tmp_path: Path) -> None:
    found = _found(tmp_path, HEAD + FIRST + HELPER + SECOND)
    assert ("svc/util.py", 7) not in found and ("svc/util.py", 16) in found


def test_a_call_between_the_two_defs_may_run_the_first(tmp_path: Path) -> None:
    """A module-level call of a name the module binds may reach the first `def` before it is rebound."""
    between = HELPER + "log_error(fetch_json('https://api.example.com/ping'))\n\n\n"
    found = _found(tmp_path, HEAD + FIRST + between + SECOND)
    assert ("svc/util.py", 7) in found


def test_a_call_handed_a_function_of_the_module_between_may_run_the_first() -> None:
    source = ("def fetch():\n    return 1\n\n\ndef poll():\n    return fetch()\n\n\n"
              "executor.submit(poll)\n\n\ndef fetch():\n    return 2\n")
    assert _rebound_names(source) == set() and _rebound_names(source.replace("executor.submit(poll)", "LIMIT = 3")) == {"fetch"}


def test_a_def_under_a_branch_keeps_the_first(tmp_path: Path) -> None:
    second = "if requests:\n" + "".join(f"    {line}\n" if line else "\n" for line in SECOND.splitlines())
    found = _found(tmp_path, HEAD + FIRST + HELPER + second)
    assert ("svc/util.py", 7) in found


def _rebound_names(source: str) -> Set[str]:
    return {f"{prefix}{first.name.value}" for prefix, first, _ in _rebound(cst.parse_module(source).body, "")}


def test_a_setter_reads_the_property_it_rebinds() -> None:
    """`@x.setter` reads the first `x` (the property holds it); a plain second method rebinds it unread."""
    source = ("class Pub:\n    @property\n    def status(self):\n        return 1\n\n    @status.setter\n"
              "    def status(self, value):\n        pass\n\n    def key(self):\n        return 1\n\n"
              "    def key(self):\n        return 2\n")
    assert _rebound_names(source) == {"Pub.key"}


def test_a_registering_decorator_keeps_the_first(tmp_path: Path) -> None:
    """A route registers the first function where the second cannot undo it."""
    first = "@app.get('/a')\ndef fetch_json(url):\n    return requests.get(url).json()\n\n\n"
    util = HEAD + "from svc.app import app\n\n\n" + first + HELPER + SECOND
    found = _found(tmp_path, util)
    assert ("svc/util.py", 10) in found
