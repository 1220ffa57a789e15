"""Which host a client-making function connects to, as a parameter of its picks it (a def tag PRR501 reads at its calls).

A service's helper often makes its client for one of two servers by a flag: `def redis_connect(privileged=False,
use_replica=False, **kwargs)` binds `redis_host` from `REDIS_REPLICA_ADDRESS` (default `127.0.0.1:6379`, the node's
own replica) under `if use_replica:` and from `REDIS_ADDRESS` (the cluster leader) under its `else:`, then
`kwargs.setdefault("host", redis_host)` and `redis.Redis(**kwargs)`. Whether a call of it goes to this host depends on
the flag the caller passes, which the helper's own file cannot tell. The tag `host-by:<param>@<position>=<default>|<when
true>|<when false>|<keyword>` names the flag, its position among what a call passes and its default, what the host is
loopback through on each side (socket_targets.loopback_through: `,`-joined names, empty for a loopback literal, `!`
when it is not known to be loopback), and the keyword a caller may give the host by itself (`host` for a
`setdefault`, empty when the helper overrides it). PRR501 reads the call's flag (a literal `True`/`False`/`None`, or
its default when not passed), or the caller's own host, and judges the call as the picked side (rules/timeouts.py).
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.socket_targets import loopback_through, text_of
from prr_lint.tree import descendants, statements_within

HOST_BY = "host-by:"
UNKNOWN = "!"
_TARGETS = frozenset({"url", "host", "address"})  # the keywords a client takes its server by (rules/local_calls.py)
_FLAG_DEFAULTS = frozenset({"True", "False", "None"})


def switched_hosts(node: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """The function's `HOST_BY` tag, in the resolver's scope of it; [] when no flag of its picks its client's host."""
    star = node.params.star_kwarg
    kwargs = star.name.value if isinstance(star, cst.Param) else None
    if kwargs is None:
        return []
    filled = _filled_host(node, kwargs)
    if filled is None:
        return []
    host, keyword = filled
    sides = _sides(node, host, resolver)
    if sides is None:
        return []
    flag, when_true, when_false = sides
    scope = resolver.scope
    position = scope.parameters.get(flag)
    default = scope.defaults.get(flag)
    text = default.value if isinstance(default, cst.Name) else None
    if position is None or text not in _FLAG_DEFAULTS:
        return []
    first = next((param for param, at in scope.parameters.items() if at == 0), None)
    if position > 0 and first is not None and first == scope.self_name:
        position -= 1  # a method: what a call passes starts after `self`
    return [f"{HOST_BY}{flag}@{position}={text}|{when_true}|{when_false}|{keyword}"]


def _filled_host(node: cst.FunctionDef, kwargs: str) -> Optional[Tuple[str, str]]:
    """(the name, the keyword a caller may set it by) of the one host the function puts in its `**kwargs`:
    `kwargs.setdefault("host", name)` (the caller's `host=` wins) or `kwargs["host"] = name` (the function's does)."""
    found: Dict[str, str] = {}
    for inner in descendants(node.body):
        if isinstance(inner, cst.Call) and isinstance(inner.func, cst.Attribute) and inner.func.attr.value == "setdefault" \
                and _is(inner.func.value, kwargs) and len(inner.args) == 2 and text_of(inner.args[0].value) in _TARGETS \
                and isinstance(inner.args[1].value, cst.Name):
            found[inner.args[1].value.value] = text_of(inner.args[0].value) or ""
        elif isinstance(inner, cst.Assign) and len(inner.targets) == 1 and isinstance(inner.value, cst.Name):
            target = inner.targets[0].target
            key = target.slice[0].slice if isinstance(target, cst.Subscript) and len(target.slice) == 1 else None
            if isinstance(target, cst.Subscript) and _is(target.value, kwargs) and isinstance(key, cst.Index) \
                    and text_of(key.value) in _TARGETS:
                found[inner.value.value] = ""
    return next(iter(found.items())) if len(found) == 1 else None


def _is(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def _sides(node: cst.FunctionDef, host: str, resolver: Resolver) -> Optional[Tuple[str, str, str]]:
    """(the flag, what the host is loopback through when it is true, when false) when every binding of `host` is made
    in the body or the `else` of one `if <flag>:` (or `if not <flag>:`) of the function's own statements."""
    bindings = resolver.lookup(host, resolver.scope) or []
    for statement in statements_within(node):
        if not isinstance(statement, cst.If) or not isinstance(statement.orelse, cst.Else):
            continue
        test, negated = statement.test, False
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            test, negated = test.expression, True
        if not isinstance(test, cst.Name) or test.value not in resolver.scope.parameters:
            continue
        body, other = _bound(statement.body, host, resolver), _bound(statement.orelse.body, host, resolver)
        if body is None or other is None or len(body[0]) + len(other[0]) != len(bindings):
            continue
        when_true, when_false = (other[1], body[1]) if negated else (body[1], other[1])
        return test.value, when_true, when_false
    return None


def _bound(block: cst.BaseSuite, host: str, resolver: Resolver) -> Optional[Tuple[List[cst.BaseExpression], str]]:
    """(the values a block's own statements bind `host` to, one at least; what they are loopback through)."""
    values = [small.value for line in getattr(block, "body", ()) if isinstance(line, cst.SimpleStatementLine)
              for small in line.body if isinstance(small, cst.Assign) and len(small.targets) == 1 and _is(small.targets[0].target, host)]
    if not values:
        return None
    names: List[str] = []
    for value in values:
        through = loopback_through(value, resolver, resolver.scope)
        if through is None or any("|" in name for name in through):
            return values, UNKNOWN
        names += [name for name in through if name not in names]
    return values, ",".join(names)


def picked_host(call: cst.Call, tag: str, resolver: Resolver) -> Optional[Tuple[str, ...]]:
    """What the host a call of a function tagged `tag` connects to is loopback through: the caller's own `host=` when
    the function lets it win, else the side its flag picks (a literal `True`, `False` or `None`, or the flag's default
    when the call does not pass it); None when that is not known to be loopback, or the call's flag is not literal."""
    flag, _, rest = tag[len(HOST_BY):].partition("@")
    position, _, rest = rest.partition("=")
    default, when_true, when_false, keyword = rest.split("|")
    given = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
    if keyword and keyword in given:
        return loopback_through(given[keyword], resolver)
    if any(arg.star for arg in call.args):
        return None  # `**options` may hold the flag, or the host
    positional = [arg.value for arg in call.args if arg.keyword is None]
    value = given.get(flag) or (positional[int(position)] if 0 <= int(position) < len(positional) else None)
    text = value.value if isinstance(value, cst.Name) else default if value is None else None
    if text not in _FLAG_DEFAULTS:
        return None
    side = when_true if text == "True" else when_false
    return None if side == UNKNOWN else tuple(filter(None, side.split(",")))
