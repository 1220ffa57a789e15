"""Modules no Python 3 can import: their top level imports a module only Python 2's standard library has.

`import urlparse`, `import urllib2`, `from StringIO import StringIO` raise `ModuleNotFoundError` on Python 3:
those modules were renamed or removed (`urllib.parse`, `urllib.request`, `io`). A module whose top level makes
such an import unconditionally (a statement of the module body itself: not under `try`, whose `except ImportError`
may fall back to the Python 3 name, nor under an `if`, which may be a version test) stops there whenever a Python 3
process imports or runs it, so nothing it defines after that line ever runs: a Flask engine left over from the
Python 2 days (`#!/usr/bin/python3` above `import json, requests, urlparse`) serves no route, however many
requests its routes would make.

Only where Python 3 is what runs it: the file's `#!` line names `python3`, or every declaration of the project's
runtime (python2_runtime.py: Dockerfiles, units, CI, packaging) admits only Python 3; not where one shows Python 2
is deployed, nor for a file whose `#!` line names `python2`. And only where no module of that name may answer the
import: no project module nor folder on `sys.path` of that name (the project's own `Queue.py` beside the script),
no dependency of that name declared in the files governing the module (pinned_versions.py), and no top-level
edit of `sys.path` before it in the module (a vendored Python 2 library folder). A module a deployment file runs
(`CMD python worker.py`, `gunicorn engine:app`) stays: the deployment takes it for the service, its import error is
a defect someone will fix, and its calls run then.

A package whose `__init__.py` fails so fails for every module below it but a program (a file run by its path
imports no package above it). A module only such modules import or
name (its non-test namers all fail), that is no program, server or entry point and that no deployment file or
loader of the project may load, never runs either. A run over a whole project decides this: a file alone has no
neighbours to answer the import.
"""

from __future__ import annotations

import ast
import os
from typing import Callable, Dict, FrozenSet, Mapping, Optional, Set

from prr_lint.ast_imports import imported_dotted, imported_names
from prr_lint.model import RUN_AS_PROGRAM, TOP_LEVEL_WORK, Finding
from prr_lint.program_marks import PATH_EDITS
from prr_lint.project.names import enclosing_function
from prr_lint.project.parsed_trees import parsed_tree
from prr_lint.project.pinned_versions import PinnedVersions
from prr_lint.project.python2_runtime import python2_runtime, python3_only, runtime_declarations
from prr_lint.project.support import test_modules
from prr_lint.project.unloaded_files import deployment_names, namers, shared_loaders
from prr_lint.project.unloaded_modules import entry_point_modules, serving_modules
from prr_lint.shebangs import FIRST_LINE, python_major
from prr_lint.standard_modules import STANDARD_MODULES
from prr_lint.tree_reads import read_text

# Python 2 standard library modules Python 3 renamed or removed (PEP 3108), none of them a Python 3 module.
PYTHON2_ONLY = frozenset({
    "urlparse", "urllib2", "httplib", "ConfigParser", "Queue", "cPickle", "StringIO", "cStringIO", "HTMLParser",
    "htmlentitydefs", "Cookie", "cookielib", "xmlrpclib", "SimpleXMLRPCServer", "DocXMLRPCServer", "SocketServer",
    "BaseHTTPServer", "SimpleHTTPServer", "CGIHTTPServer", "commands", "robotparser", "copy_reg", "__builtin__",
    "_winreg", "Tkinter", "tkMessageBox", "tkFileDialog", "anydbm", "whichdb", "dumbdbm", "dbhash", "UserDict",
    "UserList", "UserString", "mimetools", "rfc822", "popen2", "dummy_thread", "md5", "sha",
} - STANDARD_MODULES)
_MODULE_TABLE_EDITS = frozenset({"sys.modules.setdefault", "sys.modules.update", "sys.modules.__setitem__"})
_ALL = 0  # the failing line of a module that fails as a whole (below a failing package, or only failing modules load it)


def in_python2_module(analysis, finding: Finding) -> bool:
    """The finding is in a module no Python 3 run imports, after the line where it fails (module docstring)."""
    failing = analysis.derived("python2-modules", lambda: python2_modules(analysis))
    module = analysis.module_of(enclosing_function(analysis.index, finding.context))
    return module is not None and module.module in failing and finding.span.line > failing[module.module]


def python2_modules(analysis) -> Dict[str, int]:
    """Module -> the line of its top level where a Python 3 import fails (`_ALL` for the whole module)."""
    index = analysis.index
    root, launch_files = getattr(analysis.settings, "root", None), analysis.derived("launch-files", tuple)
    if root is None or python2_runtime(declared := runtime_declarations(analysis)) is not None:
        return {}
    project_wide = python3_only(declared) is not None
    imports, named_by = Python2Imports(analysis), deployment_names(analysis, launch_files)
    failing: Dict[str, int] = {}
    for name, module in index.modules.items():
        if not imports.may_fail(module) or named_by.launch_runs(os.path.basename(module.path)):
            continue
        major = interpreter(os.path.join(str(root), module.path))
        if major == 2 or (major != 3 and not project_wide):
            continue
        if (line := imports.failing_line(module)) is not None:
            failing[name] = line
    if not failing:
        return failing
    failing.update(dict.fromkeys(_below(index, failing, named_by), _ALL))
    failing.update(dict.fromkeys(_only_loaded_by(analysis, failing, launch_files), _ALL))
    return failing


