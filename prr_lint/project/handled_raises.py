"""PRR104 in the project phase: a handler for a project exception class that no request raises
unreported (condition `handled-class-raises`).

A registered handler for a project class C (`@bp.errorhandler(JobIncompleteError)` answering 500)
silences what reaches it: the raises of C, and of its subclasses that no more specific handler of the
same module takes (`@app.exception_handler(NotFoundError)` beside the `OpenNotebookError` one). When
every such raise site either sits in a handler that reported the error first (`logger.exception(...);
raise DatabaseOperationError(...)`, or through a reporter helper; a raise in a `try` body whose own
handler reports and re-raises: raise_marks.py), or runs only outside requests (in a function no route
reaches and a task, command or scheduled job does: a Celery task's check), or never leaves its callers
(every call that leads to it sits in a `try` that takes every exception and raises none:
contained_raises.py), the handler silences nothing. A class with no raise site found keeps the finding (the raise may be
dynamic or in a library).

A handler a Flask/Quart module keys on a code of 501-505 by a constant (`register_error_handler(CUSTOM_ERROR,
f)`; subject: werkzeug's class for it, rules/error_codes.py) takes only what the service raises on purpose:
its `abort(<code>)` calls (raise_marks.py tags them `abort:<code>`), wherever a request may run them (the
project's every module but tests: a hook, a helper, another blueprint's view). With none the handler never
runs; when each is read as a class raise is above, it silences nothing. An `abort` whose code the file does not
show (`abort(status)`), a call of another `abort` (a project module's re-export, `ns.abort`, `current_app.aborter`, an
`Aborter`: raise_marks.py tags them `abort:?`), a `raise` of the class or of a subclass (also one a project module
re-exports), of an object the file cannot name (`raise err`) or of what a project function returns, keeps the finding.

Subjects: the handled class, the other classes the module's handlers take, `SEP`, then the handler's
callees (for the `unless-reporter` check, which still applies).
"""

from __future__ import annotations

from typing import Callable, Dict, List, NamedTuple, Optional, Set, Tuple

from prr_lint.model import RAISES, Finding, Pending
from prr_lint.paths import is_test_path
from prr_lint.project.callgraph import breadth_first
from prr_lint.project.contained_raises import contained_check
from prr_lint.project.grpc_stubs import imported_as
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors
from prr_lint.project.reporters import _via_reporter, is_sink_call, raised_after_report_classes, reporter_functions
from prr_lint.raise_marks import ABORTED, ABORTED_UNKNOWN, RAISED_UNKNOWN
from prr_lint.rules.error_codes import ABORTED_CLASSES
from prr_lint.rules.error_responses import HANDLED_CLASS_RAISES, SEP


class _RaiseSite(NamedTuple):
    """A raise mark (raise_marks.py) of a function outside tests: what it raises as tagged (a class's name, `abort:<code>`,
    `abort:?`, `raise:?`) and how it leaves."""

    function: str
    raised: str
    how: str


def _raise_sites(index: ProjectIndex) -> Tuple[_RaiseSite, ...]:
    """Every raise mark of a function outside tests (a test raising a class to exercise its handler serves no one), in
    the index's order; read once per run (each handler's check asks), from the index's tags, final once it is built."""
    def read() -> Tuple[_RaiseSite, ...]:
        found = []
        for qualname, marks in index.tagged(RAISES).items():
            module = index.modules.get(index.module_of(qualname))
            if module is None or is_test_path(module.path):
                continue
            for mark in marks:
                raised, _, how = mark.rpartition("|")
                found.append(_RaiseSite(qualname, raised, how))
        return tuple(found)

    return index.derived("raise-sites", read)


def _sites(index: ProjectIndex, handled: str, others: Set[str]) -> List[tuple]:
    """(function, how) for each raise that reaches the handler of `handled` (see the module docstring)."""
    sites = []
    for site in _raise_sites(index):
        raised = index.canonical(site.raised) or site.raised
        if raised not in index.classes:
            continue
        lineage = [raised, *(index.canonical(base) or base for base in class_ancestors(index, raised))]
        if handled not in lineage:
            continue
        nearer = lineage[:lineage.index(handled)]
        if not any(cls in others for cls in nearer):
            sites.append((site.function, site.how))
    return sites


def _abort_sites(index: ProjectIndex, handled: str) -> Optional[List[tuple]]:
    """(function, how) for each `abort` of the code werkzeug's class `handled` stands for; None when the handler may
    take an error no such site shows: an `abort` of a code not known, a `raise` of the class or of a subclass."""
    code = next(code for code, name in ABORTED_CLASSES.items() if name == handled)
    sites = []
    for site in _raise_sites(index):
        name = site.raised
        if name in (ABORTED_UNKNOWN, RAISED_UNKNOWN):  # any code's class, or an object the file could not name
            return None
        if name == f"{ABORTED}{code}":
            sites.append((site.function, site.how))
            continue
        if name.startswith(ABORTED):
            continue
        raised = index.canonical(name) or imported_as(index, name)  # werkzeug's class re-exported by a project module
        if raised in index.functions or (raised not in index.classes and raised.rpartition(".")[0] in index.modules):
            return None  # `raise make_error()`, `raise errors.DOWN`: a project name that is no class
        if handled == raised or (raised in index.classes and handled in (
                index.canonical(base) or imported_as(index, base) for base in class_ancestors(index, raised))):
            return None
    return sites


def handled_class_conditions(project) -> Dict[str, Callable[[], Callable[[Pending], Optional[Finding]]]]:
    def build() -> Callable[[Pending], Optional[Finding]]:
        analysis = project.analysis()
        index = analysis.index
        reporters = reporter_functions(index)
        reported_classes = raised_after_report_classes(index)
        contained = contained_check(analysis)
        off_request: Dict[str, bool] = {}
        batch_reached: Dict[str, object] = {}

        def reported(how: str) -> bool:
            how = _via_reporter(index, how, reporters)
            if how == "reported":
                return True
            caught = [index.canonical(name) for name in how[len("from:"):].split(",") if name] if how.startswith("from:") else []
            return bool(caught) and all(name in reported_classes for name in caught)

        def outside_requests(function: str) -> bool:
            if function not in off_request:
                if not batch_reached:
                    seeds = sorted(name for name in analysis.model.batch if name in index.functions)
                    batch_reached.update(breadth_first(analysis.graph, seeds, analysis.max_depth))
                off_request[function] = bool(analysis.model.seeds) and function not in analysis.reached and function in batch_reached
            return off_request[function]

        def check(item: Pending) -> Optional[Finding]:
            split = item.subjects.index(SEP) if SEP in item.subjects else len(item.subjects)
            classes, callees = item.subjects[:split], item.subjects[split + 1:]
            if any(index.canonical(callee) in reporters or is_sink_call(index, callee) for callee in callees):
                return None
            handled = index.canonical(classes[0]) or classes[0]
            if handled in index.classes:
                others = {index.canonical(name) or name for name in classes[1:]} - {handled}
                sites = _sites(index, handled, others)
                if sites and all(reported(how) or outside_requests(function) or contained(function) for function, how in sites):
                    return None
            elif handled in ABORTED_CLASSES.values():  # a code only the service's aborts raise: none, or each reported
                sites = _abort_sites(index, handled)
                if sites is not None and all(reported(how) or outside_requests(function) or contained(function) for function, how in sites):
                    return None
            return item.finding

        return check

    return {HANDLED_CLASS_RAISES: build}
