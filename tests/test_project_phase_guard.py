"""A project-phase step that raises (DESIGN.md §7): the run completes, says what failed (PRR003), exits 2.

Each test makes one step raise, a real RecursionError or a plain exception, and checks that the
run's other findings stand, that the findings the step would have confirmed are neither lost nor
passed off as confirmed, and that every output format stays valid.
"""

from __future__ import annotations

import html.parser
import json
import subprocess
import sys
from pathlib import Path
from typing import Dict

import jsonschema
import pytest

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.baseline import scope_of
from prr_lint.cache import ResultCache
from prr_lint.engine import Plan
from prr_lint.model import RunResult
from prr_lint.project import phase, scope, wrappers
from prr_lint.project.guard import UNCONFIRMED
from prr_lint.runner import run_jobs

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
# A Flask route calling a timeout-forwarding wrapper (PRR501, pending "timeout-wrapper", found by the
# wrapper search), an app without metrics or health route (PRR201/PRR206, pending on other checks), a
# swallowed error (PRR101, settled in the file) and a Celery task's call (PRR501, out of the serving scope).
FILES: Dict[str, str] = {
    "svc/__init__.py": "",
    "svc/api.py": (
        "from flask import Flask\nfrom svc.http import get\nfrom svc.store import save\napp = Flask(__name__)\n\n"
        "@app.get('/a')\ndef a():\n    save()\n    return get('http://x')\n"
    ),
    "svc/http.py": "import requests\n\ndef get(url, timeout=None):\n    return requests.get(url, timeout=timeout)\n",
    "svc/store.py": "def save():\n    try:\n        db.commit()\n    except Exception:\n        pass\n",
    "svc/tasks.py": "from celery import shared_task\nimport requests\n\n@shared_task\ndef nightly():\n    requests.get('http://t')\n",
}
WRAPPER_CALL = ("PRR501", "svc/api.py", 9)
SETTLED_ELSEWHERE = {("PRR101", "svc/store.py", 4), ("PRR201", "svc/api.py", 4), ("PRR206", "svc/api.py", 4)}
TASK_CALL = ("PRR501", "svc/tasks.py", 6)


def _recurse(*args, **kwargs):
    """Raises a genuine RecursionError."""
    return _recurse(*args, **kwargs)


def _fail(*args, **kwargs):
    raise ValueError("broken on purpose")


def _run(cache: ResultCache = None) -> RunResult:
    plan = Plan(settings_with(), tuple(REGISTRY.select(["PRR0", "PRR1", "PRR2", "PRR5"], [], [])), whole_project=True)
    return run_jobs(jobs_for(FILES), plan, 1, cache)


def _found(run: RunResult) -> set:
    return {(finding.rule, finding.path, finding.span.line) for finding in run.findings if finding.rule != "PRR003"}


def _crashes(run: RunResult) -> list:
    return [(finding.path, finding.message) for finding in run.findings if finding.rule == "PRR003"]


def _break_wrapper_check(monkeypatch, failure) -> None:
    """The pending check "timeout-wrapper" (project/wrappers.py) raises when it is built."""
    conditions = wrappers.wrapper_conditions
    monkeypatch.setattr(wrappers, "wrapper_conditions", lambda project: {**conditions(project), "timeout-wrapper": failure})


def test_the_run_is_whole_when_nothing_fails() -> None:
    run = _run()
    assert _found(run) == {WRAPPER_CALL, *SETTLED_ELSEWHERE} and run.internal_errors == 0 and not run.project_failures


@pytest.mark.parametrize("failure, error", [(_recurse, "RecursionError: maximum recursion depth exceeded"), (_fail, "ValueError: broken on purpose")])
def test_a_crashing_check_reports_its_findings_unconfirmed_and_the_others_settle(monkeypatch, failure, error) -> None:
    _break_wrapper_check(monkeypatch, failure)
    run = _run()
    assert _found(run) == {WRAPPER_CALL, *SETTLED_ELSEWHERE}
    [kept] = [finding for finding in run.findings if (finding.rule, finding.path, finding.span.line) == WRAPPER_CALL]
    assert kept.message.endswith(UNCONFIRMED) and kept.fingerprint  # the same baseline entry as when confirmed
    assert all(UNCONFIRMED not in finding.message for finding in run.findings if finding is not kept)
    [(path, message)] = _crashes(run)
    assert path == "svc/api.py"  # where the finding it was checking is
    assert message.startswith(f"the project phase's check 'timeout-wrapper' crashed: {error}")
    assert "(prr_lint/" not in message or message.count("(prr_lint/") == 1
    assert message.endswith("1 finding(s) of PRR501 it confirms or drops are reported unconfirmed")
    assert run.internal_errors == 1 and run.project_failures == [message]


