"""Django apps the shipped settings leave switched off: packages whose code the service never loads.

A Django app (a package whose `apps` module defines an `AppConfig`) runs when the settings list it in
`INSTALLED_APPS`: Django then imports its models, admin and signals, and the URLconf of the project
may include its `urls` (mytardis includes `'%s.urls' % app` for each installed app). An app no shipped
settings lists, whose entry is only a comment (`# 'shop.apps.push_to',`), serves none of its views,
whatever URLconf loop would include it: the feature is off in every configuration the repository
ships, and an operator who turns it on lints that configuration.

An app counts as listed, and so as live, when any non-test Python source holds a string naming its
package or a dotted path under it (a settings list, `ROOT_URLCONF`, an `include("shop.push.urls")`),
other than a membership test (`"shop.push" in settings.INSTALLED_APPS`) or a reversed view
(`reverse("shop.push.views.start")`), which ask and enable nothing; or a configuration file (an env
file, a Helm values file, a Dockerfile) or a sample settings file (`local_settings.py.example`) names
it. Nothing is judged switched off when the non-test settings build `INSTALLED_APPS` from anything
but literal strings and other settings' names (`env.list("DJANGO_APPS")`, a folder walk): the deployment
may then list any app. A bare name (`"share"`, an app on a `sys.path` entry) counts only in a module that
builds `INSTALLED_APPS`.

An app no setting lists may still be imported: then the modules an import from outside the switched-off
apps spells load, with what they import in turn and the packages above them (`_loaded`), and only the
rest stays off. Django imports no `models`, `admin` or `signals` of an app it does not install and calls
no `AppConfig.ready`, and Celery's autodiscovery finds no `tasks` module of it: djing2's router imports
`sorm_export.views`, which touches no FTP code, while the FTP upload only the app's signal receivers,
tasks and commands reach stays off. A receiver connected at import of a loaded module runs, as does any
module a loaded one imports. An import may spell the app from a shorter `sys.path` root (`sorm_export.views`
for the index's `apps.sorm_export.views`), or from a longer one only through the folders above the app's
(`thirdparty.share.signals` is no top-level `share` app's). A loaded module's import of a path under the app
that no indexed module answers (a module the analysis leaves out or a build generates; not a name a module
binds, nor a folder of modules) loads the whole app: what that module imports is unknown.
"""

from __future__ import annotations

import ast
import os
from typing import Dict, FrozenSet, Iterable, Iterator, List, Optional, Set

from prr_lint.module_loads import SETS_PATH
from prr_lint.program_marks import ASSIGNS_INSTALLED_APPS
from prr_lint.project.names import class_ancestors, closure
from prr_lint.project.parsed_trees import parsed_tree
from prr_lint.project.support import test_modules
from prr_lint.project.text_words import tree_dotted_paths
from prr_lint.project.unregistered import CONFIG_SUFFIXES

_APP_CONFIG = "django.apps.AppConfig"
_SETTING = "INSTALLED_APPS"
_REVERSING = frozenset({"reverse", "reverse_lazy"})  # Django's URL reversal: it looks a view up, loads none
_LIST_CHANGES = frozenset({"append", "extend", "insert"})
# Configuration files that may list an app (the deployment's settings by another route), and sample
# settings an operator copies (`local_settings.py.example`).
_CONFIG_SUFFIXES = CONFIG_SUFFIXES + (".example", ".sample", ".dist", ".template", ".tmpl")


def disabled_app_modules(analysis) -> FrozenSet[str]:
    """The modules of Django apps no shipped settings lists (see the module doc), once per run."""
    return analysis.derived("disabled-app-modules", lambda: _disabled(analysis))


