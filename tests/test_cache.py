"""The result cache: concurrent processes, damaged entries, pruning, and the warm path's manifest."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

from prr_lint import cache as cache_module
from prr_lint.cache import ResultCache
from prr_lint.config import Settings
from prr_lint.engine import FileJob, Plan
from prr_lint.model import FileResult, RunResult
from prr_lint.runner import CACHE_DIRECTORY, run_jobs

SWALLOW = "def f{n}():\n    try:\n        db.commit()\n    except Exception:\n        pass\n"
CHECK = [sys.executable, "-m", "prr_lint", "check", "--output-format", "json", "--exit-zero"]


def _tree(root: Path, count: int = 24) -> None:
    """`count` modules with a swallowed handler each; the tree selects PRR101 (opt-in), whose findings they are."""
    (root / ".git").mkdir(parents=True, exist_ok=True)
    (root / "prr-lint.toml").write_text('extend-select = ["PRR101"]\n')
    for number in range(count):
        package = root / f"svc{number % 3}"
        package.mkdir(exist_ok=True)
        (package / "__init__.py").write_text("")
        (package / f"m{number}.py").write_text(SWALLOW.format(n=number))
    # Written a minute ago, as a real tree is: the manifest leaves out files changed within the
    # last RACY_SECONDS (their stat could still change unseen), and a fast run would record none.
    past = time.time() - 60
    for path in root.rglob("*.py"):
        os.utime(path, (past, past))


def _check(root: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CHECK, *extra], cwd=root, capture_output=True, timeout=120)


def _entries(root: Path) -> List[Path]:
    return [path for path in (root / CACHE_DIRECTORY).rglob("*") if path.is_file()]


def test_two_processes_at_once_never_corrupt_the_cache(tmp_path: Path) -> None:
    _tree(tmp_path)
    expected = _check(tmp_path, "--no-cache").stdout
    for round_ in range(3):
        runs = [subprocess.Popen([*CHECK, "--jobs", jobs], cwd=tmp_path, stdout=subprocess.PIPE) for jobs in ("1", "2", "1")]
        outputs = [run.communicate(timeout=120)[0] for run in runs]
        assert all(run.returncode == 0 for run in runs)
        assert outputs == [expected] * 3, f"round {round_}"
    for path in _entries(tmp_path):
        assert not path.name.endswith(".tmp")
        if path.parent.parent.name == "files":
            assert isinstance(pickle.loads(path.read_bytes()), FileResult)
        elif path.parent.name == "runs" and not path.suffix:
            run_key, result, reads = pickle.loads(path.read_bytes())
            assert isinstance(result, RunResult) and isinstance(reads, tuple)
    json.loads((tmp_path / CACHE_DIRECTORY / "manifest.json").read_text())
    assert _check(tmp_path).stdout == expected


def test_truncated_and_foreign_entries_are_misses(tmp_path: Path) -> None:
    _tree(tmp_path)
    expected = _check(tmp_path).stdout
    for number, path in enumerate(_entries(tmp_path)):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if number % 2 else pickle.dumps(["not", "a", "result"]))
    assert _check(tmp_path).stdout == expected
    assert _check(tmp_path).stdout == expected


def test_the_cache_is_marked_and_ignored_by_git(tmp_path: Path) -> None:
    _tree(tmp_path, 2)
    _check(tmp_path)
    directory = tmp_path / CACHE_DIRECTORY
    assert (directory / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (directory / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def _jobs(files: Dict[str, str]) -> List[FileJob]:
    return [FileJob(path, path[:-3].replace("/", "."), False, text.encode()) for path, text in sorted(files.items())]


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_pruning_keeps_what_recent_runs_use(tmp_path: Path) -> None:
    plan = Plan(Settings(root=tmp_path), ("PRR101",))
    cache = ResultCache(str(tmp_path / "cache"))
    old = _jobs({"svc/a.py": SWALLOW.format(n=1), "svc/b.py": SWALLOW.format(n=2)})
    run_jobs(old, plan, 1, cache)
    edited = [old[0], FileJob("svc/b.py", "svc.b", False, b"x = 1\n")]
    run_jobs(edited, plan, 1, cache)  # the same paths: replaces the first run's entry
    subset = [old[0]]
    run_jobs(subset, plan, 1, cache)  # another set of paths: a run entry of its own
    keys = {name: plan.cache_key(job) for name, job in (("a", old[0]), ("b_old", old[1]), ("b_new", edited[1]))}
    runs = sorted((tmp_path / "cache" / "runs").iterdir())
    assert len([path for path in runs if not path.suffix]) == 2
    stray = tmp_path / "cache" / "files" / "ab" / "abcd.123.ffff.tmp"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"half")
    for path in (tmp_path / "cache").rglob("*"):
        if path.is_file():
            _age(path, cache_module.GRACE + 60)
    cache.prune()
    assert cache.get(keys["a"], FileResult) is not None
    assert cache.get(keys["b_new"], FileResult) is not None
    assert cache.get(keys["b_old"], FileResult) is None  # no remaining run uses it
    assert not stray.exists()
    assert run_jobs(edited, plan, 1, cache).findings  # still served
    for path in (tmp_path / "cache" / "runs").iterdir():
        _age(path, cache_module.MAX_AGE + 60)
    cache.prune()
    assert not [path for path in (tmp_path / "cache" / "runs").iterdir()]
    assert not [path for path in (tmp_path / "cache" / "files").rglob("*") if path.is_file()]


def test_pruning_keeps_at_most_max_runs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache_module, "MAX_RUNS", 2)
    plan = Plan(Settings(root=tmp_path), ("PRR101",))
    cache = ResultCache(str(tmp_path / "cache"))
    for number in range(4):
        run_jobs(_jobs({f"svc/m{number}.py": SWALLOW.format(n=number)}), plan, 1, cache)
        for path in (tmp_path / "cache").rglob("*"):
            if path.is_file() and time.time() - path.stat().st_mtime < 30:  # what this run wrote
                _age(path, cache_module.GRACE + 600 - number * 100)
    cache.prune()
    assert len([path for path in (tmp_path / "cache" / "runs").iterdir() if not path.suffix]) == 2
    assert len([path for path in (tmp_path / "cache" / "files").rglob("*") if path.is_file()]) == 2


def test_pruning_runs_after_a_run_that_wrote_at_most_once_per_interval(tmp_path: Path, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(ResultCache, "prune", lambda self, now=None: calls.append(now))
    plan = Plan(Settings(root=tmp_path), ("PRR101",))
    cache = ResultCache(str(tmp_path / "cache"))
    jobs = _jobs({"svc/a.py": SWALLOW.format(n=1)})
    run_jobs(jobs, plan, 1, cache)
    assert len(calls) == 1
    run_jobs(_jobs({"svc/b.py": SWALLOW.format(n=1)}), plan, 1, ResultCache(str(tmp_path / "cache")))
    assert len(calls) == 1  # pruned less than PRUNE_EVERY ago
    _age(tmp_path / "cache" / "pruned", cache_module.PRUNE_EVERY + 1)
    run_jobs(jobs, plan, 1, ResultCache(str(tmp_path / "cache")))
    assert len(calls) == 1  # a warm run wrote nothing
    run_jobs(_jobs({"svc/c.py": SWALLOW.format(n=1)}), plan, 1, ResultCache(str(tmp_path / "cache")))
    assert len(calls) == 2


def test_a_warm_run_reads_no_unchanged_file_and_a_touched_one_is_still_a_hit(tmp_path: Path, monkeypatch) -> None:
    from prr_lint import sources
    from prr_lint.config import load_settings
    from prr_lint.registry import default_registry
    from prr_lint.runner import CheckRequest, run_check

    _tree(tmp_path, 4)
    for path in tmp_path.rglob("*.py"):
        _age(path, 60)  # older than RACY_SECONDS, so the manifest records them
    registry = default_registry()
    settings = load_settings(tmp_path, None, registry)
    first = run_check(CheckRequest(["."]), settings, registry, tmp_path).result
    reads: List[str] = []
    real_read = sources.read
    monkeypatch.setattr("prr_lint.sources.read", lambda path, shown: reads.append(shown) or real_read(path, shown))

    def no_project_phase(*args, **kwargs):
        raise AssertionError("the run should have been served whole")

    monkeypatch.setattr("prr_lint.runner._gather", no_project_phase)
    assert run_check(CheckRequest(["."]), settings, registry, tmp_path).result.findings == first.findings
    assert reads == []
    touched = tmp_path / "svc1" / "m1.py"
    _age(touched, 30)
    assert run_check(CheckRequest(["."]), settings, registry, tmp_path).result.findings == first.findings
    assert reads == ["svc1/m1.py"]
    monkeypatch.undo()
    touched.write_text("x = 1\n")
    assert len(run_check(CheckRequest(["."]), settings, registry, tmp_path).result.findings) == len(first.findings) - 1


def test_a_warm_run_imports_neither_libcst_nor_the_rules(tmp_path: Path) -> None:
    _tree(tmp_path, 4)
    report = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('IMPORTED:' + ','.join(sorted(m for m in sys.modules"
        " if m.split('.')[0] == 'libcst' or m.startswith('prr_lint.rules')))))\n"
        "from prr_lint.cli import main\nmain()\n"
    )
    command = [sys.executable, "-c", report, "check", "--output-format", "json"]
    cold = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "libcst" in cold.stderr
    warm = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert warm.stdout == cold.stdout
    assert warm.stderr.endswith("IMPORTED:")


def test_a_changed_console_script_declaration_is_a_miss(tmp_path: Path) -> None:
    """Console scripts are operator tools (project/scope.py): declaring one changes what the run
    reports, so the run is keyed by the declaration files' bytes and a hit never parses them."""
    from prr_lint.config import load_settings
    from prr_lint.registry import default_registry
    from prr_lint.runner import CheckRequest, run_check

    _tree(tmp_path, 3)
    registry = default_registry()
    settings = load_settings(tmp_path, None, registry)
    before = run_check(CheckRequest(["."]), settings, registry, tmp_path).result
    assert "svc0/m0.py" in {finding.path for finding in before.findings}
    (tmp_path / "setup.cfg").write_text("[options.entry_points]\nconsole_scripts =\n    svc-admin = svc0.m0:f0\n")
    after = run_check(CheckRequest(["."]), settings, registry, tmp_path).result
    assert "svc0/m0.py" not in {finding.path for finding in after.findings}
    # the script's own finding, and the others too: a declared program makes the project no library, so the
    # functions nothing names are dead (project/dead_scope.py)
    assert (before.out_of_scope, after.out_of_scope, len(after.findings)) == (0, 3, 0)


