"""Deadline forwarding, the per-file half of the timeout-wrapper analysis (project/wrappers.py).

A function forwards a deadline when one of its own parameters that defaults to `None` (and that
it never replaces) is passed on as the deadline of an outbound call, or as an argument of another
call that may turn out to be a wrapper; or when it passes its own `**kwargs` on (and never sets a
"timeout" in them). The module summary records each such call as
`(callee, slot, own parameter, own index)`:

* callee `sink:<label>` with slot the library's keyword: an outbound call of rules/clients.py
  (requests, urlopen, pycurl `setopt(TIMEOUT, ...)`, a gRPC stub, httpx ...); a session method's
  label ends in `|built-by:<global>` when a global builds the session (rules/session_patches.py);
* any other resolved callee with slot `kw:<name>`, `pos:<index>` or `**`: the project phase
  decides whether the callee is a wrapper.

The own parameter is its name (or `**` for kwargs) and its positional index (-1 when it is
keyword-only), which is how callers must pass it. A coroutine function's summary also records the
calls it awaits and whether an asyncio deadline bounds them (async_deadlines.py).
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

import prr_lint.rules.clients as cl
from prr_lint.alarm_deadlines import AlarmBlocks
from prr_lint.async_deadlines import Locals, call_deadline, callee_key
from prr_lint.green_deadlines import GreenSpawns
from prr_lint.thread_joins import ThreadJoins
from prr_lint.model import IS_ASYNC, FunctionSummary
from prr_lint.resolve import Resolver
from prr_lint.rules.clients import is_stub_class
from prr_lint.rules.none_cases import bounded_when_none
from prr_lint.rules.param_guards import runs_with_value
from prr_lint.rules.session_patches import BUILT_BY, session_global
from prr_lint.tree import concatenated_value, descendants

KWARGS = "**"
SINK = "sink:"
# The project phase hands PRR501 the wrappers a file calls under this settings section, and PRR501
# reports calls to them pending this condition (project/wrappers.py attaches the chain).
WRAPPERS_SECTION = "_timeout-wrappers"
WRAPPER_CALL = "timeout-wrapper"
PYCURL_SINK = "pycurl "  # the label of a handle's `setopt(TIMEOUT, ...)` sink


def is_deadline_name(name: str) -> bool:
    lowered = name.lower()
    return "timeout" in lowered or "deadline" in lowered


class _Params:
    """The parameters of one function that can carry a deadline through it."""

    def __init__(self, none_params: Dict[str, int], kwargs: str) -> None:
        self.none_params = none_params
        self.kwargs = kwargs


def _params(node: cst.FunctionDef, is_method: bool) -> _Params:
    positional = [*node.params.posonly_params, *node.params.params]
    if is_method and positional:
        positional = positional[1:]
    none_params: Dict[str, int] = {}
    for index, param in enumerate(positional):
        if is_deadline_name(param.name.value) and cl.is_none(param.default):
            none_params[param.name.value] = index
    for param in node.params.kwonly_params:
        if is_deadline_name(param.name.value) and cl.is_none(param.default):
            none_params[param.name.value] = -1
    star = node.params.star_kwarg
    kwargs = star.name.value if isinstance(star, cst.Param) else ""
    if not none_params and not kwargs:
        return _Params({}, "")
    # A parameter the body replaces (`timeout = timeout or 10`), or kwargs that get a "timeout"
    # put in them, carry the function's own default on: no forwarding of None. Rebinding it to None
    # (`if timeout is None: timeout = None`) fills nothing.
    replaced = set()
    sets_timeout = False
    for inner in descendants(node.body):
        if isinstance(inner, (cst.Assign, cst.AugAssign, cst.AnnAssign)) and not cl.is_none(inner.value):
            targets = [target.target for target in inner.targets] if isinstance(inner, cst.Assign) else [inner.target]
            replaced.update(target.value for target in targets if isinstance(target, cst.Name))
        elif isinstance(inner, (cst.SimpleString, cst.ConcatenatedString)) and "timeout" in str(concatenated_value(inner) or ""):
            sets_timeout = True
        elif isinstance(inner, cst.Arg) and inner.keyword is not None and is_deadline_name(inner.keyword.value):
            sets_timeout = sets_timeout or _sets_into_kwargs(inner, kwargs)
    none_params = {name: index for name, index in none_params.items() if name not in replaced}
    return _Params(none_params, "" if sets_timeout or kwargs in replaced else kwargs)


def _sets_into_kwargs(arg: cst.Arg, kwargs: str) -> bool:
    """`kwargs.update(timeout=...)` style: a keyword argument next to the kwargs dict itself."""
    return bool(kwargs) and not (isinstance(arg.value, cst.Name) and cl.is_none(arg.value))


class DeadlineForwarding:
    """Collects forwarding calls during the summary walk."""

    def __init__(self, resolver: Resolver, source: str = "", ancestors: Sequence[cst.CSTNode] = ()) -> None:
        self.resolver = resolver
        self._ancestors = ancestors  # the walker's, for the awaits a deadline bounds
        self._locals: Dict[int, Locals] = {}  # each function's local names and how each is waited on (async_deadlines.py)
        self._gathers = "gather" in source
        self._params: Dict[str, _Params] = {}
        self.mounts_adapters = ".mount(" in source and "Adapter" in source
        self._green = GreenSpawns(resolver, ancestors) if "gevent" in source or ".kill(" in source else None  # (else no greenlet is killed here)
        self._joins = ThreadJoins(resolver, ancestors, source)
        self._alarms = AlarmBlocks(resolver, ancestors, source)

    def enter_function(self, node: cst.FunctionDef, function: FunctionSummary) -> None:
        self._alarms.enter_function(node, function)  # a context manager that arms an alarm (alarm_deadlines.py)
        scope = self.resolver.scope
        is_method = scope.self_name is not None or (
            scope.parent is not None and scope.parent.kind == "class" and any(
                dotted_name_is(d.decorator, "classmethod") for d in node.decorators
            )
        )
        params = _params(node, is_method)
        if params.none_params or params.kwargs:
            self._params[scope.qualname] = params

    def call(self, node: cst.Call, function: FunctionSummary, name: Optional[str]) -> None:
        if IS_ASYNC in function.tags and (key := callee_key(node, name)) is not None \
                and (how := call_deadline(node, self._ancestors, self.resolver, self._locals, self._gathers)) is not None:
            function.awaited.append((key, how))  # what an asyncio deadline bounds (async_deadlines.py)
        if self._green is not None:
            self._green.call(node, function, name)  # greenlets a gevent deadline bounds (green_deadlines.py)
        self._joins.call(node, function, name)  # threads and futures waited on with a timeout (thread_joins.py)
        self._alarms.call(node, function, name)  # calls inside `with` blocks an alarm may bound (alarm_deadlines.py)
        if name is None or name.startswith("builtins."):
            return
        if any(arg.star == "**" or (arg.keyword is not None and is_deadline_name(arg.keyword.value)
                                    and not cl.is_none(arg.value)) for arg in node.args):
            function.deadline_calls.append(name)
        if not self._params:
            return
        scope = self.resolver.enclosing_function
        params = self._params.get(scope.qualname) if scope is not None else None
        if params is None:
            return
        for slot, own, index in self._forwarded(node, params):
            sink = self._sink(node, name, slot)
            if sink is None:
                if slot:
                    function.deadline_forwards.append((name, slot, own, index))
            elif not self._default_when_none(node, name, own) and not self._bounded_when_none(node, name, own, sink[0]):
                function.deadline_forwards.append((SINK + sink[0], sink[1], own, index))

    def _default_when_none(self, node: cst.Call, name: str, own: str) -> bool:
        """The call runs only when `own` holds a value (`if timeout is None: httpx.Client() else:
        httpx.Client(timeout=timeout)`), and the library bounds a call that leaves its deadline out (httpx's
        5 s): whatever the None case calls, None reaches no deadline. A library with no default of its own
        (requests) is unbounded either way, so the forwarding stands."""
        spec = cl.TIMEOUT_SPECS.get(name)
        return spec is not None and not spec.required and own != KWARGS \
            and runs_with_value([*self._ancestors, node], own)

    def _bounded_when_none(self, node: cst.Call, name: str, own: str, label: str) -> bool:
        """The call runs only when `own` holds a value, and the branch taken when it is None makes the same call with a
        deadline of its own (`if timeout is not None: curl.setopt(curl.TIMEOUT, timeout) else: curl.setopt(curl.TIMEOUT,
        config("http", "timeout"))`, rules/none_cases.py): None reaches no sink."""
        spec = cl.TIMEOUT_SPECS.get(name)
        if own == KWARGS or (spec is None and not label.startswith(PYCURL_SINK)):
            return False
        return bounded_when_none([*self._ancestors, node], own, spec, self.resolver)

    def _forwarded(self, node: cst.Call, params: _Params) -> List[Tuple[str, str, int]]:
        """(slot, own parameter, own index) for each own deadline parameter this call passes on."""
        found = []
        position = 0
        for arg in node.args:
            value = arg.value
            if arg.star == "**":
                if params.kwargs and isinstance(value, cst.Name) and value.value == params.kwargs:
                    found.append((KWARGS, KWARGS, -1))
                continue
            if arg.star:
                continue
            if isinstance(value, cst.Name) and value.value in params.none_params:
                own = value.value
                slot = f"kw:{arg.keyword.value}" if arg.keyword is not None else f"pos:{position}"
                found.append((slot, own, params.none_params[own]))
            if arg.keyword is None:
                position += 1
        return found

    def _sink(self, node: cst.Call, name: str, slot: str) -> Optional[Tuple[str, str]]:
        """(label, keyword) when the forwarded argument is the deadline of an outbound call."""
        spec = cl.TIMEOUT_SPECS.get(name)
        if spec is not None:
            # Kwargs without a timeout leave a library default in place (httpx's 5 s), and a session
            # that mounts an adapter of the module's own may set one there.
            if (slot == KWARGS and not spec.required) or (name.startswith("requests.Session.") and self.mounts_adapters):
                return None
            if slot == KWARGS or slot == f"kw:{spec.keyword}" or (spec.position is not None and slot == f"pos:{spec.position}"):
                built = session_global(self.resolver, node.func.value) if name.startswith("requests.Session.") \
                    and isinstance(node.func, cst.Attribute) else None  # a patch may replace it (session_patches.py)
                return name.replace("requests.Session.", "Session.") + (BUILT_BY + built if built else ""), spec.keyword
            return None
        if not isinstance(node.func, cst.Attribute):
            return None
        method = node.func.attr.value
        typed = self.resolver.instance_type(node.func.value)
        if typed == cl.PYCURL_HANDLE and method == "setopt" and slot == "pos:1":
            option = node.args[0].value if node.args else None
            if isinstance(option, cst.Attribute) and option.attr.value in cl.PYCURL_TIMEOUTS:
                return PYCURL_SINK + option.attr.value, "timeout"
        if typed in cl.POOL_TYPES and method in cl.POOL_REQUESTS and slot == "kw:timeout":  # kwargs: the pool's own
            return f"urllib3 {method}", "timeout"
        receiver = node.func.value
        if method in ("future", "with_call") and isinstance(receiver, cst.Attribute):
            typed = self.resolver.instance_type(receiver.value)
        if is_stub_class(typed) and slot in (KWARGS, "kw:timeout", "pos:1"):
            return f"gRPC {typed.rpartition('.')[2]}", "timeout"  # type: ignore[union-attr]
        return None


def dotted_name_is(expr: cst.BaseExpression, name: str) -> bool:
    return isinstance(expr, cst.Name) and expr.value == name
