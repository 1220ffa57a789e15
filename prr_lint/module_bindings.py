"""What a module's top-level bindings put in its summary: imported names (and how often a name is
imported again to the same object), the types of globals built
by a call, its plain Celery apps (rules/celery_apps.py), reporters (a global wrapping a logging sink), type aliases,
route or flow lists, and the mappings a loader fills in place (config_paths.py).

The summary walk (summary.py) reads these once from the resolver's module scope before it visits a
node, so that every later call and decorator can name a router or app by its module-level key. It is
its own job, beside the walk's per-node marks: every answer comes from the last binding of a name, and a name
bound in alternative branches lists what each binds (`ModuleSummary.alternatives`).
"""

from __future__ import annotations

import libcst as cst

from prr_lint import flow_marks
from prr_lint.config_paths import filled_mappings, instance_ties
from prr_lint.entry_marks import MarkState, object_key, record_route_list
from prr_lint.metric_objects import library_made
from prr_lint.model import FunctionSummary, ModuleSummary
from prr_lint.resolve import Resolver
from prr_lint.rules.celery_apps import celery_app_tags
from prr_lint.rules.env_globals import env_globals
from prr_lint.sinks import wraps_sink
from prr_lint.type_imports import type_only_imports


def record_bindings(summary: ModuleSummary, resolver: Resolver, marks: MarkState) -> None:
    """The module scope's bindings, by kind of their last binding: an import, a value a call builds,
    an alias of another object, a list or tuple literal; and which imports only a type checker runs (type_imports.py),
    which globals hold an environment switch (rules/env_globals.py), what names a package's `__init__` binds."""
    summary.type_only_imports = type_only_imports(resolver)
    summary.env_globals = env_globals(resolver)
    apps = celery_app_tags(resolver)  # on its top level: the project phase checks a health probe's app (PRR303)
    if apps:
        summary.functions.setdefault(resolver.module_name, FunctionSummary(resolver.module_name)).tags.extend(apps)
    summary.mapping_ties = {**instance_ties(resolver), **{name: tie for name, tie in filled_mappings(resolver).items() if tie is not None}}
    if summary.path.rpartition("/")[2].startswith("__init__."):
        own = f"{resolver.module_name}."
        summary.package_names = frozenset(name for name, bindings in resolver.module_scope.bindings.items()
                                          if not (bindings[-1].kind == "import" and bindings[-1].target == own + name))
    for name, bindings in resolver.module_scope.bindings.items():
        if len(bindings) > 1:
            _record_alternatives(summary, resolver, name)
        if bindings[-1].kind == "import" and bindings[-1].target:
            summary.imports[name] = bindings[-1].target
            repeated = sum(1 for binding in bindings if binding.kind == "import" and binding.target == bindings[-1].target)
            if repeated > 1:
                summary.repeated_imports[name] = repeated
        elif bindings[-1].kind == "value" and isinstance(bindings[-1].value, cst.Call):
            typed = resolver.instance_type(cst.Name(name), resolver.module_scope)
            typed = typed or library_made(resolver, cst.Name(name), resolver.module_scope)  # metric_objects.py
            if typed is not None:
                summary.globals[name] = typed
            elif wraps_sink(bindings[-1].value, resolver, resolver.module_scope):
                summary.reporters.append(name)
            # Routers and apps built here are known by this name in every module.
            marks.keys[id(bindings[-1].value)] = f"{resolver.module_name}.{name}"
        elif bindings[-1].kind == "alias" and bindings[-1].value is not None:
            # `DbSession: TypeAlias = Session`: another module's `session: DbSession` is that class
            target = resolver.qualified_name(bindings[-1].value, resolver.module_scope)
            if target and (target.partition(".")[0] not in ("builtins", resolver.module_name.partition(".")[0])
                           or _reexported(resolver, bindings[-1].value, target, name)):
                summary.imports.setdefault(name, target)
        elif bindings[-1].kind == "value" and isinstance(bindings[-1].value, (cst.List, cst.Tuple)):
            record_route_list(summary, resolver, f"{resolver.module_name}.{name}", bindings[-1].value)
            flow_marks.record_items(summary, f"{resolver.module_name}.{name}", bindings[-1].value,
                                    lambda element: object_key(resolver, element))


def _record_alternatives(summary: ModuleSummary, resolver: Resolver, name: str) -> None:
    """What each branch binds a name to, when the module binds it in alternative branches to different
    objects (resolve.Resolver.alternatives); the rest of this module answers from the last binding."""
    named = []
    scope = resolver.module_scope
    for binding in scope.layout.ends_of(name, scope.bindings[name], -1):
        target = resolver.binding_name(binding)
        if target is not None and target not in named:  # a branch binding a value names nothing
            named.append(target)
    if len(named) > 1:
        summary.alternatives[name] = named


def _reexported(resolver: Resolver, value: cst.BaseExpression, target: str, name: str) -> bool:
    """`RESTfulClient = Client` beside `from .restful import Client`: a second public name of an
    imported project object, which other modules call through (`client.RESTfulClient(url).login()`)."""
    bindings = resolver.module_scope.bindings.get(value.value, []) if isinstance(value, cst.Name) else []
    return bool(bindings) and bindings[-1].kind == "import" and target != f"{resolver.module_name}.{name}"
