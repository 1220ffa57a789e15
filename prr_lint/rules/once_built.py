"""Blocking calls that stall an event loop once per process, for PRR505: a call with a short, literal deadline
made while building an object the process builds once, whose failure the builder handles.

A client whose `__init__` pings its server (`self.server.ping()` on a redis client built with `socket_timeout=1`),
in a class whose metaclass's `__call__` keeps the instance it builds and builds only under a test (a singleton:
`if cls not in cls._instances: cls._instances[cls] = super().__call__(...)`), or in a factory without parameters
that `functools.cache`/`lru_cache` caches, runs on the loop at the first request of a worker, for at most the
deadline, and never again: a cold start, not a stall of every request. It must not escape the builder (a `try`
around it whose handler catches it and raises nothing): a builder that raises caches nothing and runs again at
the next request, each one stalled while the dependency is down. A call without a deadline, or with one longer
than `SHORT` seconds or not a literal, is reported however often it runs: once is enough to hang the loop.
Keyed on what the code does (the cache), not on names: a metaclass or factory that builds anew each call keeps
its calls reported, and so does a metaclass defined in another module, which this per-file pass does not read.
"""

from __future__ import annotations

from typing import Iterable, List, Optional, Sequence

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import descendants, keyword_value

SHORT = 5.0  # seconds: the longest per-attempt deadline that counts as a short one-time stall
_CACHES = frozenset({"functools.cache", "functools.lru_cache"})
# Errors that hold every failure of a call with a deadline (a timeout, a refused connection) of these clients.
_ROOT_ERRORS = frozenset({
    "builtins.Exception", "builtins.BaseException", "builtins.OSError", "redis.RedisError", "redis.exceptions.RedisError",
    "requests.RequestException", "requests.exceptions.RequestException", "httpx.HTTPError",
})
# Keywords of a redis client's construction that bound each of its socket waits.
_REDIS_DEADLINES = ("socket_timeout", "socket_connect_timeout")


def _seconds(expr: Optional[cst.BaseExpression]) -> Optional[float]:
    """A literal number of seconds, or the longest of a literal tuple's (`timeout=(3.05, 4)`)."""
    if isinstance(expr, (cst.Integer, cst.Float)):
        return float(expr.evaluated_value)
    if isinstance(expr, cst.Tuple) and expr.elements:
        values = [_seconds(element.value) for element in expr.elements]
        known = [value for value in values if value is not None]
        return max(known) if len(known) == len(values) else None
    return None


def _short(expr: Optional[cst.BaseExpression]) -> bool:
    seconds = _seconds(expr)
    return seconds is not None and 0 < seconds <= SHORT


def short_deadline(call: cst.Call, resolver: Resolver, redis_receiver: bool) -> bool:
    """The call waits at most `SHORT` seconds a try: its own literal `timeout=`, or, on a redis client, a
    literal `socket_timeout` (and `socket_connect_timeout`, when given) in every construction of the receiver."""
    if _short(keyword_value(call, "timeout")):
        return True
    if not redis_receiver or not isinstance(call.func, cst.Attribute):
        return False
    built = [binding.value for binding in resolver.held_bindings(call.func.value)]
    return bool(built) and all(isinstance(value, cst.Call) and _short(keyword_value(value, "socket_timeout")) and (
        keyword_value(value, "socket_connect_timeout") is None or _short(keyword_value(value, "socket_connect_timeout")))
        for value in built)


