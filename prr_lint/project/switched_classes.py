"""Classes built only under a switch that is off: their methods never run (PRR501's project/switched_reach.py).

`if "eas" in exporter_names: self.exporters.append(EASExporter())`, `if os.environ.get("SEARCH_AUTO") == "1":
solr_mgr = SolrManager(config) else: solr_mgr = None` in another module that imports it: the object exists only
when the deployment turns the feature on, and its methods are called only through the list or the attribute
(`exporter.export(metrics)`, `self.solr_mgr.ingest(...)`), so the call graph cannot tell that nothing else calls
them. A class is switched off when the project builds it at least once outside tests, every such construction is a
call under a switch that is off (the summaries' `switched-call:` tags, project/switches.py), and nothing else can
reach it: every module outside tests names it only for its definition, the imports that bring it in under its own
name and those constructions (word counts: no registry `{"eas": EASExporter}`, no `isinstance`, no value use,
classmethod or attribute of the class, no string naming it for a loader, no alias), no module outside tests
star-imports a module binding it or calls what a computed name looks up on one (`getattr(mod, name)()`), no
program the index does not hold or other text file of the project names it, and no project class derives from it.
Tests do not run in the service: what they build or patch keeps nothing on. Computed once per run, when a finding
first asks.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, FrozenSet, Set

from prr_lint.dispatch import BY_COMPUTED_NAME
from prr_lint.project.project_tree import project_tree
from prr_lint.project.support import test_modules
from prr_lint.project.text_words import script_words, tree_words
from prr_lint.rules.param_guards import CALL_ARGS
from prr_lint.rules.switched_calls import SWITCHED_CALL


def switched_classes(analysis, off: Callable[[str], bool]) -> FrozenSet[str]:
    """The classes every construction of which runs only under a switch that is off (module docstring)."""
    index = analysis.index
    dead_calls = {qualname: Counter(off_calls) for qualname, rests in index.tagged(SWITCHED_CALL).items()
                  if (off_calls := [name for rest in rests for name, _, keys in [rest.rpartition("=")] if off(keys)])}
    # Only a class some call under a switch that is off builds can be one: its other constructions are counted
    # against those (most projects switch off none).
    built_off = {target for qualname, dead in dead_calls.items() for name in dead
                 if (target := index.canonical(name)) is not None and target in index.classes}
    if not built_off:
        return frozenset()
    tests = test_modules(index)
    made: Counter = Counter()  # (class, module) -> constructions there
    on = set()
    for qualname, function in index.functions.items():
        module = index.module_of(qualname)
        if module in tests:
            continue
        dead = dead_calls.get(qualname)
        for name in function.calls:
            target = index.canonical(name)
            if target not in built_off:
                continue
            made[target, module] += 1
            if dead is not None and dead[name]:
                dead[name] -= 1
            else:
                on.add(target)
    candidates = {name for name, _ in made if name not in on}
    if not candidates:
        return frozenset()
    derived = {index.canonical(base) for bases in index.classes.values() for base in bases}
    candidates -= derived
    return frozenset(name for name in candidates if _named_only_so(index, name, made, tests)) - _named_outside(analysis, candidates)


def _named_only_so(index, name: str, made: Counter, tests: Set[str]) -> bool:
    """Every module outside tests names the class once for its definition (its own module: code and strings,
    no comments), once per import of it under its own name and once per construction (whole text), and none
    star-imports or looks up a computed name on a module binding it."""
    home = index.module_of(name)
    short = name[len(home) + 1:]
    if home not in index.modules or "." in short:
        return False
    binding = {home}
    for module, summary in index.modules.items():
        if module in tests:
            continue
        imported = [local for local, target in summary.imports.items() if index.canonical(target) == name]
        if any(local != short for local in imported):
            return False  # an alias: the words of its uses are another name's
        binding.update([module] if imported else [])
        named = summary.code_words.get(short, 0) if module == home else summary.words.get(short, 0)
        if named != (module == home) + len(imported) + made[name, module]:
            return False
    looked_up = {rest[len(BY_COMPUTED_NAME):].partition("=")[0] for caller, rests in index.tagged(CALL_ARGS).items()
                 if index.module_of(caller) not in tests for rest in rests if rest.startswith(BY_COMPUTED_NAME)}
    return not binding & looked_up and not any(set(summary.star_imports) & binding for module, summary in index.modules.items() if module not in tests)


def _named_outside(analysis, candidates: Set[str]) -> Set[str]:
    """The candidates a program the index does not hold, or another text file of the project, names (text_words.py):
    all of them when those cannot be read."""
    scripts = script_words(project_tree(analysis))
    if scripts is None:
        return set(candidates)
    words = tree_words(analysis)
    return {name for name in candidates if (short := name.rpartition(".")[2]) in words or any(short in counts for counts in scripts.values())}
