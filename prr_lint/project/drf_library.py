"""Whether a reporting library's DRF handler reports where a configured handler returns its answer (PRR104).

drf-standardized-errors' `ExceptionHandler.run()` reports a server fault (rules/framework_reports.py). A configured
handler that returns `X(exc, context).run()` reports through it when X is that class, or a project class deriving
from it none of whose classes up to it overrides a method that decides the report without keeping it (the per-file
phase tags such overrides: rules/drf_library.py). The library's `exception_handler` runs the subclass its settings
name (`DRF_STANDARDIZED_ERRORS["EXCEPTION_HANDLER_CLASS"]`), which is not read: every project subclass must keep the
report. A base of the project's class that is another installed class (a mixin that may override a method), or an
assignment anywhere of an attribute named as such a method (`ExceptionHandler.report_exception = ...`), keeps the
finding.
"""

from __future__ import annotations

from typing import FrozenSet

from prr_lint.model import LIBRARY_HOOK_BOUND, LIBRARY_HOOK_DROPS
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors
from prr_lint.project.reporters import reporter_functions
from prr_lint.rules.framework_reports import REPORT_HOOKS, REPORTING_DRF_HANDLERS

_OBJECT = frozenset({"builtins.object", "object"})


def library_reports(index: ProjectIndex, subject: str) -> bool:
    """The library function or the class named `subject` (rules/drf_library.py `library_answers`) reports a
    server fault in this project."""
    base = REPORTING_DRF_HANDLERS.get(subject)
    if base is not None:  # the class the library's settings name: any subclass of the project's
        return all(_keeps(index, name, base) for name in index.classes if base in class_ancestors(index, name))
    if subject in REPORT_HOOKS:
        return True
    name = index.canonical(subject) or subject
    if name not in index.classes:
        return False
    base = next((base for base in REPORT_HOOKS if base in class_ancestors(index, name)), None)
    return base is not None and _keeps(index, name, base)


def _keeps(index: ProjectIndex, name: str, base: str) -> bool:
    """The project class `name`, a subclass of `base`, keeps `base`'s report: no class of the project on its way
    binds a hook's name but by a `def` that keeps it (a `report_exception` that reports itself keeps it too), and
    every installed base is `base` or `object`."""
    bound = _bound_hooks(index)
    if any(hook in _stored_attributes(index) for hook in REPORT_HOOKS[base]):
        return False  # `ExceptionHandler.report_exception = ...`, `self.run = ...`: a method replaced where it is not defined
    for ancestor in (name, *class_ancestors(index, name)):
        if ancestor not in index.classes:
            if ancestor != base and ancestor not in _OBJECT:
                return False
            continue
        if ancestor in bound:
            return False
        for hook in REPORT_HOOKS[base]:
            method = index.functions.get(f"{ancestor}.{hook}")
            if method is not None and LIBRARY_HOOK_DROPS in method.tags and not (
                    hook == "report_exception" and method.qualname in reporter_functions(index)):
                return False
    return True


def _bound_hooks(index: ProjectIndex) -> FrozenSet[str]:
    """The classes whose body binds a hook's name other than by a `def`."""
    return index.derived("library-hook-bound", lambda: frozenset(
        name for names in index.tagged(LIBRARY_HOOK_BOUND).values() for name in names))


def _stored_attributes(index: ProjectIndex) -> FrozenSet[str]:
    """The attribute names an assignment of some module binds (word_counts.py `bound_attributes`)."""
    return index.derived("stored-attribute-names", lambda: frozenset(
        name for module in index.modules.values() for name in module.attribute_stores))
