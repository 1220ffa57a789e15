"""Baselines: accept today's findings on a legacy service, report only new ones (DESIGN.md §3).

A baseline is a committed JSON file of entries keyed by (path, rule, fingerprint) with a count.
The fingerprint is the finding's own (engine.py): it does not contain line numbers, so lines added
or removed above a finding, or a reformatted neighbourhood, leave it matching. Identical findings in
one file share a key and are counted: if a file had two and now has three, one is new.

An entry is stale when fewer findings match it than it counts: the finding was fixed (or its line
changed), so the entry should go (`prr-lint baseline --prune`). Only entries this run could have
matched are judged: those of files it analysed and rules it ran, plus those of files that no longer
exist. A run over part of the tree (pre-commit passes only the changed files) says nothing about
the rest.

File format (schema_version 1), sorted, one entry per key:

    {"schema_version": 1, "tool": "prr-lint",
     "entries": [{"path": "svc/api.py", "rule": "PRR101", "fingerprint": "...", "count": 1,
                  "message": "..."}]}

`message` is there for the people who review the file; matching uses only path, rule, fingerprint.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Dict, Iterable, List, Optional, Tuple

from prr_lint.model import Finding, RunResult
from prr_lint.reporters.common import write_atomic

SCHEMA_VERSION = 1
DEFAULT_FILE = ".prr-lint-baseline.json"

Key = Tuple[str, str, str]  # (path, rule, fingerprint)


class BaselineError(Exception):
    """The baseline file is missing, unreadable or not a baseline; the message is one line."""


@dataclass
class Baseline:
    counts: Dict[Key, int] = field(default_factory=dict)
    messages: Dict[Key, str] = field(default_factory=dict)

    @classmethod
    def from_findings(cls, findings: Iterable[Finding]) -> "Baseline":
        baseline = cls()
        for finding in findings:
            key = key_of(finding)
            baseline.counts[key] = baseline.counts.get(key, 0) + 1
            baseline.messages.setdefault(key, finding.message)
        return baseline

    def to_json(self) -> str:
        entries = [
            {"path": path, "rule": rule, "fingerprint": fingerprint, "count": count, "message": self.messages.get((path, rule, fingerprint), "")}
            for (path, rule, fingerprint), count in sorted(self.counts.items())
            if count > 0
        ]
        document = {"schema_version": SCHEMA_VERSION, "tool": "prr-lint", "entries": entries}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    def total(self) -> int:
        return sum(self.counts.values())


def key_of(finding: Finding) -> Key:
    return (finding.path, finding.rule, finding.fingerprint)


def load(path: Path) -> Baseline:
    """Read a baseline file; BaselineError with a one-line message when it cannot be used."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with 'prr-lint baseline')") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}") from None
    try:
        document = json.loads(text)
    except ValueError as error:
        raise BaselineError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise BaselineError(f"{path}: not a prr-lint baseline (no 'entries' list)")
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        raise BaselineError(f"{path}: unsupported baseline schema_version {version!r} (expected {SCHEMA_VERSION})")
    baseline = Baseline()
    for number, entry in enumerate(document["entries"]):
        try:
            key = (str(entry["path"]), str(entry["rule"]), str(entry["fingerprint"]))
            count = int(entry.get("count", 1))
        except (TypeError, KeyError, ValueError):
            raise BaselineError(f"{path}: entries[{number}] needs 'path', 'rule', 'fingerprint' and a numeric 'count'") from None
        if count < 1:
            raise BaselineError(f"{path}: entries[{number}]: count must be at least 1")
        baseline.counts[key] = baseline.counts.get(key, 0) + count
        baseline.messages.setdefault(key, str(entry.get("message", "")))
    return baseline


def save(baseline: Baseline, path: Path) -> None:
    write_atomic(Path(path), baseline.to_json())


@dataclass(frozen=True)
class Scope:
    """What a run could have matched: the files it analysed, the rules it ran, and the project root
    (an entry whose file no longer exists there is stale whatever the run covered)."""

    analysed: Collection[str]
    enabled: Optional[Collection[str]]
    root: Optional[Path]

    def covers(self, key: Key) -> bool:
        path, rule, _ = key
        if path in self.analysed:
            return self.enabled is None or rule in self.enabled
        return self.root is not None and not (self.root / path).exists()


