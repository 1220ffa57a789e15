"""WSGI apps and middleware that PasteDeploy builds from configuration (OpenStack's `api-paste.ini`).

A PasteDeploy service names its serving code only in text: `[app:apiv3] paste.app_factory =
cinder.api.v3.router:APIRouter.factory`, `[filter:faultwrap] paste.filter_factory =
cinder.api.middleware.fault:FaultWrapper.factory`, `[composite:osapi_volume] use =
call:cinder.api:root_app_factory`, or the `paste.app_factory`/`paste.filter_factory` entry-point groups
of setup.cfg or pyproject.toml that `use = egg:dist#name` loads. The server (uwsgi, mod_wsgi, oslo's
`wsgi.Server`) calls `loadapp`, which calls each factory once at start-up; the object a factory returns
is the WSGI callable every request goes through. So each project factory named there is start-up code
of the serving process and an entry point, and so is the `__call__` of the class it builds: the class
a `Class.factory` classmethod is named on, or a project class the factory function (or a function
nested in it, the `filter(app)` closure a filter factory returns) constructs. A name outside the project
(`oslo_middleware.cors:filter_factory`, `egg:Paste#urlmap`) adds nothing.

Read from the launch files discovery lists (stamps.is_launch_file: `*.ini`, `setup.cfg`,
`pyproject.toml`), each bounded by texts.read_bounded, once per run; only lines of the form
`key = value` are looked at, so any text that is not a paste configuration names nothing.
"""

from __future__ import annotations

import os
import re
from typing import Iterator, List, NamedTuple, Optional, Sequence, Tuple

from prr_lint.project.index import ProjectIndex
from prr_lint.project.texts import read_bounded
from prr_lint.sources import shown_path

# `paste.app_factory = pkg.mod:obj.attr` in an ini section, `use = call:pkg.mod:obj`, or an entry point
# `name = pkg.mod:obj` under a `paste.*_factory` group of setup.cfg / pyproject.toml.
_FACTORY_KEYS = ("paste.app_factory", "paste.composite_factory", "paste.filter_factory", "paste.filter_app_factory")
_KEY = re.compile(r"[\"']?[A-Za-z0-9_.\-]+[\"']?")
_TARGET = re.compile(r"^[\"']?([A-Za-z_][\w.]*):([A-Za-z_][\w.]*)[\"']?$")
_GROUP = re.compile(r"^project\.entry-points\.[\"']?(paste\.\w+_factory)[\"']?$")
_ENTRY_POINT_SECTIONS = ("entry_points", "options.entry_points")


class PasteFactory(NamedTuple):
    """A factory that a paste configuration names: `kind` is its key (`paste.filter_factory`),
    `target` the dotted object (`pkg.mod.Class.factory`), `where` the `path:line` naming it."""

    kind: str
    target: str
    where: str


def paste_factories(launch_files: Sequence[str], root: Optional[str]) -> List[PasteFactory]:
    """Every factory the launch files name, in file order."""
    found: List[PasteFactory] = []
    for path in launch_files:
        name = os.path.basename(path)
        if not (name.endswith(".ini") or name in ("setup.cfg", "pyproject.toml")):
            continue
        text = read_bounded(path)
        if text is None or "paste" not in text and "call:" not in text:
            continue
        shown = shown_path(path, root) if root else path
        found.extend(PasteFactory(kind, target, f"{shown}:{line}") for kind, target, line in _named(text))
    return found


def _named(text: str) -> Iterator[Tuple[str, str, int]]:
    """(kind, dotted target, line) for each factory the text names: ini keys and `use = call:`
    under `[app:]`/`[filter:]`/`[composite:]` sections, entry points under a `paste.*_factory` group."""
    section = ""
    group = ""  # the setup.cfg entry-point group whose indented lines follow
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section, group = stripped.strip("[]").strip(), ""
            continue
        key, equals, value = stripped.partition("=")
        key, value = key.strip(), value.strip()
        if not equals or not _KEY.fullmatch(key):
            continue
        key = key.strip("\"'")
        if line[:1].isspace() and group:  # `storlet_handler = pkg.mod:filter_factory` below the group
            found = (group, _target(value))
        elif section in _ENTRY_POINT_SECTIONS:
            group = key if key in _FACTORY_KEYS else ""
            found = (group, _target(value.partition("=")[2]))
        elif _GROUP.match(section):  # pyproject.toml: `name = "pkg.mod:obj"` under the group's table
            found = (_GROUP.match(section).group(1), _target(value))  # type: ignore[union-attr]
        elif key in _FACTORY_KEYS:
            found = (key, _target(value))
        elif key == "use" and value.startswith("call:"):
            found = (f"paste.{section.partition(':')[0].replace('-', '_')}_factory", _target(value[len("call:"):]))
        else:
            continue
        if found[0] in _FACTORY_KEYS and found[1]:
            yield found[0], found[1], number


def _target(value: str) -> Optional[str]:
    """`pkg.mod.obj.attr` from `pkg.mod:obj.attr`, or None for anything else (`egg:Paste#urlmap`)."""
    match = _TARGET.match(value.strip())
    return f"{match.group(1)}.{match.group(2)}" if match else None


def served_objects(index: ProjectIndex, factories: Sequence[PasteFactory]) -> Iterator[tuple]:
    """(project function, factory) for each project factory and the `__call__` of each project class it
    builds: the class a classmethod factory is named on, a class named as the factory itself, or a class
    the factory function or its nested functions construct."""
    for factory in factories:
        resolved = index.canonical(factory.target)
        if resolved is None:
            continue
        built: List[str] = []
        if resolved in index.classes:
            built.append(resolved)
            resolved = index.canonical(f"{resolved}.__init__") or ""
        else:
            owner = index.canonical(factory.target.rpartition(".")[0])
            if owner in index.classes:
                built.append(owner)
            for function in index.nested(resolved):
                built.extend(name for name in (index.canonical(call) for call in index.functions[function].calls)
                             if name is not None and name in index.classes)
        if resolved in index.functions:
            yield resolved, factory
        for cls in dict.fromkeys(built):
            call = index.canonical(f"{cls}.__call__")
            if call is not None and call in index.functions:
                yield call, factory
