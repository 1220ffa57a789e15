"""Threads and executors a function waits on with a finite timeout (PRR501, PRR502; project/join_deadline.py
follows them to what they run).

A function that starts a thread and then `join(10)`s it, or submits work and takes `result(timeout=10)`,
waits at most that long, whatever the work does: a hung dependency in it holds a thread of its own, not the
caller. mqttwarn runs every notification plug-in so: `timeout(module.plugin, (srv, st))`, whose helper defines
a `threading.Thread` subclass whose `run` calls the function it is given, starts it, `join(timeout_secs)`s it
and returns a default when it is still alive. A run here is bounded when it is one of

* `t = threading.Thread(target=f, ...)` (or an instance of a `threading.Thread` subclass of this module whose `run`
  calls the function: a parameter of the enclosing function it closes over, an attribute `__init__` sets from its
  parameter, or what `__init__` hands the base as `target=`), where `t` is bound once, used only through its
  attributes (never passed on, returned or run with `t.run()`), started, and every `t.join(...)` gives a finite timeout;
* `executor.submit(f, ...)` whose future the function keeps to itself and waits on only with a finite timeout
  (`result(timeout=N)`, `concurrent.futures.wait(..., timeout=N)`, `as_completed(..., timeout=N)`); not on an
  executor the function manages with `with` or shuts down waiting (stopped_workers.py);
* `p = multiprocessing.Process(target=f, ...)` held as a thread is, joined only with a finite timeout and killed
  (stopped_workers.py).

A finite timeout is a literal number, or a parameter of the function whose default is one (the project phase
checks that no caller passes anything but a number there; held_locals.py). What runs so is recorded per function
(`FunctionSummary.joined`: resolved names, `?.<name>` on a receiver of no known type), and so is a parameter
that the function runs only so and uses nowhere else but to read an attribute (`joined_params`: such a function
is a join-bounded runner). Besides, every call that passes a function by reference records it with its
argument slot (`passed`): the project phase keeps the calls of runners among them.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.held_locals import Slot, finite_timeouts, parameters, parent_map, uses
from prr_lint.held_locals import holder as held_name, methods as attribute_uses
from prr_lint.model import UNTYPED_CALL, FunctionSummary
from prr_lint.resolve import Resolver
from prr_lint.spawns import PROCESS_HANDOFFS
from prr_lint.stopped_workers import PROCESSES, given_up_futures, killed_process
from prr_lint.tree import call_argument, descendants

_THREADS = frozenset({"threading.Thread"})
_SUBMITS = frozenset({"concurrent.futures.Executor.submit", "concurrent.futures.ThreadPoolExecutor.submit",
                      "concurrent.futures.thread.ThreadPoolExecutor.submit", "concurrent.futures.ProcessPoolExecutor.submit"})


class ThreadJoins:
    """Records, during the summary walk, the runs each function bounds by a timed join and the references it passes."""

    def __init__(self, resolver: Resolver, ancestors: Sequence[cst.CSTNode], source: str) -> None:
        self.resolver = resolver
        self._ancestors = ancestors
        self._joins = any(wait in source for wait in ("join(", ".result(", "wait(", "as_completed("))  # (else no worker is waited on here)
        self._done: Set[int] = set()  # the functions whose bounded runs are recorded

    def call(self, node: cst.Call, function: FunctionSummary, name: Optional[str]) -> None:
        if name is not None and not name.startswith("builtins."):
            for slot, arg in _slots(node):
                handed = self._reference(arg)
                if handed is not None:
                    function.passed.append((name, slot, handed))
        if not self._joins or not (name in _THREADS or name in PROCESSES or name in _SUBMITS or _submit_suffix(node) or self._thread_class(node)):
            return
        where = next((node for node in reversed(self._ancestors) if isinstance(node, (cst.FunctionDef, cst.Lambda))), None)
        if isinstance(where, cst.FunctionDef) and id(where) not in self._done:
            self._done.add(id(where))
            self._record(where, function)

    def _reference(self, value: cst.BaseExpression) -> Optional[str]:
        """A function `value` may name: its resolved name, or `?.<name>` for an attribute of a local of no known type."""
        if not isinstance(value, (cst.Name, cst.Attribute)):
            return None
        name = self.resolver.qualified_name(value)
        if name is not None:
            return None if name.startswith("builtins.") else name
        if isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name) and self.resolver.instance_type(value.value) is None:
            return UNTYPED_CALL + value.attr.value
        return None

    def _thread_class(self, node: cst.Call) -> Optional[cst.ClassDef]:
        """The `threading.Thread` subclass of this module that `node` builds."""
        found = self.resolver.definition(node.func)
        if isinstance(found, cst.ClassDef) and any(self.resolver.qualified_name(base.value) in _THREADS for base in found.bases):
            return found
        return None

    def _record(self, function: cst.FunctionDef, summary: FunctionSummary) -> None:
        params, parents = parameters(function), parent_map(function)
        accepted: Set[int] = set()  # the uses of parameters a bounded run makes
        runs: List[Tuple[cst.BaseExpression, List[Slot]]] = []
        for node in descendants(function.body):
            if isinstance(node, cst.Call):
                for handed, timeouts in self._bounded_runs(node, function, params, parents):
                    runs.append((handed, timeouts))
                    accepted.add(id(handed))
        closures = self._closure_calls(function, params)
        for handed, timeouts in runs:
            if isinstance(handed, cst.Name) and handed.value in params:
                found = uses(function, handed.value)
                if found and all(id(use) in accepted or id(use) in closures or _reads_attribute(use, parents) for use in found):
                    summary.joined_params.append((params[handed.value], ",".join(timeouts)))
            elif (key := self._reference(handed)) is not None:
                summary.joined.append(key)

    def _bounded_runs(self, call: cst.Call, function: cst.FunctionDef, params: Dict[str, Slot], parents: Dict[int, cst.CSTNode]) -> List[Tuple[cst.BaseExpression, List[Slot]]]:
        """What `call` runs in a thread or an executor `function` waits on with a finite timeout, with those timeouts."""
        name = self.resolver.qualified_name(call.func, self.resolver.scope_for(function))
        if name in _THREADS or (cls := self._thread_class(call)) is not None:
            timeouts = self._joined(call, function, params, parents)
            if timeouts is None:
                return []
            nested = any(node is cls for node in descendants(function.body)) if name not in _THREADS else False
            handed = [call_argument(call, 1, "target")] if name in _THREADS else _class_runs(cls, call, params if nested else {})
            return [(value, timeouts) for value in handed if value is not None]
        if name in PROCESSES:
            timeouts = killed_process(self.resolver, call, function, params, parents)
            handed = call_argument(call, *PROCESS_HANDOFFS[name])
            return [(handed, timeouts)] if timeouts is not None and handed is not None else []
        if name in _SUBMITS or _submit_suffix(call):
            timeouts = self._awaited(call, function, params, parents)
            handed = call_argument(call, 0, "fn")
            return [(handed, timeouts)] if timeouts is not None and handed is not None else []
        return []

    def _joined(self, call: cst.Call, function: cst.FunctionDef, params: Dict[str, Slot], parents: Dict[int, cst.CSTNode]) -> Optional[List[Slot]]:
        """The timeouts of the joins of the thread `call` makes, when it is held, started and joined only with them."""
        held = held_name(call, function, parents)
        if held is None:
            return None
        methods = attribute_uses(function, held, parents)
        if methods is None or "start" not in {method for method, _ in methods} or "run" in {method for method, _ in methods}:
            return None
        return finite_timeouts([(use, 0) for method, use in methods if method == "join"], function, params)

    def _awaited(self, call: cst.Call, function: cst.FunctionDef, params: Dict[str, Slot], parents: Dict[int, cst.CSTNode]) -> Optional[List[Slot]]:
        """The timeouts of the waits on the future `call` makes, when every wait on it has one."""
        executor = call.func.value if isinstance(call.func, cst.Attribute) else None
        if isinstance(executor, cst.Name) and _managed(function, executor.value):
            return None
        return given_up_futures(self.resolver, call, function, params, parents)

    def _closure_calls(self, function: cst.FunctionDef, params: Dict[str, Slot]) -> Set[int]:
        """The calls of `function`'s parameters in the `run` of a thread class nested in it (the names called)."""
        found: Set[int] = set()
        for node in descendants(function.body):
            if isinstance(node, cst.ClassDef) and any(self.resolver.qualified_name(base.value) in _THREADS for base in node.bases):
                found.update(id(called) for called in _run_calls(node) if isinstance(called, cst.Name) and called.value in params)
        return found


