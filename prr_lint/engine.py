"""The per-file phase: read, parse once, run all enabled rules in one walk, apply suppressions.

`analyse` is a pure function of (file bytes, path, plan), which is what makes it cacheable and
lets `run_files` spread files over worker processes; it returns plain picklable data only.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Set, Tuple

from prr_lint.budget import AnalysisTimeout, PhaseTracker, describe, limit
from prr_lint.ciphertext import is_ciphertext
from prr_lint.deep_codegen import behind
from prr_lint.model import FileResult, Finding, Pending, Severity, Span
from prr_lint.parse_guard import expand_indentation, interpreter_parse, interpreter_refusal, looks_pathological, probe, syntax_message
from prr_lint.paths import has_template_markup, is_generated, is_service_path, is_template_path, is_test_code
from prr_lint.plan import FileJob, Plan
from prr_lint.registry import Registry

if TYPE_CHECKING:
    import libcst as cst

    from prr_lint.rules.base import RuleClass
    from prr_lint.walker import RuleCrash

SYNTAX_ERROR, INVALID_SUPPRESSION, UNUSED_SUPPRESSION, INTERNAL_ERROR = "PRR000", "PRR001", "PRR002", "PRR003"
ANALYSIS_TIMEOUT = "PRR004"
_NEWLINE = re.compile(r"\r\n|\r|\n")


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


def analyse(job: FileJob, plan: Plan, registry: Optional[Registry] = None, tracker: Optional[PhaseTracker] = None) -> FileResult:
    """The per-file phase for one file, within the plan's time budget (budget.py)."""
    analysis = _Analysis(job, plan, registry or plan.rules)
    tracker = tracker or PhaseTracker()
    try:
        with limit(tracker, plan.file_timeout):
            _analyse(analysis, tracker)
    except AnalysisTimeout as stopped:
        return timed_out(job, plan, stopped.phase, analysis.registry)
    except Exception as error:  # the timeout raised inside a library that turned it into another error
        stopped = timeout_behind(error)
        if stopped is None and not tracker.expired:
            raise
        return timed_out(job, plan, stopped.phase if stopped else tracker.phase, analysis.registry)
    if tracker.expired:  # the timeout was swallowed on the way (budget.PhaseTracker)
        return timed_out(job, plan, tracker.phase, analysis.registry)
    return analysis.result


def timeout_behind(error: BaseException) -> Optional[AnalysisTimeout]:
    """The AnalysisTimeout an error was raised while handling (libcst's position recorder turns one
    thrown into its generator into a KeyError), if any."""
    found = behind(error, AnalysisTimeout)
    return found if isinstance(found, AnalysisTimeout) else None


def timed_out(
    job: FileJob, plan: Plan, phase: str, registry: Optional[Registry] = None, stalled: Optional[float] = None
) -> FileResult:
    """The result of a file whose analysis ran past the budget: PRR004 alone, never cached. `stalled`
    is the wall-clock allowance of a worker killed for getting no CPU (budget.Watch)."""
    analysis = _Analysis(job, plan, registry or plan.rules)
    budget = f"the file-timeout of {plan.file_timeout:g} s of CPU time"
    if stalled is None:
        message = f"analysis stopped at {budget}, while {describe(phase)}; nothing in this file was checked"
    else:
        message = (
            f"analysis stopped at the wall-clock backstop of {stalled:g} s, its process stuck without using CPU"
            f" ({budget}), while {describe(phase)}; nothing in this file was checked"
        )
    analysis.add(ANALYSIS_TIMEOUT, Span(1, 1, 1, 1), message)
    analysis.result.analysed = False
    analysis.result.timed_out = True
    return analysis.result


def crashed(job: FileJob, plan: Plan, phase: str, how: str, registry: Optional[Registry] = None) -> FileResult:
    """The result of a file whose analysis killed its worker process (PRR003, exit code 2)."""
    analysis = _Analysis(job, plan, registry or plan.rules)
    analysis.add(INTERNAL_ERROR, Span(1, 1, 1, 1), f"the analysis process died ({how}) while {describe(phase)}")
    analysis.result.analysed = False
    analysis.result.internal_errors = 1
    analysis.result.timed_out = True  # not a result to cache: the next run tries again
    return analysis.result


def internal_error(plan: Plan, path: str, message: str) -> Optional[Finding]:
    """A PRR003 finding at the top of `path` for a crash outside the file's own walk (the project
    phase's, project/guard.py); None when PRR003 is not enabled for the file."""
    analysis = _Analysis(FileJob(path, "", False, b""), plan, plan.rules)
    analysis.add(INTERNAL_ERROR, Span(1, 1, 1, 1), message)
    return next(iter(analysis.result.findings), None)


