"""`prr-lint baseline [--prune]`: run a check without any baseline, then write the baseline file."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import List, Optional

from prr_lint.baseline import Baseline, BaselineError, load, prune, record, save, scope_of
from prr_lint.config import Settings
from prr_lint.registry import Registry
from prr_lint.runner import CheckRequest, enabled_rules, run_check


@dataclass
class Update:
    """What `prr-lint baseline` did, for the command to print."""

    path: Path
    baseline: Baseline
    removed: int
    warnings: List[str]
    internal_errors: int

    def summary(self, pruned: bool) -> str:
        entries = len(self.baseline.counts)
        findings = self.baseline.total()
        if pruned:
            return f"pruned {self.removed} stale finding{'s' if self.removed != 1 else ''} from {self.path}; {findings} remain in {entries} entries"
        return f"wrote {self.path}: {findings} finding{'s' if findings != 1 else ''} in {entries} entries"


def update(request: CheckRequest, settings: Settings, registry: Registry, target: Path, prune_only: bool, cwd: Path) -> Update:
    """`prr-lint baseline [--prune]`: run a check without any baseline, then write `target` atomically.

    Without --prune the file records the run's findings (keeping entries the run could not judge);
    with --prune it keeps the existing entries that still match and adds nothing.
    """
    previous: Optional[Baseline] = None
    if prune_only or Path(target).exists():
        try:
            previous = load(target)
        except BaselineError:
            if prune_only:
                raise
            previous = None  # not a baseline we can read: write a fresh one over it
    outcome = run_check(request, replace(settings, baseline=None), registry, cwd)
    result = outcome.result
    scope = scope_of(result, outcome.checked, enabled_rules(settings, registry), Path(settings.root))
    removed = 0
    if prune_only:
        assert previous is not None
        new, removed = prune(result, scope, previous)
    else:
        new = record(result, scope, previous)
    save(new, target)
    return Update(Path(target), new, removed, list(outcome.warnings), result.internal_errors)
