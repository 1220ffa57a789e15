"""Shadowed routes: FastAPI and Starlette handlers an earlier route of the same router always answers for.

Starlette's router (FastAPI's too) takes the first route whose path pattern and method match a request, and
does not fall through to a later one when its handler or a dependency rejects it. So a route registered after
`@router.get("/{upload_id}")` on the same router, for GET, with a path every one of whose matches that pattern
matches (`/errors`, `/rejected_rows`), never runs: giga-data-ingestion's `list_rejected_uploads` and
`query_errors`, with the blocking calls PRR505 reported in them. A pattern is compared segment by segment: a
literal matches only itself, a plain `{name}` or `{name:str}` any one segment, `{name:path}` (last) any rest,
`{name:int}`, `{name:float}`, `{name:uuid}` only a literal of that shape (or a parameter of a narrower
convertor). The per-file pass records each router's registrations in order (prr_lint/route_order.py); a
handler is shadowed when every registration of it is, each of its methods by an earlier route of a block that
encloses its own (an `if` body may not run). Anything uncertain keeps the route: a computed path, a parameter
inside a segment, a convertor the project registers itself (`register_url_convertor`, which may redefine any
name), a route added in a loop, a router bound twice or made elsewhere, a registration the per-file pass did not
read (a handler also registered by a call it holds no record of: `registrations`).

Such a handler serves no request: the serving model leaves it out with the other unserved handlers
(phase.py, ServingAnalysis.unserve), and the dead-code analysis takes it, and the helpers only it calls, for
dead (dead_code.py).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Dict, FrozenSet, List, Optional, Tuple

from prr_lint.project.names import resolve_name
from prr_lint.route_order import CALLED, DEFAULT_METHODS, UNKNOWN, RouteRecord

_CONVERTOR_REGISTRY = "starlette.convertors.register_url_convertor"
_PARAMETER = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)(?::([a-zA-Z_][a-zA-Z0-9_]*))?\}")
# The literals a typed parameter matches: what every Starlette version's convertor regex matches (older floats
# took any character for the dot, older UUIDs only lower-case digits).
_SHAPES = {"int": re.compile(r"[0-9]+"), "float": re.compile(r"[0-9]+(\.[0-9]+)?"),
           "uuid": re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")}
_CONVERTORS = frozenset({"str", "path", *_SHAPES})
Segment = Tuple[bool, str]  # (a parameter, its convertor or the literal)


def shadowed_handlers(analysis) -> FrozenSet[str]:
    """The handlers every registration of which an earlier route answers for (module docstring), computed once."""
    return analysis.derived("shadowed-routes", lambda: _shadowed(analysis.index))


def _shadowed(index) -> FrozenSet[str]:
    if any(_CONVERTOR_REGISTRY in function.calls for function in index.functions.values()):
        return frozenset()
    verdicts: Dict[str, List[bool]] = {}
    registered: Counter = Counter()  # handler -> its registrations by a call (`add_api_route`, `Route(...)`)
    recorded: Counter = Counter()  # handler -> those of them the route records hold
    for module in index.modules.values():
        registered.update(resolve_name(index, handler) for _, _, handler, _, _ in module.registrations)
        groups: Dict[str, List[RouteRecord]] = {}
        for record in module.route_order:
            groups.setdefault(record[0], []).append(record)
            recorded.update([resolve_name(index, record[1])] if record[5] == CALLED else [])
        for records in groups.values():
            for handler, shadowed in _group(index, records):
                verdicts.setdefault(handler, []).append(shadowed)
    return frozenset(handler for handler, found in verdicts.items()
                     if all(found) and handler in index.functions and registered[handler] <= recorded[handler])


def _group(index, records: List[RouteRecord]) -> List[Tuple[str, bool]]:
    """Each registration of one router's group, in order, with whether earlier ones answer all its requests."""
    earlier: List[Tuple[List[Segment], FrozenSet[str], str]] = []
    found = []
    for _, name, path, methods, block, _ in records:
        handler = resolve_name(index, name)
        segments = _segments(path) if block != UNKNOWN else None
        verbs = _methods(index, handler, methods)
        if segments is None or verbs is None:
            found.append((handler, False))
            continue
        found.append((handler, all(any(verb in before and _encloses(where, block) and _covers(pattern, segments)
                                           for pattern, before, where in earlier) for verb in verbs)))
        earlier.append((segments, verbs, block))
    return found


def _methods(index, handler: str, methods: str) -> Optional[FrozenSet[str]]:
    """The methods a registration answers; a Starlette route without `methods=` answers GET and HEAD for a plain
    function (a class, or what a decorator made, may answer every method: unknown)."""
    if methods == DEFAULT_METHODS:
        function = index.functions.get(handler)
        return frozenset({"GET", "HEAD"}) if function is not None and not function.decorators else None
    return frozenset(methods.split(",")) if methods else None


def _encloses(outer: str, inner: str) -> bool:
    """A registration in block `outer` has run whenever one in block `inner`, later in the same scope, runs."""
    return inner == outer or inner.startswith(outer + "/")


def _segments(path: str) -> Optional[List[Segment]]:
    """`/items/{item_id:int}` -> [(False, ""), (False, "items"), (True, "int")]; None when uncertain."""
    if path and not path.startswith("/"):
        return None
    parts = path.split("/")
    found: List[Segment] = []
    for position, part in enumerate(parts):
        whole = _PARAMETER.fullmatch(part)
        if whole is not None:
            convertor = whole.group(2) or "str"
            if convertor not in _CONVERTORS or convertor == "path" and position != len(parts) - 1:
                return None
            found.append((True, convertor))
        elif "{" in part or "}" in part:  # a parameter inside a segment (`/{name}.json`)
            return None
        else:
            found.append((False, part))
    return found


def _covers(pattern: List[Segment], path: List[Segment]) -> bool:
    """Every request path `path` matches, `pattern` matches too."""
    if pattern[-1] == (True, "path"):  # any rest, the empty one too, after its slash
        return len(path) >= len(pattern) and all(map(_segment, pattern[:-1], path))
    return len(path) == len(pattern) and all(map(_segment, pattern, path))


def _segment(pattern: Segment, segment: Segment) -> bool:
    parameter, value = pattern
    if not parameter:
        return segment == pattern
    if value == "str":  # any one non-empty segment
        return segment[0] and segment[1] != "path" or not segment[0] and segment[1] != ""
    if segment[0]:
        return segment[1] == value or value == "float" and segment[1] == "int"
    return value in _SHAPES and _SHAPES[value].fullmatch(segment[1]) is not None
