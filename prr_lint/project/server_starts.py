"""Which in-code server starts serve production traffic (PRR506), settled once the project is known.

A start the file phase reports is left out when the project shows it is not how the service is served:

* It is dead code, by the answer PRR501's scope gives (scope.py, dead_code.py, dead_scope.py): a method
  of a class nothing builds or names (a `GrpcTransferService.start` beside the servicer the worker serves).

* Only programs the deployment does not run reach it, beside others that it does run
  (undeployed_programs.py): every chain of callers up from the start ends at such a program's
  `__main__` block (`run_dev.py` calling `main()` that calls `uvicorn.run`, while the image runs
  `python -m anms.run_gunicorn`; `fastapi run main.py` imports main.py without running its block,
  fastapi_cli.py), or at a console script no deployment file names (a path's folder of that name is none). Whether the
  deployment runs a program is DeployedPrograms.runs, the answer PRR501's scope uses too
  (program_runs.py: a command naming its file or module, a COPY runs nothing, a program an image
  with no CMD or ENTRYPOINT copies counts as run). The deployment must be seen to run some program of the
  project as a program, `__main__` block and all (DeployedPrograms.runs_main, PRR501's answer: `python cli.py start
  -a`, whatever path through click commands and `multiprocessing.Process` targets leads to its server, so a
  stale `api_allinone.py` launcher beside it is a person's), or to serve an app with a server command;
  otherwise (no deployment, a library, only `fastapi dev`) nothing is known of how the service runs. A chain that ends
  anywhere else (a handler, a command a framework registers, a library function nothing calls but code names, the
  top level of a module another imports) may be production's, and keeps the finding.
* The deployment serves the same app with a server command of its own (`uvicorn app:app`, gunicorn
  with uvicorn workers, hypercorn, `fastapi run app/main.py` for the app in that file): its command line, not the in-code start, is what production runs,
  so whether that command passes `--limit-concurrency` decides, and this rule reads no command line.
* The app it serves answers only probes and metrics scrapes: every route of the app's module is a
  health, readiness, liveness or metrics route, the module mounts no other app or router, and no other
  module imports the app to add routes to it (a worker's side app with `/healthcheck` and `/metrics`).
"""

from __future__ import annotations

import re
from typing import Callable, Dict, FrozenSet, Optional, Set, Tuple

from prr_lint.model import Finding, Pending
from prr_lint.project.local_tools import PRODUCTION_SERVER
from prr_lint.project.names import imported_modules
from prr_lint.project.scope import NonServing
from prr_lint.project.support import test_modules
from prr_lint.project.undeployed_programs import DeployedPrograms, deployed_programs
from prr_lint.rules.health_marks import is_probe_path
from prr_lint.rules.load_shedding import SERVER_START

_CALLER_LIMIT = 200  # callers looked at up from one start before the answer is "unknown" (kept)
# A server command's target: `pkg.app:app`, `main:create_app()`.
_TARGET = re.compile(r"(?<![\w./-])([A-Za-z_][\w.]*):([A-Za-z_]\w*)")
# Calls that put another app or router under an app's routes.
_MOUNTS = (".mount", ".include_router", ".include", "starlette.routing.Mount", "starlette.routing.Host")


def server_start_conditions(project) -> Dict[str, Callable[[], Callable[[Pending], Optional[Finding]]]]:
    def build() -> Callable[[Pending], Optional[Finding]]:
        starts = ServerStarts(project.analysis())
        return lambda item: None if starts.not_production(*item.subjects) else item.finding

    return {SERVER_START: build}


