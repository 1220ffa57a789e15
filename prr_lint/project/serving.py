"""Project-phase conditions about serving code, for the pending findings of PRR2xx and PRR3xx rules.

Each condition takes a pending finding and returns the confirmed finding (with its call path in
`related`, and its message completed) or None when it does not hold:

* `serving-reachable` (subjects: function qualname, callee label): the function runs on a serving
  path. PRR301 ignores entry points in `batch.ok-routes`; its severity drops to the default of the
  rule's family beyond two calls.
* `serving-reachable-any` (subjects: mode, label, function qualnames...): the first of the functions
  that a serving path reaches (mode `any`), or that is an entry point itself (mode `entry`); PRR507.
* `serving-imported` (subjects: module): the module's top level runs when serving code is imported.
* `uninstrumented-app` (subjects: framework, app key, Django middleware paths): no app-level metrics
  or tracing reaches the app, nor the apps it is mounted on, nor a project middleware that records
  metrics (the key of a project subclass of a framework's app class is `class:<qualname>`), nor an APM
  agent the deployment launches or declares (project/launchers.py); an app that declares its routes
  itself and has nothing mounted on it answers for those routes alone; an app whose every route
  answers health probes is a sidecar, not reported; a Django settings overlay loaded only under an
  `if` by settings with their own list is reported there instead (project/overlay_settings.py); an app
  only Werkzeug's debugger or reloader serves is not reported (project/debug_servers.py), nor one only a module's
  `__main__` block builds or serves beside the deployed service (project/script_apps.py), nor one that
  only listens on loopback (project/loopback_apps.py).
* `no-health-endpoint` (subjects: framework): no route matches `health.paths` (no gRPC health servicer),
  no entry point answers probes (project/probes.py), and no ASGI/WSGI wrapper answers a probe path.
* Neither is reported for an app whose every route hands out files, pages or redirects (project/static_apps.py).
* `degraded-answer` (PRR203): `serving-reachable`, settled with the service's counting (project/monitoring.py).
Both report once per served route set.

All of them share one `ServingAnalysis` (entry points, call graph, BFS), built on first use.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from prr_lint import frameworks as fw
from prr_lint.model import MOUNT_KINDS, SERVES_HEALTH_PATH, Finding, Pending, RelatedLocation, Severity
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.child_apps import is_child_app
from prr_lint.project.debug_servers import debugger_only, development_apps
from prr_lint.project.local_tools import is_local_tool_app
from prr_lint.project.loopback_apps import loopback_called, loopback_callers, loopback_only
from prr_lint.project.managed_platforms import managed_platform
from prr_lint.project.script_apps import script_only_app, started_elsewhere
from prr_lint.project.sidecars import is_sidecar_app
from prr_lint.project.index import ProjectIndex
from prr_lint.project.middleware import (
    extended_with_instrumentation, recording_tornado_hooks, records_request_metrics, timing_request_hooks,
)
from prr_lint.project.reporters import global_object_type
from prr_lint.project.model import EntryPoint, setting
from prr_lint.project.names import resolve_name
from prr_lint.project.overlay_settings import optional_overlay
from prr_lint.project.probes import is_probe
from prr_lint.project.static_apps import serves_static_only
from prr_lint.project.monitoring import (
    APM_AGENTS, apm_middleware, degraded_answer, exposes_metrics_only, handler_instrumentation, probes_only,
    request_correlation, timed_by_decorator,
)

Rewriter = Callable[[Pending], Optional[Finding]]
_INSTRUMENTED_TOGETHER = {"fastapi": ("fastapi", "starlette"), "starlette": ("starlette",), "quart": ("quart", "flask")}


def serving_conditions(
    index: ProjectIndex, settings=None, shared_analysis: Optional[Callable[[], ServingAnalysis]] = None,
    launcher: Callable[..., Optional[str]] = lambda path=None: None,
    job_for: Callable[[str], Optional[object]] = lambda path: None, launch_files: Sequence[str] = (),
) -> Dict[str, Callable[[], Rewriter]]:
    shared: List[ServingAnalysis] = []

    def analysis() -> ServingAnalysis:
        if shared_analysis is not None:
            return shared_analysis()
        if not shared:
            shared.append(ServingAnalysis(index, settings))
        return shared[0]

    def user_severity(rule: str) -> bool:
        return settings is not None and rule in getattr(settings, "severity", {})

    def reachable() -> Rewriter:
        serving = analysis()

        def check(item: Pending) -> Optional[Finding]:
            qualname = item.subjects[0]
            callee = item.subjects[1] if len(item.subjects) > 1 else ""
            finding = item.finding
            reached = serving.reached_for_batch() if finding.rule == "PRR301" else serving.reached
            chain = serving.path_to(qualname, reached)
            if not chain:
                return None
            entry = serving.entry_by_name.get(chain[0])
            related = serving.related_path(chain)
            if callee:
                related += (RelatedLocation(finding.path, finding.span, callee),)
            where = _describe_entry(entry, serving.label(chain[0]))
            depth = len(chain)  # calls from the entry point, the offending one included
            hops = "in the handler itself" if depth == 1 else f"at call depth {depth}"
            message = f"{finding.message}: reached from {where}, {hops}"
            changed = replace(finding, related=related, message=message)
            if finding.rule == "PRR301" and depth > 2 and not user_severity("PRR301") and finding.severity is Severity.ERROR:
                changed = replace(changed, severity=Severity.WARNING)
            return changed

        return check

    def reachable_any() -> Rewriter:
        serving = analysis()

        def check(item: Pending) -> Optional[Finding]:
            mode, label, functions = item.subjects[0], item.subjects[1], item.subjects[2:]
            chains = [serving.path_to(qualname) for qualname in functions]
            chains = [chain for chain in chains if chain and (mode != "entry" or len(chain) == 1)]
            if not chains:
                return None
            chain = min(chains, key=len)
            finding = item.finding
            related = serving.related_path(chain) + (RelatedLocation(finding.path, finding.span, label),)
            where = _describe_entry(serving.entry_by_name.get(chain[0]), serving.label(chain[0]))
            hops = "in the handler itself" if len(chain) == 1 else f"at call depth {len(chain)}"
            return replace(finding, related=related, message=f"{finding.message}: reached from {where}, {hops}")

        return check

    def imported() -> Rewriter:
        serving = analysis()

        def check(item: Pending) -> Optional[Finding]:
            chain = serving.import_chain(item.subjects[0])
            if not chain:
                return None
            related = tuple(
                RelatedLocation(serving.index.modules[m].path, item.finding.span.__class__(1, 1, 1, 1), serving.index.modules[m].path)
                for m in chain
            )
            first = serving.index.modules[chain[0]].path
            message = f"{item.finding.message}, and serving code imports it ({first}" + (
                f" → … → {serving.index.modules[chain[-1]].path})" if len(chain) > 1 else ")"
            )
            return replace(item.finding, related=related, message=message)

        return check

    def uninstrumented() -> Rewriter:
        serving = analysis()
        root = getattr(settings, "root", None)
        # run under an APM launcher (`newrelic-admin run-program`, `ddtrace-run` in a Procfile or a
        # Dockerfile), or an agent the deployment declares for the app's tree (project/launchers.py):
        # every app of the process is instrumented, as `external = true` says by hand
        external = bool(setting(settings, "instrumentation", "external", False))
        probe_paths = tuple(setting(settings, "health", "paths", ("/healthz", "/readyz", "/livez", "/health", "/ready")))
        approved = set(setting(settings, "instrumentation", "approved", ()))
        hits = [hit for module in index.modules.values() for hit in module.instrumentation if hit[1] != "?"]
        # Middlewares of the project's own count when they record request metrics (project/middleware.py).
        for name, _, target in sorted({hit for module in index.modules.values() for hit in module.instrumentation if hit[1] == "?"}):
            if records_request_metrics(index, serving.graph, [name]):
                hits.append((name, "*", target))
        hits.extend(timing_request_hooks(index))  # `@app.after_request` timing requests into a metric
        hits.extend(recording_tornado_hooks(index, serving.graph))  # `prepare()` opening a request span
        if approved:
            for function in index.functions.values():
                hits.extend((call, "*", "") for call in function.calls if call in approved)
        # An APM agent the project imports (New Relic, Datadog ...) runs the process under its
        # launcher, which instruments every app.
        hits.extend(
            (target, "*", "")
            for module in index.modules.values()
            for target in module.imports.values()
            if target.startswith(APM_AGENTS)
        )
        hits.extend(  # imported inside a function (`from newrelic.api.log import ...` where it is used)
            (call, "*", "")
            for function in index.functions.values()
            for call in function.calls
            if call.startswith(APM_AGENTS)
        )
        parents = _mounted_on(index)
        only_mounts = _MountOnly(index)
        development = lambda: serving.derived("development-apps", lambda: development_apps(index, job_for, launch_files))  # noqa: E731
        reported: set = set()

        def covered(framework: str, key: str, seen: frozenset = frozenset()) -> bool:
            families = (*_INSTRUMENTED_TOGETHER.get(framework, (framework,)), "*")
            for _name, family, target in hits:
                if target and target == key:
                    return True
                # An app class (`class:` key) is instrumented by whatever instruments an app of its family.
                if (not target or key.startswith("class:")) and family in families:
                    return True
            # A sub-app mounted on an instrumented app passes through the parent's middleware.
            return any(parent not in seen and covered(framework, parent, seen | {key}) for parent in parents.get(key, ()))

        def check(item: Pending) -> Optional[Finding]:
            if external or launcher(item.finding.path) is not None:
                return None
            if serving.derived("managed-platform", lambda: managed_platform(launch_files)) is not None:
                return None  # deployed only where the platform measures every request
            served_paths = [entry.path for entry in serving.model.entry_points]
            if is_child_app(index, item.finding.path, served_paths) or is_sidecar_app(index, root, item.finding.path, served_paths):
                return None  # a helper process or container the service starts and calls itself (child_apps.py, sidecars.py)
            if debugger_only(index, item.finding.path, job_for, launch_files) \
                    or getattr(index.by_path.get(item.finding.path), "module", None) in development():
                return None  # served only by Werkzeug's debugger or reloader (project/debug_servers.py)
            if script_only_app(index, item.finding.path, item.finding.span.line, job_for, launch_files, served_paths,
                               serving.console_scripts, root):
                return None  # a script's app beside the deployed service (project/script_apps.py)
            framework, key = item.subjects[0], item.subjects[1]
            if is_local_tool_app(index, framework, launch_files, serving.console_scripts):
                return None  # a command-line tool's web UI on the development server (project/local_tools.py)
            if covered(framework, key) or only_mounts(key) or apm_middleware(item.subjects[2:]):
                return None
            if records_request_metrics(index, serving.graph, item.subjects[2:]):  # MIDDLEWARE paths, or middlewares=[...]
                return None
            if framework == "django" and (extended_with_instrumentation(index, key)  # by the deployed settings
                                          or optional_overlay(index, item.finding.path, job_for)):  # project/overlay_settings.py
                return None
            families = fw.APP_ROUTE_FAMILIES.get(framework, (framework,))
            entries = [e for e in _same_package(serving, item.finding, serving.model.entry_points, key) if e.framework in families]
            entries = _declared_on(index, key, entries)
            routes = _routes_of(entries, framework)
            if loopback_only(index, item.finding.path, job_for, [entry.path for entry in entries], served_paths,
                             lambda: started_elsewhere(index, item.finding.path, item.finding.span.line, launch_files, root)) \
                    or loopback_called(index, item.finding.path, job_for, [entry.path for entry in entries], served_paths,
                                       lambda: serving.derived("loopback-callers", lambda: loopback_callers(index, job_for))):
                return None  # a helper only its own host reaches, or that the service calls on loopback (project/loopback_apps.py)
            if not routes or serves_static_only(index, entries) or probes_only(index, entries, probe_paths) \
                    or exposes_metrics_only(index, serving.graph, entries, probe_paths) or timed_by_decorator(index, serving.graph, entries) \
                    or not _first_report(reported, item.finding, families, entries):
                return None
            noun = "entry point is" if len(entries) == 1 else "entry points are"
            message = f"{item.finding.message}: {len(entries)} {noun} unmonitored ({_listed(routes)})"
            related = tuple(
                serving.location(entry.qualname) for entry in entries
            )[:20]
            return replace(item.finding, message=message, related=related)

        return check

    def no_health() -> Rewriter:
        serving = analysis()
        paths = tuple(setting(settings, "health", "paths", ("/healthz", "/readyz", "/livez", "/health", "/ready")))
        health_wrapper = any(SERVES_HEALTH_PATH in function.tags for function in index.functions.values())
        reported: set = set()

        def check(item: Pending) -> Optional[Finding]:
            framework = item.subjects[0]
            if framework == "grpc":
                for module in index.modules.values():
                    for registrar, _, handler, _, _ in module.registrations:
                        if "HealthServicer" in registrar or fw.GRPC_HEALTH_SERVICER.match(handler):
                            return None
                rpcs = [entry for entry in serving.model.entry_points if entry.framework == "grpc"]
                if not rpcs or any(is_probe(entry, paths, index) for entry in rpcs):
                    return None  # no RPCs, or one a probe calls (`Ping`, `Health`): the server answers probes
                return item.finding
            families = fw.APP_ROUTE_FAMILIES.get(framework, (framework,))
            scoped = _same_package(serving, item.finding, serving.model.entry_points, item.subjects[1] if len(item.subjects) > 1 else "")
            served = [e for e in scoped if e.framework in families]
            if not served or serves_static_only(index, served):
                return None
            for entry in scoped:
                if is_probe(entry, paths, index):
                    return None
            if health_wrapper:  # an ASGI/WSGI wrapper in front of the app answers the probe path
                return None
            if not _first_report(reported, item.finding, families, served):
                return None
            routes = _routes_of(served, framework)
            noun = "entry point" if len(served) == 1 else f"{len(served)} entry points"
            message = (f"{item.finding.message}: {'its' if len(served) == 1 else 'none of its'} {noun} ({_listed(routes)}) "
                       f"{'is not' if len(served) == 1 else 'is'} at a probe path ({', '.join(paths)}) or named like a probe "
                       "(health, ping, heartbeat, readiness, liveness)")
            return replace(item.finding, message=message)

        return check

    return {
        "serving-reachable": reachable,
        "serving-reachable-any": reachable_any,
        "degraded-answer": lambda: degraded_answer(index, settings, launcher, reachable()),
        "serving-imported": imported,
        "uninstrumented-app": uninstrumented,
        "no-health-endpoint": no_health,
        "no-request-correlation": lambda: request_correlation(analysis(), settings, launcher),
        "uninstrumented-handler": lambda: handler_instrumentation(analysis(), settings),
    }


def _first_report(reported: set, finding: Finding, families: Tuple[str, ...], entries: List[EntryPoint]) -> bool:
    """One finding per served route set: a second app (or a second MIDDLEWARE assignment) of the
    same tree serving the same entry points is the same problem. A module at the repository's top
    level is of the tree whose routes it serves: the root app of a `server.py` that mounts the
    sub-app `app/api/v2` builds through a project wrapper method (`app_svc.register_subapp("/api/v2",
    make_app())`) serves the sub-app's routes. Copies of a service in two trees stay apart."""
    trees = {entry.path.split("/", 1)[0] for entry in entries}
    tree = finding.path.split("/", 1)[0] if "/" in finding.path or len(trees) != 1 else trees.pop()
    key = (tree, tuple(families), tuple(sorted((entry.path, entry.qualname, entry.route) for entry in entries)))
    if key in reported:
        return False
    reported.add(key)
    return True