def test_a_crashing_project_index_leaves_every_pending_finding_unconfirmed(monkeypatch) -> None:
    monkeypatch.setattr(phase, "ProjectIndex", _recurse)
    run = _run()
    # The wrapper search needs the index too: its PRR501 finding is missing, and says so.
    found = _found(run)
    assert WRAPPER_CALL not in found and SETTLED_ELSEWHERE | {TASK_CALL} <= found  # no scope filter left the task out
    # Every pending finding stays, unconfirmed (PRR505 on async reachability is dropped when settled:
    # nothing here is async); the finding the file settled on its own stays as it is.
    unsettled = [finding for finding in run.findings if finding.rule not in ("PRR003", "PRR101")]
    assert {finding.rule for finding in unsettled} == {"PRR201", "PRR206", "PRR501", "PRR505"}
    assert all(finding.message.endswith(UNCONFIRMED) for finding in unsettled)
    messages = [message for _, message in _crashes(run)]
    assert all("RecursionError" in message for message in messages)
    assert any("search for calls of timeout-forwarding wrappers (PRR501) crashed" in message for message in messages)
    assert any("serving analysis" in message for message in messages)
    assert run.internal_errors == len(messages) == len(run.project_failures)


def test_a_crashing_wrapper_search_costs_only_its_own_findings(monkeypatch) -> None:
    monkeypatch.setattr(wrappers, "find_wrappers", _fail)
    run = _run()
    assert _found(run) == SETTLED_ELSEWHERE
    [(path, message)] = _crashes(run)
    assert path == "svc/__init__.py"  # no file of its own: the run's first file
    assert "ValueError: broken on purpose" in message and message.endswith("PRR501 findings at calls of such wrappers are missing")
    assert run.internal_errors == 1


def test_a_crashing_wrapper_search_leaves_the_suppressions_it_would_use_unjudged(monkeypatch) -> None:
    monkeypatch.setattr(wrappers, "find_wrappers", _fail)
    api = FILES["svc/api.py"].replace("get('http://x')\n", "get('http://x')  # prr-lint: ignore[PRR501] reviewed\n")
    plan = Plan(settings_with(), tuple(REGISTRY.select(["PRR0", "PRR1", "PRR2", "PRR5"], [], [])), whole_project=True)
    run = run_jobs(jobs_for({**FILES, "svc/api.py": api}), plan)
    [unused] = [finding for finding in run.findings if finding.rule == "PRR002"]
    assert unused.message.endswith(UNCONFIRMED)  # not passed off as a suppression that silences nothing
    messages = [message for _, message in _crashes(run)]
    assert any("check 'unused-unless-project-finding' could not run: it needs the search for calls of "
               "timeout-forwarding wrappers (PRR501), which crashed" in message for message in messages)
    assert run.internal_errors == 2


def test_a_crashing_scope_filter_reports_what_it_would_leave_out(monkeypatch) -> None:
    monkeypatch.setattr(scope, "out_of_scope", _fail)
    run = _run()
    assert _found(run) == {WRAPPER_CALL, TASK_CALL, *SETTLED_ELSEWHERE} and run.out_of_scope == 0
    [(_, message)] = _crashes(run)  # once, though the filter runs on the suppressed findings too
    assert "scope filter 'code that is not the service' crashed: ValueError" in message
    assert message.endswith('the findings it leaves out are reported, as with scope = "all"')


def test_a_run_whose_project_phase_failed_is_not_cached(monkeypatch, tmp_path: Path) -> None:
    cache = ResultCache(str(tmp_path / "cache"))
    with monkeypatch.context() as patched:
        _break_wrapper_check(patched, _fail)
        assert _run(cache).internal_errors == 1
    again = _run(cache)  # served from the per-file entries, the project phase run anew
    assert again.internal_errors == 0 and _found(again) == {WRAPPER_CALL, *SETTLED_ELSEWHERE}
    assert _run(cache).findings == again.findings  # and now served whole


def test_a_run_whose_project_phase_failed_judges_no_baseline_entry_stale(tmp_path: Path) -> None:
    (tmp_path / "api.py").write_text("x = 1\n")
    failed = RunResult(findings=[], project_failures=["the project phase's check 'x' crashed: ..."])
    assert not scope_of(failed, ["api.py"], None, tmp_path).covers(("api.py", "PRR501", "f" * 32))
    assert not scope_of(failed, ["api.py"], None, tmp_path).analysed
    assert scope_of(RunResult(findings=[]), ["api.py"], None, tmp_path).covers(("api.py", "PRR501", "f" * 32))


