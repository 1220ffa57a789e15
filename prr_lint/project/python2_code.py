"""Whether the service's own code shows it runs Python 2, in a project that declares no runtime at all.

python2_runtime.py reads the runtime from what the project declares: its deployment, CI and packaging. A project may
declare none of them (OSQA, a Django 1.6 site: a requirements.txt, a `.wsgi.dist` sample and an install guide that
points to a wiki). Its code then says what runs it. A module whose top level imports, unconditionally, a module only
Python 2's standard library has (`from Cookie import SimpleCookie`, `from urlparse import urlparse`: python2_imports.py
reads which imports count, and no project module or folder, pinned dependency, `sys.path` or `sys.modules` edit may
answer the name) raises `ModuleNotFoundError` under every Python 3 the moment it is imported. Only the web service's
own code counts (`served_modules`): the modules that build a framework app (a `Flask(...)`, `FastAPI(...)`: names.py
`calls_app_constructor`), those Django imports in the serving process by convention (`models`, `admin`, `apps`,
`templatetags/`, ...; not `management/commands/`, `migrations/` nor `tasks`, which other programs run) or by its
serving settings (`ROOT_URLCONF`, `MIDDLEWARE_CLASSES`, context processors, authentication backends), and every
project module their imports and URL `include("app.urls")` calls load, tests aside. A poller, an example server, a
management command or another program beside the service is no evidence of what runs the service. When at least
two distinct such modules fail so (`_LEAST`: one may be a slip, two are how it is written), no Python 3 runs that
service: its files that fail on a Python 2 statement (`print "x"` in a South migration) are then valid code for the
runtime that runs them, and python2_files.py leaves them out as it does for a declared Python 2 runtime (not a
tab/space mix, which a Python 3 editor makes as well).

The reading keeps every finding where Python 3 has any say (python3_signs.py): a runtime declaration of any kind
(one admitting Python 3 keeps them, one admitting only Python 2 decides through python2_runtime.py already), or any
sign in the project that Python 3 runs it: syntax only Python 3 parses, an unconditional import of a module only
Python 3's standard library has, a `#!` line or launch file running python3, a tool setting that targets Python 3,
a pinned dependency whose pinned releases support only Python 3.
"""

from __future__ import annotations

import ast
import os
from typing import FrozenSet, Iterable, List, Optional, Sequence, Set

from prr_lint.module_loads import SETS_PATH
from prr_lint.project.live_modules import spelled
from prr_lint.project.name_loads import setting_values
from prr_lint.project.names import calls_app_constructor
from prr_lint.project.parsed_trees import parsed_tree
from prr_lint.project.python2_imports import Python2Imports
from prr_lint.project.python2_runtime import runtime_declarations
from prr_lint.project.python3_signs import python3_signs
from prr_lint.project.support import test_modules
from prr_lint.project.unloaded_modules import convention_module

# How many modules the web service loads must fail to import under Python 3: one may be a slip, two are how it is written.
_LEAST = 2
# Django settings whose dotted paths the web process imports as it serves.
_SERVING_SETTINGS = ("ROOT_URLCONF", "MIDDLEWARE", "MIDDLEWARE_CLASSES", "TEMPLATE_CONTEXT_PROCESSORS",
                     "AUTHENTICATION_BACKENDS", "WSGI_APPLICATION")
# Django's conventions that programs other than the web process load (`manage.py` commands, migrations).
_OTHER_PROGRAMS = ("/management/commands/", "/migrations/")


def python2_code(analysis, launch_files: Sequence[str]) -> Optional[str]:
    """Where the service's code shows it runs Python 2 ("no runtime is declared, and modules the web service loads
    import what only Python 2 has: forum/middleware/django_cookies.py:19, forum/views/auth.py:6"), or None (module
    docstring); read once per run."""
    return analysis.derived("python2-code", lambda: _python2_code(analysis, launch_files))


def _python2_code(analysis, launch_files: Sequence[str]) -> Optional[str]:
    root = getattr(analysis.settings, "root", None)
    declared = runtime_declarations(analysis) if root is not None else None
    if declared is None or declared.deployed or declared.tested or declared.side or declared.beside:
        return None  # a declaration decides, or the project is not read whole
    index, imports = analysis.index, Python2Imports(analysis)
    found: List[str] = []
    for name in sorted(served_modules(analysis)):
        module = index.modules.get(name)
        if module is not None and (line := imports.failing_line(module)) is not None:
            found.append(f"{module.path}:{line}")
    if len(found) < _LEAST or python3_signs(analysis, launch_files) is not None:
        return None
    shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
    return f"no runtime is declared, and modules the web service loads import what only Python 2 has: {shown}"


def served_modules(analysis) -> FrozenSet[str]:
    """The web service's modules (module docstring): what builds a framework app, what Django loads in the serving
    process by convention or by its serving settings, and what their imports and URL `include("app.urls")` load;
    tests aside."""
    index = analysis.index
    tests = test_modules(index)
    tops = [""] + [name + "." for name, module in index.modules.items() if module.path.replace(os.sep, "/") == "__init__.py"]
    roots = {module for name, function in index.functions.items()
             if calls_app_constructor(index, function.calls) and (module := index.module_of(name)) is not None}
    for name, module in index.modules.items():
        path = "/" + module.path.replace(os.sep, "/")
        if convention_module(module.path) and not any(part in path for part in _OTHER_PROGRAMS) \
                and os.path.basename(path) != "tasks.py":
            roots.add(name)
        if any(tag.startswith(SETS_PATH) for tag in getattr(index.functions.get(name), "tags", ())):
            roots.update(_named(index, tops, _url_confs(parsed_tree(analysis, module.path))))  # ROOT_URLCONF = "urls"
    roots.update(_named(index, tops, {path for setting in _SERVING_SETTINGS for path in setting_values(analysis, setting)}))
    found, todo = set(roots - tests), list(roots - tests)
    while todo:
        summary = index.modules[todo.pop()]
        named = spelled(summary)
        if any(target.endswith(".include") for target in summary.imports.values()):
            named |= _includes(parsed_tree(analysis, summary.path))
        for name in _named(index, tops, named) - found - tests:
            found.add(name)
            todo.append(name)
    return frozenset(found)


def _named(index, tops: List[str], paths: Iterable[str]) -> Set[str]:
    """The project module each dotted path names: its longest start that is one, from the root or below a package at
    the root (a checkout whose folder holds an `__init__.py` names its modules `osqa.forum...` while its code and
    settings, run from that folder, say `forum...`)."""
    found: Set[str] = set()
    for path in paths:
        parts = path.split(".")
        for end in range(len(parts), 0, -1):
            named = [top + ".".join(parts[:end]) for top in tops if top + ".".join(parts[:end]) in index.modules]
            if named:
                found.update(named)
                break
    return found


def _url_confs(tree: Optional[ast.Module]) -> Set[str]:
    """The string a settings module's top level assigns to `ROOT_URLCONF`."""
    return {statement.value.value for statement in (tree.body if tree is not None else ())
            if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
            and any(isinstance(target, ast.Name) and target.id == "ROOT_URLCONF" for target in statement.targets)}


def _includes(tree: Optional[ast.Module]) -> Set[str]:
    """The module paths a URL conf's `include("forum.urls")` calls spell."""
    return {node.args[0].value for node in ast.walk(tree) if isinstance(node, ast.Call) and node.args
            and isinstance(node.func, ast.Name) and node.func.id == "include"
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)} if tree is not None else set()
