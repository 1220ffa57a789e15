"""Calls below a `return` that always runs call nothing (rules/unreachable.py): a helper only such code
calls is dead (YYeTsBot's `ban_new_ip`, switched off by a bare `return` above the `get_old_ips` it would
call), while one a reachable line calls stays the service's."""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

import libcst as cst
import pytest

from _serving import run_on_disk
from prr_lint.rules.unreachable import never_run_code

APP = ("from flask import Flask\n\nfrom svc.cloud import Firewall\n\napp = Flask(__name__)\n\n\n"
       "@app.route('/ban/<ip>')\ndef ban(ip):\n    Firewall().ban(ip)\n    return 'ok'\n")
CLOUD = ("import requests\n\n\nclass Firewall:\n    def __init__(self):\n        self.session = requests.Session()\n\n"
         "    def old_rules(self):\n        return self.session.get('https://api.example.com/rules').json()\n\n"
         "    def ban(self, ip):\nBODY")


def _findings(tmp_path: Path, body: str) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/cloud.py": CLOUD.replace("BODY", body)}
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR501",), whole_project=True).findings)


def test_a_helper_only_code_below_an_unconditional_return_calls_is_dead(tmp_path: Path) -> None:
    body = "        # switched off\n        return\n        rules = self.old_rules()\n        rules.append(ip)\n"
    assert _findings(tmp_path, body) == []


@pytest.mark.parametrize("body", [
    "        rules = self.old_rules()\n        return\n",
    "        if not ip:\n            return\n        rules = self.old_rules()\n",
    "        try:\n            return\n        finally:\n            self.old_rules()\n",
    "        for _ in range(2):\n            if ip:\n                break\n            self.old_rules()\n",
])
def test_a_helper_a_reachable_line_calls_stays_reported(tmp_path: Path, body: str) -> None:
    assert _findings(tmp_path, body) == [("svc/cloud.py", 9)]


def test_never_run_code_is_what_follows_a_block_end_once() -> None:
    source = ("def f(x):\n    if x:\n        raise ValueError(x)\n    else:\n        return 1\n    g()\n"
              "    if y:\n        return\n        h()\n\ndef k():\n    return\n    j()\n")
    assert sorted(never_run_code(cst.parse_module(source)).split()) == ["g()", "h()", "if", "j()", "return", "y:"]


def test_a_long_elif_chain_is_read_without_recursion() -> None:
    source = "def pick(x):\n    if x == 0:\n        return 0\n" + "".join(
        f"    elif x == {i}:\n        return {i}\n" for i in range(1, 1500)) + "    else:\n        return -1\n    tail()\n"
    assert never_run_code(cst.parse_module(source)).strip() == "tail()"


def _with_config(tmp_path: Path, config: str) -> List[Tuple[str, int]]:
    """The switched-off `ban` beside a configuration file: a loader may run the public methods of a class it names."""
    body = "        return\n        self.old_rules()\n"
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/cloud.py": CLOUD.replace("BODY", body), "deploy/package.json": config}
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR501",), whole_project=True).findings)


def test_a_configuration_files_description_loads_no_class(tmp_path: Path) -> None:
    """YYeTsBot's worker `package.json` ("A template for kick starting a Cloudflare Workers project") is prose: it
    hands no loader the `Cloudflare` class, whose public methods would then be kept as hooks (text_words.py)."""
    assert _with_config(tmp_path, '{\n  "name": "edge",\n  "description": "A worker in front of the Firewall API"\n}\n') == []


def test_a_configuration_files_dotted_path_loads_the_class(tmp_path: Path) -> None:
    assert _with_config(tmp_path, '{\n  "name": "edge",\n  "loader": "svc.cloud.Firewall"\n}\n') == [("svc/cloud.py", 9)]
