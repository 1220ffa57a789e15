"""One `check` run: discover files, read them, run the per-file phase, gather one RunResult."""

from __future__ import annotations

import gc
import hashlib
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator, List, Optional, Sequence, Tuple

from prr_lint.cache import CACHE_DIRECTORY, ResultCache, content_digest
from prr_lint.config import Settings
from prr_lint.discovery import discover, relative_path
from prr_lint.model import FileResult, RunResult
from prr_lint.modules import module_name
from prr_lint.plan import FileJob, Plan
from prr_lint.registry import Registry
from prr_lint.sources import Unreadable, read, read_sources, shown_path
from prr_lint.stamps import is_deployment_code, is_launch_file
from prr_lint.tree_reads import recording, unchanged

# The findings that say why a file was not analysed (syntax error, crashed worker, timeout).
_UNANALYSED = ("PRR000", "PRR003", "PRR004")
# A file of the run by its shown path, read again if need be (the project phase re-checks a few).
JobFor = Callable[[str], Optional[FileJob]]


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
    # A run over a directory sees the whole project: only then can it know that there is no entry point.
    whole_project = request.stdin is None and any(os.path.isdir(cwd / path) for path in request.paths)
    plan = Plan(settings, enabled_rules(settings, registry), registry, whole_project=whole_project)
    warnings: List[str] = []
    workers = resolve_jobs(request.jobs)
    if request.stdin is not None:
        job = _stdin_job(request, settings, cwd)
        result, checked, unreadable = run_jobs([job], plan, workers), [job.path], []
    else:
        discovery = discover(request.paths, settings, force_exclude=request.force_exclude, cwd=cwd)
        launch_files = tuple(path for path in discovery.infrastructure if is_launch_file(path))
        deployment_code = tuple(path for path in discovery.infrastructure if is_deployment_code(os.path.basename(path)))
        plan = replace(plan, launch_files=launch_files, deployment_code=deployment_code)
        warnings.extend(f"skipped {path}: {reason}" for path, reason in discovery.skipped)
        if request.use_cache:
            cache = ResultCache(os.path.join(settings.root, CACHE_DIRECTORY))
            result, checked, unreadable = _run_cached(discovery.files, plan, workers, cache)
        else:
            jobs, unreadable = read_jobs(discovery.files, settings.root)
            result, checked = run_jobs(jobs, plan, workers, None, unreadable), [job.path for job in jobs]
    warnings.extend(f"cannot read {path}: {reason}" for path, reason in unreadable)
    if result.out_of_scope:
        warnings.append(
            f"{result.out_of_scope} finding(s) of PRR000/PRR1xx/PRR204/PRR205/PRR401-PRR404/PRR501/PRR502 in code that is not the service (tasks, "
            'commands, scripts, start-up output, unparseable files nothing loads) left out; scope = "all" reports them'
        )
    if result.python2_files:
        from prr_lint.project.python2_files import left_out_warning

        warnings.append(left_out_warning(result.python2_files, result.python2_runtime, result.python2_release))
    if result.held_back:
        warnings.append(
            f"this project serves requests ({result.held_back_by}) but prr-lint recognises none of its entry points, so it "
            f"cannot tell the service's code from its tools: {result.held_back} finding(s) of PRR101-PRR103/PRR105/PRR401/"
            'PRR402/PRR404 held back; declare the entry points in [tool.prr-lint.entrypoints] or set scope = "all" to '
            "report them"
        )
    warnings.extend(f"{failure} (reported as PRR003; exit code 2)" for failure in result.project_failures)
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

    With a cache, a run over exactly the same files as an earlier one is served whole, while what its
    project phase read of the tree is unchanged (tree_reads.py)."""
    by_path = {job.path: job for job in jobs}
    if cache is None:
        return _gather(_analyse_files(jobs, plan, workers), list(unreadable), plan, by_path.get)
    keys = [plan.cache_key(job) for job in jobs]
    identity, run_key = _run_keys(plan, [job.path for job in jobs], keys, unreadable)
    result = cache.get_run(identity, run_key, RunResult, unchanged)
    if result is None:
        results = _analyse_files(jobs, plan, workers, cache, keys)
        result = _finish(results, keys, plan, cache, identity, run_key, unreadable, by_path.get)
    return result


def _run_cached(files: Sequence[str], plan: Plan, workers: int, cache: ResultCache) -> Tuple[RunResult, List[str], List[Unreadable]]:
    """The cached run of `check`: the warm path stats the files, reads none that the manifest
    knows, and imports neither libcst nor the rules when the whole run is a hit."""
    manifest = cache.manifest()
    sources, unreadable, entries = read_sources(files, str(plan.settings.root), manifest)
    checked = [source.shown for source in sources]
    keys = [plan.file_key(source.shown, source.module, source.is_package, source.digest) for source in sources]
    identity, run_key = _run_keys(plan, checked, keys, unreadable)
    result = cache.get_run(identity, run_key, RunResult, unchanged)
    if result is None:
        results: List[Optional[FileResult]] = [cache.get(key, FileResult) for key in keys]
        missing, jobs, complete = [], [], True
        for index, found in enumerate(results):
            source = sources[index]
            if found is not None:
                continue
            if source.data is None:  # known to the manifest, but its entry is gone: read it after all
                source.data, problem = read(source.path, source.shown)
                if source.data is None or content_digest(source.data) != source.digest:
                    complete = False  # changed or gone since it was listed: no run entry for this one
                    if source.data is None:
                        unreadable.extend([problem] if problem else [])
                        continue
                    source.digest = content_digest(source.data)
                    keys[index] = plan.file_key(source.shown, source.module, source.is_package, source.digest)
            missing.append(index)
            jobs.append(FileJob(source.shown, source.module, source.is_package, source.data, source.digest))
        for index, found in zip(missing, _analyse_files(jobs, plan, workers, cache, [keys[i] for i in missing])):
            results[index] = found
        done = [found for found in results if found is not None]
        job_for = _job_reader(sources)
        result = _finish(done, keys, plan, cache, identity if complete else "", run_key, unreadable, job_for)
    if any(manifest.get(path) != entry for path, entry in entries.items()):
        cache.save_manifest({**manifest, **entries})
    return result, checked, unreadable


def _analyse_files(
    jobs: Sequence[FileJob], plan: Plan, workers: int, cache: Optional[ResultCache] = None, keys: Sequence[str] = ()
) -> List[FileResult]:
    """pool.run_files, imported only here and in `_gather`: a run served whole from the cache
    analyses nothing, so it loads neither the engine nor the worker pool."""
    from prr_lint.pool import run_files

    return run_files(jobs, plan, workers, cache, keys)


def resolve_jobs(value: str) -> int:
    """`--jobs N|auto` as a number of processes."""
    if value == "auto":
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:
            return max(1, os.cpu_count() or 1)
    return max(1, int(value))


def _job_reader(sources) -> JobFor:
    """The run's files by shown path, read from disk when the warm path skipped them."""
    by_path = {source.shown: source for source in sources}

    def job_for(path: str) -> Optional[FileJob]:
        source = by_path.get(path)
        if source is None:
            return None
        data = source.data if source.data is not None else read(source.path, source.shown)[0]
        return FileJob(source.shown, source.module, source.is_package, data, source.digest) if data is not None else None

    return job_for


