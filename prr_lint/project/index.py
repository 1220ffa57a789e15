"""The project index: every module's functions and classes, and name resolution across modules.

Modules are named as imported from the project's import roots (modules.py). A project may put more
folders on `sys.path` (Django settings' `sys.path.insert(0, root("apps"))`, path_values.py; or a program's
`sys.path.append(settings.APPS_DIR)`, the folder a Django settings module's constant holds) and import
what lies below them by bare name (`from elections.models import Election` for the module indexed as
`ynr.apps.elections.models`): such a name is resolved against those folders when no indexed module
already answers it, as the import system would find it there. Test code's edits do not count. The
folder of a Django `manage.py` is one too: `python manage.py` puts it first on `sys.path` (bk-monitor's
`bklog/manage.py`, whose package `bklog/` imports its own modules as `bk_dataview.grafana.client`). A
package in folders without `__init__.py` is imported through them as namespace packages from a folder
above (lite-api's `test_helpers/test_endpoints/`, indexed as `test_endpoints`, imported as
`test_helpers.test_endpoints.client`): those longer names resolve to it the same way. A program run as
a script (a `__main__` block) in a folder that is no package has that folder first on `sys.path`: its
bare imports of the modules beside it (`from onyphe_api import Onyphe` in a Cortex analyzer's folder)
resolve to them, when no other such folder holds a module of that name. Airflow puts its DAGs folder on
`sys.path` (`$AIRFLOW_HOME/dags` by default): the outermost `dags/` folder above a module importing
Airflow is one too (a DAG below `dags/sources/dags/` importing `sources.config.params`).
"""

from __future__ import annotations

import posixpath
from typing import Callable, Dict, Iterable, List, Optional, Set, Tuple, TypeVar

from prr_lint.model import FunctionSummary, ModuleSummary
from prr_lint.project.constant_writes import unpin_written_starts
from prr_lint.project.decorator_aliases import unalias_decorators
from prr_lint.project.never_returns import drop_never_run
from prr_lint.path_values import PATH_SETTING, PUTS_ON_SYS_PATH, PUTS_SETTING_ON_SYS_PATH
from prr_lint.paths import is_test_path
from prr_lint.program_marks import ASSIGNS_INSTALLED_APPS

_MAX_HOPS = 8
_DJANGO_LAUNCHER = "django.core.management.execute_from_command_line"
_AIRFLOW_FOLDER = "/dags/"  # Airflow's default DAGs folder, `$AIRFLOW_HOME/dags`, which it puts on sys.path
T = TypeVar("T")
_UNKNOWN = object()


