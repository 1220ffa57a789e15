"""One `check` run: discover files, read them, run the per-file phase, gather one RunResult."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from prr_lint.config import Settings
from prr_lint.discovery import discover, relative_path
from prr_lint.engine import FileJob, Plan, ResultCache, resolve_jobs, run_files
from prr_lint.model import FileResult, RunResult
from prr_lint.modules import module_name
from prr_lint.registry import Registry

CACHE_DIRECTORY = ".prr_lint_cache"


@dataclass(frozen=True)
class CheckRequest:
    paths: Sequence[str]
    jobs: str = "1"
    use_cache: bool = True
    force_exclude: bool = False
    stdin: Optional[bytes] = None
    stdin_filename: Optional[str] = None


@dataclass
class CheckOutcome:
    result: RunResult
    warnings: List[str]
    checked: List[str] = field(default_factory=list)  # root-relative paths of the files read (baseline scope)


def enabled_rules(settings: Settings, registry: Registry) -> Tuple[str, ...]:
    return tuple(registry.select(settings.select, settings.extend_select, settings.ignore))


def run_check(request: CheckRequest, settings: Settings, registry: Registry, cwd: Path) -> CheckOutcome:
    plan = Plan(settings, enabled_rules(settings, registry), registry)
    warnings: List[str] = []
    unreadable: List[Tuple[str, str]] = []
    if request.stdin is not None:
        jobs = [_stdin_job(request, settings, cwd)]
    else:
        discovery = discover(request.paths, settings, force_exclude=request.force_exclude, cwd=cwd)
        warnings.extend(f"skipped {path}: {reason}" for path, reason in discovery.skipped)
        jobs = []
        for path in discovery.files:
            job, problem = read_job(path, settings.root)
            if job is not None:
                jobs.append(job)
            elif problem is not None:
                unreadable.append(problem)
    cache = ResultCache(str(settings.root / CACHE_DIRECTORY)) if request.use_cache and request.stdin is None else None
    warnings.extend(f"cannot read {path}: {reason}" for path, reason in unreadable)
    result = run_jobs(jobs, plan, resolve_jobs(request.jobs), cache, unreadable)
    if result.out_of_scope:
        warnings.append(
            f"{result.out_of_scope} finding(s) of PRR1xx/PRR401/PRR501 in code that is not the service (tasks, commands, "
            'console and __main__ scripts) left out; scope = "all" reports them'
        )
    checked = [job.path for job in jobs]
    if settings.baseline:  # only findings not in the baseline are reported (prr_lint/baseline.py)
        from prr_lint.baseline import apply_to_run

        warnings.extend(apply_to_run(result, settings, checked, plan.enabled))
    return CheckOutcome(result, warnings, checked)


def run_jobs(
    jobs: Sequence[FileJob],
    plan: Plan,
    workers: int = 1,
    cache: Optional[ResultCache] = None,
    unreadable: Sequence[Tuple[str, str]] = (),
) -> RunResult:
    """Both phases over files already read: the per-file phase, then the project phase.

    With a cache, a run over exactly the same files as an earlier one is served whole."""
    from prr_lint.project.scripts import console_scripts

    # `[project.scripts]` targets are operator tools (project/scope.py): read once per run.
    scripts = console_scripts(getattr(plan.settings, "root", None))
    if cache is None:
        return _gather(run_files(jobs, plan, workers), list(unreadable), plan.settings, scripts)
    keys = [plan.cache_key(job) for job in jobs]
    parts = ["run", *keys, *map(repr, unreadable), repr(sorted(scripts.items()))]
    run_key = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    result = cache.get(run_key, RunResult)
    if result is None:
        result = _gather(run_files(jobs, plan, workers, cache, keys), list(unreadable), plan.settings, scripts)
        cache.put(run_key, result)
    return result


def read_job(path: Path, root: Path) -> Tuple[Optional[FileJob], Optional[Tuple[str, str]]]:
    shown = relative_path(path, root)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None  # deleted since discovery: nothing left to check
    except OSError as error:
        return None, (shown, error.strerror or str(error))
    name, is_package = module_name(path, root)
    return FileJob(shown, name, is_package, data), None


def _stdin_job(request: CheckRequest, settings: Settings, cwd: Path) -> FileJob:
    assert request.stdin is not None
    if request.stdin_filename:
        path = Path(os.path.abspath(cwd / request.stdin_filename))
        name, is_package = module_name(path, settings.root)
        return FileJob(relative_path(path, settings.root), name, is_package, request.stdin)
    return FileJob("-", "", False, request.stdin)


def _gather(
    results: Sequence[FileResult], unreadable: List[Tuple[str, str]], settings: Optional[Settings] = None,
    scripts: Optional[Dict[str, str]] = None,
) -> RunResult:
    from prr_lint.project.phase import Project, settle

    run = RunResult(findings=[], files=len(results) + len(unreadable))
    project = Project(results, settings, scripts)
    confirmed, suppressed = settle(results, settings, project)
    run.findings.extend(confirmed)
    run.suppressed.extend(suppressed)
    for result in results:
        run.findings.extend(result.findings)
        run.suppressed.extend(result.suppressed)
        run.internal_errors += result.internal_errors
        if not result.analysed:
            reason = next((f.message for f in result.findings if f.rule == "PRR000"), "could not be parsed")
            run.unanalysed.append((result.path, reason))
    if settings is not None and settings.scope == "serving":
        _apply_scope(run, project)
    run.unanalysed.extend(unreadable)
    run.internal_errors += len(unreadable)
    run.findings.sort(key=lambda finding: finding.sort_key)
    run.unanalysed.sort()
    return run


def _apply_scope(run: RunResult, project) -> None:
    """`scope = "serving"`: drop PRR1xx/PRR401/PRR501 findings in code that is positively not the
    service (project/scope.py); `run.out_of_scope` counts them so the run can say so."""
    from prr_lint.project.scope import out_of_scope, scoped_rule

    if not any(scoped_rule(finding.rule) for finding in (*run.findings, *run.suppressed)):
        return
    analysis = project.analysis()
    dropped = out_of_scope(analysis, run.findings)
    if dropped:
        run.findings = [finding for position, finding in enumerate(run.findings) if position not in dropped]
        run.out_of_scope = len(dropped)
    hidden = out_of_scope(analysis, run.suppressed)
    if hidden:
        run.suppressed = [finding for position, finding in enumerate(run.suppressed) if position not in hidden]
