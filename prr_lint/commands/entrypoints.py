"""`prr-lint entrypoints`: the per-file phase over PATHS, the serving model, and its listing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Sequence, Tuple

from prr_lint.config import Settings
from prr_lint.discovery import discover
from prr_lint.cache import ResultCache
from prr_lint.plan import Plan
from prr_lint.pool import run_files
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.grpc_rpcs import non_rpc_methods
from prr_lint.project.shadowed_routes import shadowed_handlers
from prr_lint.project.guard import describe
from prr_lint.project.index import ProjectIndex
from prr_lint.project.model import BatchContext, EntryPoint
from prr_lint.registry import Registry
from prr_lint.runner import CACHE_DIRECTORY, enabled_rules, read_jobs
from prr_lint.stamps import is_launch_file


def collect(paths: Sequence[str], settings: Settings, registry: Registry, cwd: Path,
            workers: int = 1) -> Tuple[Callable[[], ServingAnalysis], int, List[Tuple[str, str]]]:
    """Per-file phase over PATHS (summaries only matter here), and what builds the serving model.

    Returns (a builder of the ServingAnalysis, number of files, files not analysed with the reason: a
    syntax error, the per-file time budget, an unreadable file; their entry points cannot be listed).
    The model is built by `guarded_listing`, which turns a crash into one line. Runs the rules
    `check` would run plus PRR301, whose lack of text triggers makes every service module produce a
    summary; the cache is shared with `check` when PRR301 is enabled there too.
    """
    enabled = tuple(dict.fromkeys((*enabled_rules(settings, registry), "PRR301")))
    plan = Plan(settings, enabled)
    discovery = discover(paths, settings, cwd=cwd)
    jobs, unanalysed = read_jobs(discovery.files, settings.root)
    results = run_files(jobs, plan, workers, ResultCache(str(settings.root / CACHE_DIRECTORY)))
    for result in results:
        if not result.analysed:
            reason = next((f"{f.rule} {f.message}" for f in result.findings if f.rule in _UNANALYSED), "")
            unanalysed.append((result.path, reason or ("the analysis did not finish" if result.timed_out else "not analysed")))
    summaries = [result.summary for result in results if result.summary is not None]
    launch_files = tuple(path for path in discovery.infrastructure if is_launch_file(path))

    def build() -> ServingAnalysis:
        analysis = ServingAnalysis(ProjectIndex(summaries), settings, launch_files=launch_files)
        # what the rules start from: a servicer's RPCs (grpc_rpcs.py), no route an earlier one answers for (shadowed_routes.py)
        analysis.unserve(non_rpc_methods(analysis) | shadowed_handlers(analysis))
        return analysis

    return build, len(jobs), sorted(unanalysed)


_UNANALYSED = ("PRR000", "PRR003", "PRR004")


def unanalysed_lines(unanalysed: Sequence[Tuple[str, str]]) -> List[str]:
    """What `prr-lint entrypoints` says on stderr about files whose entry points it could not list."""
    return [f"prr-lint: {path}: not analysed, its entry points are not listed ({reason})" for path, reason in unanalysed]


def guarded_listing(build: Callable[[], ServingAnalysis], files: int, output_format: str, batch: bool = False) -> Tuple[str, str]:
    """The listing, or ("", what crashed) when building the serving model or the listing raised
    (DESIGN.md §7: a crash is said in one line, never shown as a traceback)."""
    try:
        return render_listing(build(), files, output_format, batch), ""
    except Exception as error:  # reported on stderr with exit code 2 by the command  # noqa: BLE001
        return "", f"prr-lint: internal error: the serving model could not be built, no entry points are listed: {describe(error)}"


def entry_point_rows(entry_points: Iterable[EntryPoint]) -> List[Dict[str, object]]:
    return [
        {"framework": e.framework, "method": e.method, "route": e.route, "function": e.qualname, "path": e.path, "line": e.line, "how": e.how,
         "registered": e.registered}
        for e in entry_points
    ]


def batch_rows(contexts: Iterable[BatchContext]) -> List[Dict[str, object]]:
    return [
        {"kind": c.kind, "detail": c.detail, "function": c.qualname, "path": c.path, "line": c.line, "registered": c.registered}
        for c in contexts
    ]


def render_listing(analysis: ServingAnalysis, files: int, output_format: str, batch: bool = False) -> str:
    """`prr-lint entrypoints` output: a table, or JSON (`{"entry_points": [...], "summary": {...}}`);
    with `batch`, the batch contexts too (`"batch_contexts": [...]`)."""
    entries = analysis.model.entry_points
    contexts = analysis.model.batch_contexts
    counts = Counter(entry.framework for entry in entries)
    summary = {"files": files, "entry_points": len(entries), "by_framework": dict(sorted(counts.items())),
               "batch_contexts": len(analysis.model.batch)}
    if batch:
        summary["batch_by_kind"] = dict(sorted(Counter(context.kind for context in contexts).items()))
    if output_format == "json":
        document: Dict[str, object] = {"entry_points": entry_point_rows(entries)}
        if batch:
            document["batch_contexts"] = batch_rows(contexts)
        document["summary"] = summary
        return json.dumps(document, indent=2) + "\n"
    rows = [("FRAMEWORK", "ROUTE", "HANDLER", "LOCATION", "REGISTERED")]
    for entry in entries:
        module = analysis.module_of(entry.qualname)
        short = entry.qualname[len(module.module) + 1:] if module is not None else entry.qualname
        route = entry.route if not entry.method or entry.route.startswith(entry.method + " ") else f"{entry.method} {entry.route}".rstrip()
        rows.append((entry.framework, route or "-", short, f"{entry.path}:{entry.line}" if entry.line else entry.path,
                     entry.registered or entry.how))
    lines = _table(rows)
    by = ", ".join(f"{name} {count}" for name, count in sorted(counts.items())) or "none"
    lines.append("")
    lines.append(f"{len(entries)} entry points in {files} files ({by}); {len(analysis.model.batch)} batch or CLI functions and classes are not serving code.")
    if batch:
        lines.append("")
        lines.extend(_batch_table(analysis, contexts))
    return "\n".join(lines) + "\n"


def _table(rows: List[Tuple[str, ...]]) -> List[str]:
    """Columns padded to their widest cell; the last one is not padded."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return ["  ".join([*(cell.ljust(width) for cell, width in zip(row, widths)), row[-1]]).rstrip() for row in rows]


def _batch_table(analysis: ServingAnalysis, contexts: List[BatchContext]) -> List[str]:
    rows = [("BATCH", "DETAIL", "FUNCTION", "LOCATION", "REGISTERED")]
    for context in contexts:
        module = analysis.module_of(context.qualname)
        short = context.qualname[len(module.module) + 1:] if module is not None else context.qualname
        rows.append((context.kind, context.detail or "-", short,
                     f"{context.path}:{context.line}" if context.line else context.path, context.registered or "-"))
    counts = Counter(context.kind for context in contexts)
    by = ", ".join(f"{name} {count}" for name, count in sorted(counts.items())) or "none"
    return [*_table(rows), "", f"{len(contexts)} batch contexts ({by})."]
