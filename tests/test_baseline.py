"""Baselines through the real CLI on small projects: record, check, survive edits, count, stale, prune."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from _reporting_data import cli_runner
from prr_lint import baseline as baseline_module
from prr_lint.cli import cli

SWALLOW = """\
def {name}():
    try:
        db.commit()
    except Exception:
        pass
"""


# The swallowed handler (PRR101, opt-in) is the finding these projects record, so they select it.
SELECT = 'select = ["PRR101"]\n'


def _project(root: Path, files) -> None:
    files = dict(files)
    files["prr-lint.toml"] = SELECT + files.get("prr-lint.toml", "")
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def _run(root: Path, monkeypatch, *arguments: str):
    monkeypatch.chdir(root)
    return cli_runner().invoke(cli, list(arguments), catch_exceptions=False)


def _check(root: Path, monkeypatch, *arguments: str):
    outcome = _run(root, monkeypatch, "check", "--no-cache", "--output-format", "json", *arguments)
    assert outcome.exit_code in (0, 1), outcome.stderr
    return outcome, json.loads(outcome.stdout)


def _entries(path: Path):
    return json.loads(path.read_text())["entries"]


@pytest.fixture
def legacy(tmp_path, monkeypatch):
    """A legacy service with three findings in two files, baselined."""
    _project(tmp_path, {"svc/a.py": SWALLOW.format(name="a") + "\n" + SWALLOW.format(name="b"), "svc/b.py": SWALLOW.format(name="c")})
    outcome = _run(tmp_path, monkeypatch, "baseline", "--no-cache")
    assert outcome.exit_code == 0, outcome.stderr
    assert "wrote" in outcome.stderr
    return tmp_path


def test_baseline_file_is_sorted_versioned_and_deterministic(legacy, monkeypatch):
    path = legacy / ".prr-lint-baseline.json"
    document = json.loads(path.read_text())
    assert document["schema_version"] == 1
    entries = document["entries"]
    assert [e["path"] for e in entries] == ["svc/a.py", "svc/a.py", "svc/b.py"]
    keys = [(e["path"], e["rule"], e["fingerprint"]) for e in entries]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert all(set(e) == {"path", "rule", "fingerprint", "count", "message"} for e in entries)
    assert "line" not in path.read_text()
    first = path.read_text()
    assert _run(legacy, monkeypatch, "baseline", "--no-cache").exit_code == 0
    assert path.read_text() == first
    assert not [p for p in legacy.iterdir() if p.name.endswith(".tmp")]


def test_check_with_baseline_reports_nothing_old(legacy, monkeypatch):
    outcome, report = _check(legacy, monkeypatch, "--baseline", ".prr-lint-baseline.json")
    assert outcome.exit_code == 0
    assert report["findings"] == []
    assert report["summary"]["baselined"] == 3
    assert "stale" not in outcome.stderr


def test_baseline_survives_lines_added_above_and_reformatting(legacy, monkeypatch):
    a = legacy / "svc" / "a.py"
    text = a.read_text()
    neighbourhood = text.replace("        work()\n", "        # reformatted neighbourhood\n        work(\n            retries=3,\n        )\n\n")
    reformatted = '"""Module docstring."""\nimport os\n\n\n# a comment\n' + neighbourhood
    a.write_text(reformatted)
    outcome, report = _check(legacy, monkeypatch, "--baseline", ".prr-lint-baseline.json")
    assert report["findings"] == [], report["findings"]
    assert report["summary"]["baselined"] == 3


def test_a_new_finding_is_reported_even_beside_identical_old_ones(legacy, monkeypatch):
    b = legacy / "svc" / "b.py"
    b.write_text(b.read_text() + "\n" + SWALLOW.format(name="c2") + "\n" + SWALLOW.format(name="d"))
    outcome, report = _check(legacy, monkeypatch, "--baseline", ".prr-lint-baseline.json")
    assert outcome.exit_code == 1
    assert [f["path"] for f in report["findings"]] == ["svc/b.py", "svc/b.py"]
    assert report["summary"]["baselined"] == 3


def test_repeated_identical_findings_are_counted(tmp_path, monkeypatch):
    # The same handler twice in one function body shape: identical fingerprint, counted.
    body = "def f():\n" + "    try:\n        db.commit()\n    except Exception:\n        pass\n" * 2
    _project(tmp_path, {"svc/a.py": body})
    assert _run(tmp_path, monkeypatch, "baseline", "--no-cache").exit_code == 0
    entries = _entries(tmp_path / ".prr-lint-baseline.json")
    assert len(entries) == 1 and entries[0]["count"] == 2
    (tmp_path / "svc" / "a.py").write_text(body + "    try:\n        db.commit()\n    except Exception:\n        pass\n")
    outcome, report = _check(tmp_path, monkeypatch, "--baseline", ".prr-lint-baseline.json")
    assert len(report["findings"]) == 1 and report["summary"]["baselined"] == 2


def test_fixed_findings_are_stale_and_prune_drops_them(legacy, monkeypatch):
    (legacy / "svc" / "b.py").write_text("def c():\n    return work()\n")
    outcome, report = _check(legacy, monkeypatch, "--baseline", ".prr-lint-baseline.json")
    assert outcome.exit_code == 0 and report["findings"] == []
    assert report["summary"]["baselined"] == 2
    assert "1 stale entry" in outcome.stderr and "svc/b.py: PRR101" in outcome.stderr
    assert "baseline --prune" in outcome.stderr
    # A new finding appears meanwhile: prune must not accept it.
    a = legacy / "svc" / "a.py"
    a.write_text(a.read_text() + "\n" + SWALLOW.format(name="new"))
    pruned = _run(legacy, monkeypatch, "baseline", "--prune", "--no-cache")
    assert pruned.exit_code == 0, pruned.stderr
    assert "pruned 1 stale finding" in pruned.stderr
    assert [e["path"] for e in _entries(legacy / ".prr-lint-baseline.json")] == ["svc/a.py", "svc/a.py"]
    outcome, report = _check(legacy, monkeypatch, "--baseline", ".prr-lint-baseline.json")
    assert "stale" not in outcome.stderr
    assert len(report["findings"]) == 1 and outcome.exit_code == 1


def test_stale_entries_reach_the_run_result(legacy):
    from prr_lint.config import Settings
    from prr_lint.registry import default_registry
    from prr_lint.runner import CheckRequest, run_check

    (legacy / "svc" / "b.py").write_text("x = 1\n")
    settings = Settings(root=legacy, baseline=".prr-lint-baseline.json", select=("PRR101",))
    outcome = run_check(CheckRequest(["."], use_cache=False), settings, default_registry(), legacy)
    assert len(outcome.result.stale_baseline) == 1 and outcome.result.stale_baseline[0].startswith("svc/b.py: PRR101")
    assert outcome.result.baselined == 2


def test_a_partial_run_judges_only_what_it_checked(legacy, monkeypatch):
    outcome, report = _check(legacy, monkeypatch, "--baseline", ".prr-lint-baseline.json", "svc/a.py")
    assert report["findings"] == [] and "stale" not in outcome.stderr
    outcome, report = _check(legacy, monkeypatch, "--baseline", ".prr-lint-baseline.json", "--select", "PRR401")
    assert "stale" not in outcome.stderr, "entries of rules that did not run are not stale"
    (legacy / "svc" / "b.py").unlink()
    outcome, report = _check(legacy, monkeypatch, "--baseline", ".prr-lint-baseline.json", "svc/a.py")
    assert "1 stale entry" in outcome.stderr, "a deleted file's entries are stale whatever was checked"


def test_baselining_part_of_the_tree_keeps_the_rest(legacy, monkeypatch):
    (legacy / "svc" / "a.py").write_text("x = 1\n")
    assert _run(legacy, monkeypatch, "baseline", "--no-cache", "svc/a.py").exit_code == 0
    assert [e["path"] for e in _entries(legacy / ".prr-lint-baseline.json")] == ["svc/b.py"]


def test_config_key_and_output_option(tmp_path, monkeypatch):
    _project(tmp_path, {"svc/a.py": SWALLOW.format(name="a"), "prr-lint.toml": 'baseline = "ci/prr-baseline.json"\n'})
    done = _run(tmp_path, monkeypatch, "baseline", "--no-cache")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "ci" / "prr-baseline.json").is_file()
    outcome, report = _check(tmp_path, monkeypatch)
    assert outcome.exit_code == 0 and report["summary"]["baselined"] == 1
    assert _run(tmp_path, monkeypatch, "baseline", "--no-cache", "--output", "other.json").exit_code == 0
    assert len(_entries(tmp_path / "other.json")) == 1


@pytest.mark.parametrize(
    "content, message",
    [(None, "baseline file not found"), ("{not json", "not valid JSON"), ('{"entries": []}', "schema_version"),
     ('{"schema_version": 1, "entries": [{"path": "a.py"}]}', "entries[0]")],
)
def test_unusable_baseline_is_a_usage_error(tmp_path, monkeypatch, content, message):
    _project(tmp_path, {"svc/a.py": "x = 1\n"})
    if content is not None:
        (tmp_path / "b.json").write_text(content)
    outcome = _run(tmp_path, monkeypatch, "check", "--no-cache", "--baseline", "b.json")
    assert outcome.exit_code == 2
    assert message in outcome.stderr and len(outcome.stderr.strip().splitlines()) == 1
    prune = _run(tmp_path, monkeypatch, "baseline", "--prune", "--output", "b.json")
    assert prune.exit_code == 2


def test_writes_are_atomic(legacy, monkeypatch):
    path = legacy / ".prr-lint-baseline.json"
    before = path.read_text()
    (legacy / "svc" / "b.py").write_text("x = 1\n")

    def broken_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    outcome = _run(legacy, monkeypatch, "baseline", "--no-cache")
    assert outcome.exit_code == 2 and "No space left" in outcome.stderr
    assert path.read_text() == before
    assert [p.name for p in legacy.iterdir() if p.name.startswith(".prr-lint-baseline")] == [".prr-lint-baseline.json"]


def test_prune_keeps_entries_it_cannot_judge():
    from prr_lint.model import RunResult

    previous = baseline_module.Baseline({("a.py", "PRR101", "f1"): 2, ("b.py", "PRR101", "f2"): 1})
    scope = baseline_module.Scope(analysed={"a.py"}, enabled={"PRR101"}, root=None)
    pruned, removed = baseline_module.prune(RunResult(findings=[]), scope, previous)
    assert pruned.counts == {("b.py", "PRR101", "f2"): 1} and removed == 2
