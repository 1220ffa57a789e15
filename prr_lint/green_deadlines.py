"""Greenlets a gevent deadline bounds (PRR501; project/green_deadline.py follows them to what they run).

gevent's form of the deadline `asyncio.wait_for` sets (async_deadlines.py): the caller starts a greenlet,
waits for it with a time limit and then kills it. `kill` raises `GreenletExit` in the greenlet wherever it
waits, in a patched socket's read too, so what the greenlet runs cannot hang past the wait. A spawn is
bounded here when its greenlet goes into a local name (`g = gevent.spawn(fetch, url)`, a list or set
built of spawns, `greenlets.append(spawn(...))`) bound once, which the function

* waits on with a finite timeout: `gevent.iwait(name, timeout=N)`, `gevent.joinall(name, timeout=N)`,
  `gevent.wait(name, timeout=N)`, `name.join(N)`, `name.get(timeout=N)` (a literal list of names counts);
* never waits on without one (`gevent.joinall(name)`: the kill after it is never reached while one hangs);
* kills after such a wait: `gevent.killall(name)`, `gevent.kill(name)`, `name.kill()`.

The spawning call may be gevent's (`gevent.spawn`, `spawn_later`, `Greenlet(run)`, `Greenlet.spawn`, a
pool's `spawn`) or any other: the project phase keeps those whose callee is a project function that hands
the parameter at that position to one of gevent's (`spawn_named(name, task, ...)` building
`Greenlet(task, ...)`); the per-file pass records that position (`FunctionSummary.greenlet_params`).
The timeout must be finite as for asyncio (async_deadlines.finite).
"""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.async_deadlines import finite
from prr_lint.model import FunctionSummary
from prr_lint.resolve import Resolver
from prr_lint.spawns import parameter_position
from prr_lint.tree import call_argument, descendants

# gevent's calls that run a function in a new greenlet -> where the function is (position, keyword).
GREENLET_SPAWNS: Dict[str, Tuple[int, str]] = {
    "gevent.spawn": (0, ""), "gevent.greenlet.Greenlet.spawn": (0, ""), "gevent.Greenlet.spawn": (0, ""),
    "gevent.spawn_later": (1, ""), "gevent.greenlet.Greenlet.spawn_later": (1, ""), "gevent.Greenlet.spawn_later": (1, ""),
    "gevent.Greenlet": (0, "run"), "gevent.greenlet.Greenlet": (0, "run"),
    "gevent.pool.Pool.spawn": (0, ""), "gevent.pool.Group.spawn": (0, ""),
}
# Waits on greenlets given as the first argument -> where their timeout is; and a greenlet's own waits.
_WAITS: Dict[str, Tuple[int, str]] = {
    "gevent.iwait": (1, "timeout"), "gevent.hub.iwait": (1, "timeout"), "gevent.joinall": (1, "timeout"),
    "gevent.greenlet.joinall": (1, "timeout"), "gevent.wait": (1, "timeout"), "gevent.hub.wait": (1, "timeout"),
}
_METHOD_WAITS: Dict[str, Tuple[int, str]] = {"join": (0, "timeout"), "get": (1, "timeout")}
_KILLS = frozenset({"gevent.killall", "gevent.greenlet.killall", "gevent.kill", "gevent.hub.kill"})
_COLLECTIONS = frozenset({"builtins.set", "builtins.list", "builtins.tuple", "builtins.frozenset"})
_ADDS = frozenset({"append", "add"})


