"""What a tool root reaches through `self`: a base class's `self.x()` runs the override of the root's class.

The call graph resolves `self.read_from_url(url)` in a mixin's `load_data` to the mixin's own
`read_from_url`: it cannot know the instance's class. From a root that is a method (a Django
management command's `Command.handle`), the instance is of the root's class, so a call a base class
makes on `self` runs what that class's method resolution order picks: the
`ReadFromCSVMixin.read_from_url` override that `class Command(ReadFromCSVMixin, BaseCommand)`
inherits, not `ReadFromFileMixin.read_from_url`. scope.py's search of what tool roots reach adds
those overrides, so a helper a command reaches only through its mixin is the command's too.
"""

from __future__ import annotations

from typing import Dict, Iterable, Optional, Set, Tuple

from prr_lint.project.callgraph import breadth_first
from prr_lint.project.names import class_ancestors


def reach_as_self(analysis, roots: Iterable[str], max_depth: int, graph=None) -> Dict[str, Tuple[Optional[str], int]]:
    """`breadth_first` from `roots` (over `graph`, the analysis's by default), plus the overrides each
    root's class dispatches reached inherited methods to (see the module docstring)."""
    index, graph = analysis.index, graph or analysis.graph
    roots = sorted(roots)
    reached = breadth_first(graph, roots, max_depth)
    lineages = {}
    for root in roots:
        owner = root.rpartition(".")[0]
        if owner in index.classes and owner not in lineages:
            lineages[owner] = set(class_ancestors(index, owner)) - {owner}
    if not lineages:
        return reached
    done: Set[str] = set()
    while True:
        by_class: Dict[str, Set[str]] = {}
        for name in set(reached) - done:
            cls, _, method = name.rpartition(".")
            if cls in index.classes:
                by_class.setdefault(cls, set()).add(method)
        done.update(reached)
        more: Set[str] = set()
        for owner, bases in lineages.items():
            for base in bases & set(by_class):
                for method in by_class[base]:
                    found = index.canonical(f"{owner}.{method}")
                    if found is not None and found not in reached and found in index.functions:
                        more.add(found)
        if not more:
            return reached
        for name, step in breadth_first(graph, sorted(more), max_depth).items():
            reached.setdefault(name, step)
