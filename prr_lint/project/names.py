"""Names across the project index: which module holds a name, what a name refers to, a class's bases
and methods. Shared by the entry-point search, the call graph and the route prefixes."""

from __future__ import annotations

from typing import AbstractSet, Callable, Dict, FrozenSet, Iterable, Iterator, List, Optional, Sequence, Set, Tuple, Union

from prr_lint import frameworks as fw
from prr_lint.model import ModuleSummary
from prr_lint.project.index import ProjectIndex


def module_of(index: ProjectIndex, qualname: str) -> Optional[ModuleSummary]:
    name = qualname
    while name:
        if name in index.modules:
            return index.modules[name]
        name = name.rpartition(".")[0]
    return None


def enclosing_function(index: ProjectIndex, context: str) -> str:
    """The project function (or module top level) a finding's context is in: a lambda or comprehension
    scope's enclosing function decides."""
    name = context
    while name and name not in index.functions and name not in index.modules:
        name = name.rpartition(".")[0]
    return name


def project_module(index: ProjectIndex, name: str) -> Optional[str]:
    """The project module an imported name lives in (`pkg.mod.func` -> `pkg.mod`), or None; a bare
    name below a folder the project puts on `sys.path` is that folder's module (project/index.py)."""
    return index.module_of(name) or None


def import_closure(index: ProjectIndex, module: str) -> Set[str]:
    """`module` and every project module its import runs (what it imports, star imports included,
    through any chain, and the parent packages of each, which Python imports first)."""
    found: Set[str] = {module}
    pending = [module]
    while pending:
        current = pending.pop()
        parts = current.split(".")
        summary = index.modules[current]
        targets = [project_module(index, target) for target in (*run_imports(summary), *summary.star_imports)]
        targets.extend(".".join(parts[:i]) for i in range(1, len(parts)))
        for target in targets:
            if target is not None and target in index.modules and target not in found:
                found.add(target)
                pending.append(target)
    return found


def closure(start: Union[str, Iterable[str]], successors: Callable[[str], Iterable[str]]) -> Set[str]:
    """`start` (a name, or several) and everything `successors` leads to from it, through any chain (a module
    and what imports it, however indirectly)."""
    found = {start} if isinstance(start, str) else set(start)
    pending = list(found)
    while pending:
        for following in successors(pending.pop()):
            if following not in found:
                found.add(following)
                pending.append(following)
    return found


def run_imports(summary: ModuleSummary) -> List[str]:
    """What a module's imports load when it runs: not those only a type checker runs (type_imports.py)."""
    skipped = summary.type_only_imports
    return [target for local, target in summary.imports.items() if local not in skipped] if skipped else list(summary.imports.values())


def import_targets(module: ModuleSummary) -> List[str]:
    """What a module imports, its star imports too: `from smarthome import *` runs smarthome's top level as
    surely as `from smarthome import sync` does (behave's steps say `from behave import *`)."""
    return [*module.imports.values(), *module.star_imports]


def imported_modules(index: ProjectIndex) -> FrozenSet[str]:
    """Project modules (and their packages) some project module imports, or imports a name from, star imports
    included: the modules whose top level runs as an import, not only as a program."""
    imported: Set[str] = set()
    for module in index.modules.values():
        for name in import_targets(module):
            target = index.module_of(name)  # a bare name below a sys.path folder too (project/index.py)
            while target:
                if target in index.modules:
                    imported.add(target)
                target = target.rpartition(".")[0]
    return frozenset(imported)


def resolve_name(index: ProjectIndex, name: str, _depth: int = 0) -> str:
    """A name with any project-level prefix replaced by what it refers to.

    `svc.app.app.route`, where `svc.app` binds `app = Flask(...)`, becomes `flask.Flask.route`;
    `svc.api.views.ReportView` becomes the class it re-exports. External names come back unchanged.
    Worked out once per name and depth (the index does not change): every call graph edge and most
    checks ask, and names that share an owner would resolve it again each time.
    """
    known: Dict[Tuple[str, int], str] = index.derived("resolved-names", dict)
    found = known.get((name, _depth))
    if found is None:
        found = known[name, _depth] = _resolve_name(index, name, _depth)
    return found


