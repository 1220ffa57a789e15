"""Whether the service's own code shows it runs Python 2, in a project that declares no runtime at all.

python2_runtime.py reads the runtime from what the project declares: its deployment, CI and packaging. A project may
declare none of them (OSQA, a Django 1.6 site: a requirements.txt, a `.wsgi.dist` sample and an install guide that
points to a wiki). Its code then says what runs it. A module whose top level imports, unconditionally, a module only
Python 2's standard library has (`from Cookie import SimpleCookie`, `from urlparse import urlparse`: python2_imports.py
reads which imports count, and no project module or folder, pinned dependency, `sys.path` or `sys.modules` edit may
answer the name) raises `ModuleNotFoundError` under every Python 3 the moment it is imported. Only the web service's
own code counts (`served_modules`): the modules that build a framework app (a `Flask(...)`, `FastAPI(...)`: names.py
`calls_app_constructor`), those Django imports in the serving process by convention (`models`, `admin`, `apps`,
`templatetags/`, ... of the apps a settings module's literal `INSTALLED_APPS` names: disabled_apps.py
`installed_app_names`; no app's where no settings module parses; not `management/commands/`, `migrations/` nor
`tasks`, which other programs run) or by its
serving settings (`ROOT_URLCONF`, `MIDDLEWARE_CLASSES`, context processors, authentication backends), and every
project module their imports and URL `include("app.urls")` calls load, tests aside. A poller, an example server, a
management command or another program beside the service is no evidence of what runs the service. When at least
two distinct such modules fail so (`_LEAST`: one may be a slip, two are how it is written), no Python 3 runs that
service: its files that fail on a Python 2 statement (`print "x"` in a South migration) are then valid code for the
runtime that runs them, and python2_files.py leaves them out as it does for a declared Python 2 runtime (not a
tab/space mix, which a Python 3 editor makes as well).

A served module written in Python 2 syntax fails the same way: its PRR000 is on a line only Python 2 reads
(python2_files.py `python2_only_line`: `print "x"`, `except E, e:`, `lambda (k, v):`; not a tab/space mix, nor `async`
as a name, which Python 3.0 to 3.6 read too), so no Python 3 imports it, exactly like a module importing `urllib2`
(read_FEC's `api/middleware.py`, which `MIDDLEWARE_CLASSES` names, and its installed app's `summary_data/models.py`).
Such a file is not in the index, so it counts as served by the same roots and names (a convention module of an
installed app, a serving setting's dotted path, an import or `include()` of a served module); it imports nothing the
closure can follow. Either kind of evidence counts towards `_LEAST`, one per distinct file. A Python 3 service with one
such slip stays reported; so does one with two, where anything shows Python 3 (the vetoes below), including any file
with a PRR000 in the run, which the vetoes over parsed modules cannot read: its `#!` line runs python3
(python2_files.py `python3_program`), or with the lines the parser fails on blanked (python3_syntax.py
`without_failures`) it has syntax only Python 3 parses (`first_construct`: annotations, `async def`, `nonlocal`,
`print(x, file=f)`, ...) or a blanked line a token only Python 3 reads (python2_files.py `python3_only_line`: an
f-string, `:=`); or, where the evidence needs a served module's syntax, blanking does not make it parse, so what it
holds is unknown (two served modules' Python-2-only imports parse, and an unread vendored file does not outweigh
them: rietveld's `third_party/gflags.py`). A service with two served modules
that no Python 3 imports and no sign of Python 3 anywhere cannot start under Python 3 at all: Python 2 runs it.

The reading keeps every finding where Python 3 has any say (python3_signs.py): a runtime declaration of any kind
(one admitting Python 3 keeps them, one admitting only Python 2 decides through python2_runtime.py already), or any
sign in the project that Python 3 runs it: syntax only Python 3 parses, an unconditional import of a module only
Python 3's standard library has, a `#!` line or launch file running python3, a tool setting that targets Python 3,
a pinned dependency whose pinned releases support only Python 3.
"""

from __future__ import annotations

import ast
import os
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Set

from prr_lint.model import Finding
from prr_lint.module_loads import SETS_PATH
from prr_lint.modules import module_name
from prr_lint.paths import is_test_path
from prr_lint.project.live_modules import spelled
from prr_lint.project.name_loads import setting_values
from prr_lint.project.names import calls_app_constructor
from prr_lint.project.parsed_trees import parsed_tree
from prr_lint.project.disabled_apps import installed_app_names
from prr_lint.project.python2_files import (SYNTAX_ERROR, python2_only_line, python2_statement, python3_only_line,
                                             python3_program, tab_mix)