class GreenSpawns:
    """Records, during the summary walk, the spawns each function bounds and the parameters it hands to gevent."""

    def __init__(self, resolver: Resolver, ancestors: Sequence[cst.CSTNode]) -> None:
        self.resolver = resolver
        self._ancestors = ancestors
        self._bounded: Dict[int, Set[str]] = {}  # per function: the names it waits on with a timeout and kills

    def call(self, node: cst.Call, function: FunctionSummary, name: Optional[str]) -> None:
        spec = GREENLET_SPAWNS.get(name or "")
        target = call_argument(node, *spec) if spec is not None else None
        if isinstance(target, cst.Name) and (position := parameter_position(self.resolver, target.value)) is not None:
            function.greenlet_params.append(position)  # a wrapper around gevent's spawn
        if name is None or name.startswith("builtins.") or not self._held_bounded(node):
            return
        if spec is not None:
            handed = self._qualified(target)
            function.greenlets.extend([(name, spec[0], handed)] if handed else [])
            return
        positional = [arg.value for arg in node.args if arg.keyword is None and not arg.star]
        function.greenlets.extend((name, at, handed) for at, value in enumerate(positional) if (handed := self._qualified(value)))

    def _qualified(self, value: Optional[cst.BaseExpression]) -> Optional[str]:
        name = self.resolver.qualified_name(value) if isinstance(value, (cst.Name, cst.Attribute)) else None
        return None if name is None or name.startswith("builtins.") else name

    def _held_bounded(self, node: cst.Call) -> bool:
        """What `node` returns goes into a local name its function waits on with a timeout and then kills."""
        ancestors = self._ancestors
        child: cst.CSTNode = node
        at = len(ancestors) - 1
        while at >= 0 and isinstance(ancestors[at], (cst.ListComp, cst.SetComp, cst.GeneratorExp)) and ancestors[at].elt is child:
            child, at = ancestors[at], at - 1
        if at >= 1 and isinstance(ancestors[at], cst.Arg) and isinstance(ancestors[at - 1], cst.Call) and len(ancestors[at - 1].args) == 1 \
                and self.resolver.qualified_name(ancestors[at - 1].func) in _COLLECTIONS:
            child, at = ancestors[at - 1], at - 2  # `set(spawn(...) for url in urls)`
        holder = _holder(ancestors[at] if at >= 0 else None, ancestors[at - 1] if at >= 1 else None, child)
        if holder is None:  # (most calls: their function's waits are not read for them)
            return False
        where = next((up for up in range(at - 1, -1, -1) if isinstance(ancestors[up], cst.FunctionDef)), -1)
        if where < 0:
            return False
        function = ancestors[where]
        if id(function) not in self._bounded:
            self._bounded[id(function)] = self._bounding(function, ancestors[: where + 1])
        return holder in self._bounded[id(function)]

    def _bounding(self, function: cst.FunctionDef, ancestors: Sequence[cst.CSTNode]) -> Set[str]:
        """The local names of `function`, bound once, that it waits on with a finite timeout, never without, and
        kills after such a wait (module doc)."""
        timed: Dict[str, int] = {}
        untimed: Set[str] = set()
        killed: Dict[str, int] = {}
        bound: Dict[str, int] = {}
        for order, node in enumerate(descendants(function.body)):
            if isinstance(node, cst.AssignTarget) and isinstance(node.target, cst.Name):
                bound[node.target.value] = bound.get(node.target.value, 0) + 1
            if not isinstance(node, cst.Call):
                continue
            name = self.resolver.qualified_name(node.func)
            method = node.func.attr.value if isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Name) else ""
            if name in _KILLS or method == "kill":
                for held in _names(node, name in _KILLS):
                    killed[held] = order
                continue
            where = _WAITS.get(name or "") or (_METHOD_WAITS.get(method) if method else None)
            if where is None:
                continue
            limited = finite(call_argument(node, *where), ancestors, self.resolver)
            for held in _names(node, name in _WAITS):
                if limited:
                    timed.setdefault(held, order)
                else:
                    untimed.add(held)
        return {held for held, first in timed.items() if held not in untimed and killed.get(held, -1) > first and bound.get(held) == 1}


def _holder(parent: Optional[cst.CSTNode], grandparent: Optional[cst.CSTNode], child: cst.CSTNode) -> Optional[str]:
    """The local name `child` goes into: `name = child`, or `name.append(child)` / `name.add(child)`."""
    if isinstance(parent, cst.Assign) and parent.value is child and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        return parent.targets[0].target.value
    if isinstance(parent, cst.Arg) and isinstance(grandparent, cst.Call) and len(grandparent.args) == 1:
        func = grandparent.func
        if isinstance(func, cst.Attribute) and func.attr.value in _ADDS and isinstance(func.value, cst.Name):
            return func.value.value
    return None


def _names(call: cst.Call, first_argument: bool) -> Iterator[str]:
    """The names a wait or kill is about: its first argument's (a name, or a literal list of names), or its receiver's."""
    if not first_argument:
        yield call.func.value.value  # `name.join(...)`, `name.kill()`
        return
    given = call_argument(call, 0, "")
    items: List[cst.CSTNode] = [element.value for element in given.elements] if isinstance(given, (cst.List, cst.Set, cst.Tuple)) else [given]
    yield from (item.value for item in items if isinstance(item, cst.Name))
