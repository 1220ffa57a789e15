"""Apps the service runs as its own child processes (PRR201, PRR405).

A module of the project that starts a Python program of the project with `subprocess`
(rules/child_programs.py marks the paths) makes that program a helper process of the service: a
model or thumbnail server it calls on localhost and restarts from its own health check. An app in
such a program is no surface users reach; the service that starts and calls it answers for its
requests. It counts only beside an app the project serves itself (the main service), and not when
a test starts it (an end-to-end test starting the service under test).
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Iterable, List, Optional

from prr_lint.project.index import ProjectIndex
from prr_lint.rules.child_programs import SPAWNS_PROGRAM


def _is_test(path: str) -> bool:
    parts = path.split("/")
    return any(part in ("tests", "test", "testing") for part in parts[:-1]) or parts[-1].startswith(("test_", "conftest"))


def spawned_paths(index: ProjectIndex) -> List[str]:
    """The program paths (globs) the project's non-test modules start as child processes."""
    return [tag[len(SPAWNS_PROGRAM):] for module in index.modules.values()
            if module.module in index.functions and not _is_test(module.path)
            for tag in index.functions[module.module].tags if tag.startswith(SPAWNS_PROGRAM)]


def _program(path: str, patterns: Iterable[str]) -> Optional[str]:
    """The directory of the started program `path` is in ("" for one at the top level), None when
    the project starts no program at that path. A pattern must name its file (`service/*/main.py`,
    not `*.py`)."""
    for pattern in patterns:
        if "*" in pattern.rsplit("/", 1)[-1]:
            continue
        if fnmatchcase(path, pattern) or fnmatchcase(path, "*/" + pattern):
            return path.rsplit("/", 1)[0] if "/" in path else ""
    return None


def is_child_app(index: ProjectIndex, path: str, served: Iterable[str]) -> bool:
    """The app at `path` runs in a program the service starts itself, and the project serves
    entry points outside every program it starts (`served`: the paths of all entry points): a
    program at the top level, or one holding all the routes, is the service (a development
    reloader restarting it), not a helper."""
    patterns = spawned_paths(index)
    if not patterns or _program(path, patterns) is None:
        return False
    programs = {program for program in (_program(module.path, patterns) for module in index.modules.values())
                if program is not None}
    if "" in programs:
        return False
    return any(not any(other.startswith(program + "/") for program in programs) for other in served)
