"""A service whose entry points prr-lint cannot see holds back the serving-behaviour rules (project/no_entry_points.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prr_lint.cli import cli
from tests._reporting_data import cli_runner

SWALLOW = "import requests\n\n\ndef refresh(url):\n    try:\n        requests.get(url, timeout=5)\n    except Exception:\n        pass\n"
NO_TIMEOUT = "import requests\n\n\ndef fetch(url):\n    return requests.get(url)\n"
TWISTED = "from twisted.internet import reactor\nfrom twisted.web import server\n\n\ndef main(site):\n    reactor.listenTCP(8080, server.Site(site))\n    reactor.run()\n"
FLASK = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/orders')\ndef orders():\n    return []\n"


def _project(root: Path, files) -> None:
    (root / ".git").mkdir()
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


def _check(root: Path, monkeypatch, *arguments: str):
    """The default rules plus PRR101 (opt-in): its swallowed handler is the serving-behaviour finding held back here."""
    monkeypatch.chdir(root)
    command = ["check", "--no-cache", "--exit-zero", "--extend-select", "PRR101", "--output-format", "json", *arguments]
    outcome = cli_runner().invoke(cli, command, catch_exceptions=False)
    return sorted(f["rule"] for f in json.loads(outcome.stdout)["findings"]), outcome.stderr


def test_a_twisted_service_without_recognised_entry_points_holds_back_and_says_why(tmp_path, monkeypatch) -> None:
    poll = NO_TIMEOUT + "\n\nLATEST = fetch('https://feeds')\n"  # named: not dead code (dead_scope.py)
    _project(tmp_path, {"svc/server.py": TWISTED, "svc/feeds.py": SWALLOW, "svc/client.py": poll})
    rules, stderr = _check(tmp_path, monkeypatch)
    assert rules == ["PRR501"], "a call without a timeout stands on its own evidence"
    assert "1 finding(s) of PRR101-PRR103/PRR105/PRR401/PRR402/PRR404 held back" in stderr
    assert "`twisted.internet.reactor` in svc/server.py" in stderr


@pytest.mark.parametrize("how", ["scope = \"all\"", "files"])
def test_scope_all_and_named_files_keep_them(tmp_path, monkeypatch, how: str) -> None:
    _project(tmp_path, {"svc/server.py": TWISTED, "svc/feeds.py": SWALLOW})
    if how == "files":
        rules, stderr = _check(tmp_path, monkeypatch, "svc/server.py", "svc/feeds.py")
    else:
        (tmp_path / "prr-lint.toml").write_text(how + "\n")
        rules, stderr = _check(tmp_path, monkeypatch)
    assert rules == ["PRR101"] and "held back" not in stderr


def test_a_project_that_uses_no_server_library_keeps_them(tmp_path, monkeypatch) -> None:
    _project(tmp_path, {"svc/feeds.py": SWALLOW})
    assert _check(tmp_path, monkeypatch) == (["PRR101"], "")


def test_a_project_with_recognised_entry_points_keeps_them(tmp_path, monkeypatch) -> None:
    api = "from svc import feeds\n" + FLASK.replace("return []", "return feeds.refresh('http://feeds')")  # a named function: not dead code
    _project(tmp_path, {"svc/server.py": TWISTED, "svc/feeds.py": SWALLOW, "svc/api.py": api})
    rules, stderr = _check(tmp_path, monkeypatch)
    assert "PRR101" in rules and "held back" not in stderr
