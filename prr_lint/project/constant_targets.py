"""Where a module constant points a client, from the tags the module summaries keep (socket_targets.py).

A client's URL is often a name defined in another module: a Django setting (`settings.BROKER_URL`),
bound in every settings module that binds that name at its top level, or a module constant
(`from .config import EMBED_HOST`), bound in its module (followed through one import). The module
tags say whether each top-level binding is a unix socket, a loopback address, or another target
(a URL of another host, a value read from the environment, which a deployment may point anywhere). An attribute
of a configuration object that is no project module (`from app import settings` where `settings = Settings()`;
`import settings` where the tree ships only `settings.py.sample`) is a configuration key by its name, which
project/switches.py looks up in the code's assignments and the shipped files.
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, List, Optional, Set, Tuple

from prr_lint.attribute_hosts import BLANK_VALUE, OTHER_VALUE, attribute_values
from prr_lint.paths import is_test_path
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors
from prr_lint.settings_fields import SETS_FIELD
from prr_lint.returned_hosts import RETURNS_HOST_OF
from prr_lint.socket_targets import BINDS_LOCAL_SOCKET, BINDS_LOOPBACK, BINDS_LOOPBACK_THROUGH, BINDS_OTHER_TARGET, CONFIG_KEY, LOOPBACK_THROUGH, \
    RESULT
from prr_lint.switch_keys import BLANK_OR, DJANGO_SETTING, HOLDER, HOLDS_KEY

DJANGO_SETTINGS = "django.conf.settings."
_ATTRIBUTE = "attribute:"  # an attribute being judged, in `seen`
_KINDS = (BINDS_LOCAL_SOCKET, BINDS_LOOPBACK, BINDS_OTHER_TARGET)


def _binding(tag: str) -> Tuple[str, str, Tuple[str, ...]]:
    """(kind, name, the names it is loopback through) of a `BINDS_*` tag."""
    if tag.startswith(BINDS_LOOPBACK_THROUGH):
        name, _, names = tag[len(BINDS_LOOPBACK_THROUGH):].partition("=")
        return BINDS_LOOPBACK_THROUGH, name, tuple(filter(None, names.split(",")))
    kind = next(kind for kind in _KINDS if tag.startswith(kind))
    return kind, tag[len(kind):], ()


def constant_bindings(index: ProjectIndex) -> Callable[[str], List[Tuple[str, Tuple[str, ...]]]]:
    """(kind, the names it is loopback through) of each tagged binding of a qualified constant: a Django setting's
    in every module, an imported name's in the module defining it."""
    marks: Dict[str, List[Tuple[str, str, Tuple[str, ...]]]] = {}
    for name, module in index.modules.items():
        top = module.functions.get(name)
        found = [_binding(tag) for tag in top.tags if tag.startswith((*_KINDS, BINDS_LOOPBACK_THROUGH))] if top else []
        if found:
            marks[name] = found

    def bound(modules, name: str) -> List[Tuple[str, Tuple[str, ...]]]:
        return [(kind, names) for module in modules for kind, bound_name, names in marks.get(module, ()) if bound_name == name]

    def bindings(qualified: str) -> List[Tuple[str, Tuple[str, ...]]]:
        if qualified.startswith(DJANGO_SETTINGS):
            return bound(marks, qualified[len(DJANGO_SETTINGS):])
        module, _, name = qualified.rpartition(".")
        if module in index.modules and name in index.modules[module].imports:
            module, _, name = index.modules[module].imports[name].rpartition(".")
        return bound([module], name)

    return bindings


def declared_attributes(index: ProjectIndex) -> Set[Tuple[str, str]]:
    """(class, attribute) of each setting a class body gives a value: a settings field (`redis_url: RedisDsn = ...`,
    settings_fields.py) or an upper-case key (`REDIS_HOST = "localhost"`, switch_keys HOLDS_KEY)."""
    found: Set[Tuple[str, str]] = set()
    for name, module in index.modules.items():
        top = module.functions.get(name)
        for tag in top.tags if top else ():
            if tag.startswith(SETS_FIELD):
                owner, _, attribute = tag[len(SETS_FIELD):].partition("=")[0].rpartition(".")
                found.add((owner, attribute))
            elif tag.startswith(HOLDS_KEY):
                key, _, owner = tag[len(HOLDS_KEY):].partition(HOLDER)
                found.add((owner, key))
    return found


def host_positions(index: ProjectIndex, function: str) -> Optional[List[str]]:
    """The positions of the parameters a project function builds its returned URL's host from (returned_hosts.py),
    the function named where it is defined or through one import of it; None when it is not tagged so."""
    if function not in index.functions:
        module, _, name = function.rpartition(".")
        function = index.modules[module].imports.get(name, "") if module in index.modules else ""
    summary = index.functions.get(function)
    tags = [tag[len(RETURNS_HOST_OF):] for tag in summary.tags if tag.startswith(RETURNS_HOST_OF)] if summary else []
    return tags[0].split(",") if len(tags) == 1 else None


