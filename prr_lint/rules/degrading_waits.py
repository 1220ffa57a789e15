"""PRR303's bounded, degrading wait: a short wait on a Celery result whose timeout the function answers.

coursys's deploy-checks page queues `ping.apply_async()` and waits `task.get(timeout=5)` inside a `try` whose
`except celery.exceptions.TimeoutError:` records "didn't get result before timeout" and goes on. The request holds
its thread for at most 5 s and then answers anyway: it does not depend on the queue for its answer, it degrades.
hoover-search's waits of minutes do hold a sync worker (gunicorn kills one after 30 s by default), so the bound
matters as much as the handler. A wait is left out when both hold:

- Bounded: its total timeout is a number read statically and at most `MAX_DEGRADING_WAIT` seconds, a third of a
  sync worker's default 30 s so the request still answers with room for its other work. The timeout is a number
  written there or a module constant above 0 (task_results.wait_seconds without a function: a parameter's default is
  no bound, a route or caller may fill it). In a loop, the total over the loop: one `for` whose iterable is a tuple or
  list of positive numbers (literal, or a module constant bound once that no `global`, star import or `globals()`
  may rebind; a list only ever named as a `for`'s iterable, so nothing appends to it), the sum of its items when the
  loop variable, bound nowhere else, is the timeout (`for timeout in BACKOFF: r.get(timeout=timeout)`), else the
  number of items times the timeout. A `while`, a comprehension, a second loop or a loop over anything else is
  unbounded. A function that calls itself (a retry by recursion) is not bounded either.
- Handled: a `try` of the same function has the wait in its body, and its first handler that surely catches Celery's
  `TimeoutError` (`celery.exceptions.TimeoutError`, its superclasses `TaskError`, `CeleryError`, `Exception`,
  `BaseException`, a bare `except`, or the waited result's own `r.TimeoutError`) does not propagate it
  (handlers.analyse_handler: no `raise` but a failure response, no exit): the view answers, degraded or with an
  error page it chose. A handler before it that may catch the error (any name but a builtin other than `Exception`/
  `BaseException`: an alias in another module may be Celery's class) and propagates makes it unhandled; so do a
  `with` between the wait and the handling `try` (its `__exit__` may swap the error), an `except*`, and a `finally`
  on the way out that raises. A timeout a caller catches is not read (the finding's path is one of several).

Whether the task does real work does not change the reading: the request waits at most the bound either way, and the
work stays on the worker.
"""

from __future__ import annotations

from typing import Optional, Sequence, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.resolve import Resolver
from prr_lint.rules.celery_apps import module_rebinds
from prr_lint.rules.handlers import analyse_handler
from prr_lint.rules.idle_tasks import PROBE_WAIT
from prr_lint.rules.task_results import wait_seconds, wait_timeout
from prr_lint.tree import KindOf, descendants, dotted_name, listed

# The longest total wait left out (seconds): a health probe's bound (idle_tasks.PROBE_WAIT), a third of a sync
# worker's default 30 s timeout; coursys's 5 s pings pass, its photo fetch retried for 1+2+...+6 = 21 s does not.
MAX_DEGRADING_WAIT = PROBE_WAIT
# Celery's waits that raise `celery.exceptions.TimeoutError` when the timeout runs out.
_CELERY_WAITS = ("get", "wait", "join", "join_native")
# What surely catches `celery.exceptions.TimeoutError` (TimeoutError < TaskError < CeleryError < Exception).
_CATCHING = frozenset({"celery.exceptions.TimeoutError", "celery.exceptions.TaskError", "celery.exceptions.CeleryError",
                       "builtins.Exception", "builtins.BaseException"})
