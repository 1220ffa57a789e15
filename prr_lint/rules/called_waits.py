"""The waits and bounds a retry loop gets from the project functions it calls (PRR504).

`with Pacer(sleep=1, increment=2, tries=5) as proceed: while proceed(): ...`: the object's `__call__`
sleeps between attempts and raises once its tries are spent. The pause and the bound sit in a project
function the loop calls, in its test or its body, often in another module: the loop itself shows neither.

Each function's summary says what it does for a loop that calls it (`function_tags`, from its `def`):
- `PAUSES`: it always pauses (a pause, rules/pauses.py, among its top-level statements: every run that goes
  on to its end takes it; an early `return` or `raise` only ends a loop or its first round). Also through an
  attribute its class binds to a sleep (`self.sleeper = sleeper or time.sleep`, a parameter for tests with the
  sleep as its fallback). Its length the way the rule reads an inline one: a number, growing (`GROWS`: it
  names something the function assigns, or calls something: `self.delay += self.increment`), or `UNKNOWN`
  (a parameter, another object's attribute): unknown lengths settle nothing.
- `PAUSES_VIA`: a further call among its top-level statements, which pauses if its callee always does.
- `BOUNDS`: it raises (or ends the process) under a test that compares a counter it increments or a clock.
A finding at a loop that calls project functions goes pending on `CALLED_WAIT` with what the loop shows
itself (whether it is bounded, its own pauses) and the called names (`loop_callees`); the project phase
(project/called_waits.py) adds the callees' waits and bounds and drops the finding when the rule's own tests
(`left_alone`) would leave the loop alone. A finding that stays keeps its message.
"""

from __future__ import annotations

from typing import Iterable, List, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.receivers import held
from prr_lint.resolve import Resolver
from prr_lint.rules.pauses import DAEMON_PAUSE, PATIENT_PAUSE, SLEEPS, is_sleep, pause
from prr_lint.rules.retry_loops import (PROCESS_EXITS, Loop, TryNode, assigned_references, each_round, is_outbound, references,
                                       success_nodes)
from prr_lint.tree import descendants, dotted_name, flat_statements, statements_within

PAUSES = "pauses:"
PAUSES_VIA = "pauses-via:"
BOUNDS = "bounds-rounds"
GROWS, UNKNOWN = "~", "?"
# The pending condition; subjects: the loop's bound (`BOUNDED`, `ANY_PAUSE` for a loop any pause settles, or
# ""), its own pauses (lengths joined by ","), the called names (joined by `SEPARATOR`), the next condition, its subjects.
CALLED_WAIT = "unless-called-wait"
BOUNDED, ANY_PAUSE, SEPARATOR = "bounded", "any-pause", "\t"
# Prefixes of a called name: a call that may bound the loop (in its test, or outside its attempt's success
# path); a call of an object that `with X(...) as name` bound (`X.__enter__` must give the object itself).
MAY_BOUND, ENTERED = "bound:", "entered:"
_CALLEES = 8
CLOCKS = frozenset({"time.time", "time.monotonic", "time.perf_counter", "datetime.datetime.now", "datetime.datetime.utcnow"})