def _slots(node: cst.Call) -> List[Tuple[str, cst.BaseExpression]]:
    """Each argument with its slot: its position among the positional ones, or its keyword; none after a `*`."""
    found = []
    for position, arg in enumerate(node.args):
        if arg.star:
            if arg.star == "*":
                break
            continue
        found.append((arg.keyword.value if arg.keyword is not None else str(position), arg.value))
    return found


def _submit_suffix(node: cst.Call) -> bool:
    return isinstance(node.func, cst.Attribute) and node.func.attr.value == "submit"


def _reads_attribute(use: cst.Name, parents: Dict[int, cst.CSTNode]) -> bool:
    """`func.__name__`: a read of the function's attribute, which does not run it."""
    parent = parents.get(id(use))
    return isinstance(parent, cst.Attribute) and parent.value is use and not isinstance(parents.get(id(parent)), cst.Call)










def _managed(function: cst.FunctionDef, executor: str) -> bool:
    """`with ... as executor`, or `executor.shutdown(...)` but `shutdown(wait=False)`, in `function`: both wait for
    the submitted work."""
    for node in descendants(function):
        if isinstance(node, cst.WithItem) and isinstance(node.asname, cst.AsName) and isinstance(node.asname.name, cst.Name) \
                and node.asname.name.value == executor:
            return True
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "shutdown" \
                and isinstance(node.func.value, cst.Name) and node.func.value.value == executor and not _no_wait(node):
            return True
    return False