from prr_lint.project.python2_imports import Python2Imports
from prr_lint.project.python2_runtime import runtime_declarations
from prr_lint.project.python3_signs import python3_signs
from prr_lint.project.python3_syntax import first_construct, without_failures
from prr_lint.project.support import test_modules
from prr_lint.project.texts import run_text
from prr_lint.project.unloaded_modules import convention_module

# How many modules the web service loads must fail to import under Python 3: one may be a slip, two are how it is written.
_LEAST = 2
# Django settings whose dotted paths the web process imports as it serves.
_SERVING_SETTINGS = ("ROOT_URLCONF", "MIDDLEWARE", "MIDDLEWARE_CLASSES", "TEMPLATE_CONTEXT_PROCESSORS",
                     "AUTHENTICATION_BACKENDS", "WSGI_APPLICATION")
# Django's conventions that programs other than the web process load (`manage.py` commands, migrations).
_OTHER_PROGRAMS = ("/management/commands/", "/migrations/")


def python2_code(analysis, launch_files: Sequence[str], findings: Sequence[Finding]) -> Optional[str]:
    """Where the service's code shows it runs Python 2 ("no runtime is declared, and modules the web service loads
    import what only Python 2 has: forum/middleware/django_cookies.py:19, forum/views/auth.py:6"), or None (module
    docstring); read once per run. `findings`: the run's, whose PRR000 on Python 2 lines name the files in Python 2
    syntax."""
    return analysis.derived("python2-code", lambda: _python2_code(analysis, launch_files, findings))


def _python2_code(analysis, launch_files: Sequence[str], findings: Sequence[Finding]) -> Optional[str]:
    root = getattr(analysis.settings, "root", None)
    declared = runtime_declarations(analysis) if root is not None else None
    if declared is None or declared.deployed or declared.tested or declared.side or declared.beside:
        return None  # a declaration decides, or the project is not read whole
    index, imports = analysis.index, Python2Imports(analysis)
    written = _python2_written(analysis, findings)
    unparsed = {name: finding.path for name, finding in written.items() if name not in index.modules}
    imported: Dict[str, str] = {}  # path -> where it fails
    syntax: Dict[str, str] = {}
    for name in sorted(served_modules(analysis, unparsed)):
        module = index.modules.get(name)
        if module is not None and (line := imports.failing_line(module)) is not None:
            imported[module.path] = f"{module.path}:{line}"
        elif name in unparsed:
            syntax[written[name].path] = f"{written[name].path}:{written[name].span.line}"
    if len(imported) + len(syntax) < _LEAST or python3_signs(analysis, launch_files) is not None:
        return None
    unknown = False
    for path in sorted(_failing_files(findings)):
        shown3 = _python3_file(analysis, path)
        if shown3:
            return None
        unknown |= shown3 is None
    if unknown and len(imported) < _LEAST:  # an unread file weighs only against the syntax evidence
        return None
    found = [*imported.values(), *syntax.values()]
    shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
    how = "are written in Python 2 syntax" if not imported else \
        "import what only Python 2 has" + (" or are written in its syntax" if syntax else "")
    return f"no runtime is declared, and modules the web service loads {how}: {shown}"


def _failing_files(findings: Sequence[Finding]) -> Set[str]:
    """The Python files with a PRR000 in the run: the project modules python3_signs.py cannot read."""
    return {finding.path for finding in findings if finding.rule == SYNTAX_ERROR and finding.path.endswith(".py")}


def _python2_written(analysis, findings: Sequence[Finding]) -> Mapping[str, Finding]:
    """Module -> the PRR000 finding of its file when it fails on a line only Python 2 reads (not a tab/space mix, nor
    `async` as a name): a module the index does not hold, which no Python 3 imports (module docstring)."""
    root, job_for = str(analysis.settings.root), analysis.derived("job-for", lambda: lambda _path: None)
    written: Dict[str, Finding] = {}
    for finding in findings:
        if finding.rule == SYNTAX_ERROR and finding.path.endswith(".py") and python2_only_line(finding) \
                and not tab_mix(finding):
            job = job_for(finding.path)
            name = job.module if job is not None else module_name(os.path.join(root, finding.path), root)[0]
            written[name] = finding
    return written


