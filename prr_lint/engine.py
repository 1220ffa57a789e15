"""The per-file phase: read, parse once, run all enabled rules in one walk, apply suppressions.

`analyse` is a pure function of (file bytes, path, plan), which is what makes it cacheable and
lets `run_files` spread files over worker processes; it returns plain picklable data only.
"""

from __future__ import annotations

import ast
import hashlib
import io
import os
import re
import tokenize
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from prr_lint import __version__
from prr_lint.config import Settings
from prr_lint.parse_guard import looks_pathological, probe
from prr_lint.paths import is_service_path
from prr_lint.model import FileResult, Finding, Pending, Severity, Span
from prr_lint.registry import Registry, default_registry
from prr_lint.rules.base import RuleClass

SYNTAX_ERROR, INVALID_SUPPRESSION, UNUSED_SUPPRESSION, INTERNAL_ERROR = "PRR000", "PRR001", "PRR002", "PRR003"
_NEWLINE = re.compile(r"\r\n|\r|\n")
# Below this many files, starting worker processes costs more than it saves.
MIN_FILES_FOR_POOL = 16


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """prr-lint's version and the state of its own source files: a cached result from other rules
    (an upgrade, or an edit in a development checkout) must never be served."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for source in sorted(package.rglob("*.py")):
        status = source.stat()
        digest.update(f"{source.relative_to(package)}:{status.st_size}:{status.st_mtime_ns}".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class FileJob:
    path: str  # root-relative, `/`-separated: what findings show
    module: str
    is_package: bool
    data: bytes


@dataclass(frozen=True)
class Plan:
    """Everything besides the file itself that decides a file's result."""

    settings: Settings
    enabled: Tuple[str, ...]
    # The rules to run, plug-ins included; None means the default registry. Part of the plan so that
    # worker processes run exactly the rules the command line resolved.
    registry: Optional[Registry] = field(default=None, compare=False)

    def cache_key(self, job: FileJob) -> str:
        digest = hashlib.sha256()
        for part in (code_fingerprint(), self.settings.fingerprint(), ",".join(self.enabled), job.path, job.module):
            digest.update(part.encode())
            digest.update(b"\0")
        digest.update(b"package" if job.is_package else b"module")
        digest.update(job.data)
        return digest.hexdigest()


class _Analysis:
    """The state of analysing one file; turns raw findings into `Finding`s."""

    def __init__(self, job: FileJob, plan: Plan, registry: Registry) -> None:
        self.job = job
        self.plan = plan
        self.registry = registry
        ignored: Set[str] = set()
        for selector in plan.settings.per_file_ignored(job.path):
            ignored |= registry.expand(selector)
        self.enabled = [code for code in plan.enabled if code not in ignored]
        self.lines: List[str] = []
        self.result = FileResult(job.path)

    def finding(
        self, rule: RuleClass, span: Span, message: str, context: str = "", demoted: Optional[Severity] = None
    ) -> Finding:
        settings = self.plan.settings
        severity = Severity(settings.severity.get(rule.code, rule.severity))
        # A rule may report one finding at a lower severity than its configured one (never higher).
        if demoted is not None and demoted.rank < severity.rank:
            severity = demoted
        extra_items = settings.section("checklist").get("rule-items", {}).get(rule.code, ())
        checklist = tuple(dict.fromkeys([*rule.checklist, *extra_items]))
        source_line = self.lines[span.line - 1] if 0 < span.line <= len(self.lines) else ""
        return Finding(
            rule=rule.code,
            name=rule.name,
            severity=Severity(severity),
            path=self.job.path,
            span=span,
            message=message,
            checklist=checklist,
            source_line=source_line,
            context=context,
            fingerprint=_fingerprint(rule.code, self.job.path, context, source_line, message),
        )

    def add(
        self,
        code: str,
        span: Span,
        message: str,
        context: str = "",
        condition: Optional[str] = None,
        subjects: Tuple[str, ...] = (),
        demoted: Optional[Severity] = None,
    ) -> None:
        if code not in self.enabled:
            return
        finding = self.finding(self.registry.get(code), span, message, context, demoted)
        if condition is None:
            self.result.findings.append(finding)
        else:
            self.result.pending.append(Pending(finding, condition, subjects))


