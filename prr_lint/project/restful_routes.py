"""PRR104 in the project phase: a handler registered on a Flask app or blueprint that no request's error
reaches, as every route the service serves is a flask-restful or flask-restx resource (condition
`unless-restful-routes`).

Both `Api` classes put their `error_router` in front of the app's `handle_user_exception` and
`handle_exception` (rules/framework_reports.py): an error raised while one of their resources serves the
request goes to `Api.handle_error`, which answers it and, for a 5xx, calls `current_app.log_exception` first.
Flask's own handling, and the handlers registered there (`app.register_error_handler(Exception, f)`), get
only what `handle_error` re-raises: every error that is no HTTPException when `PROPAGATE_EXCEPTIONS` holds
(debug and testing, or a configuration that sets it). So the handler loses nothing when:
- the service serves at least one resource and no other Flask route (a plain `@app.route` view, an
  `add_url_rule`, a `MethodView`, a Resource routed by `as_view`: the Api owns none of those endpoints);
- no project subclass of those Api classes overrides `handle_error` or `error_router` with a method that
  reports nothing (`def handle_error(self, e): raise e` hands every error back to Flask);
- no module of the service spells `PROPAGATE_EXCEPTIONS` (a config that may turn it on).
Otherwise the condition the finding carried before decides.

Subjects: the next condition ("" for none), then its subjects.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, Optional

from prr_lint import frameworks as fw
from prr_lint.model import RESTFUL_ROUTES, Finding, Pending
from prr_lint.project.names import class_ancestors
from prr_lint.project.reporters import reporter_functions
from prr_lint.project.support import test_modules
from prr_lint.rules.framework_reports import ROUTING_APIS

Judge = Callable[[Pending], Optional[Finding]]

_RESOURCES = frozenset(ROUTING_APIS.values())
_ROUTING_METHODS = ("handle_error", "error_router")
_PROPAGATE = "PROPAGATE_EXCEPTIONS"


def restful_routes_conditions(project, judge: Judge) -> Dict[str, Callable[[], Judge]]:
    """`judge` settles the condition the finding carries next."""

    def build() -> Judge:
        silent = _only_logging_resources(project)

        def check(item: Pending) -> Optional[Finding]:
            if silent:
                return None
            condition, rest = item.subjects[0], item.subjects[1:]
            return judge(replace(item, condition=condition, subjects=rest)) if condition else item.finding

        return check

    return {RESTFUL_ROUTES: build}


def _only_logging_resources(project) -> bool:
    """Every Flask route is a resource of an Api that logs its 5xx errors (module docstring)."""
    flask_routes = [entry.framework for entry in project.analysis().model.entry_points
                    if fw.ENTRY_APP_FAMILY.get(entry.framework, entry.framework) == "flask"]
    if not flask_routes or any(framework not in _RESOURCES for framework in flask_routes):
        return False
    index = project.index
    tests = test_modules(index)
    service = [module for name, module in index.modules.items() if name not in tests]
    if any(_PROPAGATE in module.words for module in service):
        return False
    reporters = reporter_functions(index)
    for module in service:
        for cls in module.classes:
            if not any(fw.canonical(base) in ROUTING_APIS for base in class_ancestors(index, cls)):
                continue
            overrides = (f"{cls}.{name}" for name in _ROUTING_METHODS)
            if any(method in index.functions and method not in reporters for method in overrides):
                return False
    return True