def _disabled(analysis) -> FrozenSet[str]:
    index, root = analysis.index, getattr(analysis.settings, "root", None)
    tests = test_modules(index)
    if root is None or not any(ASSIGNS_INSTALLED_APPS in getattr(index.functions.get(name), "tags", ())
                               for name in index.modules if name not in tests):
        return frozenset()
    sources = {name for name in index.modules if name not in tests}
    inside = {app: {name for name in index.modules if name == app or name.startswith(f"{app}.")} for app in app_packages(index, tests)}
    # Cheap evidence first, from the summaries: a setting's dotted path (`INSTALLED_APPS = [...]`), or imports from
    # outside the apps that load all of an app (one of a path no indexed module answers).
    settings = {(name, tag.partition("=")[2]) for name in sources for tag in getattr(index.functions.get(name), "tags", ())
                if tag.startswith(SETS_PATH)}
    unlisted = {app: modules for app, modules in inside.items()
                if not any(_names(path, app) for name, path in settings if app.rpartition(".")[2] in path and name not in modules)}
    loads = _app_loads(index, str(root), sources, unlisted)
    outside = {module for name in sources if _app_of(name, unlisted) is None for module in loads.get(name, ())}
    apps = {app for app, modules in unlisted.items() if not modules - tests <= outside}
    if not apps:
        return frozenset()
    trees = {}
    for name in sorted(sources):
        words = index.modules[name].words
        if words.get(_SETTING) or any(words.get(app.rpartition(".")[2]) for app in apps):
            tree = parsed_tree(analysis, index.modules[name].path)
            if tree is None:
                return frozenset()
            trees[name] = tree
    changes = {name: _setting_changes(tree) for name, tree in trees.items()}
    if not all(_literal(value) for values in changes.values() for value in values):
        return frozenset()
    configured = tree_dotted_paths(analysis, _CONFIG_SUFFIXES)
    strings = {name: list(_enabling_strings(tree)) for name, tree in trees.items()}  # each tree walked once
    off: Set[str] = set()
    for app in apps:
        if any(_names(path, app) for path in configured) \
                or any(_names(text, app, bool(changes[name])) for name, texts in strings.items() if name not in inside[app]
                       for text in texts):
            continue
        off |= inside[app] - tests
    return frozenset(off - _loaded(sources, off, loads))


def installed_app_names(analysis) -> FrozenSet[str]:
    """The strings the non-test settings modules' `INSTALLED_APPS` lists (`"shop"`, `"shop.apps.ShopConfig"`), also
    through the names of other lists the same module assigns (`INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS`); a value
    that is no literal adds nothing. Empty where no settings module parses: python2_code.py counts Django's convention
    modules as served only in the apps named here, so what this misses is only less evidence of Python 2."""
    return analysis.derived("installed-app-names", lambda: _installed_app_names(analysis))


def _installed_app_names(analysis) -> FrozenSet[str]:
    index, found = analysis.index, set()
    tests = test_modules(index)
    for name, summary in index.modules.items():
        if name in tests or ASSIGNS_INSTALLED_APPS not in getattr(index.functions.get(name), "tags", ()):
            continue
        tree = parsed_tree(analysis, summary.path)
        lists = {target.id: statement.value for statement in (tree.body if tree is not None else ())
                 if isinstance(statement, ast.Assign) for target in statement.targets if isinstance(target, ast.Name)}
        todo, seen = list(_setting_changes(tree)) if tree is not None else [], set()
        while todo:
            node = todo.pop()
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
            elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                todo += node.elts
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                todo += [node.left, node.right]
            elif isinstance(node, ast.Starred):
                todo.append(node.value)
            elif isinstance(node, ast.Name) and node.id in lists and node.id not in seen:
                seen.add(node.id)
                todo.append(lists[node.id])
    return frozenset(found)


def _loaded(sources: Set[str], off: Set[str], loads: Dict[str, Set[str]]) -> Set[str]:
    """Of `off`, the modules of the switched-off apps, those the imports of the non-test modules outside it load, what
    those import in turn and the packages above each: an app no setting lists runs what the service imports of it."""
    starts = {name for source in sources - off for name in loads.get(source, ()) if name in off}
    return closure(starts, lambda name: (following for following in loads.get(name, ()) if following in off))


def _app_loads(index, root: str, sources: Set[str], apps: Dict[str, Set[str]]) -> Dict[str, Set[str]]:
    """Module -> the modules of `apps` (app -> its modules) its imports load, at any depth (a lazy `from shop.push
    import signals` in a function too: `import_paths`), for the modules with any: read once for the filter and the
    walk (`_loaded`)."""
    above = {app: _folders_above(root, index, app) for app in apps}
    within = set().union(*apps.values())
    loads: Dict[str, Set[str]] = {}
    for source in sources:
        found = {name for target in index.modules[source].import_paths for name in _target_loads(index, target, apps, above)
                 if name in within}
        if found:
            loads[source] = found
    return loads


def _target_loads(index, target: str, apps: Dict[str, Set[str]], above: Dict[str, List[str]]) -> Iterator[str]:
    """What an import of `target` loads: the indexed module it names or whose name it imports (`_answer`), also by a
    path under one of `apps` rooted otherwise when no indexed module starts it (`sorm_export.views` for the index's
    `apps.sorm_export.views`: `_spots`), and the packages above it; all of an app's modules for a path under it no
    indexed module or folder of them answers (a module the analysis does not hold, which may import any of them)."""
    if index.module_of(target):
        spots = [target]
    else:
        spots = [spot for app in apps if app.rpartition(".")[2] in target for spot in _spots(target, app, above[app])]
    for spot in spots:
        module = _answer(index, spot)
        if module is None:
            app = _app_of(spot, apps) or _app_of(index.module_of(spot), apps)
            if app is not None and not any(name.startswith(f"{spot}.") for name in apps[app]):
                yield from apps[app]
                continue
            module = index.module_of(spot)  # a folder of modules without `__init__.py` runs only the packages above it
        while module:
            yield module
            module = module.rpartition(".")[0]


