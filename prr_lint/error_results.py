"""Callers that check the error half of a `(data, error)` result: `data, error = runner.run_query(q)`
followed by `if error ...: raise ...`. A function that hands its exception back as that error half
(a PRR101 note) then has a caller that raises it; the project phase matches callers to overriding
methods by the called name (the receiver is rarely typed: `self.data_source.query_runner`)."""

from __future__ import annotations

from typing import List, Set

import libcst as cst

from prr_lint.tree import descendants, statements_within

# Function tag prefix: "checks-error:<called name>" on a function that raises when the error half
# of that call's result is set.
CHECKS_ERROR = "checks-error:"


def checked_error_calls(function: cst.FunctionDef) -> List[str]:
    """Names of the calls whose `(…, error)` result this function unpacks and raises on."""
    unpacked = {}
    # Statements only: an assignment is one, and a walk of every expression of every function
    # body cost more than all the rules together on the standard library.
    for node in statements_within(function):
        if type(node) is cst.Assign and len(node.targets) == 1 and isinstance(node.value, (cst.Call, cst.Await)):
            target = node.targets[0].target
            call = node.value.expression if isinstance(node.value, cst.Await) else node.value
            if isinstance(target, (cst.Tuple, cst.List)) and len(target.elements) >= 2 and isinstance(call, cst.Call):
                last = target.elements[-1].value
                name = call.func.attr.value if isinstance(call.func, cst.Attribute) else \
                    call.func.value if isinstance(call.func, cst.Name) else ""
                if isinstance(last, cst.Name) and name:
                    unpacked[last.value] = name
    if not unpacked:
        return []
    found: Set[str] = set()
    for node in descendants(function.body):
        if isinstance(node, cst.If) and any(isinstance(child, cst.Raise) for child in descendants(node.body)):
            for child in [node.test, *descendants(node.test)]:
                if isinstance(child, cst.Name) and child.value in unpacked:
                    found.add(unpacked[child.value])
    return sorted(found)
