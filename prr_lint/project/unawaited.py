"""Calls that run nothing: a coroutine function called and its coroutine dropped.

A call of an `async def` builds a coroutine object; the body runs only when something awaits it or
hands it to an event loop. A call made as a statement of its own, without `await`, drops the object
(a sync Flask view's `warm_cache(key)` where `warm_cache` is an `async def`; Python warns "coroutine
... was never awaited"): the body never runs from there, nor does what only it calls. So does one an
assignment keeps as it is under an attribute or a global (metro-api-v2's start-up hook
`crud.redis_connection = crud.initialize_redis()`) when no module awaits, drives (`yield from`,
`.send()`) or uses as a value (passes, returns, stores again: name_uses.py) a name or attribute of that
identifier: what it holds never runs. Such a call is no edge of the call graph (callgraph.py), nor of
PRR505's direct calls (blocking.py), so what serving code reaches leaves the coroutine out, and for dead
code (dead_code.py) such a caller counts as one that runs nothing. A call counts only when every call
of that name in the function is so dropped and every project function it may run is an `async def`
no decorator wraps (a decorator may make it a plain function: asgiref's `@async_to_sync`), for a stored
call not an async generator (`async for` runs what its call makes); a
staticmethod or classmethod stays a coroutine function. Awaited, returned, bound to a local, passed on
(`asyncio.run(f())`, `loop.create_task(f())`, `gather`, an executor, `tasks.append(f())`) or stored under
a name something may run, it may run: an edge.
"""

from __future__ import annotations

from typing import AbstractSet, Dict, FrozenSet, Set

from prr_lint.model import IS_ASYNC, IS_ASYNC_GENERATOR

# Decorators that leave a coroutine function one (`@staticmethod async def fetch(...)`).
_KEEPING = frozenset({"staticmethod", "classmethod", "abstractmethod"})
_NONE: FrozenSet[str] = frozenset()


def idle_calls(graph, function) -> FrozenSet[str]:
    """The called names of `function` that only make coroutines it drops."""
    unawaited, stored = function.unawaited, function.stored_calls
    if not unawaited and not stored:
        return _NONE
    # Most dropped calls run no coroutine function: ask that first (once per name), count only the rest.
    if stored:
        stored = [(name, word) for name, word in stored if _coroutines(graph, name, stored=True)]
        unawaited = [*unawaited, *(name for name, word in stored if word not in _run_words(graph))] if stored else unawaited
    coroutines = [name for name in dict.fromkeys(unawaited) if _coroutines(graph, name)]
    calls = function.calls
    return frozenset(name for name in coroutines if unawaited.count(name) >= calls.count(name)) if coroutines else _NONE


def idle_callers(graph, tests: AbstractSet[str]) -> Dict[str, FrozenSet[str]]:
    """Project function -> the functions whose every call of it only drops its coroutine; none whose
    name a non-test module uses as a value (`callbacks.append(refresh)`, `asyncio.run(main)`'s
    argument), which may be awaited where the call graph does not see it."""
    index = graph.index
    found: Dict[str, Set[str]] = {}
    for caller, function in index.functions.items():
        for name in idle_calls(graph, function):
            for target in graph.targets(name):
                found.setdefault(target, set()).add(caller)
    values = {word for module, summary in index.modules.items() if module not in tests for word in summary.value_uses}
    return {name: frozenset(callers) for name, callers in found.items() if name.rpartition(".")[2] not in values}


def _coroutines(graph, name: str, stored: bool = False) -> bool:
    """Every project function `name` may run is a coroutine function, or with `stored` one whose call makes a coroutine
    and no async iterator (what stores an async generator's call runs it under `async for`; a dropped one runs nothing
    either way). Kept per graph: each function's calls ask."""
    known = graph.coroutine_calls.get((name, stored))
    if known is None:
        targets = graph.targets(name)
        known = graph.coroutine_calls[(name, stored)] = bool(targets) and all(
            _coroutine_function(graph.index.functions.get(target), stored) for target in targets)
    return known


def _run_words(graph) -> FrozenSet[str]:
    """The identifiers some module awaits, drives or uses as a value (kept per graph)."""
    if graph.run_words is None:
        graph.run_words = frozenset(word for summary in graph.index.modules.values()
                                    for words in (summary.value_uses, summary.awaited_words) for word in words)
    return graph.run_words


def _coroutine_function(function, stored: bool) -> bool:
    return function is not None and IS_ASYNC in function.tags and not (stored and IS_ASYNC_GENERATOR in function.tags) and all(
        decorator.rpartition(".")[2] in _KEEPING for decorator in function.decorators)
