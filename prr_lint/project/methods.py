"""The HTTP method of each entry point, for the listing: from the verb a handler is named after
(`get`, DRF's `list` or `destroy`, a verb a project router maps to it), the decorator that routes it
(`@bp.post`, `methods=["PUT"]`, `@action(methods=["post"])`), or the framework's default."""

from __future__ import annotations

from dataclasses import replace
from typing import Dict, Set

from prr_lint import frameworks as fw
from prr_lint.project.index import ProjectIndex
from prr_lint.project.model import EntryPoint

_VIEWSET_ACTIONS = {"list": "GET", "retrieve": "GET", "create": "POST", "update": "PUT", "partial_update": "PATCH",
                    "destroy": "DELETE"}
# Frameworks whose route decorators and registrations answer GET unless told otherwise.
_GET_BY_DEFAULT = frozenset({"flask", "quart", "flask-smorest", "sanic", "bottle"})


def with_methods(index: ProjectIndex, found: Dict[str, EntryPoint]) -> None:
    """Set `method` on every entry point whose method can be told ("" when any or unknown)."""
    mapped = _router_mapped(index)
    for qualname, entry in list(found.items()):
        method = _method(index, entry, mapped)
        if method:
            found[qualname] = replace(entry, method=method)


def _method(index: ProjectIndex, entry: EntryPoint, mapped: Dict[str, Set[str]]) -> str:
    if entry.route.startswith("POST /") or entry.framework in ("strawberry", "graphene", "ariadne"):
        return "POST"
    name = entry.qualname.rpartition(".")[2]
    function = index.functions.get(entry.qualname)
    named = next((tag[len(fw.ROUTE_METHODS):] for tag in function.tags if tag.startswith(fw.ROUTE_METHODS)), "") if function else ""
    if named:
        return named
    if function is not None and any(tag.startswith(fw.DRF_ACTION) for tag in function.tags):
        return "GET"  # an `@action` without `methods=` (`trace` is its name here, not the verb)
    if entry.how.startswith("@") and entry.how[1:] in fw.HTTP_VERBS:
        return entry.how[1:].upper()
    if name in fw.HTTP_VERBS and entry.qualname.rpartition(".")[0] in index.classes:
        return name.upper()  # a view class's verb method
    if entry.framework == "drf":
        if name in _VIEWSET_ACTIONS:
            return _VIEWSET_ACTIONS[name]
        if name in mapped:
            return ",".join(sorted(mapped[name]))
        return ""
    if name.startswith("on_") and name[3:].split("_")[0] in fw.HTTP_VERBS and entry.framework == "falcon":
        return name[3:].split("_")[0].upper()
    if entry.framework in _GET_BY_DEFAULT and entry.how in ("@route", "registered", "@api_route"):
        return "GET"
    return ""


def _router_mapped(index: ProjectIndex) -> Dict[str, Set[str]]:
    """Method names project routers map verbs to (`{"put": "bulk_update"}`) -> those verbs."""
    mapped: Dict[str, Set[str]] = {}
    for module in index.modules.values():
        for kind, _owner, name, verb in module.prefixes:
            if kind == "action-map" and verb:
                mapped.setdefault(name, set()).add(verb)
    return mapped