def _resolve_name(index: ProjectIndex, name: str, _depth: int) -> str:
    canonical = index.canonical(name)
    if canonical is not None:
        return canonical
    if _depth > 6:
        return name
    owner, _, attribute = name.rpartition(".")
    if not owner:
        return name
    module = index.modules.get(owner)
    if module is not None:
        if attribute in module.globals:
            return module.globals[attribute]
        target = module.imports.get(attribute)
        if target is not None and target != name:
            return resolve_name(index, target, _depth + 1)
        return _star_imported(index, module, attribute, _depth) or _package_bound(index, owner, attribute, _depth) or name
    resolved_owner = resolve_name(index, owner, _depth + 1)
    if resolved_owner in index.classes:
        method = index.canonical(f"{resolved_owner}.{attribute}")
        if method is not None:
            return method
        # Not defined by the project class: inherited from its first framework or library base
        # (`app.route` on `class CTFdFlask(Flask)` is `flask.Flask.route`).
        ancestors = class_ancestors(index, resolved_owner, _depth + 1)
        external = next((base for base in ancestors if base not in index.classes), None)
        return f"{external}.{attribute}" if external is not None else name
    if resolved_owner != owner:
        return resolve_name(index, f"{resolved_owner}.{attribute}", _depth + 1)
    return name


def _star_imported(index: ProjectIndex, module: ModuleSummary, attribute: str, depth: int) -> Optional[str]:
    """What `from m import *` brought into `module` as `attribute`: an object a star-imported project
    module binds (`router = NetBoxRouter()`) or imports, else the name in the only external module."""
    external = [star for star in module.star_imports if star not in index.modules]
    for star in module.star_imports:
        source = index.modules.get(star)
        if source is not None and (attribute in source.globals or attribute in source.imports or source.star_imports):
            resolved = resolve_name(index, f"{star}.{attribute}", depth + 1)
            if resolved != f"{star}.{attribute}" or attribute in source.globals:
                return resolved
    return resolve_name(index, f"{external[0]}.{attribute}", depth + 1) if len(external) == 1 else None


def _package_bound(index: ProjectIndex, module: str, attribute: str, depth: int) -> Optional[str]:
    """`celery_app.task` after `from config import celery_app`, where `config/__init__.py` rebinds the name of its own
    submodule (`from .celery_app import app as celery_app`, cookiecutter-django's layout): the package's attribute is
    then the app, not the module `config/celery_app.py`, which defines no `task`. Asked only for an attribute the
    submodule does not bind, so `from config.celery_app import app` still names the module's `app`."""
    package, _, word = module.rpartition(".")
    parent = index.modules.get(package) if package else None
    if parent is None:
        return None
    bound = parent.globals.get(word) or parent.imports.get(word)
    if bound is None or bound == module:
        return None
    return resolve_name(index, f"{bound}.{attribute}", depth + 1)


def settings_class(index: ProjectIndex, name: str) -> bool:
    """A class deriving from pydantic's `BaseSettings`, which fills each field from the environment."""
    return any(base.startswith("pydantic") and base.endswith(".BaseSettings") for base in class_ancestors(index, name))


def class_ancestors(index: ProjectIndex, class_name: str, _depth: int = 0) -> List[str]:
    """Every base of a project class, transitively; external bases by their resolved names.

    `_depth` carries resolve_name's budget through a base that names an attribute of a project
    class, so a base that leads back to its own class (`class Picker(cmd.Cmd)` in a module that
    rebinds `cmd`) ends instead of recursing forever. Worked out once per class and run (the index does not
    change): the project phase asks it of the same classes from dozens of checks."""
    known: Dict[Tuple[str, int], Tuple[str, ...]] = index.derived("class-ancestors", dict)
    found = known.get((class_name, _depth))
    if found is None:
        found = known[class_name, _depth] = tuple(_ancestors(index, class_name, _depth))
    return list(found)


def _ancestors(index: ProjectIndex, class_name: str, _depth: int) -> List[str]:
    seen: List[str] = []
    stack = [class_name]
    visited: Set[str] = set()
    while stack:
        current = stack.pop()
        if current in visited:
            continue
        visited.add(current)
        for base in index.classes.get(current, ()):
            resolved = resolve_name(index, base, _depth)
            if resolved not in seen:
                seen.append(resolved)
            if resolved in index.classes:
                stack.append(resolved)
    return seen