def _fingerprint(rule: str, path: str, context: str, source_line: str, message: str) -> str:
    """Identity of a finding that survives edits elsewhere in the file (no line numbers in it)."""
    normalised = " ".join(source_line.split())
    return hashlib.sha256("\0".join((rule, path, context, normalised, message)).encode()).hexdigest()[:32]


def analyse(job: FileJob, plan: Plan, registry: Optional[Registry] = None) -> FileResult:
    """The per-file phase for one file."""
    analysis = _Analysis(job, plan, registry or plan.registry or _registry())
    text = _decode(analysis)
    if text is None:
        return analysis.result
    analysis.lines = _NEWLINE.split(text)
    service = is_service_path(job.path)
    rules = [analysis.registry.get(code) for code in analysis.enabled]
    active = [
        rule
        for rule in rules
        if _has_visitors(rule)
        and (service or not rule.service_only)
        and (not rule.triggers or any(trigger in text for trigger in rule.triggers))
    ]
    # Every file is walked, even when no rule's trigger text appears in it: the project phase needs
    # its summary (a reporter helper, a route, a call on the way to a batch client).
    if looks_pathological(text):
        problem = probe(text, job.path)
        if problem is not None:
            _syntax_error(analysis, *problem)
    if analysis.result.analysed:
        _run_rules(analysis, text, active)
    if analysis.result.analysed:
        _apply_suppressions(analysis, text)
    analysis.result.findings.sort(key=lambda finding: finding.sort_key)
    return analysis.result


def _has_visitors(rule: RuleClass) -> bool:
    from prr_lint.walker import visitor_methods

    return bool(visitor_methods(rule))


def _decode(analysis: _Analysis) -> Optional[str]:
    data = analysis.job.data
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        analysis.add(SYNTAX_ERROR, Span(1, 1, 1, 1), f"cannot read the file: {error}")
        analysis.result.analysed = False
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        bad = data[error.start : error.start + 1].hex()
        analysis.add(SYNTAX_ERROR, Span(line, column, line, column + 1), f"byte 0x{bad} is not valid {encoding}")
        analysis.result.analysed = False
        return None
    if "\0" in text:
        offset = text.index("\0")
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        analysis.add(SYNTAX_ERROR, Span(line, column, line, column + 1), "the file contains a NUL byte")
        analysis.result.analysed = False
        return None
    return text


def _syntax_error(analysis: _Analysis, line: int, column: int, message: str) -> None:
    analysis.add(SYNTAX_ERROR, Span(line, column, line, column + 1), message)
    analysis.result.analysed = False


def _parse(analysis: _Analysis, text: str):
    """The libcst module, or None after reporting why the file cannot be parsed."""
    import libcst as cst

    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        # Where `ast` agrees the file is invalid, its location and message are the interpreter's.
        try:
            ast.parse(text, filename=analysis.job.path)
        except SyntaxError as interpreter:
            _syntax_error(analysis, interpreter.lineno or 1, interpreter.offset or 1, f"syntax error: {interpreter.msg}")
        except (RecursionError, MemoryError):
            _syntax_error(analysis, 1, 1, "the file is too deeply nested to parse")
        else:
            message = str(error).splitlines()[0] if str(error) else "invalid syntax"
            _syntax_error(analysis, error.raw_line, error.raw_column + 1, f"syntax error: {message}")
    except (RecursionError, MemoryError):
        _syntax_error(analysis, 1, 1, "the file is too deeply nested to parse")
    return None