def _write(root: Path) -> None:
    (root / ".git").mkdir(exist_ok=True)
    (root / "pyproject.toml").write_text('[tool.prr-lint]\nselect = ["PRR0", "PRR1", "PRR2", "PRR5"]\n')
    for path, source in FILES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(source)


class _Html(html.parser.HTMLParser):
    """Checks that every element opened is closed in order (void elements aside)."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag) -> None:
        assert self.open and self.open.pop() == tag, tag


@pytest.mark.parametrize("output_format", ["text", "concise", "json", "sarif", "github", "markdown", "html"])
def test_every_output_format_reports_the_failure(monkeypatch, in_dir: Path, run_cli, output_format) -> None:
    _write(in_dir)
    _break_wrapper_check(monkeypatch, _recurse)
    result = run_cli("check", "--output-format", output_format, "--no-cache")
    assert result.exit_code == 2, result.output
    assert "PRR003" in result.stdout and "crashed" in result.stdout
    assert "prr-lint: warning: the project phase's check 'timeout-wrapper' crashed: RecursionError" in result.stderr
    if output_format == "json":
        document = json.loads(result.stdout)
        rules = [(found["rule"], found["path"]) for found in document["findings"]]
        assert ("PRR003", "svc/api.py") in rules and ("PRR101", "svc/store.py") in rules and ("PRR501", "svc/api.py") in rules
        assert document["summary"]["errors"] == 1
    elif output_format == "sarif":
        document = json.loads(result.stdout)
        jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(document)
        run = document["runs"][0]
        assert run["invocations"][0]["executionSuccessful"] is False
        assert {"PRR003", "PRR101", "PRR501"} <= {found["ruleId"] for found in run["results"]}
    elif output_format == "html":
        parser = _Html()
        parser.feed(result.stdout)
        parser.close()
        assert not parser.open


def test_real_subprocess_with_a_genuine_recursion_error(tmp_path: Path) -> None:
    _write(tmp_path)
    driver = tmp_path / "driver.py"
    driver.write_text(
        "import sys\nfrom prr_lint.project import phase\n\n"
        "def deep(*args):\n    return deep(*args)\n\n"
        "phase.ProjectIndex = deep\n"
        "from prr_lint.cli import main\nsys.argv[0] = 'prr-lint'\nmain()\n"
    )
    command = [sys.executable, str(driver), "check", "svc", "--output-format", "json", "--no-cache"]
    completed = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert completed.returncode == 2, completed.stderr
    assert "Traceback" not in completed.stderr
    document = json.loads(completed.stdout)
    crashes = [found for found in document["findings"] if found["rule"] == "PRR003"]
    assert crashes and all("RecursionError: maximum recursion depth exceeded" in found["message"] for found in crashes)
    assert {("PRR101", "svc/store.py"), ("PRR201", "svc/api.py")} <= {(found["rule"], found["path"]) for found in document["findings"]}
    assert document["summary"]["errors"] == len(crashes)
    assert "the project phase's" in completed.stderr


def test_with_prr003_not_selected_the_failure_is_still_said_and_exits_2(monkeypatch, in_dir: Path, run_cli) -> None:
    _write(in_dir)
    _break_wrapper_check(monkeypatch, _fail)
    result = run_cli("check", "--select", "PRR101,PRR501", "--output-format", "json", "--no-cache")
    assert result.exit_code == 2
    assert "PRR003" not in {found["rule"] for found in json.loads(result.stdout)["findings"]}
    assert "check 'timeout-wrapper' crashed: ValueError: broken on purpose" in result.stderr


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_entrypoints_says_in_one_line_that_the_serving_model_crashed(monkeypatch, in_dir: Path, run_cli, output_format) -> None:
    from prr_lint.commands import entrypoints

    _write(in_dir)
    monkeypatch.setattr(entrypoints, "ProjectIndex", _recurse)
    result = run_cli("entrypoints", "--format", output_format)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("prr-lint: internal error: the serving model could not be built, no entry points are listed: "
                                    "RecursionError: maximum recursion depth exceeded")
    assert "Traceback" not in result.stderr


def test_entrypoints_lists_the_same_project_when_nothing_crashes(in_dir: Path, run_cli) -> None:
    _write(in_dir)
    result = run_cli("entrypoints", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [entry["function"] for entry in json.loads(result.stdout)["entry_points"]] == ["svc.api.a"]