def apply(result: RunResult, baseline: Baseline, scope: Scope) -> List[str]:
    """Drop the findings the baseline accepts from `result`, count them in `result.baselined`, and
    record the stale entries in `result.stale_baseline`; returns those stale descriptions."""
    remaining = dict(baseline.counts)
    new: List[Finding] = []
    accepted = 0
    for finding in result.findings:
        key = key_of(finding)
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
            accepted += 1
        else:
            new.append(finding)
    result.findings = new
    result.baselined += accepted
    stale = [
        f"{path}: {rule} {fingerprint[:12]} ({left} of {baseline.counts[(path, rule, fingerprint)]} no longer found)"
        for (path, rule, fingerprint), left in sorted(remaining.items())
        if left > 0 and scope.covers((path, rule, fingerprint))
    ]
    result.stale_baseline = stale
    return stale


def record(result: RunResult, scope: Scope, previous: Optional[Baseline] = None) -> Baseline:
    """A new baseline of the run's findings. Entries of a previous baseline that the run could not
    have matched (files outside the paths checked, rules not run) are kept, so baselining part of a
    tree does not forget the rest."""
    fresh = Baseline.from_findings(result.findings)
    if previous is not None:
        for key, count in previous.counts.items():
            if key not in fresh.counts and not scope.covers(key):
                fresh.counts[key] = count
                fresh.messages[key] = previous.messages.get(key, "")
    return fresh


def prune(result: RunResult, scope: Scope, previous: Baseline) -> Tuple[Baseline, int]:
    """The previous baseline without what is stale: counts lowered to what the run still found, for
    entries the run could judge. New findings are not added. Returns (baseline, entries' count removed)."""
    found = Counter(key_of(finding) for finding in result.findings)
    pruned = Baseline()
    removed = 0
    for key, count in previous.counts.items():
        keep = min(count, found.get(key, 0)) if scope.covers(key) else count
        removed += count - keep
        if keep:
            pruned.counts[key] = keep
            pruned.messages[key] = previous.messages.get(key, "")
    return pruned, removed


def stale_warning(stale: List[str], limit: int = 10) -> List[str]:
    """Warning lines for stderr: a summary, then up to `limit` entries."""
    if not stale:
        return []
    lines = [
        f"baseline: {len(stale)} stale entr{'y' if len(stale) == 1 else 'ies'} (fixed or changed findings); "
        "run 'prr-lint baseline --prune' to drop them"
    ]
    lines.extend(f"baseline: stale: {entry}" for entry in stale[:limit])
    if len(stale) > limit:
        lines.append(f"baseline: ... and {len(stale) - limit} more")
    return lines


def baseline_path(settings) -> Optional[Path]:
    """The baseline file a run uses: `settings.baseline`, relative to the project root (or absolute)."""
    if not settings.baseline:
        return None
    return Path(settings.root) / settings.baseline


def scope_of(result: RunResult, checked: Iterable[str], enabled: Optional[Collection[str]], root: Optional[Path]) -> Scope:
    """A run whose project phase failed in part (project/guard.py) judges no entry of an existing file:
    a finding it could not produce is no fixed one."""
    unanalysed = {path for path, _ in result.unanalysed}
    analysed = frozenset() if result.project_failures else frozenset(path for path in checked if path not in unanalysed)
    return Scope(analysed, frozenset(enabled) if enabled is not None else None, root)


def apply_to_run(result: RunResult, settings, checked: Iterable[str], enabled: Collection[str]) -> List[str]:
    """The runner's hook: filter `result` through the configured baseline; returns warning lines."""
    path = baseline_path(settings)
    if path is None:
        return []
    stale = apply(result, load(path), scope_of(result, checked, enabled, Path(settings.root)))
    return stale_warning(stale)


def default_path(settings) -> Path:
    """Where `prr-lint baseline` writes without --output: the configured `baseline`, else the default name in the root."""
    return baseline_path(settings) or Path(settings.root) / DEFAULT_FILE
