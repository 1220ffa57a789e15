"""Per-file marks of route details the listing shows: HTTP methods named by route decorators, DRF
`@action` paths, the verbs a project router maps to viewset methods, a viewset's lookup keyword, and
a Litestar controller's route prefix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.tree import keyword_value, string_value

if TYPE_CHECKING:
    from prr_lint.model import ModuleSummary
    from prr_lint.resolve import Resolver


def decorator_methods(decorator: cst.Decorator) -> str:
    """The HTTP methods a route decorator names (`methods=["GET", "POST"]`, DRF's `@api_view(["POST"])`),
    as "GET,POST", or ""."""
    call = decorator.decorator
    if not isinstance(call, cst.Call):
        return ""
    first = call.args[0] if call.args and call.args[0].keyword is None and not call.args[0].star else None
    listed = keyword_value(call, "methods") or keyword_value(call, "http_method_names") or (first.value if first is not None else None)
    if not isinstance(listed, (cst.List, cst.Tuple, cst.Set)):
        return ""
    names = [string_value(element.value).upper() for element in listed.elements]
    return ",".join(names) if names and all(name.lower() in fw.HTTP_VERBS for name in names) else ""


def action_path(resolver: "Resolver", decorator: cst.Decorator) -> str:
    """`@action(detail=True, url_path="render-config")` -> "detail:render-config" (the part of a DRF
    router's route it adds; `url_path` defaults to the method name, "" here), or "" for other decorators."""
    call = decorator.decorator
    if not isinstance(call, cst.Call) or resolver.qualified_name(call.func) not in fw.ACTION_DECORATORS:
        return ""
    detail = keyword_value(call, "detail")
    where = "detail" if isinstance(detail, cst.Name) and detail.value == "True" or (
        resolver.qualified_name(call.func) or "").endswith("detail_route") else "list"
    return f"{where}:{string_value(keyword_value(call, 'url_path'))}"


def record_action_map(summary: "ModuleSummary", resolver: "Resolver", node: cst.Dict) -> None:
    """`{"put": "bulk_update", ...}` in a method of a class (a DRF router subclass mapping verbs of its
    routes to more viewset methods, `route._replace(mapping={**route.mapping, "post": "run"})`): each
    method name is recorded for the class; the project phase uses it for viewsets that class registers."""
    scope = resolver.enclosing_function
    owner = scope.owner_class if scope is not None else None
    if owner is None:
        return
    names = []
    for element in node.elements:
        if isinstance(element, cst.StarredDictElement):
            continue
        key, value = string_value(element.key), string_value(element.value)
        if key not in fw.HTTP_VERBS or not value.isidentifier():
            return
        names.append((value, key.upper()))
    for name, verb in names:
        summary.prefixes.append(("action-map", owner.qualname, name, verb))


def record_lookup(summary: "ModuleSummary", owner: str, node: cst.Assign) -> None:
    """`lookup_field = "name"` (or `lookup_url_kwarg`) in a class body: the URL keyword of a DRF
    viewset's detail route (`<name>` instead of `<pk>`)."""
    target = node.targets[0].target if len(node.targets) == 1 else None
    if isinstance(target, cst.Name) and target.value in ("lookup_field", "lookup_url_kwarg") and string_value(node.value):
        summary.prefixes.append((target.value, owner, string_value(node.value), ""))


def controller_attribute(imports: Iterable[str]) -> str:
    """The class attribute that prefixes a controller's routes in a module with these imports, or ""."""
    return next((fw.CONTROLLER_PATH_ATTRIBUTES[package] for target in imports
                 if (package := target.partition(".")[0]) in fw.CONTROLLER_PATH_ATTRIBUTES), "")


def record_controller_path(summary: "ModuleSummary", owner: str, node: cst.Assign, attribute: str) -> None:
    """`path = "/users"` in a Litestar `Controller`, `route = "/users"` in a BlackSheep one (`attribute`, of the
    class `owner`): the prefix of its handlers' routes."""
    if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
        return
    if node.targets[0].target.value != attribute:
        return
    value = node.value
    if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
        summary.prefixes.append(("router", owner, "", value.evaluated_value))
