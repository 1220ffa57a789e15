"""Django apps the shipped settings leave switched off: packages whose code the service never loads.

A Django app (a package whose `apps` module defines an `AppConfig`) runs when the settings list it in
`INSTALLED_APPS`: Django then imports its models, admin and signals, and the URLconf of the project
may include its `urls` (mytardis includes `'%s.urls' % app` for each installed app). An app no shipped
settings lists, whose entry is only a comment (`# 'shop.apps.push_to',`), serves none of its views,
whatever URLconf loop would include it: the feature is off in every configuration the repository
ships, and an operator who turns it on lints that configuration.

An app counts as listed, and so as live, when any non-test Python source holds a string naming its package or a
dotted path under it (a settings list, `ROOT_URLCONF`, an `include("shop.push.urls")`), other than a membership
test (`"shop.push" in settings.INSTALLED_APPS`, `apps.is_installed("shop.push")`, a project function answering
one) or a view Django's `reverse` looks up (`reverse("shop.push.views.start")`, app_strings.py `_Names.reverses`),
which ask and enable nothing, and other than a string only the body of an `if` evaluates whose test is the
membership test of an app no shipped setting lists (app_strings.py; sharemyhealth's `if
IsAppInstalled("apps.hie"): urlpatterns += [... include("apps.hie.urls") ...]`, also under a test of a misspelt
app that no setting lists; never its `else`, a `not` or an `or`); or a configuration file (an env file, a Helm
values file, a Dockerfile; not Django's serialized data, a fixture whose `"model": "hie.crosswalk"` stores rows)
or a sample settings file (`local_settings.py.example`) names it. A tested app is listed by the same evidence,
outside its own modules, grown until no more are: a string under tests of listed apps counts. Nothing is judged
switched off when the non-test settings build `INSTALLED_APPS` from anything but literal strings and other
settings' names (`env.list("DJANGO_APPS")`, a folder walk): the deployment may then list any app; a settings
function's parameter is literal when all its calls pass literal strings, which are then listed apps
(settings_functions.py). A bare name (`"share"`, an app on a `sys.path` entry) counts only in a module that builds
`INSTALLED_APPS` or as such a call's argument. The membership tests hold strings back only where every deployment
lists the same apps (else one may list the tested app): every change of `INSTALLED_APPS` literal and the names it
adds bound only to literal strings (not to the environment, a loop's target or an import), no code handing Django
a list of its own (`settings.configure(INSTALLED_APPS=...)`: settings_functions.py `SettingsValues.closed`), no
settings module taking names from a module the project does not ship (`from local_settings import *` in a `try`:
`_open_imports`), and every module that may name a tested app parsed; a module with a star import tests nothing
(app_strings.py).

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
from typing import Callable, Dict, FrozenSet, Iterable, Iterator, List, NamedTuple, Optional, Set, Tuple

from prr_lint.module_loads import SETS_PATH
from prr_lint.program_marks import ASSIGNS_INSTALLED_APPS
from prr_lint.project.app_strings import ModuleContext, SharedNames, app_strings
from prr_lint.project.names import class_ancestors, closure
from prr_lint.project.parsed_trees import parsed_tree
from prr_lint.project.support import test_modules
from prr_lint.project.text_words import tree_dotted_paths
from prr_lint.project.settings_functions import SettingsValues, listed_strings, setting_changes
from prr_lint.project.unregistered import CONFIG_SUFFIXES

_APP_CONFIG = "django.apps.AppConfig"
_SETTING = "INSTALLED_APPS"
# Configuration files that may list an app (the deployment's settings by another route), and sample
# settings an operator copies (`local_settings.py.example`).
_CONFIG_SUFFIXES = CONFIG_SUFFIXES + (".example", ".sample", ".dist", ".template", ".tmpl")


def disabled_app_modules(analysis) -> FrozenSet[str]:
    """The modules of Django apps no shipped settings lists (see the module doc), once per run."""
    return analysis.derived("disabled-app-modules", lambda: _disabled(analysis))


def _disabled(analysis) -> FrozenSet[str]:
    index, root = analysis.index, getattr(analysis.settings, "root", None)
    tests = test_modules(index)
    sources = {name for name in index.modules if name not in tests}
    settings_modules = _settings_modules(index, sources)
    if root is None or not settings_modules:
        return frozenset()
    inside = {app: {name for name in index.modules if name == app or name.startswith(f"{app}.")} for app in app_packages(index, tests)}
    # Cheap evidence first, from the summaries: a setting's dotted path (`INSTALLED_APPS = [...]`), or imports from
    # outside the apps that load all of an app (one of a path no indexed module answers).
    set_paths = {(name, tag.partition("=")[2]) for name in sources for tag in getattr(index.functions.get(name), "tags", ())
                 if tag.startswith(SETS_PATH)}
    unlisted = {app: modules for app, modules in inside.items()
                if not any(_names(path, app) for name, path in set_paths if app.rpartition(".")[2] in path and name not in modules)}
    loads = _app_loads(index, str(root), sources, unlisted)
    outside = {module for name in sources if _app_of(name, unlisted) is None for module in loads.get(name, ())}
    apps = {app for app, modules in unlisted.items() if not modules - tests <= outside}
    if not apps:
        return frozenset()
    context_of = _module_contexts(analysis, sources, settings_modules)
    trees: Dict[str, ast.Module] = {}
    if not _parse(analysis, sources, {_SETTING} | {app.rpartition(".")[2] for app in apps}, trees):
        return frozenset()
    changes = {name: setting_changes(tree) for name, tree in trees.items()}
    naming: Callable[[str], Optional[List[ast.Module]]] = lambda word: _naming(analysis, sources, word)
    values = SettingsValues(changes, trees, naming)
    passed = values.literal_additions()
    if passed is None:
        return frozenset()
    # The guards count only where every deployment lists the same apps: else one may list a tested app.
    builders = {name for name, added in changes.items() if added}
    closed = values.closed() and not _open_imports(index, sources, builders | settings_modules)
    configured = tree_dotted_paths(analysis, _CONFIG_SUFFIXES)
    # Each string with its module, whether a bare name counts there, and the apps whose membership tests guard it;
    # a settings function's literal arguments are listed apps wherever it is called.
    texts: List[_Text] = [_Text("", text, True, frozenset()) for text in passed]
    read: Set[str] = set()
    while len(read) < len(trees):  # a guard's app may be named in a module no other word had read
        for name in sorted(set(trees) - read):
            read.add(name)
            texts += [_Text(name, text, bool(changes.get(name)), guards)
                      for text, guards in app_strings(trees[name], context_of(name))]
        guard_words = {guard.replace(":", ".").rpartition(".")[2] for entry in texts for guard in entry.guards}
        if not _parse(analysis, sources, guard_words, trees):
            closed = False  # a module that may name a tested app does not parse: it may list it
            break
    by_word, guards = _by_word(texts), {guard for entry in texts for guard in entry.guards}
    on = _listed_guards(guards, by_word, configured, inside) if closed else guards
    off: Set[str] = set()
    for app in apps:
        if any(_names(path, app) for path in configured) \
                or any(_names(entry.text, app, entry.bare) for entry in by_word.get(app.rpartition(".")[2], ())
                       if entry.module not in inside[app] and entry.guards <= on):
            continue
        off |= inside[app] - tests
    return frozenset(off - _loaded(sources, off, loads))


class _Text(NamedTuple):
    """A string that may enable an app: its module ("" for a settings function's argument), whether a bare name
    (`"share"`) counts there (a module that builds `INSTALLED_APPS`), and the apps whose membership tests guard it."""
    module: str
    text: str
    bare: bool
    guards: FrozenSet[str]


def _by_word(texts: List[_Text]) -> Dict[str, List[_Text]]:
    """The strings by each word of their dotted path: a string can name an app only through the app's last word
    (`_names`), so an app's candidates are those under that word, not every string of the project."""
    found: Dict[str, List[_Text]] = {}
    for entry in texts:
        for word in set(entry.text.replace(":", ".").split(".")):
            found.setdefault(word, []).append(entry)
    return found


def _listed_guards(guards: Set[str], by_word: Dict[str, List[_Text]], configured: Iterable[str],
                   inside: Dict[str, Set[str]]) -> Set[str]:
    """The guards' apps a shipped setting may list: one a configuration file names, or a string (`by_word`) no unlisted
    guard holds back, outside the modules of the project's apps the guard names (its `AppConfig.name` lists nothing)
    unless that module builds `INSTALLED_APPS`, grown until no more are (a string under a guard of an app nothing else
    lists runs in no shipped configuration)."""
    own = {guard: set().union(*(modules for app, modules in inside.items() if _names(guard, app))) for guard in guards}
    listed = {guard for guard in guards if any(_names(path, guard) for path in configured)}
    while True:
        more = {guard for guard in guards - listed
                if any(_names(entry.text, guard, entry.bare) for entry in by_word.get(guard.rpartition(".")[2], ())
                       if entry.guards <= listed and (entry.bare or entry.module not in own[guard]))}
        if not more:
            return listed
        listed |= more


def _open_imports(index, sources: Set[str], builders: Set[str]) -> bool:
    """Whether the settings may take names from a module the project does not ship (a `local_settings.py` an operator
    writes): a star import of one, or an import of `INSTALLED_APPS` from one, in a module that builds `INSTALLED_APPS`
    (`builders`: one that changes it anywhere, a settings module) or that a star import joins to one (either way: what
    it star-imports is its, what star-imports it holds its)."""
    stars = {name: {index.module_named(star) or star for star in index.modules[name].star_imports} for name in sources}
    starring: Dict[str, Set[str]] = {}
    for name, imported in stars.items():
        for star in imported:
            starring.setdefault(star, set()).add(name)
    joined = closure(builders, lambda name: starring.get(name, set()) | (stars.get(name, set()) & sources))
    return any(stars.get(name, set()) - sources
               or any(local == _SETTING and index.module_named(dotted.rpartition(".")[0]) not in sources
                      for local, dotted in index.modules[name].imports.items())
               for name in joined)


def _parse(analysis, sources: Set[str], words: Set[str], trees: Dict[str, ast.Module]) -> bool:
    """Read into `trees` the sources whose text holds one of `words`; False when one does not parse."""
    index = analysis.index
    for name in sorted(sources - set(trees)):
        if any(index.modules[name].words.get(word) for word in words):
            tree = parsed_tree(analysis, index.modules[name].path)
            if tree is None:
                return False
            trees[name] = tree
    return True


def _naming(analysis, sources: Set[str], word: str) -> Optional[List[ast.Module]]:
    """The trees of the sources whose text holds `word`; None when one does not parse."""
    found: Dict[str, ast.Module] = {}
    return list(found.values()) if _parse(analysis, sources, {word}, found) else None


def _module_contexts(analysis, sources: Set[str], settings: Set[str]) -> Callable[[str], ModuleContext]:
    """How app_strings.py resolves a module's names: its package, the project's settings modules, other modules' trees,
    and the caches all the modules share (`SharedNames`)."""
    index, shared = analysis.index, SharedNames()

    def package(name: str) -> str:
        return name if index.modules[name].path.rpartition("/")[2].startswith("__init__.") else name.rpartition(".")[0]

    def read(dotted: str) -> Optional[Tuple[ast.Module, str]]:
        name = index.module_named(dotted)
        tree = parsed_tree(analysis, index.modules[name].path) if name in sources else None
        return (tree, package(name)) if tree is not None else None

    def is_settings(dotted: str) -> bool:
        return index.module_named(dotted) in settings

    return lambda name: ModuleContext(name, package(name), is_settings, read, shared)


def installed_app_names(analysis) -> FrozenSet[str]:
    """The strings the non-test settings modules' `INSTALLED_APPS` lists (`"shop"`, `"shop.apps.ShopConfig"`), also
    through the names of other lists the same module assigns (`INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS`); a value
    that is no literal adds nothing. Empty where no settings module parses: python2_code.py counts Django's convention
    modules as served only in the apps named here, so what this misses is only less evidence of Python 2."""
    return analysis.derived("installed-app-names", lambda: _installed_app_names(analysis))


def _installed_app_names(analysis) -> FrozenSet[str]:
    index, tests = analysis.index, test_modules(analysis.index)
    trees = [parsed_tree(analysis, index.modules[name].path) for name in _settings_modules(index, set(index.modules) - tests)]
    return frozenset(text for tree in trees if tree is not None for text in listed_strings(tree))


def _settings_modules(index, names: Iterable[str]) -> Set[str]:
    """Of `names`, the project's Django settings modules: those whose top level assigns `INSTALLED_APPS` (the per-file
    pass's mark)."""
    return {name for name in names if ASSIGNS_INSTALLED_APPS in getattr(index.functions.get(name), "tags", ())}


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
