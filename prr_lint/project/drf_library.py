"""Whether a reporting library's DRF handler reports where a configured handler returns its answer (PRR104).

drf-standardized-errors' `ExceptionHandler.run()` reports a server fault (rules/framework_reports.py). A configured
handler that returns `X(exc, context).run()` reports through it when X is that class, or a project class deriving
from it none of whose classes up to it overrides a method that decides the report without keeping it (the per-file
phase tags the overrides that keep it, and other methods that store a `status_code`: rules/drf_library.py). The
library's `exception_handler` runs the class its settings name (`DRF_STANDARDIZED_ERRORS["EXCEPTION_HANDLER_CLASS"]`,
read from every module that is no test's): the base when none does, else each named class must be the base or such a
project class; a setting that is not read (no literal) keeps the finding. Whatever answers, the finding stays when
a hook of the base may be replaced where it is not defined (an assignment anywhere of an attribute named as one,
`ExceptionHandler.report_exception = ...`, or `setattr(..., "report_exception", ...)`), or the project holds its own
module of the library's name (a copy the table says nothing of).
"""

from __future__ import annotations

from typing import FrozenSet, Tuple

from prr_lint.model import DRF_HANDLER_CLASS, LIBRARY_HOOK_BOUND, LIBRARY_HOOK_DROPS, LIBRARY_HOOK_KEEPS, LIBRARY_HOOK_STORED
from prr_lint.paths import is_test_path
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors
from prr_lint.project.reporters import reporter_functions
from prr_lint.rules.framework_reports import REPORT_HOOKS, REPORTING_DRF_HANDLERS

_OBJECT = frozenset({"builtins.object", "object"})


def library_reports(index: ProjectIndex, subject: str) -> bool:
    """The library function or the class named `subject` (rules/drf_library.py `library_answers`) reports a
    server fault in this project."""
    if _vendored(index) or _replaced_hooks(index):
        return False
    base = REPORTING_DRF_HANDLERS.get(subject)
    if base is not None:  # the class the library's settings name, its base when none does
        return all(name == base or _class_keeps_report(index, index.canonical(name) or name, base)
                   for name in _configured_classes(index))
    if subject in REPORT_HOOKS:
        return True
    name = index.canonical(subject) or subject
    base = next((base for base in REPORT_HOOKS if base in class_ancestors(index, name)), None) if name in index.classes else None
    return base is not None and _class_keeps_report(index, name, base)


def _class_keeps_report(index: ProjectIndex, name: str, base: str) -> bool:
    """The project class `name`, a subclass of `base`, keeps `base`'s report: each class of the project on its way
    overrides a hook only by a `def` tagged as keeping it (a `report_exception` that reports itself keeps it too),
    stores no `status_code` in another method, and every installed base is `base` or `object`."""
    if name not in index.classes or base not in class_ancestors(index, name):
        return False
    bound, dropping = _bound_hooks(index), _dropping_classes(index)
    for ancestor in (name, *class_ancestors(index, name)):
        if ancestor not in index.classes:
            if ancestor != base and ancestor not in _OBJECT:
                return False
            continue
        if ancestor in bound or ancestor in dropping:
            return False
        for hook in REPORT_HOOKS[base]:
            method = index.functions.get(f"{ancestor}.{hook}")
            if method is not None and LIBRARY_HOOK_KEEPS not in method.tags and not (
                    hook == "report_exception" and method.qualname in reporter_functions(index)):
                return False
    return True


def _configured_classes(index: ProjectIndex) -> Tuple[str, ...]:
    """The classes drf-standardized-errors' settings name in modules that are no test's ("?" for one not read), or
    its own base when none does."""
    named = index.derived("drf-handler-classes", lambda: tuple(dict.fromkeys(
        path for module, paths in index.tagged(DRF_HANDLER_CLASS).items() if not _in_tests(index, module) for path in paths)))
    return named or tuple(REPORT_HOOKS)


def _replaced_hooks(index: ProjectIndex) -> bool:
    """A module that is no test's assigns an attribute named as a hook (`ExceptionHandler.report_exception = f`,
    `self.run = ...`: a method replaced where it is not defined), or sets one by `setattr` with its literal name."""
    hooks = {hook for hooks in REPORT_HOOKS.values() for hook in hooks}
    return index.derived("library-hooks-replaced", lambda: any(
        hooks.intersection(module.attribute_stores) for module in index.modules.values() if not is_test_path(module.path))
        or any(not _in_tests(index, module) for module in index.tagged(LIBRARY_HOOK_STORED)))


def _vendored(index: ProjectIndex) -> bool:
    """The project holds a module of a reporting library's name: what it imports may be that copy."""
    packages = {name.partition(".")[0] for name in REPORTING_DRF_HANDLERS}
    return any(module.partition(".")[0] in packages for module in index.modules)


def _in_tests(index: ProjectIndex, qualname: str) -> bool:
    module = index.modules.get(index.module_of(qualname))
    return module is not None and is_test_path(module.path)


def _bound_hooks(index: ProjectIndex) -> FrozenSet[str]:
    """The classes whose body binds a hook's name other than by a `def`."""
    return index.derived("library-hook-bound", lambda: frozenset(
        name for names in index.tagged(LIBRARY_HOOK_BOUND).values() for name in names))


def _dropping_classes(index: ProjectIndex) -> FrozenSet[str]:
    """The classes with a method, no hook, that stores a `status_code` (what the library's report keys on)."""
    return index.derived("library-hook-drops", lambda: frozenset(
        qualname.rpartition(".")[0] for qualname, function in index.functions.items() if LIBRARY_HOOK_DROPS in function.tags))
