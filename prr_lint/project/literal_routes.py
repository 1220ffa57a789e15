"""PRR205 in the project phase: a label of the request's path in a view only literal routes reach
(condition `unless-literal-routes`, rules/metric_rules.py `LITERAL_ROUTES`).

The router calls a view only for the paths its rules match. A Flask or FastAPI view registered only on
rules without converters or path parameters (`@app.route("/v1/create")`, `@router.post("/items")`) sees
only those paths in `request.path` (`request.url.path`): a trailing-slash or doubled-slash variant is
redirected or answered 404 before any view runs. Such a label has at most one value per rule, however many
users send requests. A function only such views call sees the same paths.

Anything else keeps the finding: a rule with a converter or parameter (`/items/<id>`, `/items/{id}`), a
project where some router prefix or mount has one (which views it covers is not always known: only the
first rule's router of a view is, and a mount of an app a factory builds may not be), a request hook or
error handler (`before_request`, `errorhandler`, `middleware`: they see every path, 404s included), a view
found by its class or registered by a call, a function some code uses as a value (handed to a registration,
a thread, a table: it may run from anywhere), one a module's top level calls, or one a caller of any such
kind reaches. Django and DRF routes are left out: a regex route without `$` matches every path it starts.

Subjects: the function the label is in.
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Optional, Set

from prr_lint import frameworks as fw
from prr_lint.model import Finding, Pending
from prr_lint.project.names import decorator_name
from prr_lint.rules.metric_rules import LITERAL_ROUTES

Judge = Callable[[Pending], Optional[Finding]]

# Frameworks whose routes are templates (`<name>`, `{name}` mark the only variable parts) matched whole.
_TEMPLATE_ROUTES = frozenset({"flask", "quart", "flask-smorest", "fastapi", "starlette"})
_PARAMETER_MARKS = frozenset("<>{}")
_MAX_CALLERS = 6  # hops of callers followed up to the views


def literal(route: str) -> bool:
    """A route template with no variable part: it matches one path."""
    return route.startswith("/") and not _PARAMETER_MARKS & set(route)


class LiteralRoutes:
    """Which functions run only inside views whose routes are all literal."""

    def __init__(self, analysis) -> None:
        self.analysis = analysis
        self.index = analysis.index
        self.callers = analysis.graph.callers()
        self.values: FrozenSet[str] = frozenset(name for module in self.index.modules.values()
                                                for name in module.value_uses)
        self.variable_prefix = any(_PARAMETER_MARKS & set(prefix) for module in self.index.modules.values()
                                   for _kind, _owner, _child, prefix in module.prefixes)
        self.answers: Dict[str, bool] = {}

    def bounded(self, qualname: str, depth: int = 0, seen: FrozenSet[str] = frozenset()) -> bool:
        """`qualname` runs only in views whose every route is literal, called there or by functions that are."""
        if qualname not in self.answers:
            self.answers[qualname] = self._bounded(qualname, depth, seen | {qualname})
        return self.answers[qualname]

    def _bounded(self, qualname: str, depth: int, seen: FrozenSet[str]) -> bool:
        function = self.index.functions.get(qualname)
        if function is None or qualname.rpartition(".")[2] in self.values:
            return False
        routes = self._routes(qualname)
        if routes is None:
            return False
        callers: Set[str] = set(self.callers.get(qualname, ()))
        if not routes and not callers:
            return False  # nothing shown runs it: some framework or caller the project does not show may
        if depth >= _MAX_CALLERS or callers & seen:
            return not callers
        return all(caller in self.index.functions and self.bounded(caller, depth + 1, seen) for caller in callers)

    def _routes(self, qualname: str) -> Optional[tuple]:
        """The literal routes `qualname` is a view of (empty: no view), or None when a route, a hook or the way
        it is found as an entry point may see other paths."""
        function = self.index.functions[qualname]
        routes = []
        for position, decorator in enumerate(function.decorators):
            resolved = decorator_name(self.index, decorator)
            framework = fw.ENTRY_DECORATORS.get(resolved)
            if framework is None:
                continue
            short = resolved.rpartition(".")[2]
            route = function.decorator_args[position] if position < len(function.decorator_args) else ""
            if framework not in _TEMPLATE_ROUTES or short in fw.HOOK_NAMES \
                    or short not in fw.ROUTE_DECORATOR_SUFFIXES or not literal(route):
                return None
            routes.append(route)
        entry = self.analysis.entry_by_name.get(qualname)
        if entry is None and not routes:
            return () if qualname not in self.analysis.model.seeds else None
        if entry is None or not routes or entry.registered or not literal(entry.route) or self.variable_prefix:
            return None  # routed by a call or a class, or maybe under a prefix with a parameter
        return tuple(routes)


def literal_route_conditions(project) -> Dict[str, Callable[[], Judge]]:
    """`unless-literal-routes`: the finding stays unless its function runs only in literal-route views."""

    def build() -> Judge:
        routes = LiteralRoutes(project.analysis())

        def check(item: Pending) -> Optional[Finding]:
            return None if routes.bounded(item.subjects[0]) else item.finding

        return check

    return {LITERAL_ROUTES: build}
