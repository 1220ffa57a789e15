"""PRR501: functions that run only in threads or executors their callers wait on with a finite timeout.

The thread form of the caller's deadline project/async_deadline.py follows for asyncio and green_deadline.py for
gevent: a function that runs another in a thread and `join(10)`s it, or takes `submit(f).result(timeout=10)`,
waits at most that long, whatever the work does (thread_joins.py says which forms count). mqttwarn is the
pattern: its daemon runs every notification plug-in as `timeout(module.plugin, (srv, st))`, and
`util.timeout(func, args=(), kwargs={}, timeout_secs=10.0, default=False)` runs `func` in a `threading.Thread`
subclass it defines inline, joins it with `timeout_secs` and returns `default` if it is still alive.

A join-bounded runner is a project function with a parameter it runs only so (`joined_params`) whose timeouts
are literal numbers or parameters with a literal default that no call of the runner outside tests sets to
anything but a number (a call that passes a computed value, None, or unpacks arguments may lift it). A
function is run bounded by each such runner's call that passes it there, and by each bounded run its own
function makes (`joined`). What is passed may be a resolved function or `module.plugin` on an object of no
known type, which stands for the `plugin` functions of the modules only a loader by computed name or by path
loads (loaded_calls.py: the plug-ins of a loader's folder), not for any other object's.

A sync project function is bounded when, outside test code, it is run only so: it has bounded runs or calls,
every place that uses its name as a value is such a run (name_uses.py: a function also passed elsewhere,
stored or returned may run anywhere), every hand-off of it to a thread, an executor or a process is a bounded run (a process's: joined with a finite
timeout and killed, stopped_workers.py), and
every call of it (async_deadline.py's calls, and for a loaded plug-in's function each call of its name on an
object of no known type) is made by a bounded function (down any chain) or by code the serving scope treats as
a command or tool (project/scope.py `NonServing`: a person's run of one plug-in waits at a terminal, not in the
service). A bounded method stands for its overrides too (FACT_core's `get_analysis` runs the plug-in's `analyze`); an untyped
call that gives fewer arguments than a method requires does not run it (param_guards.py `may_run`).
Not bounded: an entry point, a batch context, a function handed to a new process nothing kills or to a thread
nothing waits on, a coroutine function, one a runner with no finite timeout runs (`join()`, `timeout_secs=None`).
"""

from __future__ import annotations

from collections import Counter
from typing import Dict, FrozenSet, Iterator, List, Set

from prr_lint.model import IS_ASYNC, LOOPS_FOREVER, UNTYPED_CALL
from prr_lint.project.loaded_calls import loaded_functions
from prr_lint.project.param_guards import calls_of, spread_down_calls, untyped_call_sites
from prr_lint.project.support import test_modules
from prr_lint.rules.param_guards import call_arguments

# Calls that end the process: a function that makes one (and is no entry point, nor loops until stopped) is a one-shot run.
_ENDS_PROCESS = frozenset({"sys.exit", "os._exit", "builtins.exit", "builtins.quit", "builtins.SystemExit"})


