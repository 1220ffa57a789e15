"""Shared helpers: run prr-lint in-process on sources, or through click on a directory."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional

import pytest
from click.testing import CliRunner

from prr_lint.cli import cli
from prr_lint.config import Settings
from prr_lint.engine import FileJob, Plan
from prr_lint.model import RunResult
from prr_lint.registry import default_registry
from prr_lint.runner import run_jobs

REPO = Path(__file__).resolve().parent.parent
REGISTRY = default_registry()


def lint_sources(files: Dict[str, str], select: Optional[List[str]] = None, workers: int = 1) -> RunResult:
    """Both phases over in-memory modules (`{"svc/api.py": source}`), all rules unless `select`."""
    codes = tuple(REGISTRY.select(select or ["ALL"], [], []))
    plan = Plan(Settings(root=Path(".")), codes)
    jobs = []
    for path, source in sorted(files.items()):
        is_package = path.endswith("__init__.py")
        module = path[: -len(".py")].replace("/", ".")
        module = module[: -len(".__init__")] if is_package else module
        jobs.append(FileJob(path, module, is_package, source.encode() if isinstance(source, str) else source))
    return run_jobs(jobs, plan, workers)


def codes_and_lines(result: RunResult) -> List[tuple]:
    return [(finding.rule, finding.path, finding.span.line) for finding in result.findings]


@pytest.fixture
def in_dir(tmp_path: Path) -> Iterator[Path]:
    """Run the test with `tmp_path` as the current directory (and as a git root)."""
    (tmp_path / ".git").mkdir()
    previous = os.getcwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(previous)


@pytest.fixture
def run_cli():
    def invoke(*args: str, input: Optional[bytes] = None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def tree_lines(tmp_path: Path, monkeypatch) -> Callable[..., List[tuple]]:
    """Write `files` ({path: text}) below `tmp_path`, check it through the CLI from there, and return each
    finding of `rule` as (path, line): for project-phase behaviour that hangs on launch and deployment files.
    The JSON is read from stdout alone: a run that leaves findings out warns on stderr."""
    from _reporting_data import cli_runner

    def lines(files: Dict[str, str], rule: str = "PRR501") -> List[tuple]:
        for path, source in files.items():
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_text(source)
        monkeypatch.chdir(tmp_path)
        result = cli_runner().invoke(cli, ["check", ".", "--select", rule, "--output-format", "json", "--no-cache", "--exit-zero"],
                                     catch_exceptions=False)
        return [(finding["path"], finding["line"]) for finding in json.loads(result.stdout)["findings"]]

    return lines
