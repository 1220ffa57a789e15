"""The routes a DRF router gives a registered viewset's methods, and the methods a project router class maps.

`router.register("docs", DocumentViewSet)` routes the list actions at `docs/`, the detail actions at
`docs/<pk>/` (the viewset's `lookup_url_kwarg` or `lookup_field`) and each `@action` at its own path below
one of them (project/entrypoints.py lists the handlers).
"""

from __future__ import annotations

from typing import Dict, Set

from prr_lint import frameworks as fw
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors, resolve_name


def viewset_route(index: ProjectIndex, prefix: str, method: str, viewset: str) -> str:
    """The route a DRF router gives a viewset method under the registered prefix: `prefix/` for the
    list route, `prefix/<pk>/` for the detail route, `prefix/[<pk>/]<url_path>/` for an `@action`."""
    if not prefix:
        return prefix
    name = method.rpartition(".")[2]
    action = next((tag[len(fw.DRF_ACTION):] for tag in index.functions[method].tags if tag.startswith(fw.DRF_ACTION)), "")
    base = prefix.rstrip("/") + "/"
    detail = f"<{_lookup(index, viewset)}>/"
    if action:
        where, _, path = action.partition(":")
        return f"{base}{detail if where == 'detail' else ''}{path or name}/"
    return base + detail if name in ("retrieve", "update", "partial_update", "destroy") else base


def _lookup(index: ProjectIndex, viewset: str) -> str:
    """The URL keyword of a viewset's detail route: `lookup_url_kwarg`, else `lookup_field`, along its
    project bases, else DRF's `pk`."""
    table = index.derived("viewset-lookups", lambda: _lookup_table(index))
    for kind in ("lookup_url_kwarg", "lookup_field"):
        for name in (viewset, *class_ancestors(index, viewset)):
            if kind in table.get(name, {}):
                return table[name][kind]
    return "pk"


def _lookup_table(index: ProjectIndex) -> Dict[str, Dict[str, str]]:
    """Class -> its `lookup_field` / `lookup_url_kwarg` values."""
    table: Dict[str, Dict[str, str]] = {}
    for module in index.modules.values():
        for kind, owner, value, _ in module.prefixes:
            if kind in ("lookup_field", "lookup_url_kwarg"):
                table.setdefault(owner, {})[kind] = value
    return table


def _router_action_table(index: ProjectIndex) -> Dict[str, Set[str]]:
    """Router class -> the method names its action maps name."""
    actions: Dict[str, Set[str]] = {}
    for module in index.modules.values():
        for kind, owner, name, _ in module.prefixes:
            if kind == "action-map":
                actions.setdefault(owner, set()).add(name)
    return actions


def router_actions(index: ProjectIndex, router: str) -> Set[str]:
    """Method names a project router class (or a project base of it) maps HTTP verbs to."""
    actions = index.derived("router-actions", lambda: _router_action_table(index))
    if not actions or not router:
        return set()
    cls = resolve_name(index, router)
    found: Set[str] = set()
    for name in (cls, *class_ancestors(index, cls)):
        found.update(actions.get(name, ()))
    return found