def join_bounded(analysis) -> FrozenSet[str]:
    """The sync functions only join-bounded runs run (module doc); empty when there is no such run."""
    index, graph = analysis.index, analysis.graph
    tests = test_modules(index)
    live = [(name, function) for name, function in index.functions.items() if index.module_of(name) not in tests]
    if not any(function.joined or function.joined_params for _, function in live):
        return frozenset()
    runners = _runners(analysis, live)
    runs: Counter = Counter()
    direct: Counter = Counter()
    for name, function in live:
        for handed in function.joined:
            for target in _targets(analysis, handed):
                runs[target] += 1
                direct[target] += 1
        for callee, slot, handed in function.passed:
            target = graph.target(callee)
            if target is not None and slot in runners.get(target, ()):
                runs.update(_targets(analysis, handed))
    if not runs:
        return frozenset()
    values: Counter = Counter()
    handoffs: Counter = Counter()
    for name, function in live:
        handoffs.update(graph.target(handed) for handed in (*function.handoffs, *function.spawned))
    for module, summary in index.modules.items():
        values.update(summary.value_uses if module not in tests else {})
    elsewhere = {*analysis.model.seeds, *analysis.model.batch}
    callers = graph.callers()
    tools: List[object] = []  # the serving scope's command and tool code, built when a call first asks
    bounded: Set[str] = set()

    def by_tool(caller: str) -> bool:
        made = index.functions[caller]
        if caller not in analysis.model.seeds and LOOPS_FOREVER not in made.tags and _ENDS_PROCESS.intersection(made.calls):
            return True  # a one-shot run: it ends the process (on the answer), so it is no serving worker
        if not tools:
            from prr_lint.project.scope import NonServing

            tools.append(analysis.derived("non-serving", lambda: NonServing(analysis)))
        return tools[0].covers(caller) or caller in tools[0].roots

    def runs_bounded(name: str) -> bool:
        function = index.functions[name]
        if IS_ASYNC in function.tags or name in elsewhere or index.module_of(name) in tests or handoffs[name] > direct[name]:
            return False
        if values[name.rpartition(".")[2]] > runs[name]:
            return False  # also passed, stored or returned where it may run with no deadline
        calls = dict(calls_of(analysis, callers, name, tests)[2])
        calls.update(_loaded_calls(analysis, name, tests))
        return all(caller in bounded or by_tool(caller) for caller in calls) and (runs[name] > 0 or any(calls.values()))

    return spread_down_calls(analysis, runs, bounded, runs_bounded)


def _runners(analysis, live) -> Dict[str, Set[str]]:
    """Runner -> the argument slots (position, keyword) of the parameters it runs bounded, when every call of it
    outside tests leaves each timeout parameter at its literal default or passes a number."""
    index, graph = analysis.index, analysis.graph
    given: Dict[str, List[List[str]]] = {}
    for name, function in live:
        for callee, codes in call_arguments(function.tags):
            target = graph.target(callee) if not callee.startswith(UNTYPED_CALL) else None
            if target is not None and index.functions.get(target) is not None and index.functions[target].joined_params:
                given.setdefault(target, []).append(codes.split(",") if codes else [])
    found: Dict[str, Set[str]] = {}
    for name, function in live:
        for param, timeouts in function.joined_params:
            if all(_numeric(codes, timeout) for codes in given.get(name, ()) for timeout in timeouts.split(",") if timeout):
                position, _, keyword = param.partition(":")
                found.setdefault(name, set()).update([keyword] + ([position] if position != "-1" else []))
    return found


def _numeric(codes: List[str], timeout: str) -> bool:
    """The call's argument codes (rules/param_guards.py) leave the timeout parameter out or pass a number there."""
    position, _, keyword = timeout.partition(":")
    positional = []
    for code in codes:
        if code.startswith("*"):
            return False  # unpacked: it may set the timeout
        if "=" in code.partition("@")[0]:
            if code.partition("=")[0] == keyword:
                return code.partition("=")[2].startswith("n")
        else:
            positional.append(code)
    at = int(position)
    return not 0 <= at < len(positional) or positional[at].startswith("n")


def _targets(analysis, handed: str) -> Iterator[str]:
    """The project functions a passed reference may be: the one it resolves to, or for `?.<name>` the loaded
    plug-ins' functions of that name."""
    if handed.startswith(UNTYPED_CALL):
        yield from sorted(loaded_functions(analysis, handed[len(UNTYPED_CALL):]))
        return
    target = analysis.graph.target(handed)
    if target is not None and target in analysis.index.functions:
        yield target


def _loaded_calls(analysis, name: str, tests: Set[str]) -> Dict[str, int]:
    """Caller -> its calls of a loaded plug-in's function by name on an object of no known type (`module.plugin(...)`)."""
    local = name.rpartition(".")[2]
    if name not in loaded_functions(analysis, local):
        return {}
    index = analysis.index
    return dict(Counter(caller for caller, _ in untyped_call_sites(index).get(local, ()) if index.module_of(caller) not in tests))
