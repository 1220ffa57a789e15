"""Workers a function stops waiting for after a finite timeout (thread_joins.py records what they run).

Besides a thread joined with a timeout, two forms bound the caller's wait, whatever the work does:

* a process killed after a finite join: `p = multiprocessing.Process(target=f)`, held in a local name
  (held_locals.py), started, every `p.join(...)` finite, and killed (`p.kill()`, `p.terminate()`, or a kill
  of its pid: `psutil.Process(pid=p.pid).kill()`, `os.kill(p.pid, ...)`). FACT_core's plug-in worker runs
  each analysis in a child process it polls for the plug-in's timeout, joins for 5 s more and kills. A finite
  join alone does not count for a process: the hung child would live on, holding what it holds.
* futures given up after a finite wait: the futures of `executor.submit(f, ...)` go only into local names and
  containers of the function (a list it appends them to or builds, a dict keyed by them), and the only waits on
  them are `concurrent.futures.wait(futures, timeout=N)`, `as_completed(futures, timeout=N)` and
  `future.result(timeout=N)` (at least one). A future `wait` returns as done, or `as_completed` yields, has
  finished: its bare `result()` in the loop over it does not wait. Futures returned, passed on or stored
  elsewhere may be waited on with no deadline. The executor must not wait either: no `with` block (its exit
  waits) and no `shutdown()` but `shutdown(wait=False)` (thread_joins.py checks).
"""

from __future__ import annotations

from typing import Dict, List, Optional, Set

import libcst as cst

from prr_lint.held_locals import Slot, Wait, finite_timeouts, holder, methods, uses
from prr_lint.resolve import Resolver
from prr_lint.tree import descendants

PROCESSES = frozenset({"multiprocessing.Process", "multiprocessing.context.Process", "multiprocessing.process.BaseProcess"})
# Kills of a process by its pid.
_PID_KILLS = frozenset({"os.kill", "os.killpg", "psutil.Process.kill", "psutil.Process.terminate", "psutil.Process.send_signal"})
_WAIT = "concurrent.futures.wait"
_AS_COMPLETED = "concurrent.futures.as_completed"
_FUTURE_WAITS = frozenset({"result", "exception"})
_ADDS = frozenset({"append", "add"})
_Kinds = Dict[str, bool]  # a local name holding futures -> whether they may still run (False: finished)


def killed_process(resolver: Resolver, call: cst.Call, function: cst.FunctionDef, params: Dict[str, Slot],
                   parents: Dict[int, cst.CSTNode]) -> Optional[List[Slot]]:
    """The timeouts of the joins of the process `call` builds, when it is held, started, joined only with a finite
    timeout and killed."""
    held = holder(call, function, parents)
    used = methods(function, held, parents) if held is not None else None
    names = {method for method, _ in used or ()}
    if used is None or "start" not in names or "run" in names:
        return None
    scope = resolver.scope_for(function)
    by_pid = "pid" in names and any(isinstance(node, cst.Call) and resolver.qualified_name(node.func, scope) in _PID_KILLS
                                    for node in descendants(function.body))
    if not (names & {"kill", "terminate"} or by_pid):
        return None
    return finite_timeouts([(use, 0) for method, use in used if method == "join"], function, params)


def given_up_futures(resolver: Resolver, call: cst.Call, function: cst.FunctionDef, params: Dict[str, Slot],
                     parents: Dict[int, cst.CSTNode]) -> Optional[List[Slot]]:
    """The timeouts of the waits on the future of the `submit` call `call`, when every wait on it has a finite one
    (module doc)."""
    kinds: _Kinds = {}
    finished: Set[int] = set()  # the loops over finished futures
    first: List[Wait] = []
    if _into(call, parents, first, kinds, True) is None:
        return None
    while True:  # until no name holding futures, and no loop over finished ones, is found anew
        before = (dict(kinds), len(finished))
        waits = list(first)
        for name in list(kinds):
            for use in uses(function, name):
                if not _follow(resolver, function, use, kinds[name], parents, waits, kinds, finished):
                    return None
        if (kinds, len(finished)) == before:
            return finite_timeouts(waits, function, params)


def _into(value: cst.CSTNode, parents: Dict[int, cst.CSTNode], waits: List[Wait], kinds: _Kinds, running: bool) -> Optional[bool]:
    """Where the submit's future goes: `.result(...)` at once (a wait), or a local name (through a list, set or
    comprehension it builds, or as a dict's key). None when it goes anywhere else."""
    parent = parents.get(id(value))
    if isinstance(parent, cst.Attribute) and parent.value is value and parent.attr.value in _FUTURE_WAITS:
        waiting = parents.get(id(parent))
        if isinstance(waiting, cst.Call) and waiting.func is parent:
            waits.append((waiting, 0))
            return True
        return None
    node = value
    while isinstance(parent, (cst.Element, cst.List, cst.Set, cst.ListComp, cst.SetComp, cst.DictComp, cst.DictElement)):
        if isinstance(parent, (cst.DictComp, cst.DictElement)) and parent.key is not node:
            return None  # a future as a value: looked up and waited on elsewhere
        if isinstance(parent, (cst.ListComp, cst.SetComp)) and parent.elt is not node:
            return None
        node, parent = parent, parents.get(id(parent))
    if isinstance(parent, cst.Assign) and parent.value is node and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        _hold(kinds, parent.targets[0].target.value, running)
        return True
    if isinstance(parent, cst.Arg) and parent.keyword is None and node is value:
        called = parents.get(id(parent))
        if isinstance(called, cst.Call) and isinstance(called.func, cst.Attribute) and called.func.attr.value in _ADDS \
                and isinstance(called.func.value, cst.Name):
            _hold(kinds, called.func.value.value, running)
            return True
    return None