def _no_wait(shutdown: cst.Call) -> bool:
    """`executor.shutdown(wait=False)`: the executor stops taking work and returns at once."""
    value = call_argument(shutdown, 0, "wait")
    return isinstance(value, cst.Name) and value.value == "False"


def _class_runs(cls: cst.ClassDef, call: cst.Call, params: Dict[str, Slot]) -> List[Optional[cst.BaseExpression]]:
    """What an instance of the thread class `cls` that `call` builds runs: a parameter `run` closes over, or the
    argument of `call` that `__init__` stores into an attribute `run` calls or hands the base as `target=`."""
    methods = {node.name.value: node for node in cls.body.body if isinstance(node, cst.FunctionDef)}
    found: List[Optional[cst.BaseExpression]] = []
    for called in _run_calls(cls):
        if isinstance(called, cst.Name) and called.value in params:
            found.append(called)
    init = methods.get("__init__")
    if init is None:
        return found
    slots = parameters(init)
    called_attributes = {called.attr.value for called in _run_calls(cls) if isinstance(called, cst.Attribute)
                         and isinstance(called.value, cst.Name) and called.value.value == "self"}
    for node in descendants(init.body):
        given: Optional[str] = None
        if isinstance(node, cst.Assign) and isinstance(node.value, cst.Name) and len(node.targets) == 1:
            target = node.targets[0].target
            if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self" \
                    and target.attr.value in called_attributes:
                given = node.value.value
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "__init__":
            value = call_argument(node, None, "target")
            given = value.value if isinstance(value, cst.Name) else None
        if given in slots:
            position, _, keyword = slots[given].partition(":")
            found.append(call_argument(call, int(position), keyword))
    return found


def _run_calls(cls: cst.ClassDef) -> List[cst.BaseExpression]:
    """The callees (name or attribute) of the calls in `cls`'s own `run`."""
    run = next((node for node in cls.body.body if isinstance(node, cst.FunctionDef) and node.name.value == "run"), None)
    return [node.func for node in descendants(run.body) if isinstance(node, cst.Call)] if run is not None else []