def _run_keys(plan: Plan, paths: Sequence[str], keys: Sequence[str], unreadable: Sequence[Unreadable]) -> Tuple[str, str]:
    """(identity, run key): a run entry is stored per plan and set of paths, and serves a run made of
    exactly the same file keys and the same launch files and deployment code listed; what else the
    project phase read (those files' text among it) is stored with the entry and checked apart (tree_reads.py)."""
    identity = hashlib.sha256("\0".join(["identity", plan.digest, *paths]).encode()).hexdigest()
    parts = ["run", "whole" if plan.whole_project else "files", *keys, *map(repr, unreadable), "infrastructure",
             *plan.launch_files, *plan.deployment_code]
    return identity, hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _finish(
    results: Sequence[FileResult],
    keys: Sequence[str],
    plan: Plan,
    cache: ResultCache,
    identity: str,
    run_key: str,
    unreadable: Sequence[Unreadable],
    job_for: Optional[JobFor] = None,
) -> RunResult:
    """The project phase over fresh results; the run is stored (under `identity`, when there is
    one) with what the project phase read of the tree, unless a file timed out or a project-phase
    step failed (not a result to serve again)."""
    root = os.fspath(getattr(plan.settings, "root", None) or "")
    with recording(frozenset(os.path.join(root, found.path) for found in results)) as record:  # keyed by `keys`
        result = _gather(results, list(unreadable), plan, job_for)
    if identity and not result.project_failures and not any(found.timed_out for found in results):
        cache.put_run(identity, run_key, keys, result, record.saved())
    cache.maybe_prune()
    return result


def read_jobs(paths: Sequence[str], root: Path) -> Tuple[List[FileJob], List[Tuple[str, str]]]:
    """The files read, and (path, reason) for those that cannot be; files deleted since discovery
    are in neither."""
    jobs, unreadable = [], []
    for path in paths:
        job, problem = read_job(path, root)
        if job is not None:
            jobs.append(job)
        elif problem is not None:
            unreadable.append(problem)
    return jobs, unreadable


