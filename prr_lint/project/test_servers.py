"""Test servers: a fake the test harness starts, whose handlers exist only once a function of it runs.

An acceptance suite often stands up a stand-in for a dependency the service calls (backdrop's behave
harness builds a Flask app inside a class's `__init__`, `@app.route` on a handler defined there, and
runs it in a child process its steps start and stop). Its handler is a serving entry point, which would
make the suite's top-level package a serving one and keep all its helpers in scope (support.py
`test_support_modules`). But such a module registers nothing when it is loaded: its handlers, route
registrations and tasks are defined or made in a function's body, so only a caller of that function
serves them, and the module's users are what decides. This module finds the candidates; support.py keeps
one only while every module that imports or calls into it is test code or test support, and it is
reached from test code.

Kept as serving code: a module that registers anything at its top level or in a class body (a module-level
`app = Flask(...)` with `@app.route`, a view class: loading it by name registers them), one a launch or
deployment file may start (`gunicorn "e2e.fake:create_app()"`, `flask --app fake run`: `_launched`), one a non-test
module names in code or a name-like string other than by importing it (a setting's dotted path, the name a
loader computes whole: it loads only what some text spells), one a loader's literal start, a folder walk or a
load by path may load (unloaded_files.py `Loaders.may_load_by_start`).
"""

from __future__ import annotations

import os
import re
from typing import FrozenSet, Iterable

from prr_lint.project.support import test_modules
from prr_lint.project.unloaded_files import code_count, deployment_names, shared_loaders


def test_servers(analysis, registering: Iterable[str]) -> FrozenSet[str]:
    """Of the `registering` modules (support.py `Users.registering`), those whose every registration, entry point and
    background task is made or defined inside a function body, that no launch file names, no non-test module names
    and no loader may load (module docstring)."""
    index = analysis.index
    tests = test_modules(index)
    deferred = [name for name in registering if name in index.modules and name not in tests and _deferred(analysis, name)]
    if not deferred:
        return frozenset()
    named_by = deployment_names(analysis, analysis.derived("launch-files", tuple))
    loaders = shared_loaders(analysis)
    found = set()
    for name in deferred:
        file_name = os.path.basename(index.modules[name].path.replace(os.sep, "/"))
        stem = file_name[:-3]
        if _launched(named_by, file_name) or loaders.may_load_by_start(name):
            continue
        if any(code_count(module, stem) > 0 for other, module in index.modules.items()
               if other != name and other not in tests and not _imports(index, module, name)):
            continue  # named other than by an import: a dotted path a setting or a loader of a computed name takes
        found.add(name)
    return frozenset(found)


def _launched(named_by, file_name: str) -> bool:
    """Whether a launch or deployment file may start the module: runs or copies it by its file name or dotted path
    (unloaded_files.py `run_pattern`: `gunicorn "e2e.fake:create_app()"`), or spells its name as a word of its own
    (`flask --app fake run`, `FLASK_APP=fake`); not inside a host name or a path (`https://api-fake-staging.example`),
    nor in a program the index does not hold that spells it (`script_words`: always, when one could not be read)."""
    stem = re.escape(file_name[:-3])
    bare = re.compile(rf"(?<![\w./-]){stem}(?![\w/-])")
    return not named_by.known or file_name[:-3] in named_by.script_words or bool(named_by.runners(file_name, copies=True)) \
        or any(bare.search(text) for text in named_by.texts.values())


def _deferred(analysis, name: str) -> bool:
    """Every seed, batch root and registration of the module lies in the body of one of its functions, not at its
    top level nor directly in a class body (a handler nested in `__init__`, a route added in a method)."""
    index, model = analysis.index, analysis.model
    own = f"{name}."
    roots = [root for root in (*model.seeds, *model.batch) if root.startswith(own) and index.module_of(root) == name]
    wheres = [where for *_, where, _ in index.modules[name].registrations]
    return all(_in_function(index, name, root, strict=True) for root in roots) \
        and all(_in_function(index, name, where, strict=False) for where in wheres)


def _in_function(index, module: str, qualname: str, strict: bool) -> bool:
    """Whether a function of the module other than its top level encloses `qualname` (strictly, or is it)."""
    current = qualname.rpartition(".")[0] if strict else qualname
    while current and current != module and current.startswith(f"{module}."):
        if current in index.functions:
            return True
        current = current.rpartition(".")[0]
    return False


def _imports(index, module, name: str) -> bool:
    """Whether the module imports `name` (the word it spells is then that import's, which support.py's users judge)."""
    targets = (*module.imports.values(), *module.dotted_imports, *module.import_paths)
    return any(index.module_of(index.canonical(target) or target) == name for target in targets)
