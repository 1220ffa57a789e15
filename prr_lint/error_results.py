"""Callers that check the error half of a `(data, error)` result: `data, error = runner.run_query(q)`
followed by `if error ...: raise ...`, or that report it (`ok, err = storage.upload(src, dst)` then
`logger.error(f"upload failed: {err}")`, the error in the message directly or through a name made
from it). A function that hands its exception back as that error half (a PRR101 note) then has a
caller that raises or reports it; the project phase matches callers to overriding methods by the
called name (the receiver is rarely typed: `self.data_source.query_runner`)."""

from __future__ import annotations

from typing import Dict, List, Set

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.sinks import reports_error
from prr_lint.tree import CallAssignments, KindOf, called_word, descendants, names_in, statements_within

# Function tag prefix: "checks-error:<called name>" on a function that raises when the error half
# of that call's result is set.
CHECKS_ERROR = "checks-error:"
# Asked of every node of a function: type look-ups, not isinstance against libcst's ABCs (tree.KindOf).
_IS_IF, _IS_RAISE, _IS_NAME, _IS_CALL = KindOf(cst.If), KindOf(cst.Raise), KindOf(cst.Name), KindOf(cst.Call)


def checked_error_calls(function: cst.FunctionDef, resolver: Resolver, statements: CallAssignments) -> List[str]:
    """Names of the calls whose `(…, error)` result this function unpacks and raises on or reports;
    `statements`: the function's call assignments (tree.call_assignments)."""
    unpacked = {}
    for target, call in statements.assigned:
        if isinstance(target, (cst.Tuple, cst.List)) and len(target.elements) >= 2:
            last = target.elements[-1].value
            name = called_word(call)
            if isinstance(last, cst.Name) and name:
                unpacked[last.value] = name
    if not unpacked:
        return []
    found: Set[str] = set()
    for node in descendants(function.body):
        if _IS_IF[type(node)] and any(_IS_RAISE[type(child)] for child in descendants(node.body)):
            for child in [node.test, *descendants(node.test)]:
                if _IS_NAME[type(child)] and child.value in unpacked:
                    found.add(unpacked[child.value])
    found.update(_reported_errors(function, unpacked, resolver))
    return sorted(found)


def _reported_errors(function: cst.FunctionDef, unpacked: Dict[str, str], resolver: Resolver) -> Set[str]:
    """The calls whose error half reaches a report at error level, directly or through a name made
    from it (`msg = f"download failed: {err}"` ... `logger.error(msg)`)."""
    carriers = dict(unpacked)
    for node in statements_within(function):
        if type(node) is cst.Assign and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            source = next((carriers[name] for name in names_in(node.value) if name in carriers), None)
            if source is not None:
                carriers.setdefault(node.targets[0].target.value, source)
    found: Set[str] = set()
    for node in descendants(function.body):
        if _IS_CALL[type(node)] and reports_error(node, resolver):
            for arg in node.args:
                found.update(carriers[name] for name in names_in(arg.value) if name in carriers)
    return found