def _python3_file(analysis, path: str) -> Optional[bool]:
    """Whether a file that does not parse shows Python 3: its `#!` line runs python3, or with the lines the parser fails
    on blanked it has syntax only Python 3 parses, or one of those lines a token only Python 3 reads. None when blanking
    does not make it parse (or it cannot be read): what it holds is unknown. That vetoes the reading of served modules'
    Python 2 syntax, whose evidence is such files, but not two served modules' Python-2-only imports, which parse (a
    vendored `third_party/gflags.py` beside rietveld's Python 2 imports)."""
    text = run_text(analysis, path)
    if text is None:
        return None
    if python3_program(analysis, path):
        return True
    repaired = without_failures(text, path, python2_statement)
    if repaired is None:
        return None
    return first_construct(repaired[0], path) is not None or any(python3_only_line(line) for line in repaired[1])


def served_modules(analysis, unparsed: Mapping[str, str]) -> FrozenSet[str]:
    """The web service's modules (module docstring): what builds a framework app, what Django loads in the serving
    process by convention (in the apps a settings module installs) or by its serving settings, and what their imports
    and URL `include("app.urls")` load; tests aside. `unparsed`: module -> path of files that do not parse, which the
    index does not hold, served by the same convention paths and names (what they import is unknown)."""
    index = analysis.index
    tests = test_modules(index) | {name for name, path in unparsed.items() if is_test_path(path)}
    tops = [""] + [name + "." for name, module in index.modules.items() if module.path.replace(os.sep, "/") == "__init__.py"]
    paths = {name: module.path for name, module in index.modules.items()}
    for name, path in unparsed.items():
        paths.setdefault(name, path)
    roots = {module for name, function in index.functions.items()
             if calls_app_constructor(index, function.calls) and (module := index.module_of(name)) is not None}
    for name, module in index.modules.items():
        if any(tag.startswith(SETS_PATH) for tag in getattr(index.functions.get(name), "tags", ())):
            roots.update(_named(paths, tops, _url_confs(parsed_tree(analysis, module.path))))  # ROOT_URLCONF = "urls"
    apps = _installed(paths, tops, installed_app_names(analysis))
    roots.update(name for name, path in paths.items() if _convention_served(name, path, apps))
    settings = {path for setting in _SERVING_SETTINGS for path in setting_values(analysis, setting)}
    roots.update(_named(paths, tops, settings))
    found, todo = set(roots - tests), list(roots - tests)
    while todo:
        summary = index.modules.get(todo.pop())
        if summary is None:
            continue  # a file that does not parse: what it imports is unknown
        named = spelled(summary)
        if any(target.endswith(".include") for target in summary.imports.values()):
            named |= _includes(parsed_tree(analysis, summary.path))
        for name in _named(paths, tops, named) - found - tests:
            found.add(name)
            todo.append(name)
    return frozenset(found)


def _installed(modules: Mapping[str, str], tops: List[str], names: Iterable[str]) -> Set[str]:
    """The project packages `INSTALLED_APPS` names (disabled_apps.py `installed_app_names`), from the root or below a
    package at the root (`_named`); an `AppConfig` path (`"shop.apps.ShopConfig"`) names the package of its module."""
    found = {top + name for top in tops for name in names}
    for name in _named(modules, tops, names):
        if not modules[name].replace(os.sep, "/").endswith("__init__.py"):
            found.add(name.rpartition(".")[0])
    return found


def _convention_served(name: str, path: str, apps: Set[str]) -> bool:
    """A module Django imports in the serving process by convention: a discovered module of an installed app
    (`shop.models`, `shop.templatetags.tags`); not a command, a migration nor `tasks.py`, which other programs load."""
    path = "/" + path.replace(os.sep, "/")
    app, _, rest = name.rpartition(".")
    if app not in apps and not (app.endswith(".templatetags") and app[:-len(".templatetags")] in apps):
        return False
    return convention_module(path[1:]) and not any(part in path for part in _OTHER_PROGRAMS) \
        and os.path.basename(path) != "tasks.py"


def _named(modules: Mapping[str, str], tops: List[str], paths: Iterable[str]) -> Set[str]:
    """The project module each dotted path names: its longest start that is one, from the root or below a package at
    the root (a checkout whose folder holds an `__init__.py` names its modules `osqa.forum...` while its code and
    settings, run from that folder, say `forum...`)."""
    found: Set[str] = set()
    for path in paths:
        parts = path.split(".")
        for end in range(len(parts), 0, -1):
            named = [top + ".".join(parts[:end]) for top in tops if top + ".".join(parts[:end]) in modules]
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
