"""What an outbound call gets when a deadline parameter narrowed away from None is None (rules/forwarding.py).

`if timeout is not None: curl.setopt(curl.TIMEOUT, timeout) else: curl.setopt(curl.TIMEOUT, config("http", "timeout"))`
(pyca's `http_request`): the call under the test never receives None, and the branch that runs instead sets a
deadline of its own, so the function forwards no None to its sink. The branch taken for None is the other branch
of the innermost `if` in the function that excludes None from the branch holding the call: an `and` term `p`/`p is
not None` for its body, an `or` term `not p`/`p is None` for its `else` (an `elif` holding the call is that `else`).
Its own statements (not nested ones, which may not run) must make the same call (`curl.setopt`, `requests.get`) with a
deadline (a TIMEOUT/TIMEOUT_MS option, or the library's deadline argument), and the last such call decides. The value
must be known finite (`_finite`): a positive number, a tuple of them, a call (as PRR501 trusts a setting read such as
pyca's `config("http", "timeout")` wherever a deadline is given) unless it is a lookup whose fallback is missing or not
finite (`SETTINGS.get("timeout")`, `getattr(s, "timeout", None)`), or a name bound only to such values. A None-valued fallback
is none: a parameter or name bound to None, `self.timeout`, `x or None`, `... if ... else None`. A later
`unsetopt`/`reset` of the handle, or a nested TIMEOUT set to a value not known finite, takes the deadline back off. A
branch that sets nothing or is missing (`if timeout: ...` alone) leaves the None case without a deadline, and the
forwarding stands.
"""

from __future__ import annotations

from functools import partial
from typing import Callable, Iterator, Optional, Sequence, Tuple

import libcst as cst

import prr_lint.rules.clients as cl
from prr_lint.resolve import Resolver
from prr_lint.rules.guards import split
from prr_lint.rules.param_guards import parameter_test
from prr_lint.rules.session_patches import finite_literal
from prr_lint.scopes import Binding
from prr_lint.tree import descendants

_EXCLUDES_NONE = ("T", "!N")  # parameter_test codes: `p`, `p is not None`
_UNSETS = ("unsetopt", "reset")  # what takes a pycurl handle's TIMEOUT back off
_HOPS = 3  # names followed to the value they are bound to


def bounded_when_none(chain: Sequence[cst.CSTNode], name: str, spec: Optional[cl.TimeoutSpec], resolver: Resolver) -> bool:
    """The call that ends `chain` passes the parameter `name` as its deadline (`spec`: the library's, None for a
    pycurl `setopt`), and the branch that runs instead when `name` is None ends up making the same call with a deadline
    known finite (the last such call of its own statements decides; a later undo or nested unknown set cancels it)."""
    call = chain[-1]
    branch = _none_branch(chain, name)
    if branch is None or not isinstance(call, cst.Call):
        return False
    finite = partial(_finite, name=name, chain=chain, resolver=resolver, hops=_HOPS)
    bounded = False
    for statement in _statements(branch):
        own = list(_calls(statement))
        for other in own:
            value = _deadline(other, spec) if other.func.deep_equals(call.func) else None
            bounded = finite(value) if value is not None else bounded
        nested = (inner for inner in descendants(statement) if isinstance(inner, cst.Call) and not any(inner is o for o in own))
        if spec is None and any(_undoes(inner, call, finite) for inner in (*own, *nested)):
            bounded = False
    return bounded


def _undoes(inner: cst.Call, call: cst.Call, finite: Callable[[cst.BaseExpression], bool]) -> bool:
    """`inner` takes the handle of the pycurl `call` off its deadline: `unsetopt` of a TIMEOUT option (or one chosen at
    run time), `reset()`, or a TIMEOUT set (nested, so not surely run) to a value not known finite."""
    if not (isinstance(inner.func, cst.Attribute) and isinstance(call.func, cst.Attribute) and inner.func.value.deep_equals(call.func.value)):
        return False
    if inner.func.attr.value == "reset":
        return True
    args = cl.positional(inner)
    option = args[0].value if args else None
    if inner.func.attr.value == "unsetopt":
        return not isinstance(option, cst.Attribute) or option.attr.value in cl.PYCURL_TIMEOUTS
    value = _deadline(inner, None) if inner.func.deep_equals(call.func) else None
    return value is not None and not finite(value)


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


def _statements(branch: cst.BaseSuite) -> Sequence[cst.BaseStatement]:
    return branch.body if isinstance(branch, cst.IndentedBlock) else (branch,)


def _calls(statement: cst.CSTNode) -> Iterator[cst.Call]:
    """The calls a statement of a block makes itself when simple: as an expression, an assignment's value or a return value."""
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


def _finite(value: Optional[cst.BaseExpression], name: str, chain: Sequence[cst.CSTNode], resolver: Resolver, hops: int) -> bool:
    """A deadline known finite (module docstring): never the narrowed parameter, None there."""
    if isinstance(value, (cst.Integer, cst.Float)):
        return finite_literal(value)
    if isinstance(value, cst.Tuple):  # requests' (connect, read)
        return bool(value.elements) and all(_finite(element.value, name, chain, resolver, hops) for element in value.elements)
    if isinstance(value, cst.Call):
        fallback = _fallback(value, resolver)
        return fallback is None or _finite(fallback[0], name, chain, resolver, hops)
    if not isinstance(value, cst.Name) or value.value == name or hops <= 0:
        return False
    bindings = resolver.lookup(value.value) or []
    return bool(bindings) and all(_bound_finite(binding, value.value, name, chain, resolver, hops - 1) for binding in bindings)


def _fallback(call: cst.Call, resolver: Resolver) -> Optional[Tuple[Optional[cst.BaseExpression]]]:
    """(what a lookup gives when the key is missing: its default, None for none) of `X.get(k[, default])`,
    `getattr(o, k[, default])` or `os.getenv(k[, default])`; None for a call that is no such lookup."""
    qualified = resolver.qualified_name(call.func) or ""
    at = 2 if qualified == "builtins.getattr" else 1 if qualified == "os.getenv" or (
        isinstance(call.func, cst.Attribute) and call.func.attr.value == "get") else 0
    if not at:
        return None
    keyword = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value in ("default", "fallback")), None)
    args = cl.positional(call)
    return (keyword if keyword is not None else args[at].value if len(args) > at else None),


def _bound_finite(binding: Binding, bound: str, name: str, chain: Sequence[cst.CSTNode], resolver: Resolver, hops: int) -> bool:
    """A binding of the name `bound` to a finite value: an assignment of one, or a parameter of the function around
    `chain` whose default is one."""
    if binding.kind == "value":
        return _finite(binding.value, name, chain, resolver, hops)
    if binding.kind != "param":
        return False
    function = next((node for node in reversed(chain) if isinstance(node, cst.FunctionDef)), None)
    params = function.params if function is not None else None
    defaults = [param.default for param in (*params.posonly_params, *params.params, *params.kwonly_params)
                if param.name.value == bound] if params is not None else []
    return len(defaults) == 1 and _finite(defaults[0], name, chain, resolver, hops)
