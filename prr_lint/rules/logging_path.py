"""The logging framework's own output path (PRR401): code the framework calls to write its records
out. Writing to stdout there is how the logs reach the terminal or the container's log stream,
and logging from it would recurse. Three shapes, read from what the code registers:

- a loguru sink: the function (or method, or object with `write`) handed to `logger.add(sink)`
  (`def stdout_sink(message): print(message, end="")`, `logger.add(stdout_sink)`; a lambda written
  in the call itself);
- a handler's stream: an object of a class of the module handed as the stream of
  `logging.StreamHandler(stream)`, `logging.basicConfig(stream=...)` or `handler.setStream(stream)`:
  its `write` and `flush` methods are the handler's output;
- a method of a `logging.Formatter` or `logging.Filter` subclass (directly or through classes of
  the module, or a library's formatter class): the framework calls it while it formats a record,
  and a record logged from there would go through it again.

The registration is read in the module that defines the function; a sink registered from another
module stays reported.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Iterator, List, Optional, Sequence, Set, Union

import libcst as cst

from prr_lint.context import CLASSES, FileContext
from prr_lint.resolve import Resolver
from prr_lint.rules.logging_plumbing import derives_from_logging_part
from prr_lint.tree import KindOf, children

LOGURU_ADD = frozenset({"loguru.logger.add", "loguru.Logger.add", "loguru._logger.Logger.add"})
STREAM_TAKERS = frozenset({"logging.StreamHandler", "logging.basicConfig"})
# what loguru or a handler calls on an object handed to it as a sink or a stream
_WRITER_METHODS = ("write", "flush", "__call__")
_ARGUMENTS = KindOf(cst.Arg)  # the arguments a node is in (FileContext.enclosing)

Definition = Union[cst.FunctionDef, cst.ClassDef]


def in_logging_output(ctx: FileContext) -> bool:
    """In a function the logging framework writes its records through, or in a lambda sink."""
    store = ctx.__dict__.setdefault("_logging_path", {})
    if "sinks" not in store:  # a search of the whole text: once per file
        store["sinks"] = "add" in ctx.source or "Stream" in ctx.source or "stream" in ctx.source
    if store["sinks"]:
        if any(_sink_argument(ctx, node) for node in ctx.enclosing(_ARGUMENTS)):
            return True
        if "writers" not in store:
            store["writers"] = _writers(ctx.module, ctx.resolver)
        if any(id(node) in store["writers"] for node in ctx.functions()):
            return True
    return _in_formatter(ctx)


def _sink_argument(ctx: FileContext, arg: cst.Arg) -> bool:
    """`arg` is the sink or stream argument of a registration call among the ancestors."""
    index = ctx.ancestors.index(arg)
    call = ctx.ancestors[index - 1] if index else None
    return isinstance(call, cst.Call) and _sink_of(call, ctx.resolver, ctx.resolver.module_scope) is arg.value


def _sink_of(call: cst.Call, resolver: Resolver, scope) -> Optional[cst.BaseExpression]:
    """The sink or stream a registration call hands to the logging framework."""
    name = resolver.qualified_name(call.func, scope) or ""
    is_stream_call = isinstance(call.func, cst.Attribute) and call.func.attr.value == "setStream"
    if name not in LOGURU_ADD and name not in STREAM_TAKERS and not is_stream_call:
        return None
    keyword = "sink" if name in LOGURU_ADD else "stream"
    for position, arg in enumerate(call.args):
        if (arg.keyword is None and position == 0 and name != "logging.basicConfig") or (
                arg.keyword is not None and arg.keyword.value == keyword):
            return arg.value
    return None


def _writers(module: cst.Module, resolver: Resolver) -> FrozenSet[int]:
    """Ids of the functions the module registers as sinks, or as the methods of a sink or stream object."""
    found: Set[int] = set()
    for call, scopes in _calls(module, []):
        sink = _sink_of(call, resolver, resolver.module_scope)
        if sink is None:
            continue
        if isinstance(sink, cst.Call) and resolver.qualified_name(sink.func, resolver.module_scope) == "functools.partial" and sink.args:
            sink = sink.args[0].value
        for definition in _definitions(sink, scopes, module):
            if isinstance(definition, cst.FunctionDef):
                found.add(id(definition))
            else:
                found.update(id(method) for method in _methods(definition) if method.name.value in _WRITER_METHODS)
    return frozenset(found)


def _calls(node: cst.CSTNode, scopes: List[cst.CSTNode]) -> Iterator[tuple]:
    """Every call below `node`, with the definitions it sits in (outermost first)."""
    for child in children(node):
        if isinstance(child, cst.Call):
            yield child, scopes
        inner = [*scopes, child] if isinstance(child, (cst.FunctionDef, cst.ClassDef)) else scopes
        yield from _calls(child, inner)


def _definitions(sink: cst.BaseExpression, scopes: Sequence[cst.CSTNode], module: cst.Module) -> List[Definition]:
    """The local definitions a sink expression names: a function (`stdout_sink`), a method
    (`self.write_line`), the class of an object made in place (`Console()`) or bound once to a name."""
    if isinstance(sink, cst.Call):
        sink = sink.func  # Console(): the object's class
    if isinstance(sink, cst.Attribute) and isinstance(sink.value, cst.Name) and sink.value.value == "self":
        owner = next((s for s in reversed(scopes) if isinstance(s, cst.ClassDef)), None)
        return [m for m in _methods(owner) if m.name.value == sink.attr.value] if owner is not None else []
    if not isinstance(sink, cst.Name):
        return []
    for scope in [*reversed(scopes), module]:
        body = _body(scope)
        named = _named(body, sink.value)
        if named:
            return named
    return []


def _body(scope: cst.CSTNode) -> Sequence[cst.CSTNode]:
    body = getattr(scope, "body", ())
    return body.body if isinstance(body, cst.IndentedBlock) else body if isinstance(body, (list, tuple)) else ()


def _named(body: Sequence[cst.CSTNode], name: str) -> List[Definition]:
    """The definitions of `name` in a block: a `def`/`class` of that name, or the class of the
    object it is bound to (`console = Console()`)."""
    definitions: Dict[str, Definition] = {
        s.name.value: s for s in body if isinstance(s, (cst.FunctionDef, cst.ClassDef))
    }
    if name in definitions:
        return [definitions[name]]
    for statement in body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and any(isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets) \
                    and isinstance(small.value, cst.Call) and isinstance(small.value.func, cst.Name) \
                    and isinstance(definitions.get(small.value.func.value), cst.ClassDef):
                return [definitions[small.value.func.value]]
    return []


def _methods(cls: cst.ClassDef) -> List[cst.FunctionDef]:
    return [s for s in _body(cls) if isinstance(s, cst.FunctionDef)]


def _in_formatter(ctx: FileContext) -> bool:
    """In a method of a `logging.Formatter`/`logging.Filter` subclass, or of a library formatter."""
    cls = ctx.nearest(CLASSES)
    return cls is not None and derives_from_logging_part(cls, ctx.resolver)

