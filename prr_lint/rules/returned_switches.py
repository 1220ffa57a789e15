"""Switches a project function returns: the key of `if get_varnish_host():` and the tags that settle it.

A feature's address is often read through a helper (`def get_varnish_host(): if hasattr(settings, "VARNISH_HOST")
and hasattr(settings, "VARNISH_PORT"): return ...; return None`, or `return getattr(settings, "VARNISH_HOST", None)`),
and the caller tests what it returns: `host = get_varnish_host(); if host is None: return`. The caller's guard is then
the helper's own switch. The file phase gives the test the key `returns:<function>` (`returns-set:<function>` for an
`is not None` test, switch_keys.RETURNS), and tags the helper with, for each return of something other than `None`, the
keys that return runs under (`returns-when:K1|K2`, config_switches.guard_keys) or whose value it returns
(`returns-read:K`); a helper with one such return under no key gets no tag and is no switch. The project phase
(project/switches.py) finds the key off when every such return has a key that is off. A name filled in from the helper
when the caller passed none (`def purge(url, host=None): if host is None: host = get_varnish_host(); if host is None:
return`, guards.py) runs on when the caller's value or the helper's is set: `either:<param key>&<returns key>`.

An address read from the environment is a switch of its helper too: `def backup_path(): raw = os.environ.get("BACKUP_PATH",
"").strip(); return Path(raw) if raw else None`. The value of a conditional expression whose other branch is `None` runs
under its test (`returns-when:env:BACKUP_PATH~MASK`), and a returned bare read (`return os.environ.get("X", "").strip()`)
is false while the variable is unset (`returns-read:env:X~MASK`, rules/truth_reads.py's `bool()` of the read). A local name
bound once to such a read counts by its truth where it guards a return even when the value is used too
(config_switches.guard_keys `returned`): a guard elsewhere (`if url: requests.post(url)`) may be an address the deployment
fills in, but the helper's `None` is the feature's off state, which its callers test. An `is None` test is still settled
only by `returns-when:` tags: a blank string is no `None`.
"""

from __future__ import annotations

from typing import Callable, Iterator, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.guard_terms import guard_terms
from prr_lint.resolve import Resolver
from prr_lint.rules.kept_switches import name_values
from prr_lint.rules.param_switches import param_key
from prr_lint.rules.truth_reads import truth_key
from prr_lint.tree import KindOf, children, descendants
from prr_lint.switch_keys import EITHER, EITHER_AND, PARAM, PARAM_SET, RETURNS, RETURNS_READ, RETURNS_SET, RETURNS_WHEN, read_key

# A helper that returns a switch's value returns it in a few places; past this many returns of a value, no tags.
_MAX_RETURNS = 16
# what _returns enters, asked of every statement of every function: by exact type (tree.KindOf), not ABC isinstance
_IS_BLOCK = KindOf(cst.If, cst.Else, cst.For, cst.While, cst.Try, cst.TryStar, cst.ExceptHandler, cst.ExceptStarHandler, cst.Finally,
                   cst.With, cst.IndentedBlock, cst.SimpleStatementLine, cst.SimpleStatementSuite, cst.Match, cst.MatchCase)
_IS_RETURN = KindOf(cst.Return)


def returned_key(value: Optional[cst.BaseExpression], resolver: Resolver, set_test: bool = False) -> Optional[str]:
    """`returns:<function>` of a call of a named function with no unpacked arguments (the project phase looks it up
    among the project's functions); `returns-set:` for a test that it returns something other than `None`."""
    if not isinstance(value, cst.Call) or any(arg.star for arg in value.args):
        return None
    name = resolver.qualified_name(value.func)
    return f"{RETURNS_SET if set_test else RETURNS}{name}" if name and not name.startswith("builtins.") else None