def _follow(resolver: Resolver, function: cst.FunctionDef, use: cst.Name, running: bool, parents: Dict[int, cst.CSTNode],
            waits: List[Wait], kinds: _Kinds, finished: Set[int]) -> bool:
    """Whether a use of a name holding futures keeps them in the function and waits on them only with a timeout
    (that goes into `waits`); the names they go on into are added to `kinds`."""
    parent = parents.get(id(use))
    if isinstance(parent, cst.Element) and isinstance(parents.get(id(parent)), cst.Tuple) \
            and isinstance(parents.get(id(parents.get(id(parent)))), cst.AssignTarget):
        return True  # bound by unpacking (`done, not_done = wait(...)`)
    if isinstance(parent, (cst.AssignTarget, cst.If, cst.While)) or isinstance(parent, cst.UnaryOperation) \
            or (isinstance(parent, (cst.For, cst.CompFor)) and parent.target is use) or isinstance(parent, (cst.Comparison, cst.Index)):
        return True  # a binding, a truth test, a comparison, a lookup by it
    if isinstance(parent, cst.Attribute) and parent.value is use:
        called = parents.get(id(parent))
        if parent.attr.value in _FUTURE_WAITS and isinstance(called, cst.Call) and called.func is parent:
            if running and not _in_finished_loop(use, parents, finished):
                waits.append((called, 0))
        return True
    if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is use:
        if isinstance(parent.target, cst.Name):
            _hold(kinds, parent.target.value, running)
            if not running:
                finished.add(id(parent))
            return True
        return False
    if isinstance(parent, cst.Arg):
        return _handed(resolver, function, use, parent, parents, waits, kinds, finished, running)
    return False


def _handed(resolver: Resolver, function: cst.FunctionDef, use: cst.Name, arg: cst.Arg, parents: Dict[int, cst.CSTNode],
            waits: List[Wait], kinds: _Kinds, finished: Set[int], running: bool) -> bool:
    """Futures passed to a call: added to another local container, looked up by (`names.get(future)`), counted, or
    waited on by `concurrent.futures.wait` / `as_completed` with their results followed."""
    call = parents.get(id(arg))
    if not isinstance(call, cst.Call):
        return False
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in _ADDS and isinstance(func.value, cst.Name) and arg.keyword is None:
        _hold(kinds, func.value.value, running)
        return True
    if isinstance(func, cst.Attribute) and func.attr.value == "get":
        return True
    name = resolver.qualified_name(func, resolver.scope_for(function))
    if name == "builtins.len":
        return True
    if name not in (_WAIT, _AS_COMPLETED) or call.args[0] is not arg:
        return False
    waits.append((call, 1))
    result = parents.get(id(call))
    if isinstance(result, cst.Expr):
        return True
    if name == _AS_COMPLETED:
        if isinstance(result, (cst.For, cst.CompFor)) and result.iter is call and isinstance(result.target, cst.Name):
            _hold(kinds, result.target.value, False)
            finished.add(id(result))
            return True
        return False
    target = result.targets[0].target if isinstance(result, cst.Assign) and len(result.targets) == 1 else None
    elements = target.elements if isinstance(target, cst.Tuple) else ()
    if len(elements) != 2 or not all(isinstance(element.value, cst.Name) for element in elements):
        return False
    _hold(kinds, elements[0].value.value, False)  # done
    _hold(kinds, elements[1].value.value, running)  # not done
    return True


def _hold(kinds: _Kinds, name: str, running: bool) -> None:
    """`name` holds futures; running if any of them may be."""
    kinds[name] = kinds.get(name, False) or running


def _in_finished_loop(use: cst.Name, parents: Dict[int, cst.CSTNode], finished: Set[int]) -> bool:
    """The innermost loop (or comprehension) around `use` binding its name goes over finished futures."""
    node = parents.get(id(use))
    while node is not None and not isinstance(node, cst.FunctionDef):
        loop = node.for_in if isinstance(node, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)) else node
        if isinstance(loop, (cst.For, cst.CompFor)) and isinstance(loop.target, cst.Name) and loop.target.value == use.value:
            return id(loop) in finished
        node = parents.get(id(node))
    return False
