"""`prr-lint entrypoints`: the per-file phase over PATHS, the serving model, and its listing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, List, Sequence, Tuple

from prr_lint.config import Settings
from prr_lint.discovery import discover
from prr_lint.engine import Plan, ResultCache, run_files
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.index import ProjectIndex
from prr_lint.project.model import EntryPoint
from prr_lint.registry import Registry
from prr_lint.runner import CACHE_DIRECTORY, enabled_rules, read_job


def collect(paths: Sequence[str], settings: Settings, registry: Registry, cwd: Path, workers: int = 1) -> Tuple[ServingAnalysis, int]:
    """Per-file phase over PATHS (summaries only matter here), then the serving model.

    Returns (ServingAnalysis, number of files). Runs the rules `check` would run plus PRR301, whose
    lack of text triggers makes every service module produce a summary; the cache is shared with
    `check` when PRR301 is enabled there too.
    """
    enabled = tuple(dict.fromkeys((*enabled_rules(settings, registry), "PRR301")))
    plan = Plan(settings, enabled)
    discovery = discover(paths, settings, cwd=cwd)
    jobs = [job for job, _ in (read_job(path, settings.root) for path in discovery.files) if job is not None]
    results = run_files(jobs, plan, workers, ResultCache(str(settings.root / CACHE_DIRECTORY)))
    index = ProjectIndex(result.summary for result in results if result.summary is not None)
    return ServingAnalysis(index, settings), len(jobs)


def entry_point_rows(entry_points: Iterable[EntryPoint]) -> List[Dict[str, object]]:
    return [
        {"framework": e.framework, "route": e.route, "function": e.qualname, "path": e.path, "line": e.line, "how": e.how}
        for e in entry_points
    ]


def render_listing(analysis: ServingAnalysis, files: int, output_format: str) -> str:
    """`prr-lint entrypoints` output: a table, or JSON (`{"entry_points": [...], "summary": {...}}`)."""
    entries = analysis.model.entry_points
    counts = Counter(entry.framework for entry in entries)
    summary = {"files": files, "entry_points": len(entries), "by_framework": dict(sorted(counts.items())),
               "batch_contexts": len(analysis.model.batch)}
    if output_format == "json":
        return json.dumps({"entry_points": entry_point_rows(entries), "summary": summary}, indent=2) + "\n"
    rows = [("FRAMEWORK", "ROUTE", "HANDLER", "LOCATION")]
    for entry in entries:
        module = analysis.module_of(entry.qualname)
        short = entry.qualname[len(module.module) + 1:] if module is not None else entry.qualname
        rows.append((entry.framework, entry.route or "-", short, f"{entry.path}:{entry.line}" if entry.line else entry.path))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip() for r in rows]
    by = ", ".join(f"{name} {count}" for name, count in sorted(counts.items())) or "none"
    lines.append("")
    lines.append(f"{len(entries)} entry points in {files} files ({by}); {len(analysis.model.batch)} batch or CLI functions and classes are not serving code.")
    return "\n".join(lines) + "\n"
