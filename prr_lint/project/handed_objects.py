"""Project classes whose objects service code hands to a library, for PRR501's dead code (dead_code.py).

A library calls what it was given by the names its protocol knows, which the project never spells: prometheus_client's
registry runs `collect()` on each collector `REGISTRY.register(QueueCollector(url))` gave it, a server runs its
handler's `handle()`. So a class whose instance (or the class itself, through an import) a call passes to a function
or class no project code defines is one that code outside the project may call into, as one with an external base:
its public methods may be hooks (dead_code.py `_hooked_classes`). What the argument holds is typed over the whole
project (project/receivers.py: `collector = QueueCollector(url)`, a factory's result, an attribute, a parameter); an
object of no known class tells nothing. A class a module hands over by its own bare name is handed too
(`register_converter(HexConverter, "hex")`, receivers.py `record_call`), as an imported one is. A test hands nothing
to the service's libraries.
"""

from __future__ import annotations

from typing import AbstractSet, FrozenSet, Set

from prr_lint.project.names import resolve_name


def handed_classes(analysis, tests: AbstractSet[str]) -> FrozenSet[str]:
    """The project classes whose objects a call in a non-test module passes to a library."""
    index, graph = analysis.index, analysis.graph

    def build() -> FrozenSet[str]:
        found: Set[str] = set()
        for name, function in index.functions.items():
            if not function.arguments or index.module_of(name) in tests:
                continue
            for callee, _, expr in function.arguments:
                if not graph.targets(callee) and resolve_name(index, callee) not in index.classes:
                    found.update(graph.receivers.types(expr))
        return frozenset(found)

    return index.derived("handed-classes", build)