_BROAD_BUILTINS = ("builtins.Exception", "builtins.BaseException")
_LOOPS = (cst.While, cst.For, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
_NAMES, _FORS = KindOf(cst.Name), KindOf(cst.For)
YES, NO, MAYBE = "yes", "no", "maybe"


def degrading_wait(node: cst.Call, ancestors: Sequence[cst.CSTNode], ctx: FileContext) -> bool:
    """`node`, a wait on a task result, is bounded and its timeout handled in its function (module docstring)."""
    if not isinstance(node.func, cst.Attribute) or node.func.attr.value not in _CELERY_WAITS:
        return False
    start = max((index for index, above in enumerate(ancestors) if isinstance(above, cst.FunctionDef)), default=None)
    if start is None:
        return False
    function, inner = ancestors[start], list(ancestors[start + 1:])
    if any(isinstance(above, cst.Lambda) for above in inner) or _calls_itself(function):
        return False
    total = wait_budget(node, inner, ctx.resolver)
    return total is not None and 0 < total <= MAX_DEGRADING_WAIT and _handled(node, inner, ctx)


def wait_budget(node: cst.Call, inner: Sequence[cst.CSTNode], resolver: Resolver) -> Optional[float]:
    """The longest the wait `node` can hold its function, over the loop around it; None when unbounded or unread.
    `inner`: its ancestors inside its function, outermost first."""
    loops = [(index, above) for index, above in enumerate(inner) if isinstance(above, _LOOPS)]
    if not loops:
        return _positive(wait_seconds(node, None, resolver))
    index, loop = loops[0]
    below = inner[index + 1] if index + 1 < len(inner) else node
    if len(loops) > 1 or not isinstance(loop, cst.For) or below is not loop.body:
        return None
    values = _numbers(loop.iter, resolver)
    if values is None:
        return None
    timeout = wait_timeout(node)
    if isinstance(timeout, cst.Name) and isinstance(loop.target, cst.Name) and timeout.value == loop.target.value:
        bindings = resolver.lookup(timeout.value) or ()
        bound_by_loop = len(bindings) == 1 and bindings[0].value is None and bindings[0].item_of is loop.iter
        return sum(values) if bound_by_loop and all(value > 0 for value in values) else None
    each = _positive(wait_seconds(node, None, resolver))
    return each * len(values) if each is not None else None


def _positive(seconds: Optional[float]) -> Optional[float]:
    return seconds if seconds is not None and seconds > 0 else None


def _numbers(expr: cst.BaseExpression, resolver: Resolver) -> Optional[Tuple[float, ...]]:
    """The numbers a literal tuple or list holds, or a module constant bound once to one (module docstring)."""
    name = None
    if isinstance(expr, cst.Name):
        bindings = resolver.lookup(expr.value) or ()
        binding = bindings[0] if len(bindings) == 1 else None
        if binding is None or binding.kind != "value" or binding.scope is not resolver.module_scope:
            return None
        name, expr = expr.value, binding.value
    if not isinstance(expr, (cst.List, cst.Tuple)) or not expr.elements or not all(
            isinstance(element, cst.Element) and isinstance(element.value, (cst.Integer, cst.Float)) for element in expr.elements):
        return None
    if name is not None:
        declared, opaque = module_rebinds(resolver)
        if opaque or name in declared or isinstance(expr, cst.List) and not _only_iterated(name, resolver):
            return None
    return tuple(float(element.value.evaluated_value) for element in expr.elements)


def _only_iterated(name: str, resolver: Resolver) -> bool:
    """The module names the list `name` only where it binds it and as a `for`'s iterable: nothing changes its items."""
    iterables = {id(loop.iter) for loop in listed(resolver.module, _FORS, resolver.listed)}
    uses = [found for found in listed(resolver.module, _NAMES, resolver.listed) if found.value == name]
    return sum(id(found) not in iterables for found in uses) == 1


def _handled(node: cst.Call, inner: Sequence[cst.CSTNode], ctx: FileContext) -> bool:
    """A `try` around the wait in its function catches Celery's TimeoutError and answers (module docstring)."""
    receiver = node.func.value if isinstance(node.func, cst.Attribute) else None
    for index in range(len(inner) - 1, -1, -1):
        above = inner[index]
        below = inner[index + 1] if index + 1 < len(inner) else node
        if isinstance(above, (cst.With, cst.TryStar)):
            return False
        if not isinstance(above, cst.Try):
            continue
        if above.finalbody is not None and any(isinstance(part, cst.Raise) for part in descendants(above.finalbody)):
            return False
        if below is not above.body:
            continue
        for handler in above.handlers:
            catches = _catches(handler, receiver, ctx.resolver)
            if catches == NO:
                continue
            propagates = analyse_handler(handler, ctx).propagates
            if catches == YES:
                return not propagates
            if propagates:
                return False
    return False


def _catches(handler: cst.ExceptHandler, receiver: Optional[cst.BaseExpression], resolver: Resolver) -> str:
    """YES when the handler surely catches Celery's TimeoutError, NO when it surely does not (builtins only), else MAYBE."""
    if handler.type is None:
        return YES
    kinds = [element.value for element in handler.type.elements] if isinstance(handler.type, cst.Tuple) else [handler.type]
    verdicts = []
    for kind in kinds:
        name = resolver.qualified_name(kind)
        if name in _CATCHING or _own_timeout_error(kind, receiver):
            return YES
        verdicts.append(NO if name is not None and name.startswith("builtins.") and name not in _BROAD_BUILTINS else MAYBE)
    return NO if all(verdict == NO for verdict in verdicts) else MAYBE


def _own_timeout_error(kind: cst.BaseExpression, receiver: Optional[cst.BaseExpression]) -> bool:
    """`except r.TimeoutError:` around `r.get(...)`: a Celery result's `TimeoutError` is Celery's class."""
    return isinstance(kind, cst.Attribute) and kind.attr.value == "TimeoutError" and isinstance(receiver, cst.Name) \
        and dotted_name(kind.value) == receiver.value


def _calls_itself(function: cst.FunctionDef) -> bool:
    """The function calls its own name (`return view(request)`, `self.view(request)`): a retry without a bound."""
    name = function.name.value
    return any(isinstance(part, cst.Call) and (
        isinstance(part.func, cst.Name) and part.func.value == name
        or isinstance(part.func, cst.Attribute) and part.func.attr.value == name and dotted_name(part.func.value) in ("self", "cls"))
        for part in descendants(function.body))
