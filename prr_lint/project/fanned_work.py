"""The work a module's top level runs itself, and what it hands to worker threads or processes (prr_lint/worker_waits.py).

A script that fans its uploads out over `multiprocessing.Process` and joins them, or maps them over a
thread pool, does that work itself: the functions it hands out, and the worker machinery it binds for them
(the pool, a shared `Value` counter), are its run, not a function or object a loader takes out of it
(unloaded_files.Loaders `defines`). So are the functions its top-level statements call, outside its `__main__`
block, and what they call in the module (`asyncio.run(probe())`, a hand-run experiment's one gRPC call: the
import runs them, no loader takes them out). Whether the module is a server or a worker is asked of the
functions it hands out too (root_scripts.py): a `while True:` consumer it starts makes it the service, joined or not.
"""

from __future__ import annotations

from collections import Counter
from typing import FrozenSet, Tuple

from prr_lint.model import WAITS_FOR_WORKERS, WORKER_WORK
from prr_lint.project.index import ProjectIndex

# Classes of the worker machinery: what a module binds for its workers (a pool, a queue, a lock, a shared value).
_MACHINERY = ("multiprocessing.", "concurrent.futures.", "threading.", "queue.")


def worker_targets(index: ProjectIndex, module: str) -> Tuple[str, ...]:
    """The project functions the module's top level hands to workers, waited for or not."""
    top = index.functions.get(module)
    tags = top.tags if top is not None else ()
    return tuple(name for name in (tag[len(WORKER_WORK):] for tag in tags if tag.startswith(WORKER_WORK)) if name in index.functions)


def own_work(index: ProjectIndex, module: str) -> FrozenSet[str]:
    """The module's functions its top level hands to workers and waits for (a join, a blocking map, an executor's
    `with`), with what is nested in them; none when it does not wait."""
    top = index.functions.get(module)
    if top is None or WAITS_FOR_WORKERS not in top.tags:
        return frozenset()
    handed = [name for name in worker_targets(index, module) if name.rpartition(".")[0] == module]
    prefixes = tuple(f"{name}." for name in handed)
    return frozenset(name for name in index.modules[module].functions if name in handed or name.startswith(prefixes))


def worker_machinery(class_name: str) -> bool:
    """A class of the worker machinery (`multiprocessing.Value`, `concurrent.futures.ThreadPoolExecutor`)."""
    return class_name.startswith(_MACHINERY)


def own_run(index: ProjectIndex, module: str) -> FrozenSet[str]:
    """The module's functions its import runs: what its top-level statements call (`main()`, the coroutine of
    `asyncio.run(main())`; not what only its `__main__` block calls), what those call in the module, what is
    nested in them, and its `own_work`."""
    top, summary = index.functions.get(module), index.modules.get(module)
    if top is None or summary is None:
        return frozenset()
    called = Counter(top.discarded) + Counter(value[:-2] for _, _, value in top.arguments if value.endswith("()"))
    local = {name for name in summary.functions if name.rpartition(".")[0] == module}
    found = {name for name in called - Counter(summary.script_calls) if name in local}
    waiting = list(found)
    while waiting:
        for callee in index.functions[waiting.pop()].calls:
            if callee in local and callee not in found:
                found.add(callee)
                waiting.append(callee)
    prefixes = tuple(f"{name}." for name in found)
    return frozenset(name for name in summary.functions if name in found or name.startswith(prefixes)) | own_work(index, module)
