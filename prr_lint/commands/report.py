"""`prr-lint report`: run a check (the configured baseline applies) and render the readiness report."""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

from prr_lint.config import Settings
from prr_lint.model import RunResult
from prr_lint.readiness import render
from prr_lint.registry import Registry
from prr_lint.reporters import ReportOptions
from prr_lint.runner import CheckRequest, enabled_rules, run_check


def produce(request: CheckRequest, settings: Settings, registry: Registry, cwd: Path, output_format: str) -> Tuple[str, List[str], RunResult]:
    """Returns (text, warnings, run result)."""
    outcome = run_check(request, settings, registry, cwd)
    options = ReportOptions(settings=settings, enabled=enabled_rules(settings, registry))
    return render(outcome.result, registry, options, output_format), outcome.warnings, outcome.result
