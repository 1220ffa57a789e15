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
* `executor.submit(f, ...).result(timeout=N)`, or `fut = executor.submit(f, ...)` bound once, used only through
  its attributes, whose every `result`/`exception` wait gives a finite timeout; not on an executor the function
  manages with `with` or shuts down (both wait for the work).

A finite timeout is a literal number, or a parameter of the function whose default is one (the project phase
checks that no caller passes anything but a number there). What runs so is recorded per function
(`FunctionSummary.joined`: resolved names, `?.<name>` on a receiver of no known type), and so is a parameter
that the function runs only so and uses nowhere else but to read an attribute (`joined_params`: such a function
is a join-bounded runner). Besides, every call that passes a function by reference records it with its
argument slot (`passed`): the project phase keeps the calls of runners among them.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.model import UNTYPED_CALL, FunctionSummary
from prr_lint.resolve import Resolver
from prr_lint.tree import call_argument, descendants

_THREADS = frozenset({"threading.Thread"})
_SUBMITS = frozenset({"concurrent.futures.Executor.submit", "concurrent.futures.ThreadPoolExecutor.submit",
                      "concurrent.futures.thread.ThreadPoolExecutor.submit", "concurrent.futures.ProcessPoolExecutor.submit"})
_FUTURE_WAITS = frozenset({"result", "exception"})
_NUMBERS = (cst.Integer, cst.Float)
# A parameter's slot and a timeout's: "<position>:<name>" ("" for a literal timeout).
Slot = str


class ThreadJoins:
    """Records, during the summary walk, the runs each function bounds by a timed join and the references it passes."""

    def __init__(self, resolver: Resolver, ancestors: Sequence[cst.CSTNode], source: str) -> None:
        self.resolver = resolver
        self._ancestors = ancestors
        self._joins = "join(" in source or ".result(" in source  # (else no thread or future is waited on here)
        self._done: Set[int] = set()  # the functions whose bounded runs are recorded

    def call(self, node: cst.Call, function: FunctionSummary, name: Optional[str]) -> None:
        if name is not None and not name.startswith("builtins."):
            for slot, arg in _slots(node):
                handed = self._reference(arg)
                if handed is not None:
                    function.passed.append((name, slot, handed))
        if not self._joins or not (name in _THREADS or name in _SUBMITS or _submit_suffix(node) or self._thread_class(node)):
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
        params, parents = _parameters(function), parent_map(function)
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
                uses = _uses(function, handed.value)
                if uses and all(id(use) in accepted or id(use) in closures or _reads_attribute(use, parents) for use in uses):
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
        if name in _SUBMITS or _submit_suffix(call):
            timeouts = self._awaited(call, function, params, parents)
            handed = call_argument(call, 0, "fn")
            return [(handed, timeouts)] if timeouts is not None and handed is not None else []
        return []

    def _joined(self, call: cst.Call, function: cst.FunctionDef, params: Dict[str, Slot], parents: Dict[int, cst.CSTNode]) -> Optional[List[Slot]]:
        """The timeouts of the joins of the thread `call` makes, when it is held, started and joined only with them."""
        held = _holder(call, function, parents)
        if held is None:
            return None
        methods = _methods(function, held, parents)
        if methods is None or "start" not in {method for method, _ in methods} or "run" in {method for method, _ in methods}:
            return None
        return _timeouts([use for method, use in methods if method == "join"], function, params)

    def _awaited(self, call: cst.Call, function: cst.FunctionDef, params: Dict[str, Slot], parents: Dict[int, cst.CSTNode]) -> Optional[List[Slot]]:
        """The timeouts of the waits on the future `call` makes, when every wait on it has one."""
        executor = call.func.value if isinstance(call.func, cst.Attribute) else None
        if isinstance(executor, cst.Name) and _managed(function, executor.value):
            return None
        parent = parents.get(id(call))
        if isinstance(parent, cst.Attribute) and parent.attr.value in _FUTURE_WAITS:
            waiting = parents.get(id(parent))
            return _timeouts([waiting], function, params) if isinstance(waiting, cst.Call) else None
        held = _holder(call, function, parents)
        methods = _methods(function, held, parents) if held is not None else None
        if methods is None:
            return None
        return _timeouts([use for method, use in methods if method in _FUTURE_WAITS], function, params)

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


