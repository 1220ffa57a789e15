"""What an outbound call gets when a deadline parameter narrowed away from None is None (rules/forwarding.py).

`if timeout is not None: curl.setopt(curl.TIMEOUT, timeout) else: curl.setopt(curl.TIMEOUT, config("http", "timeout"))`
(pyca's `http_request`): the call under the test never receives None, and the branch that runs instead sets a
deadline of its own, so the function forwards no None to its sink. The branch taken for None is the other branch
of the innermost `if` in the function that excludes None from the branch holding the call: an `and` term `p`/`p is
not None` for its body, an `or` term `not p`/`p is None` for its `else` (an `elif` holding the call is that `else`).
Its own statements (not nested ones, which may not run) must make the same call (`curl.setopt`, `requests.get`) with a
deadline: a TIMEOUT/TIMEOUT_MS option, or the library's deadline argument, that is not None, 0, or the parameter
itself. A branch that sets nothing, sets None or 0, or is missing (`if timeout: ...` alone) leaves the None case
without a deadline, and the forwarding stands.
"""

from __future__ import annotations

from typing import Iterator, Optional, Sequence

import libcst as cst

import prr_lint.rules.clients as cl
from prr_lint.rules.guards import split
from prr_lint.rules.param_guards import parameter_test

_EXCLUDES_NONE = ("T", "!N")  # parameter_test codes: `p`, `p is not None`


def bounded_when_none(chain: Sequence[cst.CSTNode], name: str, spec: Optional[cl.TimeoutSpec]) -> bool:
    """The call that ends `chain` passes the parameter `name` as its deadline (`spec`: the library's, None for a
    pycurl `setopt`), and the branch that runs instead when `name` is None makes the same call with a deadline."""
    call = chain[-1]
    branch = _none_branch(chain, name)
    if branch is None or not isinstance(call, cst.Call):
        return False
    return any(other.func.deep_equals(call.func) and _finite(_deadline(other, spec), name) for other in _calls(branch))


def _none_branch(chain: Sequence[cst.CSTNode], name: str) -> Optional[cst.BaseSuite]:
    """The block that runs in place of the last node of `chain` when `name` is None (module docstring). The test of
    an `elif` is not read: the branches before it may run for None too."""
    for index in range(len(chain) - 2, -1, -1):
        parent, child = chain[index], chain[index + 1]
        if isinstance(parent, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            return None
        if not isinstance(parent, cst.If) or (index and isinstance(chain[index - 1], cst.If) and chain[index - 1].orelse is parent):
            continue
        if child is parent.body and _tests(split(parent.test, cst.And), name, False):
            return parent.orelse.body if isinstance(parent.orelse, cst.Else) else None
        if child is parent.orelse and _tests(split(parent.test, cst.Or), name, True):
            return parent.body
    return None


def _tests(terms: Sequence[cst.BaseExpression], name: str, negated: bool) -> bool:
    """A term that is false for None (`negated`: true for None) tests `name`."""
    return any(test is not None and test[0] == name and test[1] in _EXCLUDES_NONE
               for test in (parameter_test(term, negated) for term in terms))


def _calls(branch: cst.BaseSuite) -> Iterator[cst.Call]:
    """The calls a block's own simple statements make, as an expression, an assignment's value or a return value."""
    for statement in branch.body if isinstance(branch, cst.IndentedBlock) else (branch,):
        for small in statement.body if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)) else ():
            value = getattr(small, "value", None)
            if isinstance(value, cst.Call):
                yield value


def _deadline(call: cst.Call, spec: Optional[cl.TimeoutSpec]) -> Optional[cst.BaseExpression]:
    """The deadline a call gives: its library's argument, or a pycurl `setopt(TIMEOUT|TIMEOUT_MS, value)`'s value."""
    if spec is not None:
        mode, value = cl.timeout_value(call, spec)
        return value if mode == "given" else None
    args = cl.positional(call)
    option = args[0].value if len(args) == 2 else None
    return args[1].value if isinstance(option, cst.Attribute) and option.attr.value in cl.PYCURL_TIMEOUTS else None


def _finite(value: Optional[cst.BaseExpression], name: str) -> bool:
    """A deadline: neither missing, None, 0, nor the narrowed parameter (None there)."""
    if value is None or cl.is_none(value) or (isinstance(value, cst.Name) and value.value == name):
        return False
    return not (isinstance(value, (cst.Integer, cst.Float)) and value.evaluated_value == 0)
