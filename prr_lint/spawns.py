"""Hand-offs to another process (PRR301): `multiprocessing.Process(target=f)`, a pool's
`apply_async`/`map_async`, `ProcessPoolExecutor.submit(f)`, and a project helper that passes the
function it is given to one of these. The request that starts such a process does not wait on it,
unless it waits on the result (`p.join()`, `pool.apply_async(f).get()`, `ex.submit(f).result()`).

The per-file pass records the targets (`FunctionSummary.spawned`), the parameters a helper hands to a
new process (`spawned_params`) and the suffix hand-offs whose callee may be such a helper
(`handoff_calls`); project/spawns.py reads them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Iterator, Optional, Tuple

import libcst as cst

if TYPE_CHECKING:
    from prr_lint.model import FunctionSummary, ModuleSummary
    from prr_lint.resolve import Resolver

# Calls that run a function in a new process, with the argument index (or keyword) that holds it.
PROCESS_HANDOFFS: Dict[str, Tuple[int, str]] = {
    "multiprocessing.Process": (-1, "target"),
    "multiprocessing.context.Process": (-1, "target"),
    "multiprocessing.process.BaseProcess": (-1, "target"),
    "multiprocessing.Pool.apply_async": (0, "func"),
    "multiprocessing.Pool.map_async": (0, "func"),
    "multiprocessing.Pool.starmap_async": (0, "func"),
    "multiprocessing.pool.Pool.apply_async": (0, "func"),
    "multiprocessing.pool.Pool.map_async": (0, "func"),
    "multiprocessing.pool.Pool.starmap_async": (0, "func"),
    "concurrent.futures.ProcessPoolExecutor.submit": (0, "fn"),
    "concurrent.futures.process.ProcessPoolExecutor.submit": (0, "fn"),
}
# Waiting on a started process: the function that joins it waits for what it runs.
PROCESS_JOINS = frozenset({"multiprocessing.Process.join", "multiprocessing.context.Process.join",
                           "multiprocessing.Pool.join", "multiprocessing.pool.Pool.join"})
# Methods of a hand-off's result that wait for the work (`.get()` of an AsyncResult, `.result()` of a Future).
_RESULT_WAITS = frozenset({"get", "result", "wait", "join"})


def waited_calls(node: cst.Call) -> Iterator[int]:
    """The id of the call whose result `node` waits on at once (`pool.apply_async(f).get()`)."""
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value in _RESULT_WAITS and isinstance(func.value, cst.Call):
        yield id(func.value)


def spec_of(summary: "ModuleSummary", name: str) -> Optional[Tuple[int, str]]:
    """Where the function handed to a new process is in a call of `name`: a table entry, or a class of
    this module built on `multiprocessing.Process` (`class Process(mp.Process)`)."""
    spec = PROCESS_HANDOFFS.get(name)
    if spec is None and any(base in PROCESS_HANDOFFS for base in summary.classes.get(name, ())):
        spec = PROCESS_HANDOFFS["multiprocessing.Process"]
    return spec


def record(function: "FunctionSummary", resolver: "Resolver", target: Optional[cst.BaseExpression], waited: bool) -> None:
    """Records the hand-off of `target` to a new process by a call (see `spec_of`); one whose result
    the caller waits on at once is an ordinary hand-off (the request waits for it)."""
    if target is None:
        return
    if not waited and isinstance(target, cst.Name):
        position = parameter_position(resolver, target.value)
        if position is not None:
            function.spawned_params.append(position)
            return
    target_name = resolver.qualified_name(target) if isinstance(target, (cst.Name, cst.Attribute)) else None
    if target_name is not None:
        (function.handoffs if waited else function.spawned).append(target_name)


def parameter_position(resolver: "Resolver", name: str) -> Optional[int]:
    """The position of `name` among the enclosing function's parameters (`self` not counted), or None."""
    scope = resolver.enclosing_function
    if scope is None:
        return None
    bindings = scope.bindings.get(name)
    if not bindings or bindings[0].kind != "param":
        return None
    names = [key for key, found in scope.bindings.items() if found[0].kind == "param" and key != scope.self_name]
    return names.index(name) if name in names else None
