"""PRR501, PRR505 on receivers whose class only stores made elsewhere give: class attributes set by name.

A Tornado handler declares `session = None` and the start-up module sets `Handler.session = requests.Session()`:
the handler's module alone cannot tell what `self.session` holds, so its `self.session.post(url)` resolved to
no library method and no rule judged it. The module summaries record such stores, and what class bodies and
methods give their attributes (receivers.py); project/receivers.py types the attribute when every value the
project gives it holds the same library class, `None` placeholders aside. Two classes, a value nothing tells
(which may replace the session), or a session something mounts an adapter on (which may carry a default
timeout: in the storing function, or `Handler.session.mount(...)` anywhere) leave it untyped.

Telling the rules needs the calls' positions, which summaries do not hold (DESIGN.md §6). So the rules that
judge such a call by its receiver's class (`Rule.judges_call`: PRR501 a session's `post`, PRR505 too) run once
more on the files that make one (by the name the summary resolved it to: `svc.handlers.Handler.session.post`,
a subclass's or an instance's too), with what each attribute holds handed to the file's resolver as a known
object (ATTRIBUTE_TYPES_SECTION); the findings that run adds join the file's result, as project/wrappers.py
does for calls of timeout-forwarding wrappers. Files that make no such call are not read again: on a tree of
no such stores this step only scans the summaries' calls.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, List, Optional, Set, Tuple

from prr_lint.model import FileResult
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import lineage, resolve_name
from prr_lint.project.receivers import attribute_table, library_attribute
from prr_lint.project.wrappers import untriggered
from prr_lint.receivers import ATTRIBUTE_TYPES_SECTION
from prr_lint.registry import default_registry

SEARCH = "type class attributes that other code stores on the class (PRR501, PRR505)"  # the project phase's step (guard.py)
_MOUNT = "mount"


def typed_attribute_calls(project, plan, job_for: Callable, analyse: Callable) -> List[FileResult]:
    """The results, with what the enabled rules that judge such calls (`Rule.judges_call`) find on calls through
    class attributes typed by stores elsewhere added to the files that make them (see the module doc)."""
    results = list(project.results)
    registry = plan.registry or default_registry()
    judges = {code: registry.get(code).judges_call for code in plan.enabled if code in registry}
    tables = _calls_by_file(project.index, judges)
    if not tables:
        return results
    registry = untriggered(plan, tuple(code for _, rules in tables.values() for code in rules))
    for position, result in enumerate(results):
        table, rules = tables.get(result.path, ({}, ()))
        job = job_for(result.path) if rules and result.analysed else None
        if job is None:
            continue
        settings = replace(plan.settings, sections={**plan.settings.sections, ATTRIBUTE_TYPES_SECTION: table})
        again = analyse(job, replace(plan, settings=settings, enabled=rules, registry=registry), registry)
        results[position] = _joined(project, result, again, rules)
    return results


def _calls_by_file(index: ProjectIndex, judges: Dict[str, Callable[[str, str], bool]]) -> Dict[str, Tuple[Dict[str, str], Tuple[str, ...]]]:
    """Path -> ({an attribute as the file names it in a call (`svc.api.Handler.session`) -> the library class it
    holds}, the rules that judge one of those calls), for calls through attributes `library_attribute` types
    and nothing mounts an adapter on."""
    attributes = {key.rpartition(".")[2] for key in attribute_table(index)}
    if not attributes:
        return {}
    found: Dict[str, List[Tuple[str, str, str]]] = {}
    mounted: Set[str] = set()
    owners: Dict[str, Optional[str]] = {}  # an attribute as named -> the attribute of the class that gives it
    for module in index.modules.values():
        for function in module.functions.values():
            for call in function.calls:
                named, _, method = call.rpartition(".")
                if named.rpartition(".")[2] not in attributes:
                    continue
                if named not in owners:
                    owners[named] = _owner(index, named)
                key = owners[named]
                if key is not None and method == _MOUNT:
                    mounted.add(key)
                elif key is not None:
                    found.setdefault(module.path, []).append((named, key, method))
    tables: Dict[str, Tuple[Dict[str, str], Tuple[str, ...]]] = {}
    for path, calls in found.items():
        table: Dict[str, str] = {}
        rules: Dict[str, None] = {}
        for named, key, method in calls:
            held = library_attribute(index, key) if key not in mounted else None
            judging = [code for code, judge in judges.items() if held is not None and judge(held, method)]
            if judging:
                table[named] = held  # type: ignore[assignment]
                rules.update(dict.fromkeys(judging))
        if rules:
            tables[path] = (table, tuple(sorted(rules)))
    return tables


def _owner(index: ProjectIndex, named: str) -> Optional[str]:
    """"<class>.<attribute>" of the first class in the lineage of the class `named` names that gives the
    attribute a value, or None when `named` is no attribute of a project class."""
    owner, _, attribute = named.rpartition(".")
    cls = owner if owner in index.classes else resolve_name(index, owner)
    if cls not in index.classes:
        return None
    table = attribute_table(index)
    return next((f"{base}.{attribute}" for base in lineage(index, cls) if f"{base}.{attribute}" in table), None)


def _joined(project, result: FileResult, again: FileResult, rules: Tuple[str, ...]) -> FileResult:
    """`result` with the findings of `rules` in `again` it does not hold yet; a suppression one of them used is used."""
    def key(finding) -> tuple:
        return finding.rule, finding.span.line, finding.span.column

    held = {key(finding) for finding in (*result.findings, *result.suppressed, *(item.finding for item in result.pending))}
    pending = [item for item in again.pending if item.finding.rule in rules and key(item.finding) not in held]
    for item in pending:
        if item.suppressed:
            project.used_suppressions.add((result.path, item.finding.span.line, item.finding.rule))
    findings = [finding for finding in again.findings if finding.rule in rules and key(finding) not in held]
    suppressed = [finding for finding in again.suppressed if finding.rule in rules and key(finding) not in held]
    for finding in suppressed:
        project.used_suppressions.add((result.path, finding.span.line, finding.rule))
    if not (pending or findings or suppressed):
        return result
    return replace(result, findings=[*result.findings, *findings], suppressed=[*result.suppressed, *suppressed],
                   pending=[*result.pending, *pending])
