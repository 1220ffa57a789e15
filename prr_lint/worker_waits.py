"""Work a function fans out to worker threads or processes, and whether it waits for it.

A script that splits its uploads over `multiprocessing.Process(target=send, ...)` and joins them, or maps
them over a `ThreadPoolExecutor`, still does that work itself: the functions it hands out are its own
work, not a worker or server something else runs (project/root_scripts.py). One that starts a worker and
never waits for it may be a service. The per-file pass records, on the function that makes the calls:

* `WORKER_WORK` + target: a function handed to a worker start (`Process(target=f)`, `Thread(target=f)`,
  `executor.submit(f)`, `pool.apply_async(f)`) or to a blocking map (`pool.map(f, items)`, `executor.map(f, items)`);
* `WAITS_FOR_WORKERS`: the function waits for its workers: a `.join()` with no positional argument on any
  receiver (a thread's, a process's or a pool's: `str.join` and `os.path.join` always take one), a
  `.result()` without arguments, `concurrent.futures.wait`/`as_completed`, an executor's `shutdown`, a blocking
  map, or a `with` statement managing a `concurrent.futures` executor (its exit waits for what was submitted).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Sequence, Set, Tuple

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.model import WAITS_FOR_WORKERS, WORKER_WORK
from prr_lint.spawns import PROCESS_HANDOFFS, waited_calls
from prr_lint.tree import call_argument

if TYPE_CHECKING:
    from prr_lint.model import FunctionSummary
    from prr_lint.resolve import Resolver

_EXECUTORS = ("concurrent.futures.Executor", "concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor",
              "concurrent.futures.thread.ThreadPoolExecutor", "concurrent.futures.process.ProcessPoolExecutor")
_POOLS = ("multiprocessing.Pool", "multiprocessing.pool.Pool", "multiprocessing.pool.ThreadPool")
# Calls that start a worker running a function, with where the function is (argument index, keyword).
_STARTS: Dict[str, Tuple[int, str]] = {
    **PROCESS_HANDOFFS,
    **{name: spec for name, spec in fw.HANDOFFS.items() if name == "threading.Thread" or name.endswith("Executor.submit")},
    **{f"{pool}.{method}": (0, "func") for pool in _POOLS for method in ("apply_async", "map_async", "starmap_async")},
}
# Maps over workers that return (or yield) the results: the caller waits for the work.
_MAPS: Dict[str, Tuple[int, str]] = {
    **{f"{executor}.map": (0, "fn") for executor in _EXECUTORS},
    **{f"{pool}.{method}": (0, "func") for pool in _POOLS for method in ("map", "starmap", "imap", "imap_unordered")},
}
_WAITS = frozenset({"concurrent.futures.wait", "concurrent.futures.as_completed",
                    *(f"{executor}.shutdown" for executor in _EXECUTORS)})
_BARE_WAITS = frozenset({"join", "result"})  # methods that wait when called without a positional argument


def note_call(waited: Set[int], function: "FunctionSummary", node: cst.Call, ancestors: Sequence[cst.CSTNode]) -> None:
    """Before the call is resolved: the calls whose work is waited on (`submit(f).result()`, spawns.py; an object a
    `with` manages, which its exit waits for), and a bare `.join()`/`.result()` on any receiver."""
    waited.update(waited_calls(node))
    parent = ancestors[-1] if ancestors else None
    if isinstance(parent, cst.WithItem) and parent.item is node:
        waited.add(id(node))
    if isinstance(node.func, cst.Attribute) and node.func.attr.value in _BARE_WAITS \
            and not any(arg.keyword is None for arg in node.args):
        _tag(function, WAITS_FOR_WORKERS)


def record_call(function: "FunctionSummary", resolver: "Resolver", node: cst.Call, name: str, waited: bool) -> None:
    """The work a resolved call hands to workers, and the waits it makes (`waited`: a `with` manages it)."""
    if name in _WAITS or name in _MAPS or (waited and name in _EXECUTORS):
        _tag(function, WAITS_FOR_WORKERS)
    spec = _STARTS.get(name) or _MAPS.get(name)
    target = call_argument(node, *spec) if spec is not None else None
    if isinstance(target, cst.Call) and resolver.qualified_name(target.func) == "functools.partial":
        target = call_argument(target, 0, "func")  # `pool.map(partial(send, url), items)`
    target_name = resolver.qualified_name(target) if isinstance(target, (cst.Name, cst.Attribute)) else None
    if target_name is not None:
        _tag(function, WORKER_WORK + target_name)


def _tag(function: "FunctionSummary", tag: str) -> None:
    if tag not in function.tags:
        function.tags.append(tag)
