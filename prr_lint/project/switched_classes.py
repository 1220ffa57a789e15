"""Classes built only under a switch that is off: their methods never run (PRR501's project/switched_reach.py).

`if "eas" in exporter_names: self.exporters.append(EASExporter())`: the exporter exists only when the
deployment turns the target on, and its `export` is called only through the list (`exporter.export(metrics)`
on a receiver of the base type), so the call graph cannot tell that nothing else calls it. A class is
switched off when the project builds it at least once, every construction is a call under a switch that is
off (the summaries' `switched-call:` tags, project/switches.py), all of them are in its own module, its module
names it nowhere else (no registry `{"eas": EASExporter}`, no `isinstance`, no reference as a value: its code
names it once for the definition and once per construction), no other module imports it, and no project class
derives from it. Computed once per run, when a finding first asks.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, FrozenSet

from prr_lint.project.index import ProjectIndex
from prr_lint.rules.switched_calls import SWITCHED_CALL


def switched_classes(index: ProjectIndex, off: Callable[[str], bool]) -> FrozenSet[str]:
    """The classes every construction of which runs only under a switch that is off (module docstring)."""
    made: Counter = Counter()
    switched: Counter = Counter()
    elsewhere = set()
    # only a call that builds a class counts: the keys of the others are not asked (asking may read the whole tree)
    dead_calls = {qualname: Counter(off_calls) for qualname, rests in index.tagged(SWITCHED_CALL).items()
                  if (off_calls := [name for rest in rests for name, _, keys in [rest.rpartition("=")]
                                    if index.canonical(name) in index.classes and off(keys)])}
    # Only a class some call under a switch that is off builds can be one: its other constructions are counted
    # against those (most projects switch off none).
    built_off = {target for qualname, dead in dead_calls.items() for name in dead
                 if (target := index.canonical(name)) is not None and target in index.classes}
    for qualname, function in index.functions.items() if built_off else ():
        dead = dead_calls.get(qualname)
        for name in function.calls:
            target = index.canonical(name)
            if target not in built_off:
                continue
            made[target] += 1
            if index.module_of(qualname) != index.module_of(target):
                elsewhere.add(target)
            if dead is not None and dead[name]:
                dead[name] -= 1
                switched[target] += 1
    candidates = {name for name, count in made.items() if count == switched[name] and name not in elsewhere}
    if not candidates:
        return frozenset()
    derived = {index.canonical(base) for bases in index.classes.values() for base in bases}
    imported = {target for summary in index.modules.values() for target in summary.imports.values()}
    return frozenset(name for name in candidates if name not in derived and name not in imported and _named_only_so(index, name, made[name]))


def _named_only_so(index: ProjectIndex, name: str, constructions: int) -> bool:
    """The class's module names it once for its definition and once per construction, and star-exports nothing."""
    module = index.modules.get(index.module_of(name))
    short = name[len(module.module) + 1:] if module is not None else ""
    return module is not None and "." not in short and module.code_words.get(short) == 1 + constructions