class ProjectIndex:
    def __init__(self, summaries: Iterable[ModuleSummary], root: Optional[str] = None) -> None:
        # The project root, for the facts read beside the summaries from the tree (project/submodules.py); None: none read.
        self.root = root
        self.modules: Dict[str, ModuleSummary] = {}
        # by file too: two programs of one repository can hold modules of one name (`app.main`)
        self.by_path: Dict[str, ModuleSummary] = {}
        self.functions: Dict[str, FunctionSummary] = {}
        self.classes: Dict[str, tuple] = {}
        self._resolved: Dict[str, Optional[str]] = {}
        self._busy: Set[str] = set()  # names `canonical` is resolving now
        self._saw_busy = False  # whether the answer being worked out read one of them
        self._down_chain: Dict[Tuple[str, int], Optional[str]] = {}
        self._module_of: Dict[str, str] = {}  # every caller asks again for the same names
        self._derived: Dict[str, object] = {}
        for summary in summaries:
            self.modules[summary.module] = summary
            self.by_path[summary.path] = summary
            self.functions.update(summary.functions)
            self.classes.update(summary.classes)
        # bare module name -> the indexed module, below a folder the project puts on sys.path
        self._on_path: Dict[str, str] = _on_path_names(self)
        self._on_path_tops = {name.partition(".")[0] for name in self._on_path}
        self._switching = {summary.module for summary in self.modules.values() if summary.alternatives}
        drop_never_run(self)  # what follows a call that never returns calls nothing (never_returns.py)
        unalias_decorators(self)  # `@task` of `def task(f): return invoke.task(f)` is `@invoke.task` (decorator_aliases.py)
        unpin_written_starts(self)  # a loader's constant start another module may write is unknown (constant_writes.py)

    def derived(self, key: str, build: Callable[[], T]) -> T:
        """A table built from the whole index by a module above it (reporters, route tables), computed
        once per run however many findings ask."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]  # type: ignore[return-value]

    def tagged(self, kind: str) -> Dict[str, List[str]]:
        """Function -> the rest of each of its tags of `kind` (a tag's start up to its first ':', as
        `switched-call:`), in order, for the functions with any, in the index's order. Every tag is sorted
        by kind in one pass, on first use: a dozen checks each read one kind, which few functions carry."""
        return self.derived("tags-by-kind", self._tags_by_kind).get(kind, {})

    def retagged(self, qualname: str) -> None:
        """The function `qualname` lost tags (never_returns.py drops those of statements that never run, after the
        table of tags by kind may have been read to judge them) or gained some (constant_writes.py): its entries in
        that table follow, in place, or the table is built again where it gained a kind (to keep the index's order)."""
        table = self._derived.get("tags-by-kind")
        if table is None:
            return
        own: Dict[str, List[str]] = {}
        for tag in self.functions[qualname].tags:
            kind, colon, rest = tag.partition(":")
            if colon:
                own.setdefault(kind + colon, []).append(rest)
        if any(qualname not in table.get(kind, ()) for kind in own):  # type: ignore[attr-defined]
            del self._derived["tags-by-kind"]
            return
        for kind, functions in table.items():  # type: ignore[union-attr]
            if qualname in functions:
                if kind in own:
                    functions[qualname] = own[kind]
                else:
                    del functions[qualname]

    def _tags_by_kind(self) -> Dict[str, Dict[str, List[str]]]:
        """Half a million tags on a large tree: each function's are grouped first, then filed under their kinds."""
        kinds: Dict[str, Dict[str, List[str]]] = {}
        for qualname, function in self.functions.items():
            own: Dict[str, List[str]] = {}
            for tag in function.tags:
                kind, colon, rest = tag.partition(":")
                if colon:
                    rests = own.get(kind)
                    if rests is None:
                        own[kind] = [rest]
                    else:
                        rests.append(rest)
            for kind, rests in own.items():
                functions = kinds.get(kind)
                if functions is None:
                    kinds[kind] = {qualname: rests}
                else:
                    functions[qualname] = rests
        return {kind + ":": functions for kind, functions in kinds.items()}

    def module_of(self, name: str) -> str:
        """The project module a qualified name lives in ("" when none)."""
        found = self._module_of.get(name)
        if found is None:
            found = self._rebased(name) or name
            while found and found not in self.modules:
                found = found.rpartition(".")[0]
            self._module_of[name] = found
        return found

    def module_named(self, name: str) -> Optional[str]:
        """The indexed module a whole dotted module name imports, as Python finds it: the name itself, a shorter
        one below a sys.path folder or a longer one through namespace packages (`core.wx` for the package indexed
        as `wx` at `core/wx/`); None when no module is that name (a function, a class, another library)."""
        found = self._rebased(name) or name
        return found if found in self.modules else None

    def _rebased(self, name: str) -> Optional[str]:
        """`name` with its longest start that names a module below a sys.path folder replaced by that
        module's indexed name; None when there is none, or an indexed module answers more of it."""
        if not self._on_path or name.partition(".")[0] not in self._on_path_tops:
            return None
        prefix = name
        while prefix and prefix not in self._on_path:
            if prefix in self.modules:
                return None
            prefix = prefix.rpartition(".")[0]
        return self._on_path[prefix] + name[len(prefix):] if prefix else None

    def nested(self, qualname: str) -> List[str]:
        """`qualname` if it is a function, and the functions defined inside it (a class's methods, a
        factory's inner functions), read from its own module rather than by a scan of every function:
        the callers ask once per decorator, program or class, which on a large tree is quadratic."""
        module = self.modules.get(self.module_of(qualname))
        if module is None:
            return []
        prefix = qualname + "."
        return [name for name in module.functions if name == qualname or name.startswith(prefix)]

    def function(self, name: str) -> Optional[FunctionSummary]:
        """The project function a qualified name refers to, through re-exports and base classes."""
        canonical = self.canonical(name)
        return self.functions.get(canonical) if canonical is not None else None

    def canonical(self, name: str, hops: int = 0) -> Optional[str]:
        """The project function or class `name` stands for, following imports, re-exports and bases.

        Every call graph edge asks this, so answers are remembered (the index never changes). A name
        is marked unresolved while it is being resolved: a base-class lookup starts afresh, so a class
        whose base goes through a name bound to the class itself (`cmd = Shell()` beside
        `class Shell(cmd.Cmd)`) would otherwise resolve itself forever.
        """
        if hops == 0:
            if name not in self._resolved:
                self._resolved[name] = None
                self._busy.add(name)
                self._resolved[name] = self._canonical(name, 0)
                self._busy.discard(name)
            elif name in self._busy:
                self._saw_busy = True
            return self._resolved[name]
        # A name further down a chain (`pkg.mod.Class` on the way to `pkg.mod.Class.method`) is remembered too,
        # by its hops left, unless the answer read a name still being resolved (it may change once that ends).
        found = self._down_chain.get((name, hops), _UNKNOWN)
        if found is _UNKNOWN:
            outer, self._saw_busy = self._saw_busy, False
            found = self._canonical(name, hops)
            if not self._saw_busy:
                self._down_chain[name, hops] = found
            self._saw_busy = self._saw_busy or outer
        return found  # type: ignore[return-value]

    def _canonical(self, name: str, hops: int) -> Optional[str]:
        if name in self.functions or name in self.classes:
            return name
        if hops >= _MAX_HOPS:
            return None
        rebased = self._rebased(name)
        if rebased is not None:
            return self.canonical(rebased, hops + 1)
        owner, _, attribute = name.rpartition(".")
        if not owner:
            return None
        if owner in self.modules:
            module = self.modules[owner]
            target = module.imports.get(attribute)
            if target:
                return self.canonical(target, hops + 1) if target != name else None
            # `from .types import *`: the first star-imported module that has it (a later one would
            # rebind it, but modules re-exported this way rarely share names).
            for star in module.star_imports:
                found = self.canonical(f"{star}.{attribute}", hops + 1)
                if found is not None:
                    return found
            return None
        resolved_owner = self.canonical(owner, hops + 1)
        if resolved_owner is None:
            return None
        if resolved_owner in self.classes:
            return self._method(resolved_owner, attribute, set())
        return self.canonical(f"{resolved_owner}.{attribute}", hops + 1) if resolved_owner != owner else None

    def alternatives(self, name: str) -> List[str]:
        """The other names `name` may stand for when the module it goes through binds that name in
        alternative branches (`ModuleSummary.alternatives`): `node.LNNode.pay` -> `lnd.LNDNode.pay` and
        `cln.CLNNode.pay` for `if LND: LNNode = LNDNode elif CLN: LNNode = CLNNode` in `node`. Only the
        module the name itself spells is read (no re-export of the name is followed)."""
        if not self._switching:
            return []
        module, dot, _ = name.rpartition(".")
        while dot:  # the longest start of the name that is a module
            if module in self.modules:
                attribute, dot, rest = name[len(module) + 1:].partition(".")
                named = self.modules[module].alternatives.get(attribute) if module in self._switching else None
                return [f"{target}{dot}{rest}" for target in named] if named else []
            module, dot, _ = module.rpartition(".")
        return []

    def _method(self, class_name: str, method: str, seen: Set[str]) -> Optional[str]:
        """`method` looked up along the class hierarchy, as attribute lookup would."""
        if class_name in seen:
            return None
        seen.add(class_name)
        candidate = f"{class_name}.{method}"
        if candidate in self.functions:
            return candidate
        for base in self.classes.get(class_name, ()):
            resolved = self.canonical(base)
            if resolved is not None and resolved in self.classes:
                found = self._method(resolved, method, seen)
                if found is not None:
                    return found
        return None


def _on_path_names(index: ProjectIndex) -> Dict[str, str]:
    """Bare module name -> indexed module name, for the modules below folders that the project's
    (non-test) modules put on `sys.path`, where the bare name is not an indexed module itself."""
    folders: Set[str] = set()
    settings: Set[str] = set()  # Django settings whose folders a program puts on sys.path
    constants: Dict[str, Set[str]] = {}  # a settings module's folder constants: name -> folders
    for summary in index.modules.values():
        top = index.functions.get(summary.module)
        if top is None or is_test_path(summary.path):
            continue
        folder = posixpath.dirname(summary.path)
        if folder and _DJANGO_LAUNCHER in summary.script_calls:
            # `python manage.py ...` runs with its own folder first on sys.path; the root's is an import root already
            folders.add(folder + "/")
        if _AIRFLOW_FOLDER in f"/{folder}/" and any(target.partition(".")[0] == "airflow" for target in summary.imports.values()):
            folders.add(f"{folder}/"[:f"/{folder}/".index(_AIRFLOW_FOLDER) + len(_AIRFLOW_FOLDER) - 1])  # Airflow's DAGs folder
        django_settings = ASSIGNS_INSTALLED_APPS in top.tags
        for tag in top.tags:
            if tag.startswith(PUTS_ON_SYS_PATH):
                folders.update(_folder(summary.path, tag[len(PUTS_ON_SYS_PATH):]))
            elif tag.startswith(PUTS_SETTING_ON_SYS_PATH):
                settings.add(tag[len(PUTS_SETTING_ON_SYS_PATH):])
            elif django_settings and tag.startswith(PATH_SETTING):
                name, _, relative = tag[len(PATH_SETTING):].partition("=")
                constants.setdefault(name, set()).update(_folder(summary.path, relative))
    for name in settings:  # `sys.path.append(settings.APPS_DIR)`: the folder the settings module names
        folders.update(constants.get(name, ()))
    if _stray_root_package(index):
        folders.add("")
    names: Dict[str, str] = {}
    for summary in index.modules.values():
        for folder in sorted(folders):
            bare = _bare_name(summary.path, folder)
            if bare and bare not in index.modules and not _imports_namesake(summary, bare):
                names.setdefault(bare, summary.module)
        names.update((name, summary.module) for name in _namespace_names(summary) if name not in index.modules and name not in names)
    names.update((bare, module) for bare, module in _program_folder_names(index).items() if bare not in names)
    return names


def _stray_root_package(index: ProjectIndex) -> bool:
    """The project's root holds an `__init__.py` (so the root folder's name starts every module's name) while its
    modules import each other as the root's programs do, from the root on sys.path: pulseguardian's checkout is
    named `pulseguardian/` and holds a stray `__init__.py` beside the package `pulseguardian/`, whose modules are
    then `pulseguardian.pulseguardian.*` while the code imports `pulseguardian.sendemail`; where a folder is checked
    out is no part of any import. Only when some import names a module by its name below the root alone."""
    root = index.by_path.get("__init__.py")
    if root is None:
        return False
    prefix = root.module + "."
    return any(_below_root(index, prefix, target) for summary in index.modules.values() if not is_test_path(summary.path)
               for target in (*summary.imports.values(), *summary.dotted_imports))


def _below_root(index: ProjectIndex, prefix: str, target: str) -> bool:
    """An imported name whose module part (`svc.feeds` of `svc.feeds.fetch`) is no module but is one below the root."""
    while target:
        if target in index.modules:
            return False
        if prefix + target in index.modules:
            return True
        target = target.rpartition(".")[0]
    return False


def _folder(path: str, relative: str) -> Set[str]:
    """The folder (`""` or ending in `/`) `relative` names from the folder of the module at `path`;
    none when it lies outside the project."""
    folder = posixpath.normpath(posixpath.join(posixpath.dirname(path), relative))
    return set() if folder.startswith("..") else {"" if folder == "." else folder + "/"}


def _bare_name(path: str, folder: str) -> str:
    """The name a module file below `folder` is imported by when `folder` is on sys.path ("" when none)."""
    stem, dot, suffix = path.rpartition(".")
    if not path.startswith(folder) or not dot or suffix not in ("py", "pyi"):
        return ""
    parts = stem[len(folder):].split("/")
    parts = parts[:-1] if parts[-1] == "__init__" else parts
    return ".".join(parts) if parts and all(part.isidentifier() for part in parts) else ""


def _program_folder_names(index: ProjectIndex) -> Dict[str, str]:
    """Bare module name -> indexed module, for the modules beside a program (a `__main__` block) in a folder
    that is no package: running it puts its folder first on sys.path, so its `from geo_api import lookup`
    finds `geo_api.py` beside it. A bare name two such folders hold is left out: which one it is depends
    on the program run."""
    packages = {posixpath.dirname(summary.path) for summary in index.modules.values() if summary.path.endswith("/__init__.py")}
    folders = {folder + "/" for summary in index.modules.values()
               if summary.script_calls and not is_test_path(summary.path)
               and (folder := posixpath.dirname(summary.path)) and folder not in packages}
    found: Dict[str, Set[str]] = {}
    for summary in index.modules.values():
        folder = posixpath.dirname(summary.path) + "/"
        bare = _bare_name(summary.path, folder) if folder in folders else ""
        if bare and bare not in index.modules and not _imports_namesake(summary, bare):
            found.setdefault(bare, set()).add(summary.module)
    return {bare: next(iter(modules)) for bare, modules in found.items() if len(modules) == 1}


def _imports_namesake(summary: ModuleSummary, bare: str) -> bool:
    """The module (no package's `__init__`) imports from its own bare name: Django's `proj/celery.py` with `from
    celery import Celery`. A module cannot import what it defines from itself, so that name is another module's,
    the library it is named after, found first on sys.path (a folder the project appends comes after the installed
    packages): the bare name stays the library's, for that module and for the project's `from celery import
    shared_task` too."""
    return not summary.path.endswith("/__init__.py") and any(
        target == bare or target.startswith(f"{bare}.") for target in summary.imports.values())


def _namespace_names(summary: ModuleSummary) -> Iterable[str]:
    """The longer names a module of a package is imported by through the folders above the package
    (namespace packages): `a.b.pkg.mod` and `b.pkg.mod` for `pkg.mod` at `a/b/pkg/mod.py`."""
    stem, dot, suffix = summary.path.rpartition(".")
    parts = stem.split("/") if dot and suffix in ("py", "pyi") else []
    own = summary.module.split(".")
    if parts and parts[-1] == "__init__":
        parts.pop()
    if len(parts) <= len(own) or parts[-len(own):] != own:
        return ()
    above = parts[:-len(own)]
    return [".".join(above[start:] + own) for start in range(len(above)) if all(part.isidentifier() for part in above[start:])]
