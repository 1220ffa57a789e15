"""The cross-module call graph and what serving code reaches (rule catalogue §2.4).

Built from module summaries only. Edges: calls by resolved name, including `self`/`cls` methods up
the class hierarchy and methods on typed receivers (module-level objects too, through the index's
record of their classes); constructors to `__init__`; hand-offs that stay on the serving host
(`executor.submit(f)`, `Thread(target=f)`, `run_in_executor`, `to_thread`, `partial`); and a function
to the functions and lambdas nested in it. A task-queue hand-off (`task.delay()`, `apply_async`)
resolves to no project function and so adds no edge. Unresolved calls are dropped: the graph
under-approximates, which keeps findings precise.

`ServingAnalysis` runs one breadth-first search from every entry point at once, so the predecessor
map gives each reached function its shortest path from some entry point.
"""

from __future__ import annotations

import fnmatch
from collections import deque
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from prr_lint.model import RelatedLocation, Span
from prr_lint.project.entrypoints import EntryPoint, Options, ServingModel, find_entry_points, resolve_name
from prr_lint.project.index import ProjectIndex


class CallGraph:
    def __init__(self, index: ProjectIndex) -> None:
        self.index = index
        self._edges: Dict[str, Tuple[str, ...]] = {}
        self._targets: Dict[str, Optional[str]] = {}
        self._nested: Dict[str, List[str]] = {}
        for qualname in index.functions:
            parent = qualname.rpartition(".")[0]
            if parent in index.functions and parent not in index.modules:
                self._nested.setdefault(parent, []).append(qualname)

    def target(self, name: str) -> Optional[str]:
        """The project function a called name runs, or None."""
        if name in self._targets:
            return self._targets[name]
        index = self.index
        found = index.canonical(name)
        if found is None:
            resolved = resolve_name(index, name)
            found = index.canonical(resolved) if resolved != name else None
        if found is not None and found in index.classes:
            found = index._method(found, "__init__", set())
        if found is not None and found not in index.functions:
            found = None
        self._targets[name] = found
        return found

    def callees(self, qualname: str) -> Tuple[str, ...]:
        edges = self._edges.get(qualname)
        if edges is None:
            function = self.index.functions.get(qualname)
            found: Dict[str, None] = {}
            if function is not None:
                for name in (*function.calls, *function.handoffs):
                    target = self.target(name)
                    if target is not None and target != qualname:
                        found[target] = None
                for nested in self._nested.get(qualname, ()):
                    found[nested] = None
            edges = self._edges[qualname] = tuple(found)
        return edges


def breadth_first(graph: CallGraph, seeds: Sequence[str], max_depth: int) -> Dict[str, Tuple[Optional[str], int]]:
    """Reached function -> (predecessor, depth); seeds have no predecessor and depth 0."""
    reached: Dict[str, Tuple[Optional[str], int]] = {}
    queue: deque = deque()
    for seed in sorted(seeds):
        if seed not in reached:
            reached[seed] = (None, 0)
            queue.append(seed)
    while queue:
        current = queue.popleft()
        depth = reached[current][1]
        if depth >= max_depth:
            continue
        for callee in graph.callees(current):
            if callee not in reached:
                reached[callee] = (current, depth + 1)
                queue.append(callee)
    return reached


def _setting(settings, section: str, key: str, default):
    if settings is None:
        return default
    try:
        return settings.section(section).get(key, default)
    except (KeyError, AttributeError):
        return default


class ServingAnalysis:
    """Entry points, reachability and import closure of one run, computed once on first use."""

    def __init__(self, index: ProjectIndex, settings=None, console_scripts: Optional[Dict[str, str]] = None) -> None:
        self.index = index
        self.settings = settings
        self._console_scripts = console_scripts
        self.max_depth = int(_setting(settings, "reachability", "max-depth", 8))
        self.follow_imports = bool(_setting(settings, "reachability", "follow-import-side-effects", True))
        sections = getattr(settings, "sections", None) if settings is not None else None
        self.options = Options.from_section(sections.get("entrypoints") if sections else None)
        self.model: ServingModel = find_entry_points(index, self.options)
        self.graph = CallGraph(index)
        self._reached: Optional[Dict[str, Tuple[Optional[str], int]]] = None
        self._reached_batch_ok: Optional[Dict[str, Tuple[Optional[str], int]]] = None
        self._imported: Optional[Dict[str, Optional[str]]] = None
        self.entry_by_name: Dict[str, EntryPoint] = {entry.qualname: entry for entry in self.model.entry_points}
        self._non_serving = None

    @property
    def console_scripts(self) -> Dict[str, str]:
        """`[project.scripts]` targets of the project root's pyproject.toml -> script name (read once)."""
        from prr_lint.project.scope import console_scripts

        if self._console_scripts is None:
            self._console_scripts = console_scripts(getattr(self.settings, "root", None))
        return self._console_scripts

    def non_serving(self):
        """The functions that are positively not serving code (project/scope.py), computed once."""
        from prr_lint.project.scope import NonServing

        if self._non_serving is None:
            self._non_serving = NonServing(self)
        return self._non_serving

    # ----- reachability -----

    @property
    def reached(self) -> Dict[str, Tuple[Optional[str], int]]:
        if self._reached is None:
            self._reached = breadth_first(self.graph, sorted(self.model.seeds), self.max_depth)
        return self._reached

    def reached_for_batch(self) -> Dict[str, Tuple[Optional[str], int]]:
        """Reachability from the entry points whose routes are not in `batch.ok-routes`."""
        ok_routes = tuple(_setting(self.settings, "batch", "ok-routes", ()))
        if not ok_routes:
            return self.reached
        if self._reached_batch_ok is None:
            seeds = [
                seed
                for seed in self.model.seeds
                if not any(fnmatch.fnmatch(self.entry_by_name[seed].route, pattern)
                           for pattern in ok_routes if seed in self.entry_by_name and self.entry_by_name[seed].route)
            ]
            self._reached_batch_ok = breadth_first(self.graph, seeds, self.max_depth)
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

    def module_of(self, qualname: str):
        name = qualname
        while name:
            if name in self.index.modules:
                return self.index.modules[name]
            name = name.rpartition(".")[0]
        return None

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

    def _module_for_import(self, name: str) -> Optional[str]:
        while name:
            if name in self.index.modules:
                return name
            name = name.rpartition(".")[0]
        return None

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
                targets = [self._module_for_import(target) for target in summary.imports.values()]
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