def _analyse(analysis: _Analysis, tracker: PhaseTracker) -> None:
    text = _decode(analysis)
    if text is None:
        return
    analysis.lines = _NEWLINE.split(text)
    service = is_service_path(analysis.job.path) and not is_generated(text)  # a tool's output is not the service's code
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
    tracker.enter("parse")
    answer = None
    if looks_pathological(text):
        try:
            answer = probe(text, analysis.job.path, tracker.remaining())
        except TimeoutError:
            raise AnalysisTimeout("parse", analysis.plan.file_timeout) from None
        if isinstance(answer, tuple):
            _syntax_error(analysis, *answer)
    if analysis.result.analysed:
        from prr_lint.tree import remembered_children

        with remembered_children():
            _run_rules(analysis, text, active, tracker, answer if isinstance(answer, str) else None)
    if analysis.result.analysed:
        tracker.enter("suppress")
        _apply_suppressions(analysis, text)
    analysis.result.findings.sort(key=lambda finding: finding.sort_key)


def _has_visitors(rule: RuleClass) -> bool:
    from prr_lint.walker import visitor_methods

    return bool(visitor_methods(rule))


def _decode(analysis: _Analysis) -> Optional[str]:
    from io import BytesIO
    from tokenize import detect_encoding

    data = analysis.job.data
    if is_ciphertext(data):
        analysis.result.analysed = False
        return None
    try:
        encoding, _ = detect_encoding(BytesIO(data).readline)
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


def _syntax_error(analysis: _Analysis, line: int, column: int, message: str, text: str = "") -> None:
    """PRR000, except in a generator's template, which is not Python until rendered: it is skipped (a
    template path, or Jinja markup on the line that does not parse: `{% for s in api.services %}`);
    and except in a program of another language that only its name calls Python: a `.py` file whose
    `#!` line names another interpreter (`#!/bin/bash`) is run by that interpreter, never by Python."""
    failing = text.splitlines()[line - 1] if text and 0 < line <= text.count("\n") + 1 else ""
    if not is_template_path(analysis.job.path) and not has_template_markup(text, failing) and not _other_language(text):
        analysis.add(SYNTAX_ERROR, Span(line, column, line, column + 1), message)
    analysis.result.analysed = False


def _other_language(text: str) -> bool:
    """Whether the `#!` line names an interpreter that is not Python (`#!/bin/bash`, `#!/usr/bin/env node`)."""
    first = text.partition("\n")[0]
    return first.startswith("#!") and bool(first[2:].strip()) and "python" not in first


def _parse(analysis: _Analysis, text: str) -> Tuple[Optional["cst.Module"], str]:
    """The libcst module and the text it was read from, or None after reporting why the file cannot
    be parsed."""
    import libcst as cst

    from prr_lint.cst_parse import parse_module

    try:
        return parse_module(text), text
    except cst.ParserSyntaxError as error:
        # Where `ast` agrees the file is invalid, its location and message are the interpreter's.
        try:
            interpreter_parse(text, analysis.job.path)
        except SyntaxError as interpreter:
            _syntax_error(analysis, interpreter.lineno or 1, interpreter.offset or 1, syntax_message(interpreter, text), text)
        except (RecursionError, MemoryError):
            _syntax_error(analysis, 1, 1, "the file is too deeply nested to parse")
        else:  # valid Python libcst cannot read as it is
            return _parse_expanded(analysis, text, error)
    except (RecursionError, MemoryError):
        _syntax_error(analysis, 1, 1, "the file is too deeply nested to parse")
    return None, text


def _parse_expanded(analysis: _Analysis, text: str, error: Exception) -> Tuple[Optional["cst.Module"], str]:
    """Valid Python whose indentation mixes tabs and spaces (`    \tif x:` under a four-space `for`):
    CPython counts a tab to the next multiple of eight columns, libcst's tokenizer does not. With the
    indentation's tabs expanded as CPython counts them the blocks are the same, so the file is checked
    (columns on those lines count the expanded spaces); if libcst still cannot read it, PRR000 says so."""
    import libcst as cst

    from prr_lint.cst_parse import parse_module

    expanded = expand_indentation(text)
    if expanded != text:
        try:
            return parse_module(expanded), expanded
        except (cst.ParserSyntaxError, RecursionError, MemoryError):
            pass
    message = str(error).splitlines()[0] if str(error) else "invalid syntax"
    _syntax_error(analysis, getattr(error, "raw_line", 1), getattr(error, "raw_column", 0) + 1,
                  f"Python parses this file but prr-lint's parser (libcst) cannot ({message}), so it was not checked", text)
    return None, text