def _run_rules(analysis: _Analysis, text: str, rules: Sequence[RuleClass]) -> None:
    import libcst as cst

    from prr_lint.context import FileContext
    from prr_lint.resolve import Resolver
    from prr_lint.summary import SummaryCollector
    from prr_lint.walker import walk

    module = _parse(analysis, text)
    if module is None:
        return
    settings = analysis.plan.settings
    try:
        resolver = Resolver(module, analysis.job.module, analysis.job.is_package)
        ctx = FileContext(
            analysis.job.path, analysis.job.module, text, resolver, settings.sections, enabled=frozenset(analysis.enabled)
        )
        wanted = frozenset().union(*(rule.metadata for rule in rules))
        if wanted:
            ctx.metadata_wrapper = cst.MetadataWrapper(module, unsafe_skip_copy=True)
            ctx.metadata_wrapper.resolve_many(wanted)
        collector = SummaryCollector(resolver, analysis.job.path, text, settings.sections)
        crashes = walk(module, [*(rule(ctx) for rule in rules), collector], resolver, ctx.ancestors)
        analysis.result.summary = collector.summary
        positions = _positions(module) if ctx.raw_findings else {}
    except RecursionError:
        _syntax_error(analysis, 1, 1, "the file is too deeply nested to analyse")
        return
    crashed = {type(crash.rule) for crash in crashes}
    for crash in crashes:
        analysis.result.internal_errors += 1
        who = type(crash.rule)
        label = f"rule {who.code} ({who.name})" if hasattr(who, "code") else "the module summary"
        analysis.add(INTERNAL_ERROR, Span(1, 1, 1, 1), f"{label} crashed: {crash}")
    for raw in ctx.raw_findings:
        if type(raw.rule) in crashed:
            continue
        span = _span(raw.node, positions, analysis.lines)
        if raw.end_node is not None:
            end = positions[raw.end_node].end
            span = Span(span.line, span.column, end.line, end.column + 1)
        analysis.add(raw.rule.code, span, raw.message, raw.context, raw.condition, raw.subjects, raw.severity)


def _positions(module) -> Dict:
    import libcst as cst
    from libcst.metadata import PositionProvider

    return cst.MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)


def _span(node, positions, lines: List[str]) -> Span:
    """1-based span; a compound statement or handler is shown by its header line only."""
    import libcst as cst

    position = positions[node]
    start, end = position.start, position.end
    if isinstance(node, (cst.BaseCompoundStatement, cst.ExceptHandler, cst.ExceptStarHandler)) and end.line != start.line:
        header = lines[start.line - 1] if start.line <= len(lines) else ""
        return Span(start.line, start.column + 1, start.line, len(header.rstrip()) + 1)
    return Span(start.line, start.column + 1, end.line, end.column + 1)


def _apply_suppressions(analysis: _Analysis, text: str) -> None:
    from prr_lint import suppressions

    peers = analysis.plan.settings.peer_suppressions
    if not suppressions.has_markers(text, peers):
        return
    found = suppressions.parse(text, peers)
    kept: List[Finding] = []
    by_line: Dict[int, List[suppressions.Suppression]] = {}
    for suppression in found:
        by_line.setdefault(suppression.target_line, []).append(suppression)

    def silenced(finding: Finding) -> Optional[Finding]:
        """The finding marked with its suppression's reason, or None when nothing silences it."""
        candidates = [s for s in by_line.get(finding.span.line, ()) if finding.rule in s.codes]
        match = next((s for s in candidates if s.kind != "peer"), candidates[0] if candidates else None)
        if match is None or finding.rule == SYNTAX_ERROR:
            return None
        match.used.add(finding.rule)
        return replace(finding, justification=match.reason or f"# {match.kind}: {finding.rule}")


    for finding in analysis.result.findings:
        marked = silenced(finding)
        if marked is None:
            kept.append(finding)
        else:
            analysis.result.suppressed.append(marked)
    analysis.result.findings = kept
    pending = []
    for item in analysis.result.pending:
        marked = silenced(item.finding)
        pending.append(item if marked is None else replace(item, finding=marked, suppressed=True))
    analysis.result.pending = pending
    for suppression in found:
        if suppression.kind != "peer":  # another linter's comment is not ours to judge
            _judge(analysis, suppression)


