"""A data channel built with the logging module (PRR402, PRR404): a dedicated logger whose handler
formats records as the bare message (`Formatter("%(message)s")`) and that is fed serialized documents
(`TRACES.debug(json.dumps(report))`). Each line it writes is a data record (a trace report, an audit
event), not one of the service's log records: setting it up competes with no logging configuration,
and its file is an extra record of data, not where the service's logs go.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, List, Set

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.tree import descendants, dotted_name, keyword_value, module_bindings, string_value

_MESSAGE_ONLY = frozenset({"%(message)s", "{message}", "${message}", "$message"})
_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "critical", "exception", "log"})
_FALLBACK_KEYWORDS = ("default", "fallback")


def _local_values(scope: cst.CSTNode) -> Dict[str, cst.BaseExpression]:
    """`name = value` bindings directly in `scope` (a function or the module), nested blocks included."""
    values: Dict[str, cst.BaseExpression] = {}
    for node in descendants(scope):
        if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            values[node.targets[0].target.value] = node.value
    return values


class _Setup:
    """The handlers (and their formatters' names) of one setup scope that feed only data channels."""

    def __init__(self, ctx: FileContext, scope: cst.CSTNode) -> None:
        self.ctx = ctx
        self.module_values = module_bindings(ctx.module)
        self.values = {**self.module_values, **_local_values(scope)}
        formatters: Dict[str, cst.BaseExpression] = {}
        receivers: Dict[str, Set[str]] = {}
        for node in descendants(scope):
            if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.args):
                continue
            subject, method, first = node.func.value, node.func.attr.value, node.args[0].value
            if method == "setFormatter" and isinstance(subject, cst.Name):
                formatters[subject.value] = first
            elif method == "addHandler" and isinstance(first, cst.Name):
                receivers.setdefault(first.value, set()).add(dotted_name(subject) or "?")
        fed = _fed_documents(ctx)
        self.handlers: FrozenSet[str] = frozenset(
            handler
            for handler, loggers in receivers.items()
            if handler in formatters and self._message_only(formatters[handler]) and loggers <= fed
        )
        self.formatters: FrozenSet[str] = frozenset(
            formatters[handler].value for handler in self.handlers if isinstance(formatters[handler], cst.Name)
        )

    def _message_only(self, formatter: cst.BaseExpression) -> bool:
        """A `logging.Formatter` whose format is the bare message, written out or as the default of a
        configuration lookup (`config_get("trace", "logformat", default="%(message)s")`)."""
        if isinstance(formatter, cst.Name):
            formatter = self.values.get(formatter.value, formatter)
        if not (isinstance(formatter, cst.Call) and self.ctx.resolver.qualified_name(formatter.func) == "logging.Formatter"):
            return False
        fmt = keyword_value(formatter, "fmt") or next((a.value for a in formatter.args if a.keyword is None), None)
        if isinstance(fmt, cst.Name):
            fmt = self.module_values.get(fmt.value, self.values.get(fmt.value, fmt))
        if isinstance(fmt, cst.Call):
            fmt = next((keyword_value(fmt, key) for key in _FALLBACK_KEYWORDS if keyword_value(fmt, key) is not None), None)
        return string_value(fmt).strip() in _MESSAGE_ONLY


def _serialized(expr: cst.BaseExpression, ctx: FileContext, bound: Dict[str, cst.BaseExpression]) -> bool:
    """`json.dumps(...)` (or any `*.dumps`), directly or through a name bound to it."""
    if isinstance(expr, cst.Name):
        expr = bound.get(expr.value, expr)
    return isinstance(expr, cst.Call) and (ctx.resolver.qualified_name(expr.func) or "").endswith(".dumps")


def _fed_documents(ctx: FileContext) -> Set[str]:
    """Loggers (by dotted name) the module hands a serialized document as the whole message."""
    store = ctx.__dict__.setdefault("_data_channel_fed", {})
    if "fed" in store:
        return store["fed"]
    fed: Set[str] = set()
    scopes: List[cst.CSTNode] = [ctx.module, *(n for n in descendants(ctx.module, stop_at=()) if isinstance(n, cst.FunctionDef))]
    for scope in scopes:
        bound = _local_values(scope)
        for node in descendants(scope):
            if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in _LOG_METHODS):
                continue
            positional = [a.value for a in node.args if a.keyword is None]
            at = 1 if node.func.attr.value == "log" else 0  # `log(level, message)`
            message = positional[at] if len(positional) > at else None
            logger = dotted_name(node.func.value)
            if message is not None and logger is not None and _serialized(message, ctx, bound):
                fed.add(logger)
    store["fed"] = fed
    return fed


def _setup(ctx: FileContext) -> _Setup:
    scope = next(ctx.functions(), None) or ctx.module
    store = ctx.__dict__.setdefault("_data_channel_setups", {})
    if id(scope) not in store:
        store[id(scope)] = _Setup(ctx, scope)
    return store[id(scope)]


def data_channel_call(ctx: FileContext, node: cst.Call) -> bool:
    """`node` builds, formats or adds a handler of a data channel, or builds its formatter."""
    setup = _setup(ctx)
    if not setup.handlers:
        return False
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value == "setFormatter":
        return isinstance(func.value, cst.Name) and func.value.value in setup.handlers
    if isinstance(func, cst.Attribute) and func.attr.value == "addHandler":
        return bool(node.args) and isinstance(node.args[0].value, cst.Name) and node.args[0].value.value in setup.handlers
    parent = ctx.ancestors[-1] if ctx.ancestors else None
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        return parent.targets[0].target.value in setup.handlers | setup.formatters
    return False