def _run_rules(
    analysis: _Analysis, text: str, rules: Sequence[RuleClass], tracker: PhaseTracker, stand_in: Optional[str] = None
) -> None:
    """Parses the file and walks it with the rules and the summary; a file that only declares data is
    walked as its `stand_in` (declarations.py) by the summary alone, which still reads the whole text."""
    import libcst as cst

    from prr_lint.context import FileContext
    from prr_lint.cst_parse import parse_module
    from prr_lint.placing import finding_positions, statement_hints, statement_marker
    from prr_lint.receivers import ATTRIBUTE_TYPES_SECTION
    from prr_lint.resolve import Resolver
    from prr_lint.sinks import configure
    from prr_lint.summary import SummaryCollector
    from prr_lint.walker import walk

    module, text = _parse(analysis, text) if stand_in is None else (parse_module(stand_in), text)
    if module is None:
        return
    rules = rules if stand_in is None else ()
    tracker.enter("walk")
    settings = analysis.plan.settings
    try:
        resolver = Resolver(module, analysis.job.module, analysis.job.is_package, text if stand_in is None else stand_in)
        # What counts as reporting (`[tool.prr-lint.errors]`: level, extra logger types) is fixed before any rule
        # or the summary asks, so the summary's answer is the same whichever rules run and in what order.
        configure(resolver, settings.sections)
        resolver.add_types({}, settings.sections.get(ATTRIBUTE_TYPES_SECTION, {}))  # set by project/attribute_types.py
        ctx = FileContext(
            analysis.job.path, analysis.job.module, text, resolver, settings.sections, enabled=frozenset(analysis.enabled)
        )
        wanted = frozenset().union(*(rule.metadata for rule in rules))
        if wanted:
            ctx.metadata_wrapper = cst.MetadataWrapper(module, unsafe_skip_copy=True)
            ctx.metadata_wrapper.resolve_many(wanted)
        collector = SummaryCollector(resolver, analysis.job.path, text, settings.sections, ctx.ancestors)
        marks: List[Tuple[int, Tuple]] = []  # (findings so far, the statements then being visited)
        crashes = walk(
            module, [*(rule(ctx) for rule in rules), collector], resolver, ctx.ancestors, statement_marker(marks, ctx.raw_findings)
        )
        analysis.result.summary = collector.summary
        hints = statement_hints(ctx.raw_findings, marks)
        if _test_by_behaviour(collector.summary):  # the rules about service code had no reason to skip it
            ctx.raw_findings[:] = [raw for raw in ctx.raw_findings if not raw.rule.service_only]
        tracker.enter("place")
        positions = finding_positions(module, text, ctx.raw_findings, hints) if ctx.raw_findings else {}
    except Exception as error:  # RecursionError, or what libcst's position recorder turns it into (KeyError)
        if behind(error, RecursionError) is None:
            raise
        _syntax_error(analysis, 1, 1, "the file is too deeply nested to analyse")
        return
    if crashes and _refused_literal(analysis, text, crashes, module):
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
    # The file is done: no cycle is left to keep its tree alive (a finding holds its rule, which holds ctx).
    ctx.raw_findings.clear()
    resolver.release()


def _refused_literal(analysis: _Analysis, text: str, crashes: Sequence["RuleCrash"], module: "cst.Module") -> bool:
    """A literal libcst reads but the interpreter refuses makes a check that evaluates it raise
    SyntaxError: the file is not Python 3, a syntax error where CPython places it, not a crash
    (where a newer Python's grammar places it, for syntax newer than the interpreter: parse_guard.py)."""
    refused = any(behind(crash.error, SyntaxError) is not None for crash in crashes)
    problem = interpreter_refusal(text, analysis.job.path, module) if refused else None
    if problem is None:
        return False
    analysis.result.findings.clear()
    analysis.result.summary = None  # as for any file that does not parse
    _syntax_error(analysis, *problem, text)
    return True


def _test_by_behaviour(summary) -> bool:
    """A module that imports a test framework or defines a test case is test code, wherever it lives."""
    bases = (base for found in summary.classes.values() for base in found)
    return is_test_code(summary.path, summary.imports.values(), bases)


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
        around = [*by_line.get(finding.span.line, ()), *by_line.get(suppressions.WHOLE_FILE, ())]
        candidates = [s for s in around if finding.rule in s.codes]
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
    if not unused:
        return
    from prr_lint.suppressions import UNUSED_UNLESS_PROJECT, unused_message

    # A rule the project phase may still report on this line decides later (Rule.project_findings).
    waiting = tuple(c for c in unused if analysis.registry.get(c).project_findings)
    if waiting:
        analysis.add(UNUSED_SUPPRESSION, span, unused_message(unused), condition=UNUSED_UNLESS_PROJECT,
                     subjects=(str(suppression.target_line), *unused))
    else:
        analysis.add(UNUSED_SUPPRESSION, span, unused_message(unused))


def prepare(plan: Plan) -> None:
    """Imports what the analysis needs (libcst, the rules) before worker processes are forked, so
    that each inherits them instead of importing them again."""
    import libcst  # noqa: F401

    import prr_lint.context  # noqa: F401
    import prr_lint.summary  # noqa: F401
    import prr_lint.walker  # noqa: F401

    registry = plan.rules
    for code in plan.enabled:
        _has_visitors(registry.get(code))