def _answer(index, name: str) -> Optional[str]:
    """The indexed module an import of `name` loads: the module of that name, or the one the name's last part is an
    attribute of (`stats` of `from shop.views import stats`): a module that is no package, which holds no submodule, or
    a package that binds it; None when neither (a submodule the analysis does not hold)."""
    module = index.module_named(name)
    if module is not None:
        return module
    owner, _, last = name.rpartition(".")
    owner = index.module_named(owner) if owner else None
    return owner if owner is not None and _attribute(index, owner, last) else None


def _attribute(index, module: str, name: str) -> bool:
    """Whether `name` imported from a module is one of its attributes: any name of a module that is no package, which
    holds no submodule; one a package binds (`ModuleSummary.package_names`)."""
    summary = index.modules[module]
    return not summary.path.rpartition("/")[2].startswith("__init__.") or name in summary.package_names


def _app_of(name: str, apps: Dict[str, Set[str]]) -> Optional[str]:
    """The app of `apps` a dotted name lies in, if any."""
    while name and name not in apps:
        name = name.rpartition(".")[0]
    return name or None


def _folders_above(root: str, index, app: str) -> List[str]:
    """The names of the folders above the app's own, up to the file system's root."""
    folder = os.path.dirname(os.path.dirname(os.path.join(root, index.modules[f"{app}.apps"].path)))
    return [part for part in os.path.abspath(folder).split(os.sep) if part]


def app_packages(index, tests: Set[str]) -> Set[str]:
    """Packages whose `apps` module defines a Django `AppConfig`."""
    found = set()
    for cls in index.classes:
        module = index.module_of(cls)
        if module and module.endswith(".apps") and module not in tests and _APP_CONFIG in class_ancestors(index, cls):
            found.add(module[:-len(".apps")])
    return found


def _names(text: str, app: str, bare: bool = True) -> bool:
    """Whether a dotted path may name `app` or a path under it, however the project roots its packages:
    the app's last name is one of the path's, and the names before it agree as far as both go
    (`"portal.apps.share"` for the index's `server.portal.apps.share`, `"share.urls"` on a `sys.path` entry);
    a bare `"share"` only where `bare` (a settings module that lists apps: elsewhere it is any word)."""
    return (bare or "." in text.replace(":", ".")) and any(True for _ in _spots(text, app))


def _spots(text: str, app: str, above: Optional[List[str]] = None) -> Iterator[str]:
    """The indexed names of what a dotted path may name at or under `app` (`_names`): `"share.urls"` is the index's
    `server.portal.apps.share.urls`. Given the folders `above` the app's (an import's path), names before the app's
    more than its package has must be those folders': `thirdparty.share.signals` imports no top-level `share` app."""
    parts, (*package, last) = text.replace(":", ".").split("."), app.split(".")
    for position, part in enumerate(parts):
        if part == last:
            before = parts[:position]
            shorter, longer = sorted((before, package), key=len) if above is None else (before, above)
            if not shorter or longer[-len(shorter):] == shorter:
                yield ".".join([app, *parts[position + 1:]])


def _enabling_strings(tree: ast.AST) -> Iterable[str]:
    """The string constants of a module that may enable an app: all but the left side of a membership
    test and the view a URL is reversed for (`reverse("shop.push.views.start")` enables nothing)."""
    asked = {id(node.left) for node in ast.walk(tree) if isinstance(node, ast.Compare)
             and all(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops)}
    asked |= {id(node.args[0]) for node in ast.walk(tree) if isinstance(node, ast.Call) and node.args and _reverses(node.func)}
    return (node.value.strip() for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in asked)


def _reverses(func: ast.AST) -> bool:
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in _REVERSING


def _setting_changes(tree: ast.AST) -> List[ast.AST]:
    """What a module assigns or adds to `INSTALLED_APPS` (`=`, `+=`, `.append`, `.extend`, `.insert`)."""
    values: List[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            values += [node.value] if any(_is_setting(target) for target in targets) else []
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _LIST_CHANGES \
                and _is_setting(node.func.value):
            values.append(ast.Tuple(elts=list(node.args[-1:]), ctx=ast.Load()))
    return values


def _is_setting(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == _SETTING or isinstance(node, ast.Attribute) and node.attr == _SETTING


def _literal(node: ast.AST) -> bool:
    """Literal strings, names (another setting's list, also unpacked: `[*BASE_APPS, "shop"]`) and their
    lists, tuples and sums."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Name):
        return True
    if isinstance(node, ast.Starred):
        return isinstance(node.value, ast.Name)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(_literal(element) for element in node.elts)
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and _literal(node.left) and _literal(node.right)
