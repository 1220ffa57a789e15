"""A bare read of the environment that a guard only tests for truth: a switch (PRR501's config_switches.py).

`os.getenv("X")` on its own is a value the deployment fills in (an address, a secret), and env_eval.py does
not count it as a switch. In a guard's test, though, Python converts it to a truth value: `if
os.getenv("SOP_QDRANT_ENABLE"):` is `if bool(os.getenv("SOP_QDRANT_ENABLE")):`, false while the variable is
unset or blank. The same holds through a local name the function binds once to the read when every use of
the name is such a test (`enabled = os.getenv("X", None)`, then `if enabled:`, `if not enabled: return`):
the value decides whether code runs and is never used as a value. A name that is also passed on
(`if url: requests.post(url)`) is an address the deployment fills in, not a switch.
"""

from __future__ import annotations

from typing import Dict, Iterator, Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.switch_keys import env_key
from prr_lint.rules.kept_switches import name_values
from prr_lint.tree import children, descendants


def truth_key(read: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """`env:NAME~MASK` of `bool(read)` when `read` is a bare read of one environment variable that is false
    while the variable is unset (`os.getenv("X")`, `os.environ.get("X", "")`)."""
    if not isinstance(read, cst.Call):
        return None
    return env_key(cst.Call(func=cst.Name("bool"), args=[cst.Arg(value=read)]), resolver)


# The answers for the scopes asked about last, by identity (each entry keeps its scope alive): every call
# under a guard asks again about the guard's name.
_RECENT: Dict[Tuple[int, str], Tuple[cst.CSTNode, bool]] = {}
_RECENT_LIMIT = 64


def only_tested(scope: cst.CSTNode, name: str) -> bool:
    """Every read of the plain `name` in `scope` (nested definitions included) is a truth test: the test of
    an `if`, `elif`, `while` or conditional expression, directly or under `not`, `and`, `or`."""
    cached = _RECENT.get((id(scope), name))
    if cached is not None and cached[0] is scope:
        return cached[1]
    if len(_RECENT) >= _RECENT_LIMIT:
        _RECENT.clear()
    answer = _only_tested(scope, name)
    _RECENT[(id(scope), name)] = (scope, answer)
    return answer


def _only_tested(scope: cst.CSTNode, name: str) -> bool:
    reads = [(node, parents) for node, parents in _walk(scope, ()) if isinstance(node, cst.Name) and node.value == name
             and not _bound_here(node, parents[-1] if parents else None)]
    return bool(reads) and all(_tested(node, parents) for node, parents in reads)


def bound_names(test: cst.BaseExpression, function: cst.FunctionDef) -> cst.BaseExpression:
    """`test` with each plain name the function binds once to a value written as that value (`"eas" in names`
    after `names = envs.TARGETS.split(",")`: `"eas" in envs.TARGETS.split(",")`)."""
    attributes = {id(node.attr) for node in descendants(test) if isinstance(node, cst.Attribute)}
    for name in [node for node in descendants(test) if isinstance(node, cst.Name) and id(node) not in attributes]:
        values = name_values(function, name.value)
        if len(values) == 1 and values[0] is not None:
            test = test.deep_replace(name, values[0])  # type: ignore[assignment]
    return test


def _walk(node: cst.CSTNode, parents: Tuple[cst.CSTNode, ...]) -> Iterator[Tuple[cst.CSTNode, Tuple[cst.CSTNode, ...]]]:
    yield node, parents
    for child in children(node):
        yield from _walk(child, (*parents, node))


def _bound_here(node: cst.Name, parent: Optional[cst.CSTNode]) -> bool:
    """The name as an assignment target, a parameter, or an attribute's name (`x.name`), not a read."""
    return isinstance(parent, (cst.AssignTarget, cst.Param, cst.Global, cst.Nonlocal, cst.NameItem)) \
        or isinstance(parent, cst.Attribute) and parent.attr is node \
        or isinstance(parent, (cst.AnnAssign, cst.AugAssign)) and parent.target is node


def _tested(node: cst.CSTNode, parents: Tuple[cst.CSTNode, ...]) -> bool:
    """`node`'s value is only converted to a truth value by the test it is part of (through `not`, `and`, `or`)."""
    for parent in reversed(parents):
        if isinstance(parent, (cst.If, cst.While, cst.IfExp)):
            return parent.test is node
        if not (isinstance(parent, cst.BooleanOperation) or isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not)):
            return False
        node = parent
    return False
