"""Modules only commands name: code a command nothing schedules loads by its dotted path.

A module no project module imports is counted as a way into the service (scope.py, cli_programs.py):
something loads it by path, by a settings string or by a framework's plug-in mechanism. When the
only code that names it is a command's (TWLight's `survey_active_users` management command picking
`"TWLight.emails.backends.mediawiki.EmailBackend"` for Django's `get_connection(backend=...)`), that
something is the command: the module runs in that command's process alone, its classes' methods
called by the framework the command hands them to.

So a module is the commands' when every module that imports it (by an import statement or a call the
call graph resolves) or whose code or strings hold its name (its last component, and outside its package
that package's name too: mmw's `packer.driver`, which only its stack tool imports, is not named by a Django
view's OGR `driver=`) is one of `programs` (scope.py's modules of
commands nothing schedules, which no project module imports), one of them imports it or spells its
dotted path (`backends.mediawiki`), and nothing else may load it: no computed-name loader of another
module (name_loads.py), no configuration, deployment or documentation file holding its dotted path,
no Python program outside the index. A settings module that selects it (`EMAIL_BACKEND =
"pkg.backends.mediawiki.EmailBackend"`), an `.env` file or chart that does, or a scheduled command
(not among `programs`) naming it keeps it the service's. Tests and prose (a help text, a comment)
name nothing. A module that defines entry points, registrations, tasks or a `__main__` block is
never one, nor is a package's `__init__`, which runs with any module under it, nor one whose
module-level code a decorator from outside the project may register (a template tag library).
"""

from __future__ import annotations

import os
from itertools import chain
from typing import FrozenSet, Set, Tuple

from prr_lint.module_loads import LOADS_MODULES_BY_NAME
from prr_lint.module_walks import WALKS_MODULES
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.name_loads import loaded_by_name, only_by_name
from prr_lint.project.project_tree import project_tree
from prr_lint.project.support import test_modules
from prr_lint.project.unregistered import CONFIG_SUFFIXES, DOCUMENTED_SUFFIXES
from prr_lint.tree_reads import file_size, read_text

_MAX_TEXT = 1 << 18
# Files that may hold a dotted path something loads (beside Python programs without a suffix): configuration,
# deployment, templates of either, other languages' scripts; and documentation, which tells an operator what to set.
_DEPLOYMENT = CONFIG_SUFFIXES + (".tf", ".tfvars", ".hcl", ".tpl", ".j2", ".jinja", ".service", ".js", ".ts")
_DOCUMENTATION = tuple(suffix for suffix in DOCUMENTED_SUFFIXES if suffix not in CONFIG_SUFFIXES)


def command_named_functions(analysis: ServingAnalysis, programs: FrozenSet[str], serving: Set[str]) -> Set[str]:
    """Every function (and the top level) of a module only `programs` import or name, `serving` aside."""
    index = analysis.index
    if not programs:
        return set()
    tests = test_modules(index)
    entries = {index.module_of(name) for name in chain(analysis.model.seeds, analysis.model.batch)}
    candidates = {
        name for name, module in index.modules.items()
        if name not in programs and name not in tests and name not in entries and name.rpartition(".")[2].isidentifier()
        and not module.registrations and not module.script_calls and not module.path.endswith("__init__.py")  # loaded with any of its modules
        and not _registers(index, module)
    }
    others = [module for name, module in index.modules.items() if name not in tests and name not in programs]
    for module in others:
        for target in chain(module.imports.values(), module.star_imports,
                            (index.module_of(call) for function in module.functions.values() for call in function.calls)):
            while target:
                if target != module.module:
                    candidates.discard(target)
                target = target.rpartition(".")[0]
    if not candidates:
        return set()
    named = {name for name in candidates if any(_names(index.modules[program], name) for program in programs)}
    named -= {name for name in named for module in others if module.module != name and _may_name(module, name)}
    if named:
        named -= _loaded_elsewhere(analysis, named, programs, tests)
    if not named:
        return set()
    return {name for name in index.functions if index.module_of(name) in named and name not in serving}


def _registers(index, module) -> bool:
    """A decorator outside the project may register the module's code where the service finds it (a
    template tag library's `@register.filter`, a signal receiver, a route): a class decorator, or one
    on a module-level function."""
    prefix = f"{module.module}."
    return bool(module.class_decorators) or any(
        decorator not in index.functions for name, function in module.functions.items()
        if name.startswith(prefix) and "." not in name[len(prefix):] for decorator in function.decorators)


def _names(program, module: str) -> bool:
    """The program imports `module` (or a name from it), or its code holds the module's dotted path
    (its last two components, as words of a string: `"pkg.backends.mediawiki.EmailBackend"`)."""
    if any(target == module or target.startswith(module + ".") for target in program.imports.values()):
        return True
    parent, _, last = module.rpartition(".")
    return _in_code(program, last) and (not parent or _in_code(program, parent.rpartition(".")[2]))


def _may_name(module, name: str) -> bool:
    """Another module may load `name` by a name its code holds: the last component, and outside the module's
    package its package's too (`"packer.driver"`; a loader in the package may spell only `".driver"`). A word of the
    last component alone names something else there (mmw's export views passing an OGR `driver=`)."""
    parent, _, last = name.rpartition(".")
    return _in_code(module, last) and (not parent or module.module.startswith(parent + ".")
                                       or _in_code(module, parent.rpartition(".")[2]))


def _in_code(module, word: str) -> bool:
    """The module's code or a string of it that is no prose names `word`."""
    return module.words.get(word, 0) > module.prose_words.get(word, 0)


def _loaded_elsewhere(analysis: ServingAnalysis, modules: Set[str], programs: FrozenSet[str], tests: Set[str]) -> Set[str]:
    """Of `modules`, those something beyond `programs` may load: a computed-name loader of another
    module, a text file that holds the dotted path (documentation too: it tells an operator what to
    configure), a configuration or deployment file or a Python program the index does not hold that
    holds it or the file's path."""
    index = analysis.index
    running = [name for name in index.functions if index.module_of(name) not in programs and index.module_of(name) not in tests
               and any(tag.startswith((LOADS_MODULES_BY_NAME, WALKS_MODULES)) for tag in index.functions[name].tags)]
    found = loaded_by_name(analysis, running, only_by_name(analysis, programs)) & modules if running else set()
    tree = project_tree(analysis)
    if not tree.known:
        return set(modules)
    for folder, name in tree.files():
        documented = name.endswith(_DOCUMENTATION)
        path = os.path.join(folder, name)
        size = file_size(path) if documented or name.endswith(_DEPLOYMENT) or "." not in name else None
        if size is None or size > _MAX_TEXT:
            continue
        text = read_text(path)
        if text is None:
            return set(modules)
        found.update(module for module in modules - found if any(spelling in text for spelling in _spellings(module, documented)))
    return found


def _spellings(module: str, documented: bool) -> Tuple[str, ...]:
    """How a text file would name `module` to load it: its last two components as a dotted path
    (`backends.mediawiki`), or outside documentation (a coverage report lists files) as a path
    (`backends/mediawiki`); a top-level module before an attribute."""
    parent, _, last = module.rpartition(".")
    if not parent:
        return (f"{last}.", f"{last}:")
    parent = parent.rpartition(".")[2]
    return (f"{parent}.{last}",) if documented else (f"{parent}.{last}", f"{parent}/{last}")
