"""PRR501: a deadline left off on purpose for a stream that stays open as long as it flows.

A read deadline on a relay (a proxy copying an upstream's event stream or log tail to its own client
through a streaming response) or on an event feed (a generator yielding each event as it arrives)
would only cut a healthy, idle stream: the deadline is off on purpose, and no request waits on the
stream as a whole. Who uses an explicit no-deadline is followed within the module: the function that
makes it, the callers of a function that returns the session built with it, the functions that read a
module constant holding it. A streaming response class of the project (`class
StreamingResponseWithStatusCode(StreamingResponse)` in another module) is settled by the project
phase, which sees every module's classes (project/wrappers.py).
"""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Set, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.clients import SESSION_METHODS
from prr_lint.tree import descendants

# Responses that stream to the service's own client what the function hands them, as it arrives.
STREAMING_RESPONSES = frozenset({
    "aiohttp.web.StreamResponse", "aiohttp.web_response.StreamResponse", "aiohttp.web.WebSocketResponse",
    "aiohttp.web_ws.WebSocketResponse", "django.http.StreamingHttpResponse", "django.http.response.StreamingHttpResponse",
    "starlette.responses.StreamingResponse", "fastapi.responses.StreamingResponse",
})
# Subject prefix of a finding whose function may relay through a project class: the `|`-separated
# qualified names of the classes it builds follow; one of them must derive from a streaming response.
STREAMS_THROUGH = "streams-through:"
# Subject prefix of a finding at a module constant: dropped only when no other module imports it.
USED_HERE_ONLY = "used-here-only:"

Status = Optional[Tuple[str, ...]]  # () relays; names: relays if one is a streaming class; None: does not


def relay_status(function: Optional[cst.FunctionDef], resolver: Resolver, feeds: bool) -> Status:
    """Whether `function` hands a stream on: () when it builds a library's streaming response, or
    (`feeds`) yields from a loop while a `with` holds the response open (an event feed); the project classes it builds when one of those may
    be a streaming response; None otherwise."""
    if function is None:
        return None
    candidates: List[str] = []
    for inner in descendants(function.body):
        if feeds and isinstance(inner, cst.With) and any(_feeds(loop) for loop in descendants(inner.body)):
            return ()
        if isinstance(inner, cst.Call):
            name = resolver.qualified_name(inner.func)
            if name in STREAMING_RESPONSES:
                return ()
            if name is not None and "." in name and name not in candidates:
                candidates.append(name)
    return tuple(candidates) if candidates else None


def event_feed(node: cst.Call, function: Optional[cst.FunctionDef]) -> bool:
    """A streamed request (`client.stream(...)`, `stream=True`) in a generator that yields what arrives:
    a feed meant to stay open."""
    stream = next((arg for arg in node.args if arg.keyword is not None and arg.keyword.value == "stream"), None)
    streamed = (isinstance(node.func, cst.Attribute) and node.func.attr.value == "stream") or (
        stream is not None and isinstance(stream.value, cst.Name) and stream.value.value == "True"
    )
    return streamed and function is not None and any(isinstance(inner, cst.Yield) for inner in descendants(function.body))


def _feeds(node: cst.CSTNode) -> bool:
    """A loop that yields and opens nothing itself, inside a `with` holding the response open: each
    event is handed on as it arrives. A loop making a request per turn (a `with`, or a client
    method call such as `session.get(url)`: pagination) is no feed."""
    if not isinstance(node, (cst.For, cst.While)):
        return False
    inside = list(descendants(node))
    return any(isinstance(found, cst.Yield) for found in inside) and not any(
        isinstance(found, cst.With) or isinstance(found, cst.Call) and isinstance(found.func, cst.Attribute)
        and found.func.attr.value in SESSION_METHODS for found in inside)


def _functions(node: cst.CSTNode) -> Iterator[cst.FunctionDef]:
    """Every function and method below `node`, nested ones included."""
    for inner in descendants(node, stop_at=()):
        if isinstance(inner, cst.FunctionDef):
            yield inner


def _contains(tree: cst.CSTNode, node: cst.CSTNode) -> bool:
    return tree is node or any(inner is node for inner in descendants(tree, stop_at=()))


def _returns_built(function: cst.FunctionDef, node: cst.CSTNode) -> bool:
    """`function` returns what it built with `node` (`session = ClientSession(timeout=node)` ...
    `return session`), through local assignments."""
    names: Set[str] = set()
    assigns = [inner for inner in descendants(function.body) if isinstance(inner, cst.Assign)]
    grew = True
    while grew:
        grew = False
        for assign in assigns:
            if _contains(assign.value, node) or any(isinstance(inner, cst.Name) and inner.value in names
                                                   for inner in (assign.value, *descendants(assign.value))):
                for target in assign.targets:
                    if isinstance(target.target, cst.Name) and target.target.value not in names:
                        names.add(target.target.value)
                        grew = True
    return any(isinstance(inner, cst.Return) and inner.value is not None and (
        _contains(inner.value, node) or isinstance(inner.value, cst.Name) and inner.value.value in names)
        for inner in descendants(function.body))


def _users(module: cst.Module, owner: Optional[cst.FunctionDef], node: cst.CSTNode, constant: Optional[str]) -> Optional[List[cst.FunctionDef]]:
    """The functions that make requests with the deadline `node`: its own function, or the callers (in
    this module) of a function returning what it built; the readers of the module constant holding it.
    None when one use is outside any function (module code) or none is found."""
    if owner is not None and not _returns_built(owner, node):
        return [owner]
    wanted = owner.name.value if owner is not None else constant
    if wanted is None:
        return None
    users: List[cst.FunctionDef] = []
    scopes: Dict[Optional[cst.FunctionDef], cst.CSTNode] = {None: module}
    scopes.update((function, function.body) for function in _functions(module))
    for function, body in scopes.items():
        inside = list(descendants(body))
        bound = {id(target.target) for found in inside if isinstance(found, cst.Assign) for target in found.targets}
        for inner in inside:
            used = (isinstance(inner, cst.Call) and _names(inner.func, wanted)) if owner is not None else (
                isinstance(inner, cst.Name) and inner.value == wanted and id(inner) not in bound)
            if used and function is None:  # module code uses it: no stream of a function
                return None
            if used and function is not None and function is not owner and function not in users:
                users.append(function)
    return users or None


def _names(func: cst.BaseExpression, name: str) -> bool:
    """`name(...)`, `self.name(...)`, `cls.name(...)`."""
    if isinstance(func, cst.Name):
        return func.value == name
    return isinstance(func, cst.Attribute) and func.attr.value == name and isinstance(func.value, cst.Name) \
        and func.value.value in ("self", "cls")


def deliberate_stream(module: cst.Module, resolver: Resolver, owner: Optional[cst.FunctionDef], node: cst.CSTNode,
                      constant: Optional[str]) -> Optional[Tuple[str, ...]]:
    """An explicit no-deadline `node` that only relays and event feeds use: () when that is known here,
    the subjects the project phase must confirm (project streaming classes, a constant no other module
    imports), None when some use is no stream."""
    users = _users(module, owner, node, constant)
    if users is None:
        return None
    subjects: List[str] = []
    for function in users:
        status = relay_status(function, resolver, feeds=True)
        if status is None:
            return None
        if status:
            subjects.append(STREAMS_THROUGH + "|".join(status))
    if owner is None and constant is not None:
        subjects.append(f"{USED_HERE_ONLY}{resolver.module_name}.{constant}")
    return tuple(subjects)
