"""PRR303's bounded, degrading wait: short waits on Celery results whose timeout the function answers.

coursys's deploy-checks page queues `ping.apply_async()` and waits `task.get(timeout=5)` inside a `try` whose
`except celery.exceptions.TimeoutError:` records "didn't get result before timeout" and goes on. The request holds
its thread for a few seconds and then answers anyway: it does not depend on the queue for its answer, it degrades.
hoover-search's waits of minutes do hold a sync worker, so the bound matters as much as the handler. A wait is left
out when all of these hold:

- Celery's: `get`/`wait`/`join`/`join_native` on a result task_results.read_result reads as Celery's (another
  queue's result raises other errors, or has no `TimeoutError`).
- Its own function: a plain `def` (not `async def`: a blocking wait there stalls the whole event loop) that no other
  function or lambda holds (a closure may run in its caller's loop).
- Bounded: its total is a fixed number of seconds (task_results.fixed_timeout: a number written there, or a module
  constant nothing rewrites). In a loop, the total over the loop: one `for` whose iterable is a tuple or list of
  positive numbers (written there, or a module constant constant_starts.fixed_constant reads, a list only ever named
  as a `for`'s iterable, so nothing in the module appends to it), the sum of its items when the loop variable,
  bound nowhere else (no walrus, no `nonlocal`), is the timeout (`for timeout in BACKOFF: r.get(timeout=timeout)`),
  else the number of items times the timeout. A `while`, a comprehension, a second loop or a loop over anything
  else is unbounded. A function that calls itself (a retry by recursion) is not bounded: `self.`/`cls.` and its
  name, or its plain name unless that surely names something else (an import of another name, another `def`).
- Within the request's budget: the totals of every wait on a task result in the function (task_results.task_wait:
  a non-blocking `get_result` waits for nothing) with a fixed total add up to at most `MAX_DEGRADING_WAIT` (eight
  5 s checks in a row hold a worker past its deadline), also waits the rule does not report. A wait with no fixed
  total stays reported at its own line and does not count.
- Handled: walking out of the function from the wait (try_routes.escape_route), a handler surely takes Celery's
  `TimeoutError`: `celery.exceptions.TimeoutError`, `Exception`, `BaseException` or a bare `except` (with a star
  import in the module a builtin's name may be another class: it only may catch). A builtin other than those surely
  does not; any other name may (an alias in another module may be Celery's class). A `with` or `except*` on the way
  gives up. The handler, every handler before it that may take the error, and every `finally` on the way must not
  raise on any path: no `raise` statement at all (a failure response raises too), no exit or abort, no call of a
  function or class this module defines, of a name it cannot resolve (but a method of a list, dict or set it built)
  or under a star import; a call of an imported name goes to the project phase, which keeps the finding when the
  project defines it, and so does a method of an object of unknown class when a project function or method has its
  name (project/degrading_waits.py), as it does when another module may write a constant the bound
  read, or the function may reach itself through the call graph.

Whether the task does real work does not change the reading: the request waits at most the bound either way, and the
work stays on the worker. Not read: a caller that calls the function in a loop, and library calls that raise (taken
not to).
"""

from __future__ import annotations

from typing import Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.constant_starts import fixed_constant
from prr_lint.context import FileContext
from prr_lint.last_binding import rebound_unlisted
from prr_lint.per_resolver import remembered
from prr_lint.resolve import Resolver
from prr_lint.rules.error_codes import may_abort
from prr_lint.rules.handlers import EXITS, analyse_handler
from prr_lint.rules.responses import ABORT_FUNCTIONS
from prr_lint.rules.task_results import fixed_timeout, task_wait, wait_timeout
from prr_lint.tree import KindOf, descendants, dotted_name, listed
from prr_lint.try_routes import MAYBE, NO, YES, escape_route