def tests_return(test: cst.BaseExpression, owner: object, resolver: Resolver) -> bool:
    """A term of the test (under `not`, `and`, `or`, `is None`, `is not None`) is a call of a named function, or a name
    the function binds once to one (`if path is None: return` after `path = backup_path()`): a helper's switch, whose
    key guard_keys finds (`returns:`, `returns-set:`)."""
    for term in guard_terms(test, none_tests=True):
        values = name_values(owner, term.value) if isinstance(term, cst.Name) and isinstance(owner, cst.FunctionDef) else [term]
        if len(values) == 1 and returned_key(values[0], resolver):
            return True
    return False


def set_tested(term: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """`X` of `X is not None`."""
    if isinstance(term, cst.Comparison) and len(term.comparisons) == 1 and isinstance(term.comparisons[0].operator, cst.IsNot) \
            and isinstance(term.comparisons[0].comparator, cst.Name) and term.comparisons[0].comparator.value == "None":
        return term.left
    return None


def either_key(term: cst.BaseExpression, outer: Sequence[cst.CSTNode], resolver: Resolver,
               term_key: Callable[[cst.BaseExpression], Optional[str]]) -> Optional[str]:
    """`either:<param key>&<key>` of guards.py's filled name `N or V`: N a parameter of the function (the caller's
    value; `param-set:` when the test was `is None`), V what `term_key` finds a key of."""
    if not (isinstance(term, cst.BooleanOperation) and isinstance(term.operator, cst.Or) and isinstance(term.left, cst.Name)):
        return None
    given = param_key(term.left, outer, resolver, filled=True)
    filled = term_key(term.right)
    if not given or not filled:
        return None
    if set_tested(term.right) is not None:
        given = PARAM_SET + given[len(PARAM):]
    return f"{EITHER}{given}{EITHER_AND}{filled}"


def return_tags(function: cst.FunctionDef, ancestors: Sequence[cst.CSTNode], resolver: Resolver,
                guard_keys: Callable[[Sequence[cst.CSTNode]], List[str]]) -> List[str]:
    """The function's `returns-when:`/`returns-read:` tags, one per return of something other than `None`; none when
    one such return has no key, or when it returns nothing else (no switch then); none for a generator or a coroutine
    function, whose call returns a generator or a coroutine, and for one with a nested definition (its own scope)."""
    if function.asynchronous is not None:
        return []  # a call gives a coroutine, never None
    tags: List[str] = []
    for chain, returned in _returns(function, [*ancestors, function]):
        value = returned.value
        if isinstance(value, cst.IfExp) and _is_none(value.orelse):
            chain, value = [*chain, value, value.body], value.body  # `Path(raw) if raw else None`: the body, under the test
        if _is_none(value):
            continue
        if len(tags) == _MAX_RETURNS:
            return []  # a dispatch over many cases, not a switch's helper: each guard costs a walk up its chain
        read = read_key(value, resolver) or truth_key(value, resolver)  # a key's value, or a bare read of the environment
        keys = guard_keys(chain)
        if read:
            tags.append(RETURNS_READ + "|".join(sorted({read, *keys})))
        elif keys:
            tags.append(RETURNS_WHEN + "|".join(keys))
        else:
            return []
    return tags if not tags or not any(isinstance(node, (cst.Yield, cst.FunctionDef)) for node in descendants(function.body)) else []


def _is_none(value: Optional[cst.BaseExpression]) -> bool:
    """A bare `return`, or `None`."""
    return value is None or isinstance(value, cst.Name) and value.value == "None"


def _returns(function: cst.FunctionDef, chain: List[cst.CSTNode]) -> Iterator[Tuple[List[cst.CSTNode], cst.Return]]:
    """Each `return` of the function's own statements, with its chain (not in nested definitions); a loop, not
    recursion: an `elif` chain may be thousands of branches deep. Meaningful children only (tree.children): libcst's
    own `children` runs a visitor over every whitespace node, for every statement of every function."""
    pending: List[Tuple[cst.CSTNode, List[cst.CSTNode]]] = [(function.body, [*chain, function.body])]
    while pending:
        node, above = pending.pop()
        for kid in reversed(children(node)):
            kind = type(kid)
            if _IS_RETURN[kind]:
                yield [*above, kid], kid
            elif _IS_BLOCK[kind]:
                pending.append((kid, [*above, kid]))
