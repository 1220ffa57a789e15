"""One run's serving analysis: entry points, reachability from them and the import closure of serving
code, computed once on first use and shared by the project phase's checks (rule catalogue §2.4).

`reached` comes from one breadth-first search from every entry point at once, so the predecessor
map gives each reached function its shortest path from some entry point.
"""

from __future__ import annotations

import fnmatch
from collections import deque
from dataclasses import replace
from typing import Callable, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple, TypeVar

from prr_lint.model import ModuleSummary, RelatedLocation, Span
from prr_lint.project.callgraph import CallGraph, breadth_first
from prr_lint.project.entrypoints import find_entry_points
from prr_lint.project.index import ProjectIndex
from prr_lint.project.model import REGISTERED_COMMANDS, EntryPoint, Options, ServingModel, setting
from prr_lint.project.names import module_of, project_module, run_imports
from prr_lint.project.paste_apps import paste_factories
from prr_lint.project.spawns import OnHostCalls, spawns_any
from prr_lint.project.scripts import console_scripts as read_console_scripts

T = TypeVar("T")


def call_graph(index: ProjectIndex) -> CallGraph:
    """The run's call graph, built once: the serving analysis searches it, and PRR402's start-up check reads its callers."""
    return index.derived("call-graph", lambda: CallGraph(index))