def read_job(path: str, root: Path) -> Tuple[Optional[FileJob], Optional[Tuple[str, str]]]:
    """The file read (None when it was deleted since discovery), or why it cannot be."""
    shown = shown_path(path, str(root))
    data, problem = read(path, shown)
    if data is None:
        return None, problem
    name, is_package = module_name(path, root)
    return FileJob(shown, name, is_package, data), None


def _stdin_job(request: CheckRequest, settings: Settings, cwd: Path) -> FileJob:
    assert request.stdin is not None
    if request.stdin_filename:
        path = Path(os.path.abspath(cwd / request.stdin_filename))
        name, is_package = module_name(path, settings.root)
        return FileJob(relative_path(path, settings.root), name, is_package, request.stdin)
    return FileJob("-", "", False, request.stdin)


def _gather(results: Sequence[FileResult], unreadable: List[Tuple[str, str]], plan: Plan, job_for: Optional[JobFor] = None) -> RunResult:
    """The project phase over the per-file results, gathered into one RunResult. Its steps run
    through a guard (project/guard.py): one that raises is a PRR003 finding, not a crashed run."""
    from prr_lint.engine import analyse
    from prr_lint.project.guard import PhaseGuard
    from prr_lint.project.phase import Project, settle
    from prr_lint.project.attribute_types import SEARCH as TYPING, typed_attribute_calls
    from prr_lint.project.wrappers import SEARCH, calls_to_wrappers

    started = time.process_time()
    with _collecting_rarely():
        settings = plan.settings
        guard = PhaseGuard()
        run = RunResult(findings=[], files=len(results) + len(unreadable))
        project = Project(results, settings, plan.launch_files, plan.deployment_code, plan.whole_project)
        if job_for is not None:  # PRR501/PRR505 through class attributes typed elsewhere (project/attribute_types.py),
            results = project.results = guard.run(TYPING, lambda: typed_attribute_calls(project, plan, job_for, analyse), list(results),
                                                  "PRR501/PRR505 findings on calls through such attributes are missing")
            # and PRR501 at calls of timeout-forwarding wrappers (project/wrappers.py)
            results = project.results = guard.run(SEARCH, lambda: calls_to_wrappers(project, plan, job_for, analyse), list(results),
                                                  "PRR501 findings at calls of such wrappers are missing")
            project.wrapper_search_crashed = guard.failed(SEARCH) or guard.failed(TYPING)
        confirmed, suppressed = settle(project, guard)
        run.findings.extend(confirmed)
        run.suppressed.extend(suppressed)
        for result in results:
            run.findings.extend(result.findings)
            run.suppressed.extend(result.suppressed)
            run.internal_errors += result.internal_errors
            if not result.analysed:
                fallback = "the analysis did not finish" if result.timed_out else "could not be parsed"
                reason = next((f.message for f in result.findings if f.rule in _UNANALYSED), fallback)
                run.unanalysed.append((result.path, reason))
        if settings.scope == "serving":
            from prr_lint.project.serving_scope import apply_scope

            apply_scope(run, project, plan.whole_project, guard)
        _report_failures(run, guard, plan, results, unreadable)
        run.unanalysed.extend(unreadable)
        run.internal_errors += len(unreadable)
        run.findings.sort(key=lambda finding: finding.sort_key)
        run.unanalysed.sort()
    _record_phase_time(time.process_time() - started)
    return run


@contextmanager
def _collecting_rarely() -> Iterator[None]:
    """As in the per-file phase (pool.py `_tune_collector`): the summaries loaded out of the cyclic
    collector's sight, and collections rare, so that the objects the project phase builds (an index,
    the trees unregistered.py parses) do not have it scan them all over and over."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(200_000, 30, 30)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _report_failures(run: RunResult, guard, plan: Plan, results: Sequence[FileResult], unreadable: Sequence[Unreadable]) -> None:
    """Each failed project-phase step as a PRR003 finding and an internal error; one that concerned
    no file is reported at the first file of the run."""
    from prr_lint.engine import internal_error

    first = min([*(result.path for result in results), *(path for path, _ in unreadable)], default=".")
    for failure in guard.failures:
        finding = internal_error(plan, failure.path or first, failure.message)
        run.findings.extend([finding] if finding is not None else [])
        run.internal_errors += 1
        run.project_failures.append(failure.message)


def _record_phase_time(seconds: float) -> None:
    """For bench/run.py, which reports the project phase's share of a run: with PRR_LINT_PHASE_TIMES
    naming a file, a line with the CPU seconds this process spent in the project phase is appended."""
    target = os.environ.get("PRR_LINT_PHASE_TIMES")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(f"project {seconds:.6f}\n")
