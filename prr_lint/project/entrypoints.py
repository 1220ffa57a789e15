"""Serving entry points: what handles requests, found from module summaries (rule catalogue §2.2).

The per-file phase records plain facts in each summary (prr_lint/entry_marks.py): handler
registrations, router prefixes, hand-offs and instrumentation calls. `find_entry_points` reads only
summaries: it resolves decorators and receivers across modules, follows the class hierarchy, and
returns every entry point with its framework, route and location, plus the batch contexts (Celery
tasks, CLI commands ...) that are not serving code.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple

from prr_lint import frameworks as fw
from prr_lint.paths import is_test_path
from prr_lint.model import TASK_BASE
from prr_lint.project.click_params import parameter_commands
from prr_lint.project.graphql import find_resolvers
from prr_lint.project.index import ProjectIndex
from prr_lint.project.known_bases import INERT_BASES, known_api_only
from prr_lint.project.methods import with_methods
from prr_lint.project.object_dispatch import dispatch_hooks, exposed_handlers
from prr_lint.project.model import BatchContext, EntryPoint, Options, ServingModel
from prr_lint.project.names import class_ancestors, decorator_name, lineage, methods, module_of, resolve_name
from prr_lint.project.paste_apps import PasteFactory, served_objects
from prr_lint.project.receivers import Receivers
from prr_lint.project.routes import prefix_routes
from prr_lint.project.task_bases import celery_task_class
from prr_lint.project.typed_commands import typed_commands
from prr_lint.project.viewset_routes import router_actions, viewset_route


def _short(name: str) -> str:
    return name.rpartition(".")[2]


class _Search:
    """One pass over the index: the entry points found so far, their prefix keys and the batch code."""

    def __init__(self, index: ProjectIndex, options: Options) -> None:
        self.index = index
        self.options = options
        self.found: Dict[str, EntryPoint] = {}
        self.seeds: Set[str] = set()
        self.batch: Set[str] = set()
        # Entry point -> the object whose router prefix applies (the routed class of an inherited verb).
        self.keys: Dict[str, str] = {}
        # Handler -> the module that registered it (Django include prefixes).
        self.registered_in: Dict[str, str] = {}
        self.contexts: Dict[Tuple[str, str], BatchContext] = {}
        # Each registration outside tests, resolved once (`_registered`): routes and Django's routed classes read it.
        self.registered: List[Tuple[str, str, str, str, str, str, str, bool]] = list(_registered(index, options))

    def batch_context(self, qualname: str, kind: str, detail: str = "", registered: str = "") -> None:
        """Mark `qualname` as batch code and list it as a context of `kind` (once per kind)."""
        self.batch.add(qualname)
        if (qualname, kind) in self.contexts:
            return
        module = module_of(self.index, qualname)
        function = self.index.functions.get(qualname)
        self.contexts[(qualname, kind)] = BatchContext(module.path if module else "", function.line if function else 0,
                                                       qualname, kind, detail, registered)

    def resolve(self, name: str) -> str:
        return fw.canonical(resolve_name(self.index, name))

    def add(self, qualname: str, framework: str, route: str, how: str, key: str = "", registered: str = "",
            line: int = 0) -> None:
        self.seeds.add(qualname)
        if key:
            self.keys.setdefault(qualname, key)
        existing = self.found.get(qualname)
        if existing is not None:
            if route and not existing.route:
                # A view class found by its base, routed here: this registration also names its framework.
                # (A DRF view routed by Django's `path()` stays a DRF view.)
                more_specific = framework if existing.how == "view method" and framework != "custom" and not (
                    existing.framework == "drf" and framework == "django") else existing.framework
                self.found[qualname] = replace(existing, framework=more_specific, route=route,
                                               registered=existing.registered or registered)
            return
        module = module_of(self.index, qualname)
        function = self.index.functions.get(qualname)
        self.found[qualname] = EntryPoint(module.path if module else "", function.line if function else line, qualname,
                                          framework, route, how, registered)

    def method(self, class_name: str, name: str) -> Optional[str]:
        """`name` looked up on a class along its project bases (an inherited verb serves too)."""
        return self.index._method(class_name, name, set())

    def verbs(self, class_name: str, verbs: Tuple[str, ...]) -> Iterator[str]:
        for verb in verbs:
            found = self.method(class_name, verb)
            if found is not None:
                yield found


def find_entry_points(index: ProjectIndex, options: Optional[Options] = None,
                      paste: Sequence[PasteFactory] = (), receivers: Optional[Receivers] = None) -> ServingModel:
    """The serving model; `paste` holds the factories the project's paste configuration names
    (project/paste_apps.py), which only deployment files name; `receivers` types the receivers of
    decorators (the call graph's: typed_commands.py)."""
    search = _Search(index, options or Options())
    _decorated_functions(search)
    for name, (kind, detail) in sorted(typed_commands(index, receivers, search.batch).items() if receivers is not None else ()):
        search.batch_context(name, kind, detail)
    _view_classes(search)
    exposed_classes = _decorated_classes(search)
    _registrations(search)
    _overridden_everywhere(search)
    for function, framework, route, line in find_resolvers(index):
        search.add(function, framework, route, "resolver" if function in index.functions else "generated field", line=line)
    _batch_marks(search)
    _registry_schedulers(search)
    for handler in search.options.lambda_handlers:
        target = resolve_name(index, handler)
        if target in index.functions:
            search.add(target, "lambda", "", "lambda-handlers")
    for function, factory in served_objects(index, paste):
        search.add(function, "paste", "", factory.kind, registered=factory.where)
    pecan = {name for name, entry in search.found.items() if entry.framework == "pecan"}
    for function, framework, how in exposed_handlers(index, pecan, exposed_classes):  # Pecan and CherryPy (object_dispatch.py)
        search.add(function, framework, "", how)
    search.seeds.update(dispatch_hooks(index, pecan))
    for qualname, entry in list(search.found.items()):
        if qualname in search.batch or is_test_path(entry.path):  # routes a test declares serve no one
            del search.found[qualname]
            search.seeds.discard(qualname)
    prefix_routes(index, search.found, search.registered_in, search.keys)
    with_methods(index, search.found)
    return ServingModel(sorted(search.found.values()), search.seeds, search.batch, sorted(search.contexts.values()))


def _decorated_functions(search: _Search) -> None:
    index, options = search.index, search.options
    extra_decorators = set(options.extra_decorators)
    batch_decorators = fw.BATCH_DECORATORS | set(options.batch_contexts)
    wrapping: Dict[str, str] = {}
    by_parameters = parameter_commands(index)  # below a library's group (click_params.py)
    for qualname, function in index.functions.items():
        for position, decorator in enumerate(function.decorators):
            resolved = decorator_name(index, decorator)
            scheduled = _scheduled_job_kind(resolved)
            if scheduled:
                search.batch_context(qualname, scheduled, function.decorator_args[position] if position < len(function.decorator_args) else "")
                break
            if resolved not in wrapping:
                wrapping[resolved] = _cli_wrapping_decorator(index, resolved)
            wrapped = wrapping[resolved]
            click = _cli_group_command(index, resolved) or (qualname in by_parameters and resolved.rpartition(".")[2] in ("command", "group"))
            if resolved in batch_decorators or decorator in batch_decorators or wrapped or click:
                kind = wrapped or ("click" if click else _batch_kind(resolved))
                search.batch_context(qualname, kind, function.decorator_args[position] if position < len(function.decorator_args) else "")
                break
            framework = fw.ENTRY_DECORATORS.get(resolved) or ("custom" if resolved in extra_decorators or decorator in extra_decorators else None)
            if framework is not None and _short(resolved) in fw.HOOK_NAMES:
                search.seeds.add(qualname)
                continue
            if framework is not None:
                route = function.decorator_args[position] if position < len(function.decorator_args) else ""
                if framework == "slack-bolt":
                    route = f"{_short(resolved)} {route}".strip()
                elif _short(resolved) not in fw.ROUTE_DECORATOR_SUFFIXES and framework != "drf":
                    route = ""
                search.add(qualname, framework, route, f"@{_short(resolved)}")
                break


def _view_classes(search: _Search) -> None:
    """Views, servicers and handlers by base class; batch commands and tasks. A view found here may
    be routed by nothing: PRR501's dead code asks whether anything refers to it (unrouted_views.py)."""
    index, options = search.index, search.options
    batch_bases = (*fw.BATCH_BASES, *options.batch_contexts)
    django_routed = _django_routed(search)
    for class_name in index.classes:
        ancestors = class_ancestors(index, class_name)
        batch_base = next((base for base in ancestors if base in batch_bases), None)
        if batch_base is not None:
            search.batch.add(class_name)
            search.batch.update(methods(index, class_name))
            main = next((m for m in (f"{class_name}.{name}" for name in fw.BATCH_MAIN_METHODS) if m in index.functions), None)
            if main is not None:
                search.batch_context(main, _batch_kind(batch_base))
            continue
        view = None
        for base in ancestors:
            base = fw.canonical(base)
            view = fw.match_prefixed(base, fw.VIEW_BASES)
            if view is None and base in options.extra_base_classes:
                view = ("custom", ())
            if view is None and fw.GRPC_SERVICER_BASE.search(base):
                view = ("grpc", ())
            if view is not None:
                break
        if view is None and class_name in django_routed:
            view = ("django", fw.HTTP_VERBS)
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
                search.add(method, framework, f"{service}/{name}" if service else "", how)
            elif not known_api_only(index, ancestors, name):  # Tornado runs no handler's `get_location` (known_bases.py)
                search.seeds.add(method)  # a hook the framework calls while serving (get_queryset ...)


def _overridden_everywhere(search: _Search) -> None:
    """A verb of an abstract view base (routed nowhere itself, no class decorator) that every project
    subclass overrides is never the handler a request dispatches to: `getattr(view, "get")` finds the
    override. It runs only through `super()`, as serving code; listing it would count one handler twice."""
    index = search.index
    subclasses: Dict[str, Set[str]] = {}
    for name, bases in index.classes.items():
        for base in bases:
            resolved = index.canonical(base)
            if resolved is not None and resolved in index.classes:
                subclasses.setdefault(resolved, set()).add(name)
    for qualname, entry in list(search.found.items()):
        owner, _, verb = qualname.rpartition(".")
        if entry.how != "view method" or entry.route or owner in search.registered_in or not subclasses.get(owner):
            continue
        module = module_of(index, owner)
        if module is not None and owner in module.class_decorators:
            continue
        if all(search.method(sub, verb) not in (None, qualname) for sub in subclasses[owner]):
            del search.found[qualname]  # still a seed: serving code


def _routed_verbs(search: _Search, class_name: str) -> Tuple[str, ...]:
    """The verbs a routed class serves: HTTP verbs of a view or Resource class, else none."""
    for base in class_ancestors(search.index, class_name):
        base = fw.canonical(base)
        verbs = fw.ROUTED_VIEW_BASES.get(base)
        if verbs is not None:
            return verbs
        view = fw.match_prefixed(base, fw.VIEW_BASES)
        if view is not None:
            return view[1] or fw.HTTP_VERBS
    return ()


def _decorated_classes(search: _Search) -> Set[str]:
    """`@ns.route("/items")` on a flask-restx Resource, `@blp.route("/")` on a smorest MethodView. Returns the
    classes `@cherrypy.expose` decorates, whose verbs object_dispatch.py finds with those of their subclasses."""
    index, exposed = search.index, set()
    for module in index.modules.values():
        for class_name, decorators in module.class_decorators.items():
            for decorator, argument in decorators:
                resolved = search.resolve(decorator)
                framework = fw.ENTRY_DECORATORS.get(resolved)
                if framework == "cherrypy":
                    exposed.add(class_name)
                if framework is None or _short(resolved) not in fw.ROUTE_DECORATOR_SUFFIXES:
                    continue
                for method in search.verbs(class_name, _routed_verbs(search, class_name)):
                    search.add(method, framework, argument, f"@{_short(resolved)}", key=class_name)
                break
    return exposed


def _registrations(search: _Search) -> None:
    """add_url_rule, path(), Route(), router.register, add_resource, add_route, add_XServicer_to_server ..."""
    index = search.index
    for module, target, framework, route, where, suffix, call, hook in search.registered:
        if hook:  # a middleware: serving code, the handler of no route
            search.seeds.add(target)
            continue
        search.registered_in.setdefault(target, module)
        if target in index.functions:
            search.add(target, framework, route, "registered", registered=where)
        elif target in index.classes:
            _registered_class(search, target, framework, route, where, suffix, call)


def _registered(index: ProjectIndex, options: Options) -> Iterator[Tuple[str, str, str, str, str, str, str, bool]]:
    """(module, handler, framework, route, file:line, suffix, registrar call, is a hook registrar) of each registration
    outside tests (a test's urlconf routes nothing the service serves) on a framework or a configured registrar."""
    extra_registrars = {resolve_name(index, fqn) for fqn in (options.extra_registrars or {})}
    for module in index.modules.values():
        if is_test_path(module.path):
            continue
        for registrar, route, handler, _where, line in module.registrations:
            framework, _, call = registrar.partition(":")
            framework, _, suffix = framework.partition("/")  # Falcon's `add_route(..., suffix="detail")`
            if framework == "custom":
                if call not in extra_registrars and resolve_name(index, call) not in extra_registrars:
                    continue
            elif framework == "grpc" or not _registered_on_framework(index, call):
                continue
            # on an app another module builds, a suffix registrar (aiohttp's `.add_get`) may resolve to another
            # framework's (`blacksheep.Application.router.add_get`): its routes are that framework's
            resolved = fw.canonical(resolve_name(index, call))
            framework = fw.REGISTRARS[resolved][0] if resolved in fw.REGISTRARS and framework != "custom" else framework
            yield (module.module, resolve_name(index, handler), framework, route, f"{module.path}:{line}" if line else "",
                   suffix, call, resolved in fw.HOOK_REGISTRARS)


def _django_routed(search: _Search) -> Set[str]:
    """The classes a Django urlconf routes and those of their project bases that have an external base (a mixin with
    none but `object` cannot be a View). Only `as_view()` routes a class, and only Django's `View` has it, so each is a
    Django view whatever external base makes it one (ADL_LRS's subclass of `django.contrib.auth.views.PasswordResetView`,
    which VIEW_BASES does not list): `_view_classes` treats it as it treats a VIEW_BASES match, hooks and all."""
    index = search.index
    routed = {target for _, target, framework, *_ in search.registered if framework == "django" and target in index.classes}
    bases = {base for name in routed for base in class_ancestors(index, name) if base in index.classes}
    return routed | {base for base in bases
                     if any(a not in index.classes and a not in INERT_BASES for a in class_ancestors(index, base))}


def _registered_class(search: _Search, target: str, framework: str, route: str, where: str, suffix: str = "",
                      call: str = "") -> None:
    index = search.index
    if framework == "custom":
        for method in sorted(methods(index, target)):
            if not _short(method).startswith("_"):
                search.add(method, framework, route, "registered")
        return
    if framework == "cherrypy":  # a RoutesDispatcher route: the controller's `action=` method
        method = search.method(target, suffix)
        if method is not None:
            search.add(method, framework, route, "registered", key=target, registered=where)
        return
    if framework == "falcon":
        names = {_short(m) for m in index.nested(target) if m != target}
        for ancestor in class_ancestors(index, target):
            names.update(_short(m) for m in methods(index, ancestor))
        for name in sorted(names):
            responder = fw.FALCON_RESPONDER.match(name)
            if responder is not None and (responder.group(2) or "") == suffix:
                method = search.method(target, name)
                if method is not None:
                    search.add(method, framework, route, "responder", key=target, registered=where)
        return
    if framework == "drf":
        _registered_viewset(search, target, route, where, call.rpartition(".")[0])
        return
    for method in sorted(methods(index, target)):
        if method in search.found:  # a view class found by its base: the registration gives its route
            search.add(method, framework, route, "registered", key=target, registered=where)
    for method in search.verbs(target, fw.HTTP_VERBS) if framework in ("django", "drf") else ():
        if method in search.found:  # a verb it inherits from a project base serves this route too
            search.add(method, framework, route, "registered", key=target, registered=where)
    if framework in ("flask-restx", "flask-restful", "sanic"):
        for method in search.verbs(target, _routed_verbs(search, target)):
            search.add(method, framework, route, "registered", key=target, registered=where)


def _registered_viewset(search: _Search, target: str, route: str, where: str, router: str = "") -> None:
    """`router.register("docs", DocumentViewSet)`: the viewset's actions (`list`, `retrieve` ..., the
    verbs, `@action` methods and the methods its router class maps verbs to), each where attribute
    lookup finds it, on the viewset or a project base or mixin. A viewset that leaves every handler to
    DRF's mixins (only `queryset`/`serializer_class` and hooks) lists none: DRF's handlers serve it, and
    its project hooks (`get_queryset`, `perform_create` ...) are serving code that they call."""
    index = search.index
    classes = lineage(index, target)
    names = set(fw.VIEWSET_ACTIONS) | router_actions(index, router)
    names.update(_short(method) for name in classes for method in methods(index, name)
                 if any(resolve_name(index, d) in fw.ACTION_DECORATORS for d in index.functions[method].decorators))
    handlers = sorted(filter(None, (search.method(target, name) for name in names)))
    for method in handlers:
        search.add(method, "drf", viewset_route(index, route, method, target), "registered", key=target, registered=where)
    if not handlers:  # DRF's own handlers serve: they are no project code, its hooks run inside them
        search.seeds.update(method for name in classes for method in methods(index, name) if not _short(method).startswith("_"))


def _registered_on_framework(index: ProjectIndex, call: str) -> bool:
    """A registrar recorded on an untyped receiver (an app imported from another module) counts
    once the project index types that receiver as a framework object."""
    if call.startswith(fw.FRAMEWORK_PACKAGES) or resolve_name(index, call).startswith(fw.FRAMEWORK_PACKAGES):
        return True  # (the second: a method inherited by a project subclass of the framework's class)
    owner, _, method = call.rpartition(".")
    owner = resolve_name(index, owner)
    if not owner:
        return False
    # or a project subclass's own registrar (its base's, extended), on a subclass of the class that registrar belongs to
    packages = fw.REGISTRAR_OWNERS.get(f".{method}", fw.FRAMEWORK_PACKAGES)
    return owner.startswith(fw.FRAMEWORK_PACKAGES) or any(base.startswith(packages) for base in class_ancestors(index, owner))


def _scheduled_job_kind(decorator: str) -> str:
    """`@scheduler.scheduled_job("cron", ...)` on an APScheduler, `@repeat(every(10).minutes)` ..."""
    for (package, method), kind in fw.SCHEDULED_JOB_DECORATORS.items():
        if decorator.startswith(package) and decorator.rpartition(".")[2] == method:
            return kind
    return ""


# The trigger names APScheduler's `add_job(f, "interval", ...)` takes.
_APSCHEDULER_TRIGGERS = frozenset({"interval", "cron", "date"})


def _batch_marks(search: _Search) -> None:
    """Alembic revisions, scheduled jobs, migration hooks, Celery beat entries and tasks declared with a
    Celery Task `base=` (their app may be a module generated at install time) marked per file."""
    index = search.index
    for module in index.modules.values():
        for kind, name, detail, line in module.batch_marks:
            if kind == TASK_BASE:
                if not celery_task_class(index, resolve_name(index, detail)):
                    continue
                kind, detail = "celery", ""
            if kind.startswith("apscheduler?"):  # `x.add_job(f)`: only on an APScheduler scheduler
                owner = kind.partition("?")[2].rpartition(".")[0]
                # or, on a receiver of no known type (`app.schedule = AsyncIOScheduler()`), one of APScheduler's
                # triggers in a module that imports APScheduler
                imports = detail in _APSCHEDULER_TRIGGERS and any(name.startswith(fw.SCHEDULER_PACKAGES) for name in module.imports.values())
                if not (imports or owner.startswith(fw.SCHEDULER_PACKAGES) or resolve_name(index, owner).startswith(fw.SCHEDULER_PACKAGES)):
                    continue
                kind = "apscheduler"
            target = index.canonical(name) or resolve_name(index, name)
            if target in index.functions:
                search.batch_context(target, kind, detail, f"{module.path}:{line}" if line else "")


def _registry_schedulers(search: _Search) -> None:
    """Functions an in-house scheduler runs: decorated with a project decorator that stores them in
    a module-level registry, which some function loops over while sleeping (a timer loop)."""
    index = search.index
    registers: Dict[str, Set[str]] = {}  # registry -> functions that store into it
    loops: Set[str] = set()  # registries walked by a loop that sleeps
    for name, registries in index.tagged(fw.REGISTERS_INTO).items():
        for registry in registries:
            registers.setdefault(registry, set()).add(name)
    for name, walked in index.tagged(fw.ITERATES).items():
        if any(call in fw.SLEEPS for call in index.functions[name].calls):
            loops.update(walked)
    registrars = {name for registry, names in registers.items() if registry in loops for name in names}
    if not registrars:
        return
    decorators = {name for name in registrars} | {name.rpartition(".")[0] for name in registrars}
    for qualname, function in index.functions.items():
        for position, decorator in enumerate(function.decorators):
            target = index.canonical(decorator)
            if target is not None and target in decorators and target != qualname.rpartition(".")[0]:
                detail = function.decorator_args[position] if position < len(function.decorator_args) else ""
                search.batch_context(qualname, "scheduler", detail or _short(target))
                break


def _batch_kind(name: str) -> str:
    """A batch context's kind from the framework name that makes it one (`celery.shared_task` -> celery)."""
    root = name.split(".", 1)[0]
    return fw.BATCH_KINDS.get(root, root)


CLI_PACKAGES = frozenset({"click", "typer", "flask", "quart"})


def _cli_wrapping_decorator(index: ProjectIndex, decorator: str) -> str:
    """The command kind of a project decorator whose body turns the function into a CLI command
    (`def __call__(self, func): ... click.command(name=self.name)(wrapper); group.add_command(...)`),
    or "": resolved through the decorator's definition (a function, its nested functions, or a
    decorator class's `__call__`), never by its name."""
    if decorator in index.functions:
        body = decorator
    elif decorator in index.classes:
        body = f"{decorator}.__call__"
    else:
        return ""
    for name in index.nested(body):
        for call in index.functions[name].calls:
            canonical = fw.canonical(call)
            if canonical in fw.BATCH_DECORATORS and canonical.split(".", 1)[0] in CLI_PACKAGES:
                return "click" if canonical.startswith("click.") else _batch_kind(canonical)
    return ""


def _cli_group_command(index: ProjectIndex, decorator: str, depth: int = 0) -> bool:
    """`@cli.command()` where `cli` is a click group defined in the project, at any depth of nesting
    (`@signals.command()` where `@cli.group() def signals()`)."""
    owner, _, attribute = decorator.rpartition(".")
    if attribute not in ("command", "group"):
        return False
    group = index.functions.get(owner)
    return group is not None and any(
        resolve_name(index, d) in fw.BATCH_DECORATORS or (depth < 5 and _cli_group_command(index, resolve_name(index, d), depth + 1))
        for d in group.decorators
    )
