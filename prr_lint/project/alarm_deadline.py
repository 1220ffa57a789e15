"""PRR501: functions that run only inside `with` blocks a SIGALRM deadline bounds.

The signal form of the caller's deadline join_deadline.py follows for threads and green_deadline.py for
gevent: a context manager that installs a raising SIGALRM handler and arms an alarm before it enters the
block (alarm_deadlines.py, tag `ARMS_ALARM`; a class's `__enter__`, its own or a base's) cuts off whatever the
block runs in the main thread when the alarm fires. pandora is the pattern: `BaseWorker.run`, each worker
process's main loop, calls `self.analyse(...)` inside `with self._timeout_context(logger):`, so each worker's
`analyse` override, and what it calls, is bounded.

A sync project function is bounded when, outside test code, it is run only so: every call that may run it
(async_deadline.py's calls: one resolving to it or to a base method it overrides, or of its name on a receiver
of no known type) is made inside such a block or by a bounded function (down any chain; a bounded method stands
for its overrides), no place uses its name as a value (name_uses.py: a callback may run anywhere), and the
function with the block may run only in the main thread: it is not reached from a function handed to a thread
or an executor (signals reach the main thread only; another thread's block is not interrupted). Not bounded: an
entry point, a batch context, a function handed to a thread, an executor or a process, a coroutine function,
a block of an async function (not recorded), a manager whose handler does not raise or whose alarm is a literal 0.

A call written in such a block itself is bounded the same way (`alarm_held_check`: its finding's `ALARM_HELD`
subject names the block's managers) when the function it is written in is sync, outside tests, and may run only in
the main thread, as above. bitbot's `tcpup` command runs `socket.create_connection` inside
`with utils.deadline(seconds=5):` on the main thread's event loop. Either way a block holds only what may run before
its alarm fires or is cancelled (alarm_deadlines.py `held_managers`): the innermost arming block counts unless a block
run before the call inside it arms one too (`_held_arms`: leaving, that block cancelled the timer).
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Dict, FrozenSet, Set, Tuple

from prr_lint.alarm_deadlines import ALARM_HELD, ARMS_ALARM, CANCELS
from prr_lint.model import IS_ASYNC, Pending
from prr_lint.project.names import class_ancestors, enclosing_function
from prr_lint.project.param_guards import calls_of, run_elsewhere, spread_down_calls
from prr_lint.project.support import test_modules


def alarm_bounded(analysis) -> FrozenSet[str]:
    """The sync functions only alarm-bounded blocks run (module doc); empty when no project manager arms an alarm."""
    index, graph = analysis.index, analysis.graph
    managers, tests = _alarm_managers(index)
    if not managers:
        return frozenset()
    threaded = analysis.derived("off-main-thread", lambda: _off_main_thread(analysis))
    blocks: Dict[str, Counter] = {}  # function -> callee key -> its calls under an alarm
    seeds: Set[str] = set()
    for name, function in index.functions.items():
        if index.module_of(name) in tests or name in threaded or IS_ASYNC in function.tags:
            continue
        for held, callee in function.alarmed:
            if _held_arms(analysis, held, managers):
                blocks.setdefault(name, Counter())[callee] += 1
                target = graph.target(callee)
                seeds.update([target] if target is not None else [])
    if not seeds:
        return frozenset()
    values: Counter = Counter()
    for module, summary in index.modules.items():
        values.update(summary.value_uses if module not in tests else {})
    elsewhere, callers = run_elsewhere(analysis), graph.callers()

    def may_run_bounded(name: str) -> bool:
        """What no caller needs to be asked about: not run by anything else, nor in another thread or as a value."""
        function = index.functions[name]
        return not (IS_ASYNC in function.tags or name in elsewhere or name in threaded or index.module_of(name) in tests
                    or values[name.rpartition(".")[2]])

    bounded = set(spread_down_calls(analysis, seeds, set(), may_run_bounded))
    while True:  # drop each function with a call outside an alarm block by a caller that is not bounded, until none is left
        dropped = {name for name in bounded if not _called_bounded(analysis, callers, name, tests, bounded, blocks)}
        if not dropped:
            return frozenset(bounded)
        bounded -= dropped


def alarm_held_check(project) -> Callable[[Pending], bool]:
    """Whether a pending PRR501 finding's call is written in a `with` block whose manager arms an alarm, in a function
    outside tests that may run only in the main thread (module doc). Nothing more is built while no manager arms one."""

    def check(item: Pending) -> bool:
        held = next((subject[len(ALARM_HELD):] for subject in item.subjects if subject.startswith(ALARM_HELD)), None)
        if held is None:
            return False
        managers, tests = _alarm_managers(project.index)
        if not managers:
            return False
        analysis = project.analysis()
        name = enclosing_function(analysis.index, item.finding.context)  # a sync function (alarm_subjects gives async ones no subject)
        return _held_arms(analysis, held, managers) and analysis.index.module_of(name) not in tests \
            and name not in analysis.derived("off-main-thread", lambda: _off_main_thread(analysis))

    return check


def _alarm_managers(index) -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """The project's functions that arm an alarm (`ARMS_ALARM`) and, when there is one, its test modules: once per run."""

    def build() -> Tuple[FrozenSet[str], FrozenSet[str]]:
        managers = frozenset(name for name, function in index.functions.items() if ARMS_ALARM in function.tags)
        return managers, frozenset(test_modules(index) if managers else ())

    return index.derived("alarm-managers", build)


def _called_bounded(analysis, callers, name: str, tests: FrozenSet[str], bounded: Set[str], blocks: Dict[str, Counter]) -> bool:
    """Every call that may run `name` is made by a bounded function or inside an alarm block (and there is one).
    Taken from all that the blocks reach, down to those that hold (a greatest fixed point): an override that
    calls its base's method through `super()` is bounded with it."""
    graph = analysis.graph
    callees, untyped, calls = calls_of(analysis, callers, name, tests)
    for caller, count in calls.items():
        under = blocks.get(caller, Counter())
        if caller not in bounded and sum(n for key, n in under.items() if key == untyped or graph.target(key) in callees) < count:
            return False
    return bool(calls)


def _held_arms(analysis, held: str, managers: FrozenSet[str]) -> bool:
    """The innermost block around the call whose manager arms an alarm comes before any block run earlier inside it
    whose manager arms one (leaving, that one cancelled the timer): `held` as alarm_deadlines.py `held_managers` lists."""
    for manager in held.split(","):
        if _arms(analysis, manager.lstrip(CANCELS), managers):
            return not manager.startswith(CANCELS)
    return False


def _arms(analysis, manager: str, managers: FrozenSet[str]) -> bool:
    """The context manager a `with` item calls arms an alarm: a generator function marked so, or a class whose
    `__enter__` (its own or a base's) is."""
    index = analysis.index
    target = analysis.graph.target(manager)
    if target in managers:
        return True
    owner = manager if manager in index.classes else target.rpartition(".")[0] if target is not None and target.endswith(".__init__") else None
    return owner is not None and any(f"{cls}.__enter__" in managers for cls in (owner, *class_ancestors(index, owner)))


def _off_main_thread(analysis) -> FrozenSet[str]:
    """The functions that may run in a thread other than the main one: those handed to a thread or an executor (not
    a new process, whose own main thread runs them) and all they call."""
    graph = analysis.graph
    queue = [target for function in analysis.index.functions.values() for handed in function.handoffs
             if handed not in function.spawned and (target := graph.target(handed)) is not None]
    found: Set[str] = set()
    while queue:
        name = queue.pop()
        if name not in found:
            found.add(name)
            queue.extend(graph.callees(name))
    return frozenset(found)
