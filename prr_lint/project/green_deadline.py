"""PRR501: functions that run only in greenlets their callers wait on with a time limit and then kill.

gevent's form of the caller's deadline project/async_deadline.py follows for asyncio: a spawn is bounded
when the spawning function waits on the greenlet with a finite timeout and then kills it
(green_deadlines.py says which forms count), so a blocking call in what the greenlet runs is cut off
there. raiden's `sort_servers_closest` is the pattern: it starts `get_average_http_response_time` per
server through its own `spawn_named` (a `Greenlet(task, ...)`), waits with
`gevent.iwait(greenlets, timeout=total_timeout)` and then `gevent.killall(greenlets)`.

A sync project function is bounded when, outside test code, it is run only so: every spawn of it is
bounded (by gevent's spawns, or by a project function that hands that argument to one of them), every
place that uses its name as a value is such a spawn (name_uses.py: a function also passed as a callback,
stored or returned may run anywhere), and every call of it is made by a bounded function (what only
bounded greenlets call runs in them, down any chain; the calls of a function are those async_deadline.py
counts). Not bounded: an entry point, a batch context, a function handed to a thread, an executor or a
process, a coroutine function (project/async_deadline.py covers those), and every function of a service
whose sockets are not patched for green threads (request_deadline.green_threads): an unpatched socket
blocks the whole process, so neither the wait's timeout nor the kill ever runs.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, FrozenSet, Optional, Sequence, Set

from prr_lint.green_deadlines import GREENLET_SPAWNS
from prr_lint.model import IS_ASYNC
from prr_lint.project.param_guards import calls_of, run_elsewhere, spread_down_calls
from prr_lint.project.request_deadline import green_threads
from prr_lint.project.support import test_modules
from prr_lint.project.texts import job_text


def green_bounded(analysis, launch_files: Sequence[str], job_for: Callable[[str], Optional[object]]) -> FrozenSet[str]:
    """The sync functions only greenlets their callers bound run (module doc); empty when no spawn is bounded."""
    index, graph = analysis.index, analysis.graph
    tests = test_modules(index)
    spawned: Counter = Counter()
    for name, function in index.functions.items():
        for spawner, position, handed in function.greenlets if index.module_of(name) not in tests else ():
            helper = None if spawner in GREENLET_SPAWNS else graph.target(spawner)
            if (helper is None and spawner not in GREENLET_SPAWNS) or (helper is not None and position not in index.functions[helper].greenlet_params):
                continue
            target = graph.target(handed)
            if target is not None:
                spawned[target] += 1
    if not spawned or not green_threads(index, (job_text(job_for(module.path)) for module in index.modules.values()), launch_files):
        return frozenset()
    values: Counter = Counter()
    for module, summary in index.modules.items():
        values.update(summary.value_uses if module not in tests else {})
    elsewhere, callers = run_elsewhere(analysis), graph.callers()
    bounded: Set[str] = set()

    def runs_bounded(name: str) -> bool:
        function = index.functions[name]
        if IS_ASYNC in function.tags or name in elsewhere or index.module_of(name) in tests:
            return False
        if values[name.rpartition(".")[2]] > spawned[name]:
            return False  # also passed, stored or returned where it may run with no deadline
        calls = calls_of(analysis, callers, name, tests)[2]
        return all(caller in bounded for caller in calls) and (spawned[name] > 0 or any(calls.values()))

    return spread_down_calls(analysis, spawned, bounded, runs_bounded)