class _MountOnly:
    """An app that serves no routes of its own and only mounts other objects (`app.mount("/api/v1",
    api)`, `frontend.mount("/", StaticFiles(...))`): the apps it mounts are judged on their own, and
    static files are no entry points. Decided on the route marks: the app owns no route, and nothing
    mounted on it that is not an app of its own owns one, however deep."""

    def __init__(self, index: ProjectIndex) -> None:
        self.index = index
        self.owners = set()
        self.children: Dict[str, List[str]] = {}
        for module in index.modules.values():
            for kind, owner, child, _ in module.prefixes:
                if kind == "route":
                    self.owners.add(owner)
                elif kind in MOUNT_KINDS and owner and child:
                    self.children.setdefault(owner, []).append(child)

    def __call__(self, key: str) -> bool:
        return bool(self.owners) and bool(self.children.get(key)) and not self._serves(key, {key})

    def _serves(self, key: str, seen: set) -> bool:
        if key in self.owners:
            return True
        for child in self.children.get(key, ()):
            if child in seen or self._is_app(child):
                continue
            seen.add(child)
            if self._serves(child, seen):
                return True
        return False

    def _is_app(self, key: str) -> bool:
        typed = global_object_type(self.index, key)
        return typed is not None and fw.canonical(typed) in fw.APP_CONSTRUCTORS


def _mounted_on(index: ProjectIndex) -> Dict[str, List[str]]:
    """Sub-app key -> the keys of the apps it is mounted on (`app.mount("/x", sub)`, `app.host(h, sub)`)."""
    parents: Dict[str, List[str]] = {}
    for module in index.modules.values():
        for kind, owner, child, _ in module.prefixes:
            if kind in MOUNT_KINDS and owner and child:
                parents.setdefault(child, []).append(owner)
                canonical = index.canonical(child)
                if canonical and canonical != child:
                    parents.setdefault(canonical, []).append(owner)
    return parents


def _program_root(path: str, module: str) -> str:
    """The directory a module is imported from (`services/api` for `services/api/app/main.py` named
    `app.main`): a repository holding several programs, each its own import root, can name two
    files alike, and one program's routes are not another's."""
    levels = module.count(".") + (1 if path.endswith("__init__.py") else 0)
    return path.rsplit("/", levels + 1)[0] if path.count("/") > levels else ""


def _app_roots(index: ProjectIndex, own: str) -> Set[str]:
    """The import roots of the programs that build an app of their own in a module named unlike `own`
    (`Starlette(...)` in each of several agents' `broker.py`): one program's routes are never another's.
    Copies of one service name their modules alike, and the index keeps one of them: that one stands
    for them all."""
    return {_program_root(module.path, module.module) for module in index.modules.values() if module.module != own
            and any(call in fw.APP_CONSTRUCTORS for function in module.functions.values() for call in function.calls)}


def _same_package(serving: ServingAnalysis, finding: Finding, entries: List[EntryPoint], key: str = "") -> List[EntryPoint]:
    """The entry points of the app's own program: those under its import root (a repository can hold
    several programs), of those the ones in its top-level package, each level falling back to the one
    above when it holds none (Django settings in `test_project/` whose apps live beside it), though
    never to the routes of another program that builds an app of its own; and of
    these none declared on another app the project builds and does not mount on this one (seven Flask
    programs in one package)."""
    module = serving.index.by_path.get(finding.path)
    if module is None:
        return entries
    root = _program_root(module.path, module.module)
    others = _app_roots(serving.index, module.module) - {root, ""}
    program = [e for e in entries if e.path.startswith(root + "/")] \
        or [e for e in entries if not any(e.path.startswith(other + "/") for other in others)]
    top = module.module.split(".")[0]
    mine = [e for e in program if e.qualname.split(".")[0] == top] or program
    foreign = _other_apps_routes(serving.index, key) if key else set()
    return [e for e in mine if e.qualname not in foreign]


def _declared_on(index: ProjectIndex, key: str, entries: List[EntryPoint]) -> List[EntryPoint]:
    """The routes of an app that declares its routes itself (`@APP.route` on a module-level app) and
    on which nothing is mounted or registered (no blueprint, router or include): those alone. The
    blueprints another app registers (the main app built in a factory beside a docs app in its
    own module) are not this app's."""
    owned: Set[str] = set()
    for module in index.modules.values():
        for kind, owner, child, _ in module.prefixes:
            if owner != key:
                continue
            if kind != "route":
                return entries
            owned.add(child if child in index.functions else resolve_name(index, child))
    own = [e for e in entries if e.qualname in owned]
    return own or entries


def _other_apps_routes(index: ProjectIndex, key: str) -> Set[str]:
    """Handlers declared on a module-level app of another module than `key`'s (`@app.route` in another
    program's `main.py`) that is not mounted on `key`. Two apps of one module are one program's (a
    metrics app on a second port beside the main one), and stay judged together. A handler whose stacked route
    decorators also put it on another router is not foreign."""
    mounted = _mounted_on(index)

    def under(app: str, seen: frozenset = frozenset()) -> bool:
        return app == key or any(parent not in seen and under(parent, seen | {app}) for parent in mounted.get(app, ()))

    foreign: Set[str] = set()
    kept: Set[str] = set()
    for module in index.modules.values():
        for kind, owner, child, _ in module.prefixes:
            if kind != "route":
                continue
            typed = None if owner.rpartition(".")[0] == key.rpartition(".")[0] or under(owner) else global_object_type(index, owner)
            app = typed is not None and fw.canonical(typed) in fw.APP_CONSTRUCTORS
            (foreign if app else kept).add(child if child in index.functions else resolve_name(index, child))
    return foreign - kept


def _describe_entry(entry: Optional[EntryPoint], label: str) -> str:
    if entry is None:
        return f"the view hook {label}"
    route = f" {entry.route}" if entry.route else ""
    return f"{entry.framework} entry point{route} ({label})"


def _listed(routes: List[str]) -> str:
    """The first routes of a set, and how many more: which routes a finding is about."""
    return ", ".join(routes[:5]) + (f" and {len(routes) - 5} more" if len(routes) > 5 else "")


def _routes_of(entries: List[EntryPoint], framework: str) -> List[str]:
    families = fw.APP_ROUTE_FAMILIES.get(framework, (framework,))
    shown = [
        entry.route or entry.qualname.rpartition(".")[2]
        for entry in entries
        if entry.framework in families
    ]
    return list(dict.fromkeys(shown))