class ServerStarts:
    """Answers `not_production(context, app)` for the starts of one project (module docstring)."""

    def __init__(self, analysis) -> None:
        self.analysis = analysis
        self.index = analysis.index
        self._programs: Optional[DeployedPrograms] = None
        self._known: Optional[bool] = None
        self._imported: Optional[FrozenSet[str]] = None
        self._main_targets: Dict[str, Set[str]] = {}

    def not_production(self, context: str, app: str, call: str) -> bool:
        """The start (`call` in the function `context`) is dead code or run by hand, or the `app` it serves is served otherwise."""
        if self._dead(context) or self._hand_started(context, call):
            return True
        module, attribute = self._app_module(context, app)
        return bool(module) and (self._served_by_command(module, attribute) or self._probes_only(module, attribute))

    def _dead(self, context: str) -> bool:
        """The start is in code that runs in no process: PRR501's dead code (scope.py, dead_code.py)."""
        analysis = self.analysis
        return analysis.derived("non-serving", lambda: NonServing(analysis)).dead(context, "PRR501")

    # ----- run only by programs the deployment does not run -----

    def _hand_started(self, context: str, call: str) -> bool:
        programs = self._deployed()
        if not self._deployment_known():
            return False
        graph = self.analysis.graph
        callers = graph.callers()
        scripts = {graph.target(target) or target: script for target, script in self.analysis.console_scripts.items()}
        seen = {context}
        todo = [(context, call)]
        while todo:
            name, step = todo.pop()
            if name in self.index.modules:  # a module's top level: a program, when the chain starts in its main block
                if name not in programs.programs or programs.runs_main(name) or not self._main_block_only(name, step):
                    return False
                continue
            if name in scripts and programs.deployment.runs(name, f"console script `{scripts[name]}`", set()):
                return False  # a console script the deployment names
            above = callers.get(name, frozenset())
            if not above and name not in scripts:
                return False  # a handler, a registered command, a library function: who runs it is unknown
            for caller in sorted(above - seen):
                seen.add(caller)
                todo.append((caller, name))
            if len(seen) > _CALLER_LIMIT:
                return False
        return True

    def _deployment_known(self) -> bool:
        """The deployment runs a program of the project as a program, `__main__` block and all (PRR501's
        answer, DeployedPrograms.runs_main), or serves an app with a server command: not only a developer's
        server (`fastapi dev web/main.py` imports the file, and says nothing of production)."""
        if self._known is None:
            programs = self._deployed()
            deployment = programs.deployment
            self._known = any(programs.runs_main(name) for name in programs.programs) or bool(deployment.program_runs().served) \
                or any(PRODUCTION_SERVER.search(line) and _TARGET.search(line) for line in deployment.text.splitlines())
        return self._known

    def _deployed(self) -> DeployedPrograms:
        if self._programs is None:
            self._programs = deployed_programs(self.analysis)
        return self._programs

    def _main_block_only(self, module: str, step: str) -> bool:
        """The module's top level calls `step` (the next function up the chain, or the start) only from its
        `__main__` block, or no module imports it: importing it does not start the server."""
        if self._imported is None:
            self._imported = imported_modules(self.index)
        if module not in self._imported:
            return True
        if module not in self._main_targets:
            graph = self.analysis.graph
            calls = self.index.modules[module].script_calls
            self._main_targets[module] = set(calls) | {target for call in calls for target in graph.targets(call)}
        return step in self._main_targets[module]

    # ----- the app a start serves -----

    def _app_module(self, context: str, app: str) -> Tuple[str, str]:
        """(the project module that holds the served app, its attribute), ("", "") when unknown."""
        if not app:
            return "", ""
        if ":" in app:
            named, _, attribute = app.partition(":")
            own = self.index.module_of(context)
            if named in self.index.modules:
                return named, attribute
            if own.endswith(f".{named}"):
                return own, attribute
            found = [module for module in self.index.modules if module.endswith(f".{named}")]
            return (found[0], attribute) if len(found) == 1 else ("", "")
        module = self.index.module_of(app)
        if not module or app == module:
            return "", ""
        return module, app[len(module) + 1:] if app.startswith(f"{module}.") else app.rpartition(".")[2]

    def _served_by_command(self, module: str, attribute: str) -> bool:
        """A line of the deployment starts a server on `module:attribute` (`uvicorn app:app`, a dotted
        tail of the module's name), or `fastapi run` serves the module's file (with `--app attribute`, or
        the app it finds there)."""
        deployment = self._deployed().deployment
        apps = deployment.program_runs().served.get(self.index.modules[module].path.replace("\\", "/"), set())
        if "" in apps or attribute.partition(".")[0] in apps:
            return True
        for line in deployment.text.splitlines():
            if PRODUCTION_SERVER.search(line) is None:
                continue
            for named, served in _TARGET.findall(line):
                if (not attribute or served == attribute.partition(".")[0]) and (module == named or module.endswith(f".{named}")):
                    return True
        return False

    def _probes_only(self, module: str, attribute: str) -> bool:
        """Every route of the app's module answers probes or scrapes, and nothing adds others (module docstring)."""
        summary = self.index.modules[module]
        path = summary.path
        routes = [entry.route for entry in self.analysis.model.entry_points
                  if entry.path == path or entry.registered.rpartition(":")[0] == path]
        routes += [route for _, route, *_ in summary.registrations if route.startswith("/")]  # a handler under two routes too
        if not routes or not all(is_probe_path(route) or route.strip("/").rpartition("/")[2].lower() == "metrics" for route in routes):
            return False
        calls = {call for function in summary.functions.values() for call in function.calls}
        if any(call.endswith(_MOUNTS) for call in calls) or any(kind in ("join", "replace", "include") for kind, *_ in summary.prefixes):
            return False
        served = f"{module}.{attribute.partition('.')[0]}"
        tests = test_modules(self.index)
        return not any(target == served for name, other in self.index.modules.items() if name != module and name not in tests
                       for target in other.imports.values())
