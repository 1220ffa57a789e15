"""Methods whose only call is commented out, in a class code outside the project may call into (dead_code.py).

A public method of a class with an external base is kept as a hook the library may call by name (hooked_classes.py).
A commented-out call of it by attribute in its own module (`#  yield from self.scrape_vote(bill, row)`, openstates'
Alabama scraper, its vote scraping "disabled Summer 2020") says otherwise when the family shows the name is
no hook: other project classes that share an external base with it define the name, and each has a live call of it in
the project (the other states' scrapers call their own `self.scrape_vote(...)`). A sibling whose method of that name
nothing in the project calls is run by the library (each spider's `parse`), and then so may this one be, commented-out
call or not; so may a method a project base of the class defines (a call through the base may run it), or one no
sibling defines (a lone spider's `parse` beside a commented-out `self.parse(response)` may be the library's hook). Whether live code names it at all is dead_code.py's
question, as for any method only a call by name runs.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Dict, List, Mapping, Set

from prr_lint.project.names import class_ancestors


def commented_out_calls(index, graph, tests: Set[str]) -> Callable[[str, str], bool]:
    """Whether the method `local` of the class `cls` is called only in comments, by the module doc's measure."""
    defined: Dict[str, List[str]] = {}  # method name -> the non-test project classes that define it
    for name in index.functions:
        owner, _, local = name.rpartition(".")
        if owner in index.classes and index.module_of(owner) not in tests:
            defined.setdefault(local, []).append(owner)

    def live_called(name: str) -> bool:
        return any(caller != name and index.module_of(caller) not in tests for caller in graph.callers().get(name, ()))

    def commented_only(cls: str, local: str) -> bool:
        module = index.modules.get(index.module_of(cls))
        if module is None or local not in module.commented_calls:
            return False
        lineage = class_ancestors(index, cls)
        external = {base for base in lineage if base not in index.classes}
        siblings = [other for other in defined.get(local, ()) if other != cls]
        if any(other in lineage for other in siblings):
            return False
        family = [other for other in siblings if not external.isdisjoint(class_ancestors(index, other))]
        return bool(family) and all(live_called(f"{other}.{local}") for other in family)

    return commented_only


def without_prose(index, files: Mapping[str, Mapping[str, int]]) -> Dict[str, Mapping[str, int]]:
    """The files' words (path -> word -> count) without those of their modules' prose (comments, messages): what
    names a method whose only call is commented out, beyond that call."""
    prose = {module.path: module.prose_words for module in index.modules.values()}
    return {path: dict(Counter(words) - Counter(prose.get(path, {}))) for path, words in files.items()}