def _judge(analysis: _Analysis, suppression) -> None:
    """PRR001 for malformed suppressions, PRR002 for those that silenced nothing."""
    span = Span(suppression.line, suppression.column, suppression.line, suppression.end_column)
    if suppression.kind == "prr-lint" and not suppression.codes:
        analysis.add(INVALID_SUPPRESSION, span, "a suppression must name the rules it silences, e.g. ignore[PRR101]")
        return
    unknown = [code for code in suppression.codes if code not in analysis.registry]
    if unknown:
        analysis.add(INVALID_SUPPRESSION, span, f"the suppression names unknown rule(s): {', '.join(unknown)}")
    if suppression.kind == "prr-lint" and analysis.plan.settings.require_reason and not suppression.reason:
        analysis.add(INVALID_SUPPRESSION, span, "the suppression gives no reason (require-reason = true)")
    unused = [c for c in suppression.codes if c in analysis.enabled and c not in suppression.used and c not in unknown]
    if unused:
        analysis.add(UNUSED_SUPPRESSION, span, f"the suppression of {', '.join(unused)} silences nothing on this line")


# ----- running many files: cache and worker processes -----

_worker_plan: Optional[Plan] = None
_cached_registry: Optional[Registry] = None


def _registry() -> Registry:
    global _cached_registry
    if _cached_registry is None:
        _cached_registry = default_registry()
    return _cached_registry


def _init_worker(plan: Plan) -> None:
    global _worker_plan
    _worker_plan = plan


def _analyse_in_worker(job: FileJob) -> FileResult:
    assert _worker_plan is not None
    return analyse(job, _worker_plan)


def resolve_jobs(value: str) -> int:
    """`--jobs N|auto` as a number of processes."""
    if value == "auto":
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:
            return max(1, os.cpu_count() or 1)
    return max(1, int(value))


def run_files(
    jobs: Sequence[FileJob], plan: Plan, workers: int, cache: Optional["ResultCache"] = None, keys: Sequence[str] = ()
) -> List[FileResult]:
    """Results in the order of `jobs`, whatever the number of workers; `keys` are their cache keys
    when the caller has computed them already."""
    results: List[Optional[FileResult]] = [None] * len(jobs)
    pending: List[int] = []
    keys = list(keys) or ([plan.cache_key(job) for job in jobs] if cache is not None else [""] * len(jobs))
    for index in range(len(jobs)):
        if cache is not None:
            results[index] = cache.get(keys[index], FileResult)
        if results[index] is None:
            pending.append(index)
    for index, result in zip(pending, _analyse_all([jobs[i] for i in pending], plan, workers)):
        results[index] = result
        if cache is not None:
            cache.put(keys[index], result)
    return [result for result in results if result is not None]


def _analyse_all(jobs: Sequence[FileJob], plan: Plan, workers: int) -> Iterable[FileResult]:
    if workers <= 1 or len(jobs) < MIN_FILES_FOR_POOL:
        registry = plan.registry or _registry()
        return [analyse(job, plan, registry) for job in jobs]
    chunksize = max(1, len(jobs) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(plan,)) as pool:
        return list(pool.map(_analyse_in_worker, jobs, chunksize=chunksize))


class ResultCache:
    """Results on disk, keyed by content and plan: per file, so unchanged files are not re-parsed,
    and per run, so an unchanged tree skips the project phase too."""

    def __init__(self, directory: str) -> None:
        self.directory = directory

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key[:2], key)

    def get(self, key: str, kind: type) -> Optional[Any]:
        import pickle

        try:
            with open(self._path(key), "rb") as handle:
                loaded = pickle.load(handle)
        except Exception:  # prr-lint: ignore[PRR101] a missing or corrupt cache entry is just a miss  # noqa: BLE001
            return None
        return loaded if isinstance(loaded, kind) else None

    def put(self, key: str, result: object) -> None:
        import pickle

        path = self._path(key)
        temporary = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(temporary, "wb") as handle:
                pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass
