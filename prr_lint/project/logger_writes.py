"""PRR403 in the project phase: what a `getLogger(__file__)` logger writes beyond its own module's top level
(condition `unless-logger-writes`, rules/logger_names.py).

A logger named by a path files nothing that routing, alerting or error search keys on by logger name when every
record written through it is below WARNING. Its module alone cannot always tell:

* A module-level logger whose WARNING and higher records are all written in functions (subjects `("name", f, ...)`)
  writes them only when one of those functions runs: when none does (PRR501's dead code, dead_code.py: an uncalled
  method, a helper only tests name) the finding goes.
* A logger a method binds to an attribute of `self` (subjects `("attribute", method, attr, own)`) is written through by
  every class of its lineage, in any module: the plug-in base's `self.logger = logging.getLogger(__file__)` and a
  subclass's `self.logger.info(...)`. The finding goes when no running function of the project calls a method of
  that attribute on the class, a base or a subclass (typed calls, `Cls.logger.error`) or on an object of no known
  type (`actor.logger.error`) other than a level below WARNING, and none hands the attribute on (an argument, another
  attribute's value). A run over single files sees none of the subclasses: there the module's own records decide, as
  the file phase did (`("attribute", method, attr, "writes")`: a DEBUG/INFO trail only, no finding).
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Optional, Set

from prr_lint.model import Finding, Pending
from prr_lint.project.names import class_ancestors, lineage
from prr_lint.project.vanishing import running
from prr_lint.rules.logger_names import LOGGER_WRITES
from prr_lint.sinks import LEVELS, WARNING

Judge = Callable[[Pending], Optional[Finding]]


def logger_write_conditions(project) -> Dict[str, Callable[[], Judge]]:
    def build() -> Judge:
        analysis = project.analysis()
        index = analysis.index
        runs = running(analysis)  # PRR501's dead code runs nowhere
        subclasses: Dict[str, Set[str]] = {}
        for name in index.classes:
            for base in class_ancestors(index, name):
                subclasses.setdefault(base, set()).add(name)

        def check(item: Pending) -> Optional[Finding]:
            kind, rest = item.subjects[0], item.subjects[1:]
            if kind == "name":
                return item.finding if any(runs(function) for function in rest) else None
            method, attr, own = rest
            if not project.whole_project:  # the subclasses that may write through it are not in the run: its own module decides
                return None if own == "writes" else item.finding
            cls = method.rpartition(".")[0]
            if cls not in index.classes:
                return item.finding
            classes = frozenset({*lineage(index, cls), *subclasses.get(cls, ())})
            return item.finding if _written(index, classes, attr, runs) else None

        return check

    return {LOGGER_WRITES: build}


def _written(index, classes: FrozenSet[str], attr: str, runs: Callable[[str], bool]) -> bool:
    """Some running function writes a record at WARNING or above through `attr` of one of `classes` (or of an
    object of no known type), calls anything else on it, or hands it on."""
    held = {f"{cls}.{attr}" for cls in classes}
    for name, function in index.functions.items():
        if any(_through(index, call, attr, classes) for call in function.calls) or any(_untyped(call, attr) for call in function.chained) \
                or any(value in held for _, _, value in function.arguments):
            if runs(name):
                return True
    return any(value in held for module in index.modules.values() for values in module.attributes.values() for value in values)


def _through(index, call: str, attr: str, classes: FrozenSet[str]) -> bool:
    """`call` goes through `attr` of one of `classes` (by any name the class goes by: a re-export) other than as a
    record below WARNING (`Cls.logger.error`, `Cls.logger.log`; `Cls.logger.handlers.clear`, `Cls.logger.getChild`)."""
    owner, found, rest = call.partition(f".{attr}.")
    if not found or (index.canonical(owner) or owner) not in classes:
        return False
    return "." in rest or LEVELS.get(rest, WARNING) >= WARNING


def _untyped(call: str, attr: str) -> bool:
    """`call`, on an object of no known type, is one through an attribute `attr` other than a record below WARNING
    (`[f:0:actor].logger.error`)."""
    receiver, _, method = call.rpartition(".")
    return receiver.rpartition(".")[2] == attr and LEVELS.get(method, WARNING) >= WARNING