class ServingAnalysis:
    """Entry points, reachability and import closure of one run, computed once on first use."""

    def __init__(self, index: ProjectIndex, settings=None, console_scripts: Optional[Dict[str, str]] = None,
                 launch_files: Sequence[str] = ()) -> None:
        self.index = index
        self.settings = settings
        self._console_scripts = console_scripts
        self.max_depth = int(setting(settings, "reachability", "max-depth", 8))
        self.follow_imports = bool(setting(settings, "reachability", "follow-import-side-effects", True))
        sections = getattr(settings, "sections", None) if settings is not None else None
        self.options = Options.from_section(sections.get("entrypoints") if sections else None)
        root = getattr(settings, "root", None)
        # The factories the project's paste configuration names (project/paste_apps.py).
        self.paste = paste_factories(launch_files, str(root) if root is not None else None)
        self.graph = call_graph(index)
        self.model: ServingModel = find_entry_points(index, self.options, self.paste, self.graph.receivers)
        # A command its enclosing function registers (`def register(app): @app.cli.command() def seed()`) is not called there.
        self.graph.unnest(context.qualname for context in self.model.batch_contexts if context.kind in REGISTERED_COMMANDS)
        self._reached: Optional[Dict[str, Tuple[Optional[str], int]]] = None
        self._reached_batch_ok: Optional[Dict[str, Tuple[Optional[str], int]]] = None
        self._imported: Optional[Dict[str, Optional[str]]] = None
        self.entry_by_name: Dict[str, EntryPoint] = {entry.qualname: entry for entry in self.model.entry_points}
        self._derived: Dict[str, object] = {}

    def unserve(self, handlers: FrozenSet[str]) -> None:
        """Leave out handlers no app serves (project/served_routes.py): no reach, route or import starts from
        them. Called once, before anything is derived from the model."""
        if handlers:
            self.model = replace(self.model, seeds=self.model.seeds - handlers,
                                 entry_points=[entry for entry in self.model.entry_points if entry.qualname not in handlers])
            self.entry_by_name = {entry.qualname: entry for entry in self.model.entry_points}

    @property
    def console_scripts(self) -> Dict[str, str]:
        """`[project.scripts]` targets of the project root's pyproject.toml -> script name (read once)."""
        if self._console_scripts is None:
            self._console_scripts = read_console_scripts(getattr(self.settings, "root", None))
        return self._console_scripts

    def derived(self, key: str, build: Callable[[], T]) -> T:
        """An analysis built on this one by a module above it (project/scope.py's `NonServing`),
        computed once per run; keeps the dependency one way."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]  # type: ignore[return-value]

    # ----- reachability -----

    @property
    def reached(self) -> Dict[str, Tuple[Optional[str], int]]:
        if self._reached is None:
            self._reached = breadth_first(self.graph, sorted(self.model.seeds), self.max_depth)
        return self._reached

    def reached_for_batch(self) -> Dict[str, Tuple[Optional[str], int]]:
        """Reachability from the entry points whose routes are not in `batch.ok-routes`, not through a
        hand-off to another process (project/spawns.py)."""
        ok_routes = tuple(setting(self.settings, "batch", "ok-routes", ()))
        spawning = spawns_any(self.graph)
        if not ok_routes and not spawning:
            return self.reached
        if self._reached_batch_ok is None:
            seeds = [
                seed
                for seed in self.model.seeds
                if not any(fnmatch.fnmatch(self.entry_by_name[seed].route, pattern)
                           for pattern in ok_routes if seed in self.entry_by_name and self.entry_by_name[seed].route)
            ]
            graph = OnHostCalls(self.graph) if spawning else self.graph
            self._reached_batch_ok = breadth_first(graph, seeds, self.max_depth)  # type: ignore[arg-type]
        return self._reached_batch_ok

    def is_serving(self, qualname: str) -> bool:
        return qualname in self.reached

    def path_to(self, qualname: str, reached: Optional[Mapping[str, Tuple[Optional[str], int]]] = None) -> List[str]:
        reached = self.reached if reached is None else reached
        if qualname not in reached:
            return []
        chain = [qualname]
        while True:
            previous = reached[chain[-1]][0]
            if previous is None:
                break
            chain.append(previous)
        return list(reversed(chain))

    # ----- locations -----

    def module_of(self, qualname: str) -> Optional[ModuleSummary]:
        return module_of(self.index, qualname)

    def label(self, qualname: str) -> str:
        """`api/app.py:get_report` for a function, `api/views.py:ReportView.get` for a method."""
        module = self.module_of(qualname)
        if module is None:
            return qualname
        short = qualname[len(module.module) + 1 :] if qualname != module.module else "<module>"
        return f"{module.path}:{short}"

    def location(self, qualname: str) -> RelatedLocation:
        module = self.module_of(qualname)
        function = self.index.functions.get(qualname)
        line = function.line if function is not None and function.line else 1
        column = function.column if function is not None and function.column else 1
        return RelatedLocation(module.path if module else "", Span(line, column, line, column), self.label(qualname))

    def related_path(self, chain: Sequence[str]) -> Tuple[RelatedLocation, ...]:
        return tuple(self.location(qualname) for qualname in chain)

    # ----- import side effects -----

    @property
    def imported(self) -> Dict[str, Optional[str]]:
        """Modules whose top level runs in the serving process -> the module that imports them."""
        if self._imported is None:
            reached: Dict[str, Optional[str]] = {}
            queue: deque = deque()
            for qualname in sorted(self.model.seeds):
                module = self.module_of(qualname)
                if module is not None and module.module not in reached:
                    reached[module.module] = None
                    queue.append(module.module)
            while queue and self.follow_imports:
                current = queue.popleft()
                summary = self.index.modules[current]
                # `from .document import *` runs that module too (a Django models package re-exporting its modules)
                targets = [project_module(self.index, target) for target in (*run_imports(summary), *summary.star_imports)]
                parts = current.split(".")
                targets.extend(".".join(parts[:i]) for i in range(1, len(parts)))  # parent packages run first
                for target in targets:
                    if target is not None and target in self.index.modules and target not in reached:
                        reached[target] = current
                        queue.append(target)
            self._imported = reached
        return self._imported

    def import_chain(self, module: str) -> List[str]:
        if module not in self.imported:
            return []
        chain = [module]
        while self.imported[chain[-1]] is not None:
            chain.append(self.imported[chain[-1]])  # type: ignore[arg-type]
        return list(reversed(chain))