def stored_attributes(index: ProjectIndex) -> Dict[str, List[str]]:
    """An attribute's name -> the kind of each value the project's code outside tests stores in an attribute so named
    (attribute_hosts.py)."""
    found: Dict[str, List[str]] = {}
    for name, module in index.modules.items():
        top = module.functions.get(name)
        if top is not None and not is_test_path(module.path):
            for _, attribute, kind in attribute_values(top.tags):
                found.setdefault(attribute, []).append(kind)
    return found


def local_socket_check(index: ProjectIndex) -> Callable[[str], bool]:
    """Keep a redis finding (True) unless the URL it connects to is bound only to unix sockets."""
    bindings = constant_bindings(index)

    def keep(qualified: str) -> bool:
        found = {kind for kind, _ in bindings(qualified)}  # a binding through a read may be pointed anywhere
        return bool(found & {BINDS_OTHER_TARGET, BINDS_LOOPBACK_THROUGH}) or BINDS_LOCAL_SOCKET not in found

    return keep


def loopback_check(index: ProjectIndex, loopback_key: Callable[[str], bool],
                   sampled: Callable[[str], bool] = lambda module: False) -> Callable[[Tuple[str, ...]], bool]:
    """Whether a finding's URL is loopback through the constants its subjects name (`LOOPBACK_THROUGH`):
    each of them is a module constant bound only to loopback addresses, nowhere to another target (or to values
    loopback through names each of which is: `REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")`, as the
    configuration key `loopback-read:REDIS_URL` is), or a
    configuration key every shipped value of which is one (`loopback_key`, project/switches.py). A Django
    setting is such a key, by its name (`DJANGO_SETTING`): a settings overlay may bind it to what a module tag
    does not show (`env("HOST")`), and every assignment of the key anywhere gives it a value. One marked `BLANK_OR` (the
    `A` of `A or B`) may also be blank, a key only (a module constant's blank is not tagged). So is an attribute of a
    configuration object, by its name: a setting the class of a module-level object declares (`from app import
    settings`, `settings = Settings()`: `settings.redis_url`, a field of `Settings` or a base), or an attribute of a
    module the tree ships only as a configuration sample (`import settings` beside `settings.py.sample`, which an
    installation copies in: `sampled`)."""
    bindings = constant_bindings(index)
    declared: List[Set[Tuple[str, str]]] = []
    stored: List[Dict[str, List[str]]] = []

    def configured(module: str, attribute: str) -> bool:
        if module in index.modules:
            return False
        owner, _, name = module.rpartition(".")
        held = index.modules[owner].globals.get(name) if owner in index.modules else None
        if held is None:
            return sampled(module)
        if not declared:
            declared.append(declared_attributes(index))
        return any((cls, attribute) in declared[0] for cls in (held, *class_ancestors(index, held)))

    def loopback(constant: str, seen: FrozenSet[str] = frozenset()) -> bool:
        blank = BLANK_OR if constant.startswith(BLANK_OR) else ""
        constant = constant[len(blank):]
        if constant.startswith(CONFIG_KEY):
            return loopback_key(blank + constant[len(CONFIG_KEY):])
        if constant.startswith(RESULT):  # a function's URL: as the arguments it takes the host from are
            function, *given = constant[len(RESULT):].split("|")
            names = dict(each.partition("=")[::2] for each in given)
            positions = host_positions(index, function)
            return not blank and positions is not None and all(position in names for position in positions) \
                and all(loopback(name, seen) for position in positions for name in filter(None, names[position].split(";")))
        if constant.startswith(DJANGO_SETTINGS):
            return loopback_key(blank + DJANGO_SETTING + constant[len(DJANGO_SETTINGS):])
        module, _, name = constant.rpartition(".")
        if configured(module, name):
            return loopback_key(blank + name)
        if module not in index.modules:  # `self._conf.csw_service_url`, `CONFIG.csw_service_url`: an object's attribute
            return not blank and attribute(name, seen)
        found = bindings(constant)
        kinds = {kind for kind, _ in found}
        # a loopback address, or one through names every one of which is loopback (`REDIS_URL = env("REDIS_URL",
        # default="redis://127.0.0.1:6379/0")`: as the configuration key is); a cycle of names is none
        return bool(found) and kinds <= {BINDS_LOOPBACK, BINDS_LOOPBACK_THROUGH} and constant not in seen \
            and all(loopback(name, seen | {constant}) for _, names in found for name in names)

    def attribute(name: str, seen: FrozenSet[str]) -> bool:
        """An attribute of an object the code does not type: every value the project stores in an attribute so named is
        blank or loopback, one at least read from configuration (a key, a loaded file's item), none another value."""
        if not stored:
            stored.append(stored_attributes(index))
        kinds = [kind for kind in stored[0].get(name, ()) if kind != BLANK_VALUE]
        names = [each for kind in kinds for each in kind.split(",") if each]
        return bool(kinds) and OTHER_VALUE not in kinds and any(each.startswith(CONFIG_KEY) for each in names) \
            and _ATTRIBUTE + name not in seen and all(loopback(each, seen | {_ATTRIBUTE + name}) for each in names)

    def local(subjects: Tuple[str, ...]) -> bool:
        constants = [subject[len(LOOPBACK_THROUGH):] for subject in subjects if subject.startswith(LOOPBACK_THROUGH)]
        return bool(constants) and all(map(loopback, constants))

    return local
