"""Failure statuses that serving callers drop: PRR107's project half.

rules/vanishing.py leaves pending each handler that hands a dependency failure back as a status
(`return False, str(exc)`) without reporting it. The finding stands when some function on a
serving path calls that function as a statement (the summaries' `discarded` calls), directly or
through functions that return its result as it is (`returned`), so the status goes nowhere; those callers are its `related` locations. It is dropped when the handler passes the
error to a project function that reports errors.

It also settles each retry loop that gives up by returning an empty value (None, or `[]`/`False`):
the finding is dropped when the function has callers and every one of them tests the result for that
value and raises or reports at error level (`if self._redis is None: raise RuntimeError(...)`,
none_checks.py), which tells the failure apart from an answer, or prints a message in code whose output
speaks to the operator, not for the service (start-up code, a command: what PRR401 leaves alone,
scope.py `NonServing.leaves_output`); or when the failed attempts hand the error to a project function
that reports errors.

Dead callers count for neither half (`running`): a call in code the service never runs (PRR501's dead
code: no service source names it beyond prose and tests, or only dead code calls it) drops no status of
the service, and a caller there owes no test of the give-up value. A retry loop in such code gives up
for no one (HuixiangDou's `openxlab_security`, whose one call is commented out): its finding goes too.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, List, Optional, Set

from prr_lint.model import Finding, Pending
from prr_lint.none_checks import PRINTS_ON
from prr_lint.project.reporters import is_sink_call, reporter_functions
from prr_lint.project.scope import NonServing
from prr_lint.rules.vanishing import GAVE_UP, IGNORED_FAILURE

_SHOWN = 10


def vanishing_conditions(project) -> Dict[str, Callable[[], Callable[[Pending], Optional[Finding]]]]:
    def build() -> Callable[[Pending], Optional[Finding]]:
        analysis = project.analysis()
        index, graph = analysis.index, analysis.graph
        reporters = reporter_functions(index)
        ignoring: Dict[str, Set[str]] = {}
        handing_on: Dict[str, Set[str]] = {}
        for caller, function in index.functions.items():
            for names, into in ((function.discarded, ignoring), (function.returned, handing_on)):
                for name in names:
                    target = graph.target(name)
                    if target is not None and target != caller:
                        into.setdefault(target, set()).add(caller)

        def dropping(function: str) -> Set[str]:
            """Callers that drop the status of `function`, or of a function that returns it as it is."""
            seen, stack, found = {function}, [function], set()
            while stack:
                current = stack.pop()
                found |= ignoring.get(current, set())
                for outer in handing_on.get(current, ()):
                    if outer not in seen:
                        seen.add(outer)
                        stack.append(outer)
            return found

        def check(item: Pending) -> Optional[Finding]:
            function, callees = item.subjects[0], item.subjects[1:]
            if any(index.canonical(callee) in reporters or is_sink_call(index, callee) for callee in callees):
                return None
            runs = running(analysis)
            serving: List[str] = sorted(caller for caller in dropping(function) if analysis.is_serving(caller) and runs(caller))
            if not serving:
                return None
            related = tuple(
                replace(location, message=f"{location.message} calls it and drops the result")
                for location in (analysis.location(caller) for caller in serving[:_SHOWN])
            )
            shown = ", ".join(analysis.label(caller) for caller in serving[:3]) + (" ..." if len(serving) > 3 else "")
            noun = "caller drops" if len(serving) == 1 else "callers drop"
            message = (f"{item.finding.message}, and {len(serving)} serving {noun} it ({shown}): the failure vanishes; "
                       "report it where it is caught, or make the callers check it")
            return replace(item.finding, related=related, message=message)

        return check

    def build_gave_up() -> Callable[[Pending], Optional[Finding]]:
        analysis = project.analysis()
        index, callers = analysis.index, analysis.graph.callers()
        reporters = reporter_functions(index)

        def told(caller: str, tags: Set[str], printed: Set[str]) -> bool:
            """The caller tests the result and raises or reports, or prints where its output speaks to the operator."""
            held = set(index.functions[caller].tags) if caller in index.functions else set()
            if tags & held:
                return True
            if not printed & held:
                return False
            non_serving = analysis.derived("non-serving", lambda: NonServing(analysis))
            return non_serving.leaves_output(caller, project.whole_project)

        def check(item: Pending) -> Optional[Finding]:
            function, prefixes, callees = item.subjects[0], item.subjects[1].split("|"), item.subjects[2:]
            if any(index.canonical(callee) in reporters or is_sink_call(index, callee) for callee in callees):
                return None
            runs = running(analysis)
            if not runs(function):
                return None
            name = function.rpartition(".")[2]
            tags = {prefix + name for prefix in prefixes if prefix}
            printed = {PRINTS_ON[prefix] + name for prefix in prefixes if prefix in PRINTS_ON}
            found = {caller for caller in callers.get(function, frozenset()) if runs(caller)}
            if found and all(told(caller, tags, printed) for caller in found):
                return None
            return item.finding

        return check

    return {IGNORED_FAILURE: build, GAVE_UP: build_gave_up}


def running(analysis) -> Callable[[str], bool]:
    """Whether the service may run a function: it is not PRR501's dead code (dead_code.py `_unused`), which
    weighs no comment nor test; a commented-out `# if check(reply):` calls nothing."""
    non_serving = analysis.derived("non-serving", lambda: NonServing(analysis))
    return lambda name: not non_serving.dead(name, "PRR501")
