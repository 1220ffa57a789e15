"""Where a module constant points a client, from the tags the module summaries keep (socket_targets.py).

A client's URL is often a name defined in another module: a Django setting (`settings.BROKER_URL`),
bound in every settings module that binds that name at its top level, or a module constant
(`from .config import EMBED_HOST`), bound in its module (followed through one import). The module
tags say whether each top-level binding is a unix socket, a loopback address, or another target
(a URL of another host, a value read from the environment, which a deployment may point anywhere).
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, List, Tuple

from prr_lint.project.index import ProjectIndex
from prr_lint.socket_targets import BINDS_LOCAL_SOCKET, BINDS_LOOPBACK, BINDS_OTHER_TARGET, CONFIG_KEY, LOOPBACK_THROUGH
from prr_lint.switch_keys import BLANK_OR, DJANGO_SETTING

DJANGO_SETTINGS = "django.conf.settings."
_KINDS = (BINDS_LOCAL_SOCKET, BINDS_LOOPBACK, BINDS_OTHER_TARGET)


def constant_kinds(index: ProjectIndex) -> Callable[[str], FrozenSet[str]]:
    """The tag kinds (`BINDS_*` prefixes) the bindings of a qualified constant carry (module docstring)."""
    marks: Dict[str, List[str]] = {}
    for name, module in index.modules.items():
        top = module.functions.get(name)
        found = [tag for tag in top.tags if tag.startswith(_KINDS)] if top else []
        if found:
            marks[name] = found

    def bound(modules, name: str) -> FrozenSet[str]:
        return frozenset(kind for module in modules for tag in marks.get(module, ()) for kind in _KINDS if tag == kind + name)

    def kinds(qualified: str) -> FrozenSet[str]:
        if qualified.startswith(DJANGO_SETTINGS):
            return bound(marks, qualified[len(DJANGO_SETTINGS):])
        module, _, name = qualified.rpartition(".")
        if module in index.modules and name in index.modules[module].imports:
            module, _, name = index.modules[module].imports[name].rpartition(".")
        return bound([module], name)

    return kinds


def local_socket_check(index: ProjectIndex) -> Callable[[str], bool]:
    """Keep a redis finding (True) unless the URL it connects to is bound only to unix sockets."""
    kinds = constant_kinds(index)

    def keep(qualified: str) -> bool:
        found = kinds(qualified)
        return BINDS_OTHER_TARGET in found or BINDS_LOCAL_SOCKET not in found

    return keep


def loopback_check(index: ProjectIndex, loopback_key: Callable[[str], bool]) -> Callable[[Tuple[str, ...]], bool]:
    """Whether a finding's URL is loopback through the constants its subjects name (`LOOPBACK_THROUGH`):
    each of them is a module constant bound only to loopback addresses, nowhere to another target, or a
    configuration key every shipped value of which is one (`loopback_key`, project/switches.py). A Django
    setting is such a key, by its name (`DJANGO_SETTING`): a settings overlay may bind it to what a module tag
    does not show (`env("HOST")`), and every assignment of the key anywhere gives it a value. One marked `BLANK_OR` (the
    `A` of `A or B`) may also be blank, a key only (a module constant's blank is not tagged)."""
    kinds = constant_kinds(index)

    def loopback(constant: str) -> bool:
        blank = BLANK_OR if constant.startswith(BLANK_OR) else ""
        constant = constant[len(blank):]
        if constant.startswith(CONFIG_KEY):
            return loopback_key(blank + constant[len(CONFIG_KEY):])
        if constant.startswith(DJANGO_SETTINGS):
            return loopback_key(blank + DJANGO_SETTING + constant[len(DJANGO_SETTINGS):])
        return kinds(constant) == {BINDS_LOOPBACK}

    def local(subjects: Tuple[str, ...]) -> bool:
        constants = [subject[len(LOOPBACK_THROUGH):] for subject in subjects if subject.startswith(LOOPBACK_THROUGH)]
        return bool(constants) and all(map(loopback, constants))

    return local