def _handled(chain: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """The last node of `chain` is in the body of a `try` (within its function) a handler of which catches every
    failure of the call (`except:`, `Exception`, the client's root error) and raises nothing."""
    for parent, child in zip(reversed(chain[:-1]), reversed(chain[1:])):
        if isinstance(parent, (cst.FunctionDef, cst.Lambda)):
            return False
        if isinstance(parent, cst.Try) and child is parent.body and any(
                _catches_all(handler, resolver) and not _raises(handler) for handler in parent.handlers):
            return True
    return False


def _catches_all(handler: cst.ExceptHandler, resolver: Resolver) -> bool:
    caught = handler.type
    if caught is None:
        return True
    names = [element.value for element in caught.elements] if isinstance(caught, cst.Tuple) else [caught]
    return any(resolver.qualified_name(name) in _ROOT_ERRORS for name in names)


def _raises(handler: cst.ExceptHandler) -> bool:
    return any(isinstance(node, cst.Raise) for node in descendants(handler))


def _cached_factory(function: cst.FunctionDef, resolver: Resolver) -> bool:
    """`@functools.cache` or `@lru_cache` on a function without parameters: one result per process."""
    params = function.params
    if params.params or params.posonly_params or params.kwonly_params or isinstance(params.star_arg, cst.Param) \
            or params.star_kwarg is not None:
        return False
    for decorator in function.decorators:
        target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
        if resolver.qualified_name(target) in _CACHES:
            return True
    return False


def _statements(block: cst.BaseSuite) -> Iterable[cst.CSTNode]:
    return block.body if isinstance(block, cst.IndentedBlock) else ()


def _caching_call(metaclass: cst.ClassDef) -> bool:
    """The metaclass's `__call__` stores what `super().__call__(...)` builds in an item or attribute, under an
    `if`: it builds once and hands out what it kept."""
    for statement in _statements(metaclass.body):
        if isinstance(statement, cst.FunctionDef) and statement.name.value == "__call__":
            return any(_stores_built(branch) for branch in _statements(statement.body) if isinstance(branch, cst.If))
    return False


def _stores_built(branch: cst.If) -> bool:
    for line in _statements(branch.body):
        for small in getattr(line, "body", ()):
            if isinstance(small, cst.Assign) and _builds(small.value) and all(
                    isinstance(target.target, (cst.Subscript, cst.Attribute)) for target in small.targets):
                return True
    return False


def _builds(value: cst.BaseExpression) -> bool:
    """`super().__call__(...)`, `super(Meta, cls).__call__(...)` or `type.__call__(cls, ...)`."""
    if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Attribute) or value.func.attr.value != "__call__":
        return False
    owner = value.func.value
    return isinstance(owner, cst.Name) and owner.value == "type" or isinstance(owner, cst.Call) and \
        isinstance(owner.func, cst.Name) and owner.func.value == "super"


def _singleton_init(function: cst.FunctionDef, owner: Optional[cst.ClassDef], module: cst.Module, resolver: Resolver) -> bool:
    """`__init__` of a class whose metaclass, a class of this module, builds each class's instance once."""
    if function.name.value != "__init__" or owner is None:
        return False
    for keyword in owner.keywords:
        if keyword.keyword is not None and keyword.keyword.value == "metaclass":
            name = resolver.qualified_name(keyword.value)
            local = name[len(resolver.module_name) + 1:] if name and name.startswith(f"{resolver.module_name}.") else None
            return any(isinstance(statement, cst.ClassDef) and statement.name.value == local and _caching_call(statement)
                       for statement in module.body)
    return False


def once_per_process(chain: List[cst.CSTNode], resolver: Resolver, redis_receiver: bool) -> bool:
    """The call, last of `chain` (its ancestors from the module down, then itself), has a short deadline, runs
    only while building an object the process builds once, and its failure does not escape the builder."""
    call = chain[-1]
    functions = [i for i, node in enumerate(chain[:-1]) if isinstance(node, (cst.FunctionDef, cst.Lambda))]
    if not functions or not isinstance(call, cst.Call) or not isinstance(chain[0], cst.Module):
        return False
    function = chain[functions[-1]]
    if not isinstance(function, cst.FunctionDef) or not short_deadline(call, resolver, redis_receiver) \
            or not _handled(chain[functions[-1]:], resolver):
        return False
    owner = next((node for node in reversed(chain[:functions[-1]]) if isinstance(node, (cst.ClassDef, cst.FunctionDef))), None)
    return _cached_factory(function, resolver) or _singleton_init(
        function, owner if isinstance(owner, cst.ClassDef) else None, chain[0], resolver)
