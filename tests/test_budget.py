"""The per-file time budget (PRR004), worker replacement, and Ctrl-C, with a rule that is slow on purpose."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

import pytest

from _slow_rule import NAP_SECONDS, SLOW_REGISTRY, burn
from prr_lint import budget, parse_guard
from prr_lint.cache import ResultCache
from prr_lint.config import Settings
from prr_lint.engine import FileJob, Plan, analyse
from prr_lint.model import FileResult
from prr_lint.pool import MIN_FILES_FOR_POOL, run_files

SWALLOW = "def f():\n    try:\n        db.commit()\n    except Exception:\n        pass\n"
TESTS = Path(__file__).resolve().parent
# Wall-clock seconds within which stopped work must end: every piece of work these tests stop would run
# 60 s or more (burn's CPU, a 60 s sleep), and a loaded machine (load 20 on 2 cores) stretches the rest tenfold,
# so a tight bound tested the machine, not the budget.
PROMPTLY = 30.0
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked, supervised workers")


def _plan(seconds: float, root: Path = Path(".")) -> Plan:
    settings = Settings(root=root, file_timeout=seconds)
    return Plan(settings, ("PRR003", "PRR004", "PRR101", "PRR998"), SLOW_REGISTRY)


def _jobs(files: Dict[str, str]) -> List[FileJob]:
    return [FileJob(path, path[:-3].replace("/", "."), False, text.encode()) for path, text in sorted(files.items())]


def _by_path(results: List[FileResult]) -> Dict[str, List[str]]:
    return {result.path: [finding.rule for finding in result.findings] for result in results}


def test_a_slow_file_is_a_prr004_finding_the_rest_is_checked_and_it_is_not_cached(tmp_path: Path) -> None:
    plan = _plan(0.3)
    cache = ResultCache(str(tmp_path / "cache"))
    jobs = _jobs({"svc/slow.py": "SLOW = 1\n", "svc/api.py": SWALLOW})
    started = time.monotonic()
    results = run_files(jobs, plan, 1, cache)
    assert time.monotonic() - started < PROMPTLY
    assert _by_path(results) == {"svc/api.py": ["PRR101"], "svc/slow.py": ["PRR004"]}
    slow = results[1]
    finding = slow.findings[0]
    assert (finding.span.line, finding.span.column) == (1, 1)
    assert "file-timeout of 0.3 s of CPU time" in finding.message and "walking the tree" in finding.message
    assert slow.timed_out and not slow.analysed and slow.internal_errors == 0
    assert cache.get(plan.cache_key(jobs[1]), FileResult) is None
    assert cache.get(plan.cache_key(jobs[0]), FileResult) == results[0]


def test_a_timeout_masked_by_cleanup_code_is_still_a_timeout() -> None:
    result = analyse(_jobs({"svc/mask.py": "MASK = 1\n"})[0], _plan(0.3))
    assert [f.rule for f in result.findings] == ["PRR004"] and result.internal_errors == 0


def test_the_budget_names_the_phase_it_stopped(monkeypatch) -> None:
    """A parse that outlives the budget in the throw-away child: the child is killed, PRR004 says 'parsing'."""
    monkeypatch.setattr(parse_guard, "looks_pathological", lambda text: True)
    monkeypatch.setattr("prr_lint.engine.looks_pathological", lambda text: True)
    monkeypatch.setattr(parse_guard, "_parse_here", lambda text, path: burn())
    started = time.monotonic()
    result = analyse(_jobs({"svc/deep.py": "x = 1\n"})[0], _plan(0.3))
    assert time.monotonic() - started < PROMPTLY
    assert [f.rule for f in result.findings] == ["PRR004"] and "while parsing" in result.findings[0].message


@pytest.mark.parametrize("work", [burn, lambda: time.sleep(60)], ids=["cpu", "asleep"])
def test_the_probe_kills_its_child_when_time_runs_out(monkeypatch, work) -> None:
    """A child that burns its CPU budget ends by its own timer; one asleep, past its wall allowance."""
    monkeypatch.setattr(parse_guard, "_parse_here", lambda text, path: work())
    monkeypatch.setattr(budget, "GRACE", 0.2)
    started = time.monotonic()
    with pytest.raises(TimeoutError, match="more than 0.2 s of CPU time"):
        parse_guard.probe("x = 1\n", "svc/x.py", 0.2)
    assert time.monotonic() - started < PROMPTLY
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind


def test_a_file_s_verdict_does_not_depend_on_wall_clock_time(tmp_path: Path) -> None:
    """The budget is CPU time: a rule that sleeps (a loaded machine, as far as the clock can tell)
    longer than the budget does not time out, here or in a worker; one that burns CPU does."""
    files = {"svc/nap.py": "NAP = 1\n", "svc/slow.py": "SLOW = 1\n"}
    plan = _plan(NAP_SECONDS / 3)
    here = run_files(_jobs(files), plan, 1)
    assert _by_path(here) == {"svc/nap.py": [], "svc/slow.py": ["PRR004"]}
    if sys.platform.startswith("linux"):
        pooled = _by_path(run_files(_jobs(_tree(files)), plan, 2))
        assert (pooled["svc/nap.py"], pooled["svc/slow.py"]) == ([], ["PRR004"])


def _tree(extra: Dict[str, str]) -> Dict[str, str]:
    files = {f"svc/m{number}.py": SWALLOW for number in range(MIN_FILES_FOR_POOL + 2)}
    files.update(extra)
    return files


@linux_only
def test_workers_stop_a_slow_file_replace_a_stuck_worker_and_survive_a_dead_one(tmp_path: Path) -> None:
    """SLOW: the worker's own CPU timer stops it. SPIN: the timer cannot fire, the parent reads the
    worker's CPU time and kills it past the budget plus grace. STUCK: it uses no CPU either, the
    parent kills it past its wall-clock allowance. Each killed worker is replaced. DIE: the worker
    dies, one file is lost. None of these results is cached."""
    extra = {"svc/slow.py": "SLOW = 1\n", "svc/spin.py": "SPIN = 1\n", "svc/stuck.py": "STUCK = 1\n", "svc/dies.py": "DIE = 1\n"}
    jobs = _jobs(_tree(extra))
    plan = _plan(0.3)
    cache = ResultCache(str(tmp_path / "cache"))
    started = time.monotonic()
    results = run_files(jobs, plan, 2, cache)
    assert time.monotonic() - started < PROMPTLY
    found = _by_path(results)
    assert [found.pop(path) for path in sorted(extra)] == [["PRR003"], ["PRR004"], ["PRR004"], ["PRR004"]]
    assert set(map(tuple, found.values())) == {("PRR101",)}
    message = {result.path: result.findings[0].message for result in results if result.path in extra}
    assert "file-timeout of 0.3 s of CPU time, while walking the tree" in message["svc/spin.py"]
    assert "wall-clock backstop of 2.2 s" in message["svc/stuck.py"] and "walking the tree" in message["svc/stuck.py"]
    assert "SIGKILL" in message["svc/dies.py"]
    assert [result.path for result in results] == [job.path for job in jobs]
    for job, result in zip(jobs, results):
        assert (cache.get(plan.cache_key(job), FileResult) is None) == (job.path in extra)


def _driver(tmp_path: Path) -> Path:
    """`prr-lint` with the slow rule registered, as a script a subprocess can run."""
    script = tmp_path / "driver.py"
    script.write_text(
        f"import sys\nsys.path.insert(0, {str(TESTS)!r})\n"
        "from _slow_rule import SLOW_REGISTRY\nfrom prr_lint import cli\n"
        "cli.default_registry = lambda *directory: SLOW_REGISTRY\ncli.main()\n"
    )
    return script


def _write(root: Path, files: Dict[str, str]) -> None:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


@linux_only
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_cli_reports_prr004_and_exits_by_its_severity(tmp_path: Path, jobs: str) -> None:
    tree = tmp_path / "tree"
    _write(tree, _tree({"svc/slow.py": "SLOW = 1\n"}))
    (tree / "prr-lint.toml").write_text("file-timeout = 30\n")
    command = [sys.executable, str(_driver(tmp_path)), "check", "--extend-select", "PRR998", "--extend-select", "PRR101", "--output-format", "json"]
    done = subprocess.run([*command, "--jobs", jobs, "--file-timeout", "0.5"], cwd=tree, capture_output=True, timeout=60)
    findings = json.loads(done.stdout)["findings"]
    assert [f["path"] for f in findings if f["rule"] == "PRR004"] == ["svc/slow.py"]
    assert len([f for f in findings if f["rule"] == "PRR101"]) == MIN_FILES_FOR_POOL + 2
    assert done.returncode == 1
    quiet = subprocess.run([*command, "--jobs", jobs, "--file-timeout", "0.5", "--fail-on", "error", "--ignore", "PRR101"], cwd=tree, capture_output=True, timeout=60)
    assert quiet.returncode == 1  # PRR004 is an error


def test_file_timeout_setting(tmp_path: Path, in_dir: Path, run_cli) -> None:
    (in_dir / "prr-lint.toml").write_text("file-timeout = 0\n")
    (in_dir / "a.py").write_text("x = 1\n")
    bad = run_cli("check", "--no-cache")
    assert bad.exit_code == 2 and "file-timeout: must be a positive number of seconds" in bad.output
    (in_dir / "prr-lint.toml").write_text("file-timeout = 2.5\n")
    assert run_cli("check", "--no-cache").exit_code == 0
    assert run_cli("check", "--no-cache", "--file-timeout", "-1").exit_code == 2


def _children(pid: int) -> List[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(child) for child in handle.read().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@linux_only
def test_ctrl_c_during_jobs_n_stops_promptly_kills_every_worker_and_exits_130(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    _write(tree, _tree({f"svc/slow{number}.py": "SLOW = 1\n" for number in range(4)}))
    (tree / ".git").mkdir()
    command = [sys.executable, str(_driver(tmp_path)), "check", "--extend-select", "PRR998", "--jobs", "2", "--no-cache"]
    process = subprocess.Popen(command, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    workers: List[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
        workers = _children(process.pid)
    assert len(workers) == 2, "the workers never started"
    time.sleep(0.3)  # they are now on the slow files
    interrupted = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=PROMPTLY)
    assert time.monotonic() - interrupted < PROMPTLY
    assert process.returncode == 130
    assert b"interrupted" in stderr and b"Traceback" not in stderr
    time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]