def _parameters(function: cst.FunctionDef) -> Dict[str, Slot]:
    """Parameter name -> "<position>:<name>" (position among the positional ones, `self`/`cls` of a method not
    counted as the resolver's scopes do not count it; -1 keyword-only)."""
    params = function.params
    positional = [*params.posonly_params, *params.params]
    if positional and positional[0].name.value in ("self", "cls"):
        positional = positional[1:]
    found = {param.name.value: f"{position}:{param.name.value}" for position, param in enumerate(positional)}
    found.update((param.name.value, f"-1:{param.name.value}") for param in params.kwonly_params)
    return found


def _timeouts(waits: Sequence[cst.CSTNode], function: cst.FunctionDef, params: Dict[str, Slot]) -> Optional[List[Slot]]:
    """The slot of each parameter with a literal number for default that a wait takes its timeout from, when every
    wait (at least one) gives a literal number or such a parameter."""
    if not waits:
        return None
    numbers = {param.name.value for param in (*function.params.posonly_params, *function.params.params, *function.params.kwonly_params)
               if isinstance(param.default, _NUMBERS)}
    found: List[Slot] = []
    for wait in waits:
        value = call_argument(wait, 0, "timeout") if isinstance(wait, cst.Call) else None
        if isinstance(value, _NUMBERS):
            continue
        if not isinstance(value, cst.Name) or value.value not in numbers or value.value not in params:
            return None
        found.append(params[value.value])
    return found


def _holder(call: cst.Call, function: cst.FunctionDef, parents: Dict[int, cst.CSTNode]) -> Optional[str]:
    """The local name `call`'s result goes into (`t = Thread(...)`), bound nowhere else in `function`."""
    parent = parents.get(id(call))
    if not (isinstance(parent, cst.Assign) and parent.value is call and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name)):
        return None
    held = parent.targets[0].target.value
    bound = sum(1 for node in descendants(function) if isinstance(node, cst.AssignTarget) and isinstance(node.target, cst.Name)
                and node.target.value == held)
    return held if bound == 1 else None


def _methods(function: cst.FunctionDef, held: str, parents: Dict[int, cst.CSTNode]) -> Optional[List[Tuple[str, cst.CSTNode]]]:
    """(attribute, the call of it or the attribute) of each use of `held`, when every use reads an attribute of it."""
    found: List[Tuple[str, cst.CSTNode]] = []
    for use in _uses(function, held):
        parent = parents.get(id(use))
        if isinstance(parent, cst.AssignTarget):
            continue  # its one binding
        if not (isinstance(parent, cst.Attribute) and parent.value is use):
            return None
        called = parents.get(id(parent))
        found.append((parent.attr.value, called if isinstance(called, cst.Call) and called.func is parent else parent))
    return found


def _managed(function: cst.FunctionDef, executor: str) -> bool:
    """`with ... as executor`, or `executor.shutdown(...)`, in `function`: both wait for the submitted work."""
    for node in descendants(function):
        if isinstance(node, cst.WithItem) and isinstance(node.asname, cst.AsName) and isinstance(node.asname.name, cst.Name) \
                and node.asname.name.value == executor:
            return True
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "shutdown" \
                and isinstance(node.func.value, cst.Name) and node.func.value.value == executor:
            return True
    return False


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
    slots = _parameters(init)
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


def _uses(function: cst.FunctionDef, name: str) -> List[cst.Name]:
    """The reads and bindings of `name` in `function`'s body, nested definitions too (keywords and attributes aside)."""
    found: List[cst.Name] = []
    stack: List[Tuple[cst.CSTNode, bool]] = [(function.body, True)]
    while stack:
        node, counted = stack.pop()
        if isinstance(node, cst.Name) and counted and node.value == name:
            found.append(node)
        for child in node.children:
            skip = (isinstance(node, cst.Attribute) and child is node.attr) or (isinstance(node, cst.Arg) and child is node.keyword) \
                or (isinstance(node, (cst.FunctionDef, cst.ClassDef)) and child is node.name) or (isinstance(node, cst.Param) and child is node.name)
            stack.append((child, not skip))
    return found


def parent_map(function: cst.FunctionDef) -> Dict[int, cst.CSTNode]:
    """Child id -> parent for the nodes of `function` (the walker's ancestors end at the call, its uses lie elsewhere)."""
    found: Dict[int, cst.CSTNode] = {}
    stack: List[cst.CSTNode] = [function]
    while stack:
        node = stack.pop()
        for child in node.children:
            found[id(child)] = node
            stack.append(child)
    return found
