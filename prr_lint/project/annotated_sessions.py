"""PRR501: calls on sessions typed only by an annotation naming `requests.Session` (rules/annotated_sessions.py).

`def download_asset(session: Session, url)` names the base class whatever object its callers hand in. When
the service makes every session object as a project subclass whose `request` or `send` fills in a missing
timeout (session_patches.fills_timeout: the method tag `fills-default-timeout`), the object such a
parameter holds is one of those, and a call on it without `timeout` gets the subclass's default: icloudpd
builds one `PyiCloudSession` and hands it down through parameters and attributes annotated `Session`.

The service's sessions are every call, in a module that is not test code, of `requests.Session`,
`requests.session` (however imported) and of a project class derived from `requests.Session`. The finding
stays when one of them is a plain session or a subclass that fills in no timeout, when none is a filling
subclass (nothing tells what the annotation holds then), and when a caller outside tests hands a parameter
annotated `requests.Session` something else: what a library call returns, a library's object or class of
its own (`requests_cache.CachedSession()`), what a project function returns that is not known to be such a
session, a value nothing tells. An argument the summaries type (receivers.py) must be `requests.Session`
(itself held by such an annotation, as no plain session is made) or a filling subclass; an attribute
chain nothing types (`icloud.photos.session`, through a property) is taken as the project's own object,
which holds one of the sessions the service makes.

A subclass that fills the timeout under a condition (`if "timeout" not in kwargs and self.service.http_timeout
is not None`) counts as filling, as for a patched module global (the method tag does not read conditions):
the fill is what the class is for, and icloudpd leaves the timeout unset only when a caller sets its
`http_timeout`, 30.0 by default, to None on purpose.
"""

from __future__ import annotations

from typing import Dict, List, Set

from prr_lint.library_types import canonical
from prr_lint.project.callgraph import CallGraph
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors, resolve_name
from prr_lint.project.session_patches import SESSION_CLASSES, fills_timeout
from prr_lint.project.support import test_modules
from prr_lint.receivers import CALLED, PARAMETER, UNKNOWN
from prr_lint.rules.annotated_sessions import SESSION_PARAMETER
from prr_lint.rules.clients import REQUESTS_SESSION

_PLAIN_SESSIONS = frozenset({REQUESTS_SESSION, "requests.session", "requests.sessions.session"})


def annotated_sessions_bounded(index: ProjectIndex, graph: CallGraph) -> bool:
    """Whether a session typed only by an annotation naming `requests.Session` gets a default timeout from its
    class (module docstring); worked out once per run."""
    return index.derived("annotated-sessions-bounded", lambda: _bounded(index, graph))


def _bounded(index: ProjectIndex, graph: CallGraph) -> bool:
    tests = test_modules(index)
    built = False
    for name, module in index.modules.items():
        for function in module.functions.values() if name not in tests else ():
            for call in function.calls:
                if canonical(call) in _PLAIN_SESSIONS:
                    return False
                cls = index.canonical(call)
                if cls in index.classes and SESSION_CLASSES.intersection(class_ancestors(index, cls)):
                    if not fills_timeout(index, cls):
                        return False
                    built = True
    return built and _arguments_are_sessions(index, graph, tests)


def _arguments_are_sessions(index: ProjectIndex, graph: CallGraph, tests: Set[str]) -> bool:
    """Every argument a caller outside tests gives a parameter annotated `requests.Session` holds one of the
    sessions the service makes (module docstring)."""
    slots: Dict[str, List[str]] = {}
    for name, function in index.functions.items():
        for tag in function.tags:
            if tag.startswith(SESSION_PARAMETER):
                slots.setdefault(name, []).extend(tag[len(SESSION_PARAMETER):].split(":", 1))
    if not slots:
        return True
    receivers = graph.receivers.seeing(frozenset({REQUESTS_SESSION}))
    for target, sites in receivers.call_sites().items():
        wanted = slots.get(target, ())
        for slot, expr, caller in sites:
            if slot in wanted and index.module_of(caller) not in tests and not _holds_session(index, receivers, expr):
                return False
    return True


def _holds_session(index: ProjectIndex, receivers, expr: str) -> bool:
    """A receiver expression typed as `requests.Session` or a filling subclass, or an attribute chain nothing types."""
    types = receivers.types(expr)
    if types:
        return all(cls == REQUESTS_SESSION or fills_timeout(index, cls) for cls in types)
    if expr == UNKNOWN or expr.endswith(CALLED) or PARAMETER in expr:
        return False
    named = resolve_name(index, expr)
    return bool(index.module_of(named)) or named in index.classes