# The pending condition; subjects: the wait's function, its module, the constants and the callees (each joined by
# `_JOIN`), the next condition, its subjects (project/degrading_waits.py).
DEGRADING_WAIT = "unless-degrading-wait"
_JOIN = ","
# A callee that is a method of an object nothing resolves (`failed.append(...)` on what a helper returned): the
# project phase takes it for the project's when any project function or method has that name.
METHOD = "."
# The longest the waits of one function may hold its request, in all (seconds): gunicorn's default worker timeout
# and uWSGI's usual `harakiri` are 30 s, so a request within it answers before its worker's own deadline kills it.
# coursys's deploy checks (3 x 5 s) and its photo retry (1+2+...+6 = 21 s) pass; a wait of minutes does not.
MAX_DEGRADING_WAIT = 30.0
# Celery's waits that raise `celery.exceptions.TimeoutError` when the timeout runs out.
_CELERY_WAITS = ("get", "wait", "join", "join_native")
_CELERY = "celery"
# What surely catches `celery.exceptions.TimeoutError` (in every Celery version: < 4 it subclasses Exception).
_CELERY_TIMEOUT = "celery.exceptions.TimeoutError"
_BROAD_BUILTINS = ("builtins.Exception", "builtins.BaseException")
_LOOPS = (cst.While, cst.For, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
_SCOPES = (cst.FunctionDef, cst.Lambda)
_CONTAINERS = (cst.List, cst.Dict, cst.Set, cst.Tuple, cst.ListComp, cst.DictComp, cst.SetComp)
_NAMES, _FORS = KindOf(cst.Name), KindOf(cst.For)


class Degrading(NamedTuple):
    """What the project phase confirms of a degrading wait: the module constants its function's bound read, and the
    imported names its handlers and `finally` blocks call (project/degrading_waits.py)."""

    constants: Tuple[str, ...]
    callees: Tuple[str, ...]


class _Budget(NamedTuple):
    seconds: float
    constants: Tuple[str, ...]


class DegradingWaits:
    """PRR303's degrading-wait reading of one file (the rule holds one). What is the same for every wait of a function,
    whether it calls itself and what its waits add up to, is read once per function: a view with twenty checks read
    its body, and the bound of every wait in it, once per wait."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        # id(function) -> (function, its waits' fixed total; None when it calls itself): the node keeps its id its own
        self._functions: Dict[int, Tuple[cst.FunctionDef, Optional[_Budget]]] = {}

    def reading(self, node: cst.Call, ancestors: Sequence[cst.CSTNode], package: str) -> Optional[Degrading]:
        """What the project phase must confirm for `node`, a wait on a task result of `package` (task_results.task_wait),
        to be a bounded degrading wait (module docstring); None when it is not one."""
        resolver = self.ctx.resolver
        if not isinstance(node.func, cst.Attribute) or node.func.attr.value not in _CELERY_WAITS or package != _CELERY:
            return None
        scopes = [index for index, above in enumerate(ancestors) if isinstance(above, _SCOPES)]
        if len(scopes) != 1 or not isinstance(ancestors[scopes[0]], cst.FunctionDef):
            return None
        function: cst.FunctionDef = ancestors[scopes[0]]  # type: ignore[assignment]
        if function.asynchronous is not None:
            return None
        total = self._total(function)
        if total is None:
            return None
        own = wait_budget(node, list(ancestors[scopes[0] + 1:]), resolver)
        if own is None or own.seconds <= 0:
            return None
        callees = _handled(node, ancestors, self.ctx)
        if callees is None or total.seconds > MAX_DEGRADING_WAIT:
            return None
        return Degrading(total.constants, callees)

    def _total(self, function: cst.FunctionDef) -> Optional[_Budget]:
        """The fixed totals of the function's waits added up, with the constants they read; None when it calls itself.
        Read while the walk is in the function (its scope resolves the names)."""
        known = self._functions.get(id(function))
        if known is None:
            resolver = self.ctx.resolver
            total: Optional[_Budget] = None
            if not _calls_itself(function, resolver):
                seconds, constants = 0.0, []
                for call, path in _waits(function, resolver):
                    budget = wait_budget(call, path, resolver)
                    if budget is not None:
                        seconds += budget.seconds
                        constants += budget.constants
                total = _Budget(seconds, tuple(dict.fromkeys(constants)))
            known = self._functions[id(function)] = (function, total)
        return known[1]


def degrading_pending(found: Degrading, function: str, module: str,
                      pending: Tuple[str, Tuple[str, ...]]) -> Tuple[str, Tuple[str, ...]]:
    """The finding goes pending on DEGRADING_WAIT first (the project phase confirms `found`), then on `pending`."""
    condition, subjects = pending
    return DEGRADING_WAIT, (function, module, _JOIN.join(found.constants), _JOIN.join(found.callees), condition, *subjects)


def read_pending(subjects: Sequence[str]) -> Tuple[str, str, Degrading, str, Tuple[str, ...]]:
    """What degrading_pending wrote: the function, its module, the reading, the next condition and its subjects."""
    function, module, constants, callees, condition, *rest = subjects
    return function, module, Degrading(tuple(filter(None, constants.split(_JOIN))), tuple(filter(None, callees.split(_JOIN)))), \
        condition, tuple(rest)


def wait_budget(node: cst.Call, inner: Sequence[cst.CSTNode], resolver: Resolver) -> Optional[_Budget]:
    """The longest the wait `node` can hold its function, over the loop around it, and the module constants that
    read relies on; None when unbounded or unread. `inner`: its ancestors inside its function, outermost first."""
    if any(isinstance(above, _SCOPES) for above in inner):
        return None
    loops = [(index, above) for index, above in enumerate(inner) if isinstance(above, _LOOPS)]
    if not loops:
        fixed = fixed_timeout(node, resolver)
        return _Budget(fixed.seconds, (fixed.constant,) if fixed.constant else ()) if fixed and fixed.seconds > 0 else None
    index, loop = loops[0]
    below = inner[index + 1] if index + 1 < len(inner) else node
    if len(loops) > 1 or not isinstance(loop, cst.For) or below is not loop.body:
        return None
    read = _numbers(loop.iter, resolver)
    if read is None:
        return None
    values, iterated = read
    timeout = wait_timeout(node)
    if isinstance(timeout, cst.Name) and isinstance(loop.target, cst.Name) and timeout.value == loop.target.value:
        bindings = resolver.lookup(timeout.value) or ()
        bound_by_loop = len(bindings) == 1 and bindings[0].value is None and bindings[0].item_of is loop.iter \
            and not rebound_unlisted(resolver.scope, timeout.value)
        return _Budget(sum(values), iterated) if bound_by_loop and all(value > 0 for value in values) else None
    fixed = fixed_timeout(node, resolver)
    if fixed is None or fixed.seconds <= 0:
        return None
    return _Budget(fixed.seconds * len(values), (*iterated, *((fixed.constant,) if fixed.constant else ())))


def _numbers(expr: cst.BaseExpression, resolver: Resolver) -> Optional[Tuple[Tuple[float, ...], Tuple[str, ...]]]:
    """The numbers a literal tuple or list holds, or a module constant nothing rewrites does (and its name)."""
    name = None
    if isinstance(expr, cst.Name):
        value = fixed_constant(expr, resolver)
        if value is None:
            return None
        name, expr = expr.value, value
    if not isinstance(expr, (cst.List, cst.Tuple)) or not expr.elements or not all(
            isinstance(element, cst.Element) and isinstance(element.value, (cst.Integer, cst.Float)) for element in expr.elements):
        return None
    if name is not None and isinstance(expr, cst.List) and not _only_iterated(name, resolver):
        return None
    return tuple(float(element.value.evaluated_value) for element in expr.elements), (name,) if name else ()


@remembered  # a walk of the module's names, once per list name, not once per wait (per_resolver.py)
def _only_iterated(name: str, resolver: Resolver) -> bool:
    """The module names the list `name` only where it binds it and as a `for`'s iterable: nothing changes its items."""
    iterables = {id(loop.iter) for loop in listed(resolver.module, _FORS, resolver.listed)}
    uses = [found for found in listed(resolver.module, _NAMES, resolver.listed) if found.value == name]
    return sum(id(found) not in iterables for found in uses) == 1


def _waits(function: cst.FunctionDef, resolver: Resolver) -> Iterator[Tuple[cst.Call, List[cst.CSTNode]]]:
    """Each wait on a task result in the function's body, nested functions included (task_results.task_wait, the
    rule's own test), with its ancestors inside the function, outermost first. Also those the rule does not report
    (in a branch of Celery's eager setting, on a status read, on a result whose state the function tests): each may
    still hold the request, so the total counts it."""
    stack: List[Tuple[cst.CSTNode, List[cst.CSTNode]]] = [(function.body, [])]
    while stack:
        node, path = stack.pop()
        if isinstance(node, cst.Call) and task_wait(node, resolver) is not None:
            yield node, path
        below = [*path, node]
        stack.extend((child, below) for child in node.children)


def _handled(node: cst.Call, ancestors: Sequence[cst.CSTNode], ctx: FileContext) -> Optional[Tuple[str, ...]]:
    """The imported names called on the way when a handler of the function surely takes Celery's TimeoutError and
    nothing on the way raises (module docstring); None otherwise."""
    resolver = ctx.resolver
    star = bool(resolver.module_scope.star_imports)
    route = escape_route([*ancestors, node], lambda handler: _catches(handler, resolver, star))
    if route is None:
        return None
    callees: List[str] = []
    for block in route:
        if isinstance(block, cst.ExceptHandler) and analyse_handler(block, ctx).propagates:
            return None
        for part in descendants(block):
            if isinstance(part, cst.Raise):
                return None
            if isinstance(part, cst.Call):
                callee = _callee(part, resolver, star)
                if callee is None:
                    return None
                callees += [callee] if callee else []
    return tuple(dict.fromkeys(callees))


def _catches(handler: cst.ExceptHandler, resolver: Resolver, star: bool) -> str:
    """YES when the handler surely takes Celery's TimeoutError, NO when it surely does not, else MAYBE."""
    if handler.type is None:
        return YES
    kinds = [element.value for element in handler.type.elements] if isinstance(handler.type, cst.Tuple) else [handler.type]
    verdicts = []
    for kind in kinds:
        name = resolver.qualified_name(kind)
        builtin = name is not None and name.startswith("builtins.") and not star
        if name == _CELERY_TIMEOUT or builtin and name in _BROAD_BUILTINS:
            return YES
        verdicts.append(NO if builtin else MAYBE)
    return NO if all(verdict == NO for verdict in verdicts) else MAYBE


def _callee(call: cst.Call, resolver: Resolver, star: bool) -> Optional[str]:
    """"" for a call that raises nothing the reading must see (a builtin, a method of a container the function built);
    for the project phase, the imported name it calls or METHOD + the method's name; None when it may raise."""
    name = resolver.qualified_name(call.func)
    if name in EXITS or name in ABORT_FUNCTIONS or may_abort(call.func, name, resolver):  # error_codes.py's one reading
        return None
    if isinstance(call.func, cst.Name) and star and not resolver.lookup(call.func.value):
        return None  # a star import may bind it
    if isinstance(resolver.definition(call.func), (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
        return None  # this module's own code
    if name is not None:
        return "" if name.startswith("builtins.") else name
    receiver = call.func.value if isinstance(call.func, cst.Attribute) else None
    bindings = resolver.lookup(receiver.value) if isinstance(receiver, cst.Name) else None
    if bindings and all(binding.kind == "value" and isinstance(binding.value, _CONTAINERS) for binding in bindings):
        return ""  # `failed.append(...)` on `failed = []`
    if isinstance(call.func, cst.Attribute):
        return METHOD + call.func.attr.value  # a method of an object of unknown class: the project's if it defines one
    return None


def _calls_itself(function: cst.FunctionDef, resolver: Resolver) -> bool:
    """The function calls itself (`return view(request)`, `self.view(request)`): a retry without a bound. A call of
    `self.`/`cls.` and its name counts (a subclass's method may run instead, or this one). A call of its plain name
    counts unless each binding the name may read in its body is surely another callable: an import of another name
    (a recursion through project code is the project phase's, which follows the call graph: project/degrading_waits.py),
    or another `def` or `class`; with no binding it is a builtin, unless a star import may bind it. So a method `get`
    that calls `requests.get` imported as `get` does not call itself; `view = login_required(view)` after
    `def view` still does."""
    name = function.name.value
    for part in descendants(function.body):
        if not isinstance(part, cst.Call):
            continue
        func = part.func
        if isinstance(func, cst.Attribute) and func.attr.value == name and dotted_name(func.value) in ("self", "cls"):
            return True
        if isinstance(func, cst.Name) and func.value == name and not _surely_other(func, function, resolver):
            return True
    return False


def _surely_other(func: cst.Name, function: cst.FunctionDef, resolver: Resolver) -> bool:
    """The name `func`, called in `function`'s own body and spelled as it, runs something else (`_calls_itself`)."""
    bindings = resolver.lookup(func.value)
    if not bindings:
        return not resolver.module_scope.star_imports
    own = resolver.scope_for(function).qualname  # the function scope the walk is in: its dotted name
    return all(binding.kind == "import" and resolver.binding_name(binding) not in (None, own)
               or binding.kind in ("def", "class") and binding.node is not function for binding in bindings)
