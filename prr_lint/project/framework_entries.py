"""What a framework invokes that the call graph cannot see: seeds of the service's reach
(project/service_reach.py) beside its entry points.

A framework calls code it finds by a name or a place, not through a call in the project:

* a Django settings module (one that assigns `INSTALLED_APPS`): Django imports it at start, named by
  `DJANGO_SETTINGS_MODULE`, so its top level runs in the service;
* a dotted path a settings module assigns (`MIDDLEWARE`, `AUTHENTICATION_BACKENDS`,
  `DEFAULT_FILE_STORAGE`, a health-check list, `LOGGING`'s handler classes): the function it names,
  or every method of the class it names (and of that class's project bases);
* an OpenAPI `operationId` in a specification file of a project that uses connexion, which routes
  each operation to the function of that dotted path (with `x-openapi-router-controller` as its
  module when the id is a bare name);
* a Django template tag or filter a template library registers (`@register.simple_tag`): templates
  run it by name, used by a template or not (one no template loads is a seed all the same);
* the methods of a project class whose lineage has a framework or library base (a form, a view, an
  auth backend, a storage, a StreamField block, a Celery `Task`, a logging handler) once a module the
  service runs imports the class or reached code calls it: the framework holds the instance and
  calls its hooks (`clean`, `authenticate`, `get_context`, `run`), which call the rest. A class whose
  only outside bases are inert (`object`, `abc.ABC`, `typing`, `enum`, `dataclasses`, pydantic
  models, exceptions) gets nothing: no framework calls into it;
* the top level of the modules the service runs code of, and of the project modules they import:
  importing runs them (Django imports the middleware its settings name, and an app's `models`,
  whose imports define the page types and the blocks they build);
* a function of a module the service runs that a method of a framework object registers as a
  decorator (`@app.route` on a Flask subclass of another package, `@login_manager.user_loader`), or
  a known framework's application event (`@app.on_start` of BlackSheep): the object calls it. A
  command-line command (`@cli.command()`) is no part of the service.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, Set, Tuple

from prr_lint import frameworks as fw
from prr_lint.module_loads import SETS_PATH
from prr_lint.program_marks import ASSIGNS_INSTALLED_APPS
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.framework_hooks import TEMPLATE_REGISTRARS
from prr_lint.project.names import class_ancestors, decorator_name, lineage, methods, project_module, resolve_name
from prr_lint.project.project_tree import project_tree
from prr_lint.project.support import test_modules
from prr_lint.project.texts import read_bounded

# Outside bases that hand a class no framework's calls.
_INERT_PACKAGES = ("builtins.", "abc.", "typing.", "typing_extensions.", "enum.", "dataclasses.", "collections.",
                   "pydantic.", "attr.", "attrs.")
_INERT_NAMES = frozenset({"object", "Exception", "BaseException", "ABC", "Generic", "Protocol", "NamedTuple", "TypedDict"})
# `operationId: pkg.module.handler` in YAML, `"operationId": "pkg.module.handler"` in JSON.
_OPERATION_ID = re.compile(r"""operationId["']?[ \t]*:[ \t]*["']?([A-Za-z_][\w.]*)""")
_CONTROLLER = re.compile(r"""x-openapi-router-controller["']?[ \t]*:[ \t]*["']?([A-Za-z_][\w.]*)""")
_SPEC_SUFFIXES = (".yaml", ".yml", ".json")


def fixed_entries(analysis: ServingAnalysis) -> Set[str]:
    """Callables a framework finds by a name outside the call graph: settings' dotted paths, the
    settings modules themselves, connexion's operation ids and template tags."""
    return analysis.derived("framework-entries", lambda: frozenset(
        _named_in_settings(analysis) | _settings_modules(analysis) | operation_handlers(analysis) | _template_tags(analysis)))


def reached_entries(analysis: ServingAnalysis, reached: Set[str], running: Set[str], commands: FrozenSet[str]) -> Set[str]:
    """Callables the framework calls once the service runs the code that names them: the methods of
    framework subclasses that modules the service runs (`running`) import or reached code calls,
    the top level of those modules and of the modules they import, and the functions a framework object's decorator registers in those modules (not `commands`)."""
    index = analysis.index
    table = _framework_classes(analysis)
    named = {cls for module in running if module in index.modules
             for target in index.modules[module].imports.values() if (cls := index.canonical(target)) in table}
    named.update(cls for name in reached if name in index.functions
                 for call in index.functions[name].calls if (cls := index.canonical(call)) in table)
    found = {method for cls in named for method in table[cls]}
    found.update(target for module in running if module in index.modules
                 for name in (module, *index.modules[module].imports.values())
                 if (target := project_module(index, name)) is not None and target in index.functions)
    found.update(name for name, module in _registered_functions(analysis).items() if name not in commands and module in running)
    return found


def _registered_functions(analysis: ServingAnalysis) -> Dict[str, str]:
    """The functions a framework object's decorator registers (`_registers`), each with its module:
    found once per run, filtered by what runs at each step of the reach."""
    def build() -> Dict[str, str]:
        index = analysis.index
        return {name: index.module_of(name) for name, function in index.functions.items()
                if any(_registers(index, decorator) for decorator in function.decorators)}
    return analysis.derived("registered-functions", build)


def _lineage_methods(analysis: ServingAnalysis, cls: str) -> Tuple[str, ...]:
    index = analysis.index
    return tuple(method for owner in lineage(index, cls) for method in methods(index, owner))


def _framework_classes(analysis: ServingAnalysis) -> Dict[str, Tuple[str, ...]]:
    """Project classes with a framework or library base, each with the methods of its lineage."""
    def build() -> Dict[str, Tuple[str, ...]]:
        index = analysis.index
        tests = test_modules(index)
        return {cls: _lineage_methods(analysis, cls) for cls in index.classes
                if index.module_of(cls) not in tests
                and any(base not in index.classes and not _inert(base) for base in class_ancestors(index, cls))}
    return analysis.derived("framework-classes", build)


def _inert(base: str) -> bool:
    """An outside base no framework calls into; an unresolved bare name counts as one."""
    return "." not in base or base.startswith(_INERT_PACKAGES) or base.rpartition(".")[2] in _INERT_NAMES


def _registers(index, decorator: str) -> bool:
    """A decorator that is a method of an outside object of a framework prr-lint does not model
    (`canonicalwebteam.flask_base.FlaskBase.route`, `flask_login.LoginManager.user_loader`): the
    object keeps the function to call it."""
    if decorator_name(index, decorator) in fw.APP_EVENT_DECORATORS:
        return True  # a known framework's start-up or shutdown event (`@app.on_start`): no entry point
    if index.canonical(decorator) is not None or fw.canonical(decorator).startswith(fw.FRAMEWORK_PACKAGES):
        return False  # a known framework's registration is an entry point already (or left out on purpose)
    owner = decorator.rpartition(".")[0]
    return "." in owner and owner.rpartition(".")[2][:1].isupper() and not _inert(owner)


def _resolved(analysis: ServingAnalysis, paths: Iterable[str]) -> Set[str]:
    """The project functions the dotted paths name, and every method of the classes they name."""
    index = analysis.index
    found: Set[str] = set()
    for path in paths:
        name = resolve_name(index, path)
        if name in index.classes:
            found.update(_lineage_methods(analysis, name))
        elif name in index.functions and name not in index.modules:
            found.add(name)
    return found


def _named_in_settings(analysis: ServingAnalysis) -> Set[str]:
    """What the dotted paths that upper-case names (settings) are given name, at a module's top level
    or in a class body (settings as a class), in any module outside tests."""
    index = analysis.index
    tests = test_modules(index)
    paths = {tag.partition("=")[2] for module in index.modules if module not in tests
             for tag in getattr(index.functions.get(module), "tags", ()) if tag.startswith(SETS_PATH)}
    return _resolved(analysis, paths)


def _settings_modules(analysis: ServingAnalysis) -> Set[str]:
    """The top level of Django settings modules (outside tests): a module that assigns
    `INSTALLED_APPS`, which Django imports at start (`DJANGO_SETTINGS_MODULE`)."""
    index = analysis.index
    tests = test_modules(index)
    return {module for module in index.modules if module not in tests and module in index.functions
            and ASSIGNS_INSTALLED_APPS in index.functions[module].tags}


def operation_handlers(analysis: ServingAnalysis) -> Set[str]:
    """The functions the `operationId`s of the project's specification files name, in a project that
    imports connexion (which routes each operation to its id's function)."""
    index = analysis.index
    if not any(target.partition(".")[0] == "connexion" for module in index.modules.values() for target in module.imports.values()):
        return set()
    paths: Set[str] = set()
    for folder, name in project_tree(analysis).files():
        if not name.endswith(_SPEC_SUFFIXES):
            continue
        text = read_bounded(str(Path(folder, name)))
        if not text or "operationId" not in text:
            continue
        controllers = set(_CONTROLLER.findall(text))
        for operation in _OPERATION_ID.findall(text):
            paths.add(operation)
            paths.update(f"{controller}.{operation}" for controller in controllers)
    return _resolved(analysis, paths)


def _template_tags(analysis: ServingAnalysis) -> Set[str]:
    """Functions a template library registers by decorating them (outside tests)."""
    index = analysis.index
    tests = test_modules(index)
    return {name for name, function in index.functions.items()
            if TEMPLATE_REGISTRARS.intersection(function.decorators) and index.module_of(name) not in tests}
