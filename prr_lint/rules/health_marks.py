"""Per-file marks of health probes (PRR206): a route registered at a probe path, a wrapper comparing
the request path with one, a handler whose docstring says it answers probes.

A probe route is not always named like one: luigi's `RootPathHandler.head` ("HEAD endpoint for
health checking the scheduler") and glances' `_api_status` ("should be used to check the API
health", registered at an f-string path the route search cannot read) are the probes their
deployments use. The author's own word is the most direct evidence there is.
"""

from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from prr_lint.tree import descendants, literal_value

# Function tag: the function's docstring says it serves health checks.
DOCUMENTED_PROBE = "documented-probe"

_PROBE_DOC = re.compile(
    r"\bhealth[- ]?check|\bcheck(?:s|ing)? (?:the |its )?(?:\w+ )?health\b|\bliveness\b|\breadiness probe|\bhealth (?:probe|endpoint)",
    re.IGNORECASE,
)


def documents_probe(node: cst.FunctionDef) -> bool:
    """The function's docstring says it is a health-check endpoint."""
    docstring = node.get_docstring()
    return docstring is not None and _PROBE_DOC.search(docstring) is not None


_PROBE_PATH = re.compile(r"^/?(health|healthz|healthcheck|health[-_]check|ready|readyz|readiness|live|livez|liveness|ping)/?$")


def compares_request_path_to_probe(node: cst.Comparison) -> bool:
    """A comparison of a request's path (`PATH_INFO`, `scope["path"]`, `request.path`) with a probe path."""
    sides = [node.left, *(target.comparator for target in node.comparisons)]
    strings = [n for side in sides for n in (side, *descendants(side)) if isinstance(n, cst.SimpleString)]
    # literal_value: a plain literal's text, without a literal_eval per string of every comparison
    probe = any(isinstance(value, str) and _PROBE_PATH.match(value) for value in map(literal_value, strings))
    path = any(
        (isinstance(n, cst.SimpleString) and literal_value(n) in ("PATH_INFO", "path", "raw_path"))
        or (isinstance(n, cst.Attribute) and n.attr.value in ("path", "path_info"))
        for side in sides for n in (side, *descendants(side))
    )
    return probe and path


_ROUTE_REGISTRARS = frozenset({"add_url_rule", "add_route", "add_api_route", "add_get", "route"})
_PROBE_SEGMENT = re.compile(r"^(health|healthz|healthcheck|health[-_]check|ready|readyz|readiness|live|livez|liveness|ping)$")


def registers_probe_path(node: cst.Call, name: Optional[str]) -> bool:
    """A route registered at a probe path (`bp.add_url_rule("/ping", "ping", lambda: ("", 204))`,
    `path("healthz", ...)`), whatever answers it: a lambda or a framework view is no entry point of
    the project's, but the app answers probes."""
    method = node.func.attr.value if isinstance(node.func, cst.Attribute) else None
    if method not in _ROUTE_REGISTRARS and name not in ("django.urls.path", "django.urls.re_path"):
        return False
    first = node.args[0].value if node.args and node.args[0].keyword is None else None
    route = first.evaluated_value if isinstance(first, cst.SimpleString) else None
    return isinstance(route, str) and is_probe_path(route)


def is_probe_path(route: str) -> bool:
    """A route whose last segment names a probe (`/healthz`, `/api/v1/ready`, Django's `^ping$`)."""
    return bool(_PROBE_SEGMENT.match(route.strip("^$/").rpartition("/")[2].lower()))