def function_tags(node: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """The tags of what `node` does for a loop that calls it (see the module doc), in the resolver's scope of it."""
    if not isinstance(node.body, cst.IndentedBlock):
        return []
    tags: List[str] = []
    assigned: Optional[Set[str]] = None  # worked out for the first pause only
    for statement in flat_statements(node.body):
        call = statement.value if isinstance(statement, (cst.Expr, cst.Assign)) else None
        call = call.expression if isinstance(call, cst.Await) else call
        if not isinstance(call, cst.Call):
            continue
        found = pause(call, resolver)
        length = found.length if found is not None else _bound_sleep(call, resolver)
        if found is not None or length is not None:
            assigned = assigned if assigned is not None else assigned_references(node)
            tags.append(PAUSES + _shape(length, assigned, resolver))
            continue
        called = called_name(call, resolver)
        if called is not None:
            tags.append(PAUSES_VIA + called)
    if _bounds(node, resolver):
        tags.append(BOUNDS)
    return tags


def called_name(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """What the call runs, for the project to resolve: a resolved name, or the receiver expression of the object
    called (`proceed()` -> `pkg.Pacer().__call__`) or of the method's owner (`self.pacer.wait()`)."""
    name = resolver.qualified_name(call.func)
    if name is not None:
        return None if name.startswith("builtins.") or name in SLEEPS else name
    func = call.func
    owner, method = (func, "__call__") if isinstance(func, cst.Name) else (func.value, func.attr.value) if isinstance(func, cst.Attribute) else (None, "")
    expr = held(resolver, owner, resolver.scope) if owner is not None else None
    return f"{expr}.{method}" if expr is not None else None


def loop_callees(rounds: Iterable[cst.CSTNode], may_bound: Sequence[cst.CSTNode], resolver: Resolver,
                 ancestors: Sequence[cst.CSTNode]) -> List[str]:
    """The called names of the project calls a loop makes each round (`rounds`; none that pauses or reaches a
    dependency itself), prefixed `MAY_BOUND` for those among `may_bound`, and `ENTERED` for an object `with` bound."""
    bounding = set(map(id, may_bound))
    entered = {id(item.item) for node in ancestors if isinstance(node, cst.With) for item in node.items if item.asname is not None}
    found: List[str] = []
    for node in rounds:
        if not isinstance(node, cst.Call) or pause(node, resolver) is not None or is_outbound(node, resolver):
            continue
        called = called_name(node, resolver)
        if called is None:
            continue
        binding = resolver.reaching(node.func) if isinstance(node.func, cst.Name) else None
        if binding is not None and id(binding.value) in entered:
            called = ENTERED + called
        text = (MAY_BOUND if id(node) in bounding else "") + called
        if text not in found:
            found.append(text)
    return found[:_CALLEES]


def facts(loop: Loop, attempt: Optional[TryNode], bound: str, lengths: Sequence[str], resolver: Resolver,
          ancestors: Sequence[cst.CSTNode]) -> Tuple[str, ...]:
    """The `CALLED_WAIT` subjects of a finding at `loop` (the module doc; `bound`: `BOUNDED`, `ANY_PAUSE` or ""), or ()
    when it calls no project function. A call on the attempt's success path (`attempt`) bounds nothing: the loop's
    handler may catch what it raises."""
    rounds = list(each_round(loop))
    success = success_nodes(attempt) if attempt is not None else set()
    callees = loop_callees(rounds, [node for node in rounds if id(node) not in success], resolver, ancestors)
    return (bound, ",".join(lengths), SEPARATOR.join(callees)) if callees else ()


def on_calls(called: Tuple[str, ...], pending: Tuple[str, Tuple[str, ...]]) -> Tuple[str, Tuple[str, ...]]:
    """The condition and subjects of a finding: `CALLED_WAIT` with `called` (`facts`) before `pending`, when there are any."""
    return (CALLED_WAIT, (*called, pending[0], *pending[1])) if called else pending


def left_alone(bounded: bool, lengths: Sequence[str]) -> bool:
    """The rule's verdict on a retry loop's pauses (lengths as `PAUSES` spells them): left alone when it is bounded and
    some pause grows, or every pause is a constant of a second or more; or every pause is one of half a minute or more."""
    if not lengths or UNKNOWN in lengths:
        return False
    if GROWS in lengths:
        return bounded
    seconds = [float(length) for length in lengths]
    return all(value >= PATIENT_PAUSE for value in seconds) if bounded else all(value >= DAEMON_PAUSE for value in seconds)


def _shape(length: Optional[cst.BaseExpression], assigned: Set[str], resolver: Resolver) -> str:
    if isinstance(length, (cst.Integer, cst.Float)):
        return str(float(length.evaluated_value))
    if isinstance(length, cst.Name):  # a module constant
        bindings = resolver.lookup(length.value) or []
        value = bindings[-1].value if bindings and bindings[-1].kind == "value" else None
        if isinstance(value, (cst.Integer, cst.Float)):
            return str(float(value.evaluated_value))
    if length is None:
        return UNKNOWN
    for node in (length, *descendants(length)):
        if isinstance(node, cst.Call) or (isinstance(node, (cst.Name, cst.Attribute)) and dotted_name(node) in assigned):
            return GROWS
    return UNKNOWN


def _bound_sleep(call: cst.Call, resolver: Resolver) -> Optional[cst.BaseExpression]:
    """The length a call of `self.<attribute>(length)` pauses when every value the class gives the attribute is
    a sleep (or a parameter `or` a sleep: `self.sleeper = sleeper or time.sleep`); None otherwise."""
    func = call.func
    if not isinstance(func, cst.Attribute) or len(call.args) != 1 or call.args[0].keyword is not None:
        return None
    bindings = resolver.held_bindings(func)
    if not bindings or not all(binding.value is not None and is_sleep(binding.value, resolver, binding.scope) for binding in bindings):
        return None
    return call.args[0].value


def _bounds(node: cst.FunctionDef, resolver: Resolver) -> bool:
    """`if <counter or clock compared>: raise` (or a process exit) anywhere in the function."""
    counted: List[Set[str]] = []  # the counters, worked out at the first comparison (most functions make none)
    for statement in statements_within(node):
        if not isinstance(statement, cst.If):
            continue
        tests = [inner for inner in (statement.test, *descendants(statement.test)) if isinstance(inner, cst.Comparison)]
        if tests and not counted:
            counted.append(assigned_references(node, (cst.AugAssign,)))
        if not any(references(test) & counted[0] or _clocked(test, resolver) for test in tests):
            continue
        body = list(descendants(statement.body))
        if any(isinstance(inner, cst.Raise) for inner in body) or any(
                isinstance(inner, cst.Call) and resolver.qualified_name(inner.func) in PROCESS_EXITS for inner in body):
            return True
    return False


def _clocked(test: cst.Comparison, resolver: Resolver) -> bool:
    return any(isinstance(inner, cst.Call) and resolver.qualified_name(inner.func) in CLOCKS for inner in descendants(test))