def module_class(index: ProjectIndex, cls: str, tests: AbstractSet[str]) -> Optional[ModuleSummary]:
    """The summary of the non-test module that defines `cls` at its top level, undecorated; None for any other class
    (one a function builds, a test's, one a decorator may register or hand on), whose uses cannot all be read."""
    module = index.module_of(cls)
    summary = index.modules.get(module)
    if summary is None or module != cls.rpartition(".")[0] or module in tests or summary.class_decorators.get(cls):
        return None
    return summary


def lineage(index: ProjectIndex, class_name: str) -> List[str]:
    """A project class and its project bases, transitively: where attribute lookup on it finds methods."""
    return [class_name, *(base for base in class_ancestors(index, class_name) if base in index.classes)]


def calls_app_constructor(index: ProjectIndex, calls: Sequence[str]) -> bool:
    """One of `calls` (a function's called names) builds a framework app: the framework's class or a project subclass
    of it. Asked of every function's calls: the framework's classes are matched at once, and names resolved only when
    the project subclasses one."""
    if not fw.APP_CONSTRUCTORS.keys().isdisjoint(calls):
        return True
    table = index.derived("app-classes", lambda: frozenset(
        cls for cls in index.classes if any(fw.canonical(base) in fw.APP_CONSTRUCTORS for base in class_ancestors(index, cls))))
    return bool(table) and any(index.canonical(name) in table for name in calls)


def nested_in_any(name: str, outer: AbstractSet[str]) -> bool:
    """`name` is defined inside one of `outer` (a module, class or function): a dotted start of it is one of them.
    Set lookups, one per dot: a search of `name.startswith(<a prefix per name>)` is as long as `outer`."""
    end = name.find(".")
    while end != -1:
        if name[:end] in outer:
            return True
        end = name.find(".", end + 1)
    return False


def methods(index: ProjectIndex, class_name: str) -> Iterator[str]:
    """The methods defined in a class body (a class -> methods table, built once per index)."""
    return iter(index.derived("methods-by-class", lambda: _methods_by_class(index)).get(class_name, ()))


def defined_named(summary: ModuleSummary, local: str) -> List[str]:
    """The functions and methods the module defines whose name is `local`, not its own top level, which `functions`
    holds under the module's name: a module `complete_login.py` defines no `complete_login`."""
    return [name for name in summary.functions if name != summary.module and name.rpartition(".")[2] == local]


def methods_named(index: ProjectIndex, local: str) -> List[str]:
    """The project methods named `local`: what a call of that name on a receiver of no known class may run
    (a name -> methods table, built once per index)."""
    return index.derived("methods-by-name", lambda: _methods_by_name(index)).get(local, [])


def _methods_by_name(index: ProjectIndex) -> Dict[str, List[str]]:
    table: Dict[str, List[str]] = {}
    for name in index.functions:
        owner, _, local = name.rpartition(".")
        if owner in index.classes:
            table.setdefault(local, []).append(name)
    return table


def _methods_by_class(index: ProjectIndex) -> Dict[str, List[str]]:
    table: Dict[str, List[str]] = {}
    for name in index.functions:
        owner = name.rpartition(".")[0]
        if owner in index.classes:
            table.setdefault(owner, []).append(name)
    return table


def written_in(index: ProjectIndex, module: str, dotted: str) -> str:
    """The qualified name a dotted name written in `module` stands for: through the module's imports,
    else a name the module binds ("" for none)."""
    if not dotted:
        return ""
    head, _, rest = dotted.partition(".")
    imports = index.modules[module].imports if module in index.modules else {}
    base = imports.get(head, f"{module}.{head}")
    return resolve_name(index, f"{base}.{rest}" if rest else base)


def decorator_name(index: ProjectIndex, decorator: str) -> str:
    """A function decorator's name as the entry-point tables spell it (`flask.Flask.route` for `app.route`)."""
    canonical = fw.canonical(decorator)
    return canonical if canonical in fw.ENTRY_DECORATORS else fw.canonical(resolve_name(index, decorator))