def test_an_edit_to_infrastructure_code_alone_is_a_miss(tmp_path: Path) -> None:
    """The project phase reads Terraform beside a module (project/deployed.py): a Lambda handler it
    deploys is not the service. Adding that Terraform, with no Python change, must change the answer."""
    from prr_lint.config import load_settings
    from prr_lint.registry import default_registry
    from prr_lint.runner import CheckRequest, run_check

    (tmp_path / ".git").mkdir()
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "sync.py").write_text(
        "import socket\nimport time\n\ndef resolve(host):\n    for attempt in range(3):\n        try:\n"
        "            return socket.getaddrinfo(host, 6379)\n        except OSError:\n            time.sleep(0.2)\n"
    )
    _age(tmp_path / "infra" / "sync.py", 60)
    registry = default_registry()
    settings = dataclasses.replace(load_settings(tmp_path, None, registry), select=("PRR504",))

    def reported() -> List[str]:
        return [finding.path for finding in run_check(CheckRequest(["."]), settings, registry, tmp_path).result.findings]

    assert reported() == ["infra/sync.py"]
    (tmp_path / "infra" / "main.tf").write_text('data "archive_file" "sync" {\n  source_file = "${path.module}/sync.py"\n}\n')
    assert reported() == []


def test_a_changed_runtime_declaration_is_a_miss(tmp_path: Path) -> None:
    """A root `runtime.txt` of Python 2 leaves the Python 2 files unreported (project/python2_files.py):
    moving it to Python 3, with no Python change, must report them again."""
    from prr_lint.config import load_settings
    from prr_lint.registry import default_registry
    from prr_lint.runner import CheckRequest, run_check

    (tmp_path / ".git").mkdir()
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "__init__.py").write_text("")
    (tmp_path / "svc" / "report.py").write_text("def show(x):\n    print 'total', x\n")
    _age(tmp_path / "svc" / "report.py", 60)
    (tmp_path / "runtime.txt").write_text("python-2.7.17\n")
    registry = default_registry()
    settings = load_settings(tmp_path, None, registry)

    def syntax_errors() -> List[str]:
        return [finding.path for finding in run_check(CheckRequest(["."]), settings, registry, tmp_path).result.findings
                if finding.rule == "PRR000"]

    assert syntax_errors() == []
    (tmp_path / "runtime.txt").write_text("python-3.11.4\n")
    assert syntax_errors() == ["svc/report.py"]


