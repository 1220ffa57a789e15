"""Serving entry points: what handles requests, found from module summaries (rule catalogue §2.2).

The per-file phase records plain facts in each summary (prr_lint/entry_marks.py): handler
registrations, router prefixes, hand-offs and instrumentation calls. `find_entry_points` reads only
summaries: it resolves decorators and receivers across modules, follows the class hierarchy, and
returns every entry point with its framework, route and location, plus the batch contexts (Celery
tasks, CLI commands ...) that are not serving code.
"""

from __future__ import annotations

from typing import Dict, Optional, Set

from prr_lint import frameworks as fw
from prr_lint.project.index import ProjectIndex
from prr_lint.project.model import EntryPoint, Options, ServingModel
from prr_lint.project.names import class_ancestors, methods, module_of, resolve_name
from prr_lint.project.routes import prefix_routes


def _short(name: str) -> str:
    return name.rpartition(".")[2]


def find_entry_points(index: ProjectIndex, options: Optional[Options] = None) -> ServingModel:
    options = options or Options()
    extra_decorators = set(options.extra_decorators)
    batch_decorators = fw.BATCH_DECORATORS | set(options.batch_contexts)
    batch_bases = (*fw.BATCH_BASES, *options.batch_contexts)
    found: Dict[str, EntryPoint] = {}
    seeds: Set[str] = set()
    batch: Set[str] = set()

    def add(qualname: str, framework: str, route: str, how: str) -> None:
        seeds.add(qualname)
        if qualname in found:
            existing = found[qualname]
            if route and not existing.route:
                found[qualname] = EntryPoint(existing.path, existing.line, qualname, existing.framework, route, existing.how)
            return
        module = module_of(index, qualname)
        function = index.functions.get(qualname)
        found[qualname] = EntryPoint(module.path if module else "", function.line if function else 0, qualname, framework, route, how)

    # Decorated functions.
    for qualname, function in index.functions.items():
        for position, decorator in enumerate(function.decorators):
            resolved = resolve_name(index, decorator) if decorator not in fw.ENTRY_DECORATORS else decorator
            if resolved in batch_decorators or decorator in batch_decorators or _cli_group_command(index, resolved):
                batch.add(qualname)
                break
            framework = fw.ENTRY_DECORATORS.get(resolved) or ("custom" if resolved in extra_decorators or decorator in extra_decorators else None)
            if framework is not None and _short(resolved) in fw.HOOK_NAMES:
                seeds.add(qualname)
                continue
            if framework is not None:
                route = function.decorator_args[position] if position < len(function.decorator_args) else ""
                if _short(resolved) not in fw.ROUTE_DECORATOR_SUFFIXES and framework != "drf":
                    route = ""
                add(qualname, framework, route, f"@{_short(resolved)}")
                break

    # Classes: views, servicers, handlers by base class; batch commands and tasks.
    for class_name in index.classes:
        ancestors = class_ancestors(index, class_name)
        if any(base in batch_bases for base in ancestors):
            batch.add(class_name)
            batch.update(methods(index, class_name))
            continue
        view = None
        for base in ancestors:
            view = fw.match_prefixed(base, fw.VIEW_BASES)
            if view is None and base in options.extra_base_classes:
                view = ("custom", ())
            if view is None and fw.GRPC_SERVICER_BASE.search(base):
                view = ("grpc", ())
            if view is not None:
                break
        if view is None:
            continue
        framework, verbs = view
        service = ""
        if framework == "grpc":
            base_name = next((b for b in ancestors if fw.GRPC_SERVICER_BASE.search(b)), "")
            service = base_name.rpartition(".")[2][: -len("Servicer")]
        for method in sorted(methods(index, class_name)):
            name = _short(method)
            if name.startswith("_"):
                continue
            function = index.functions[method]
            is_action = any(resolve_name(index, d) in fw.ACTION_DECORATORS for d in function.decorators)
            if not verbs or name in verbs or is_action:
                how = "servicer" if framework == "grpc" else ("@action" if is_action else "view method")
                add(method, framework, f"{service}/{name}" if service else "", how)
            else:
                seeds.add(method)  # a hook the framework calls while serving (get_queryset ...)

    # Registrations: add_url_rule, path(), Route(), router.register, add_get, add_XServicer_to_server ...
    extra_registrars = {resolve_name(index, fqn) for fqn in (options.extra_registrars or {})}
    registered_in: Dict[str, str] = {}  # handler -> the module that registered it (Django include prefixes)
    for module in index.modules.values():
        for registrar, route, handler, _where in module.registrations:
            framework, _, call = registrar.partition(":")
            if framework == "custom":
                if call not in extra_registrars and resolve_name(index, call) not in extra_registrars:
                    continue
            elif framework == "grpc" or not _registered_on_framework(index, call):
                continue
            target = resolve_name(index, handler)
            registered_in.setdefault(target, module.module)
            if target in index.functions:
                add(target, framework, route, "registered")
            elif target in index.classes and framework == "custom":
                for method in sorted(methods(index, target)):
                    if not _short(method).startswith("_"):
                        add(method, framework, route, "registered")
            elif target in index.classes:
                for method in sorted(methods(index, target)):
                    if method in found:
                        if route and not found[method].route:
                            existing = found[method]
                            found[method] = EntryPoint(existing.path, existing.line, method, existing.framework, route, existing.how)
    for handler in options.lambda_handlers:
        target = resolve_name(index, handler)
        if target in index.functions:
            add(target, "lambda", "", "lambda-handlers")
    for qualname in list(found):
        if qualname in batch:
            del found[qualname]
            seeds.discard(qualname)
    prefix_routes(index, found, registered_in)
    return ServingModel(sorted(found.values()), seeds, batch)


_FRAMEWORK_PREFIXES = ("flask.", "quart.", "fastapi.", "starlette.", "aiohttp.", "django.", "rest_framework.",
                       "tornado.", "falcon.")


def _registered_on_framework(index: ProjectIndex, call: str) -> bool:
    """A registrar recorded on an untyped receiver (an app imported from another module) counts
    once the project index types that receiver as a framework object."""
    if call.startswith(_FRAMEWORK_PREFIXES):
        return True
    owner = call.rpartition(".")[0]
    return bool(owner) and resolve_name(index, owner).startswith(_FRAMEWORK_PREFIXES)


def _cli_group_command(index: ProjectIndex, decorator: str) -> bool:
    """`@cli.command()` where `cli` is a click group defined in the project."""
    owner, _, attribute = decorator.rpartition(".")
    if attribute not in ("command", "group"):
        return False
    group = index.functions.get(owner)
    return group is not None and any(
        resolve_name(index, d) in fw.BATCH_DECORATORS for d in group.decorators
    )
