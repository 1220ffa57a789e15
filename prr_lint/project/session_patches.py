"""PRR501: the session calls a patched module global covers (rules/session_patches.py has the marks).

A patcher's `mod.Session = X` covers a call whose finding names the global that builds its
session (`patched-global:<module>.Session`) when the attribute is that global's name, the module is
one of the patch's origins (the name itself, or a module under a computed-name prefix), and `X` is a
project class derived from `requests.Session` whose `request` or `send`, as its class hierarchy
resolves it, fills in a missing timeout. A patch of a project module is made by the code that loads
that module, before anything of it runs; a patch of a library module (`requests.Session = X`,
`requests.sessions.Session = X`, which `requests.get` builds its session by) holds only in a process
that imports the patcher (requests_default.py's test). Test modules patch nothing. A `Session()` in a
module no patch names, or a patch whose class fills in no timeout, stays reported.
"""

from __future__ import annotations

import json
from typing import Callable, Iterable, List, Optional, Tuple

from prr_lint.project.callgraph import CallGraph
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors
from prr_lint.project.requests_default import runs_module_check
from prr_lint.project.support import test_modules
from prr_lint.rules.session_patches import FILLS_DEFAULT_TIMEOUT, PATCHES_GLOBAL

SESSION_CLASSES = frozenset({"requests.Session", "requests.sessions.Session"})
Patch = Tuple[List[str], str, str]  # origins, attribute, patching module


def patched_globals(analysis) -> Callable[[str, str], bool]:
    """The check below for a serving analysis, built once."""
    return analysis.derived("patched-globals", lambda: patched_global_check(analysis.index, analysis.graph, analysis.console_scripts))


def patched_global_check(index: ProjectIndex, graph: CallGraph, console_scripts: Iterable[str]) -> Callable[[str, str], bool]:
    """Whether a project patch replaces `built` (`<module>.<global>`) with a timeout-filling Session
    class in the process that runs `context` (module docstring)."""
    tests = test_modules(index)
    patches: List[Patch] = []
    for name in index.modules:
        top = index.functions.get(name)
        for tag in top.tags if top is not None and name not in tests else ():
            parsed = parse_patch(tag) if tag.startswith(PATCHES_GLOBAL) else None
            if parsed is not None and fills_timeout(index, parsed[2]):
                patches.append((parsed[0], parsed[1], name))
    if not patches:
        return lambda built, context: False
    project = {origin: any(_names(origin, module) for module in index.modules) for origins, _, _ in patches for origin in origins}
    runs = runs_module_check(index, graph, console_scripts, frozenset(
        patcher for origins, _, patcher in patches if not all(project[origin] for origin in origins)))

    def covered(built: str, context: str) -> bool:
        owner, _, attribute = built.rpartition(".")
        for origins, patched, patcher in patches:
            origin = next((origin for origin in origins if _names(origin, owner)), None) if patched == attribute else None
            if origin is not None and (project[origin] or runs(context)):
                return True
        return False

    return covered


def parse_patch(tag: str) -> Optional[Tuple[List[str], str, str]]:
    try:
        origins, attribute, value = json.loads(tag[len(PATCHES_GLOBAL):])
    except (ValueError, TypeError, RecursionError):
        return None
    if not isinstance(origins, list) or not all(isinstance(origin, str) for origin in origins) \
            or not isinstance(attribute, str) or not isinstance(value, str):
        return None
    return origins, attribute, value


def _names(origin: str, module: str) -> bool:
    """Whether the origin (a module name, or a prefix ending in ".") takes in `module` (a project
    origin is one that takes in a project module; a module of a
    folder put on `sys.path` may carry the folder in its name: compared on whole dotted parts)."""
    return f".{origin}" in f".{module}" if origin.endswith(".") else f".{module}".endswith(f".{origin}")


def fills_timeout(index: ProjectIndex, value: str) -> bool:
    """`value` is a project `requests.Session` subclass whose `request` or `send` fills in a timeout."""
    target = index.canonical(value)
    if target is None or target not in index.classes or not SESSION_CLASSES.intersection(class_ancestors(index, target)):
        return False
    methods = (index.canonical(f"{target}.{method}") for method in ("request", "send"))
    return any(method is not None and FILLS_DEFAULT_TIMEOUT in getattr(index.functions.get(method), "tags", ()) for method in methods)