def test_an_edit_to_the_root_makefile_alone_is_a_miss(tmp_path: Path) -> None:
    """The project phase reads the root Makefile when a deployment file runs `make` (project/schedules.py):
    which targets' recipes run a subcommand decides what it reaches. The Makefile is no launch file, so
    editing it alone, with no Python or launch file change, must still change the answer."""
    from prr_lint.config import load_settings
    from prr_lint.registry import default_registry
    from prr_lint.runner import CheckRequest, run_check

    (tmp_path / ".git").mkdir()
    (tmp_path / "svc").mkdir()
    sources = {
        "svc/__init__.py": "",
        "svc/views.py": "from flask import Flask\n\napp = Flask(__name__)\n\n@app.get('/a')\ndef a():\n    return 'ok'\n",
        "svc/sync_helper.py": "import requests\n\nclass Syncer:\n    def run(self):\n        return requests.get('https://upstream/api')\n",
        "svc/cli.py": "import click\n\nfrom svc.sync_helper import Syncer\n\n\n@click.group()\ndef main():\n    pass\n\n\n"
                      "@main.command(name='sync-elections')\ndef sync():\n    Syncer().run()\n",
    }
    for path, text in sources.items():
        (tmp_path / path).write_text(text)
        _age(tmp_path / path, 60)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'svc'\nversion = '1'\n\n[project.scripts]\nsvc = 'svc.cli:main'\n")
    (tmp_path / "Procfile").write_text("web: make serve\nrelease: make import\n")
    (tmp_path / "Makefile").write_text("serve:\n\tgunicorn svc.views:app\n\nimport:\n\tsvc sync-elections\n")
    registry = default_registry()
    settings = dataclasses.replace(load_settings(tmp_path, None, registry), select=("PRR501",))

    def reported() -> List[str]:
        return sorted({finding.path for finding in run_check(CheckRequest(["."]), settings, registry, tmp_path).result.findings})

    assert reported() == ["svc/sync_helper.py"]
    (tmp_path / "Makefile").write_text("serve:\n\tgunicorn svc.views:app\n\nimport:\n\techo nothing to import\n")
    assert reported() == []
