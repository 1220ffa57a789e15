"""GitHub Actions workflow-command annotations: escaping, spans, severities, the per-step limit."""

from __future__ import annotations

import re
from pathlib import Path

from _reporting_data import REGISTRY, FakeNote, FakePrint, FakeSwallowed, finding, options, run_result, write_project
from prr_lint.model import RunResult, Severity
from prr_lint.reporters import github

SNAPSHOTS = Path(__file__).parent / "snapshots" / "reporting"
COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _parse(line: str):
    """Split a workflow command the way the runner does: properties up to the first '::'."""
    match = COMMAND.match(line)
    assert match, line
    properties = dict(item.split("=", 1) for item in match.group(2).split(","))
    return match.group(1), properties, match.group(3)


def _unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_one_line_per_finding_with_mapped_severities(tmp_path):
    text = github.render(run_result(), REGISTRY, options(tmp_path))
    lines = text.splitlines()
    assert len(lines) == 3
    kinds = [_parse(line)[0] for line in lines]
    assert kinds == ["error", "warning", "notice"]


def test_single_line_span_has_columns_multi_line_span_has_none(tmp_path):
    lines = github.render(run_result(), REGISTRY, options(tmp_path)).splitlines()
    _, single, _ = _parse(lines[0])
    assert single == {"file": "svc/api.py", "line": "6", "endLine": "6", "col": "5", "endColumn": "22",
                      "title": "prr-lint PRR101 (swallowed-exception)"}
    _, multi, _ = _parse(lines[1])
    assert multi["line"] == "8" and multi["endLine"] == "9"
    assert "col" not in multi and "endColumn" not in multi


def test_crafted_messages_and_paths_cannot_inject_commands(tmp_path):
    nasty = "50% done\r\n::error file=evil.py,line=1::injected\n::add-mask::x"
    result = RunResult(
        findings=[finding(FakeSwallowed, "we,ird:dir/a%b.py", 1, 1, 1, 3, nasty)]
    )
    text = github.render(result, REGISTRY, options(tmp_path))
    assert text.count("\n") == 1, "the message stays on one line"
    kind, properties, message = _parse(text.rstrip("\n"))
    assert kind == "error"
    assert properties["file"] == "we%2Cird%3Adir/a%25b.py"
    assert _unescape(properties["file"]) == "we,ird:dir/a%b.py"
    assert message.startswith("50%25 done%0D%0A::error")
    assert _unescape(message) == nasty + " [PRR-ERR]"


def test_a_note_says_when_the_runner_would_drop_annotations(tmp_path):
    findings = [finding(FakePrint, "a.py", n, 1, n, 2, "p") for n in range(1, 13)]
    findings += [finding(FakeSwallowed, "b.py", n, 1, n, 2, "e") for n in range(1, 11)]
    text = github.render(RunResult(findings=findings), REGISTRY, options(tmp_path))
    lines = text.splitlines()
    assert len(lines) == 23
    assert not lines[-1].startswith("::"), "the note is log text, not another annotation"
    assert "12 warnings" in lines[-1] and "2 will not appear" in lines[-1]
    assert "errors" not in lines[-1], "ten errors fit"
    exactly_ten = github.render(RunResult(findings=findings[12:]), REGISTRY, options(tmp_path))
    assert all(line.startswith("::") for line in exactly_ten.splitlines())


def test_paths_are_repository_relative(tmp_path):
    (tmp_path / ".git").mkdir()
    service = tmp_path / "svc-root"
    service.mkdir()
    line = github.render(run_result(), REGISTRY, options(service)).splitlines()[0]
    assert _parse(line)[1]["file"] == "svc-root/svc/api.py"


def test_clean_run_prints_nothing(tmp_path):
    assert github.render(RunResult(findings=[]), REGISTRY, options(tmp_path)) == ""


def test_snapshot(tmp_path, snapshot):
    write_project(tmp_path)
    result = run_result()
    result.findings.append(finding(FakeNote, "svc/x,y.py", 2, 1, 2, 4, "100% of\nhandlers", severity=Severity.WARNING))
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(github.render(result, REGISTRY, options(tmp_path)), "fixed_input.github.txt")
