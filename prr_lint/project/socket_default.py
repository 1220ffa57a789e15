"""PRR501's `unless-socket-default-timeout` check: a process-wide default socket timeout
(`socket.setdefaulttimeout(<seconds>)`) that the process making the call has set.

Which clients honour that default is a matter of what each does with a missing timeout (checked on
loopback against a server that accepts and never answers, requests 2.34 / urllib3 2.7): `urlopen`,
`http.client`, `smtplib`, `ftplib` and `socket.create_connection` leave the socket alone, so it
keeps the default; urllib3 used directly (`urllib3.request`, a pool built without `timeout`) passes
its `DEFAULT_TIMEOUT` sentinel, which resolves to the default. requests does not: it turns its own
`timeout=None` into urllib3's `Timeout(connect=None, read=None)`, which sets every socket to block
forever, so requests calls stay reported whatever the process sets.

Where the default is set decides which calls it covers:

* at a module's top level: it runs in every process that imports the module, so (as before) every
  honouring client of the project is covered;
* in a function: only when a program runs it at start-up. A program is a module with a
  `__main__` block or a declared console script (test code is no program); its start-up path is
  what the block or script function calls, and what those call, a few calls deep
  (`SickChill.py: main() -> SickChill().start() -> sickchill.start.initialize()`). A call is
  covered when its module is in that program's import closure (its top level runs in the process).
  A function that sets the default elsewhere (in a handler, for one download) covers no other
  function: the same function's later calls are settled by the rule itself.
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Iterable, List, Set, Tuple

from prr_lint.model import SETS_SOCKET_TIMEOUT
from prr_lint.init_runs import INIT_RUNS
from prr_lint.project.callgraph import CallGraph, breadth_first
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import import_closure
from prr_lint.project.param_guards import passed_code
from prr_lint.project.support import test_modules
from prr_lint.rules.param_guards import call_arguments, holds

# How many calls deep from a program's main block (or console-script function) a setting still counts
# as start-up: main() -> App().start() -> initialize() is three.
START_UP_DEPTH = 4


def socket_default_check(index: ProjectIndex, graph: CallGraph, console_scripts: Iterable[str]) -> Callable[[Tuple[str, ...]], bool]:
    """Keep a finding (True) unless the process that runs its module has a default socket timeout.
    `subjects[0]` is the function (or module top level) that makes the call."""
    setters = {name for name, function in index.functions.items() if SETS_SOCKET_TIMEOUT in function.tags}
    setters |= constructing_modules(index, setters)
    if any(name in index.modules for name in setters):  # set at some module's import: every process has it
        return lambda subjects: False
    if not setters:
        return lambda subjects: True
    covered = covered_modules(index, graph, setters, console_scripts)
    return lambda subjects: not subjects or index.module_of(subjects[0]) not in covered


def constructing_modules(index: ProjectIndex, setters: Set[str]) -> Set[str]:
    """The modules (outside tests) whose top level constructs a class whose `__init__` runs one of its methods in
    `setters` on the new object, with a positive number for the value and its guard left true."""
    if not any(setter.rpartition(".")[0] in index.classes for setter in setters):
        return set()
    tests = test_modules(index)
    found: Set[str] = set()
    for name in index.modules:
        top = index.functions.get(name)
        if top is None or name in tests:
            continue
        for callee, codes in call_arguments(top.tags):
            owner = index.canonical(callee)
            init = index.functions.get(index.canonical(f"{owner}.__init__") or "") if owner in index.classes else None
            for tag in init.tags if init is not None else ():
                method, value, guard = tag[len(INIT_RUNS):].split(":") if tag.startswith(INIT_RUNS) else ("", "", "")
                if method and index.canonical(f"{owner}.{method}") in setters and _runs(codes.split(","), value, guard):
                    found.add(name)
    return found


def _runs(codes: List[str], value: str, guard: str) -> bool:
    """A construction with these argument codes passes the parameter `value` (`name@position`) a positive
    number and leaves the parameter `guard` (default True), if any, true."""
    name, _, position = value.partition("@")
    given = passed_code(codes, name, int(position), "")[0]
    if not given.startswith("n") or not holds(given, "T"):
        return False
    name, _, position = guard.partition("@")
    return not guard or passed_code(codes, name, int(position), "T")[0] == "T"


def covered_modules(index: ProjectIndex, graph: CallGraph, setters: Set[str], console_scripts: Iterable[str]) -> FrozenSet[str]:
    """The modules loaded by a program whose start-up path sets the default."""
    covered: Set[str] = set()
    for module, seeds in program_roots(index, graph, console_scripts).items():
        reached = breadth_first(graph, seeds, START_UP_DEPTH)
        if setters.intersection(reached):
            covered |= import_closure(index, module)
    return frozenset(covered)


def program_roots(index: ProjectIndex, graph: CallGraph, console_scripts: Iterable[str]) -> Dict[str, List[str]]:
    """Program module -> the functions its start runs: the module's top level (its `__main__` block's
    calls are among its calls) or the console script's function."""
    tests = test_modules(index)
    roots: Dict[str, List[str]] = {}
    for name, module in index.modules.items():
        if module.script_calls and name not in tests and name in index.functions:
            roots.setdefault(name, []).append(name)
    for script in console_scripts:
        target = graph.target(script)
        module = index.module_of(target) if target is not None else None
        if target is not None and module is not None and module not in tests:
            roots.setdefault(module, []).append(target)
    return roots