class Python2Imports:
    """Which modules' top level imports a Python 2 module nothing of the project answers (module docstring)."""

    def __init__(self, analysis) -> None:
        self._analysis = analysis
        self._answered = {part for name in analysis.index.modules for part in name.split(".")}  # a project module or folder
        self._pins = PinnedVersions(str(analysis.settings.root))

    def may_fail(self, module) -> bool:
        """The module's imports spell a Python 2 module no project module or folder answers (a cheap first test)."""
        spelled = {path.partition(".")[0] for path in (*module.imports.values(), *module.dotted_imports)}
        return bool(spelled & (PYTHON2_ONLY - self._answered))

    def failing_line(self, module) -> Optional[int]:
        """The line of the module's top level where a Python 3 import fails, or None."""
        if not self.may_fail(module):
            return None
        return _failing_line(parsed_tree(self._analysis, module.path), self._answered,
                             lambda missing: self._pins.names(missing, module.path))


def interpreter(path: str) -> Optional[int]:
    """The major Python version the file's `#!` line runs, if it names one."""
    text = read_text(path)
    return python_major(text[:FIRST_LINE].partition("\n")[0].rstrip("\r")) if text else None


def _failing_line(tree: Optional[ast.Module], answered: Set[str], declared) -> Optional[int]:
    """The line of the first statement of the module body that imports a Python 2 module nothing answers, or None
    (first_import)."""
    return first_import(tree, lambda name: (first := name.partition(".")[0]) in PYTHON2_ONLY and first not in answered
                        and not declared(first))


def first_import(tree: Optional[ast.Module], wanted: Callable[[str], bool],
                 installers: FrozenSet[str] = frozenset()) -> Optional[int]:
    """The line of the first statement of the module body that imports a dotted name `wanted` accepts, or None; None too
    when a statement before it edits `sys.path` (a folder there may hold that module), writes `sys.modules` (a shim may
    install it) or calls one of `installers`, by whatever name the module imported them under (`import sys as system`)."""
    bound: Dict[str, str] = {}
    for statement in tree.body if tree is not None else ():
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call) \
                and imported_dotted(statement.value.func, bound) in PATH_EDITS | _MODULE_TABLE_EDITS | installers:
            return None
        if isinstance(statement, (ast.Assign, ast.AugAssign)) and any(
                isinstance(target, ast.Subscript) and imported_dotted(target.value, bound) == "sys.modules"
                for target in (statement.targets if isinstance(statement, ast.Assign) else [statement.target])):
            return None  # `sys.modules["urlparse"] = urllib.parse`: a shim answers the name
        bound.update(imported_names([statement]))
        names = [alias.name for alias in statement.names] if isinstance(statement, ast.Import) \
            else [statement.module] if isinstance(statement, ast.ImportFrom) and statement.level == 0 and statement.module else []
        if any(wanted(name) for name in names):
            return statement.lineno
    return None


def _below(index, failing: Mapping[str, int], named_by) -> Set[str]:
    """The modules below a package whose `__init__.py` fails: importing them runs it first. Not a program (a file
    run by its path, `python legacy/tool.py`, imports no package above it) nor a module a launch file runs."""
    packages = {name for name in failing if index.modules[name].path.replace(os.sep, "/").endswith("/__init__.py")}
    return {name for name, module in index.modules.items() if any(name.startswith(package + ".") for package in packages)
            and not _program(index, name) and not named_by.launch_runs(os.path.basename(module.path))}


def _program(index, name: str) -> bool:
    """The module runs as a program: a `__main__` block, work at its top level, a `#!` line."""
    return bool(index.modules[name].script_calls) or bool({TOP_LEVEL_WORK, RUN_AS_PROGRAM} & set(getattr(index.functions.get(name), "tags", ())))


def _only_loaded_by(analysis, failing: Mapping[str, int], launch_files) -> FrozenSet[str]:
    """The modules that only failing modules import or name (their failing, non-test namers), and that nothing else
    may start or load: no program, server or entry point, no deployment file's name, no loader of the project."""
    index = analysis.index
    tests = test_modules(index)
    starts = serving_modules(index) | entry_point_modules(analysis)
    stems = {name: os.path.basename(module.path.replace(os.sep, "/"))[:-3] for name, module in index.modules.items()
             if name not in failing and name not in tests and name not in starts and not _program(index, name)}
    homes: Dict[str, Set[str]] = {}
    for name, stem in stems.items():
        homes.setdefault(stem, set()).add(name)
    named = namers(index, set(homes), frozenset(tests), homes, most=None)
    named_by, loaders = deployment_names(analysis, launch_files), shared_loaders(analysis)
    candidates = {name for name, stem in stems.items() if not named_by.names(stem + ".py") and not loaders.may_load(name)
                  and named.get(stem, set()) - {name}}
    found: Set[str] = set()
    grown = True
    while grown:
        more = {name for name in candidates - found if named[stems[name]] - {name} <= set(failing) | found}
        found |= more
        grown = bool(more)
    return frozenset(found)
