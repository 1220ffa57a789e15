"""Folders of scripts: modules no import statement can reach, because a folder on their path is no
Python identifier (`utils/simple-api-client/hbi_api_core.py`).

The service imports its code by package path; a module below a folder whose name holds a hyphen, a
dot or a space has no such path. It runs only as a script started in that folder (`python
bulk_api_calls.py`, which puts the folder first on `sys.path`, so the scripts import their siblings
by their bare names): a developer's or operator's utility beside the service. A folder of such
modules is the service only when one of them serves (an entry point, a background task or command, a handler registration, a
program that starts a server or loops until the process stops: a service kept in `order-service/`
and started with `--chdir`), and then everything below the folder stays. Only in a project with
serving entry points: without them nothing is known to serve.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Set


def _unimportable(module: str) -> bool:
    """Some part of the dotted name is no identifier (the folder `simple-api-client`)."""
    return any(not part.isidentifier() for part in module.split("."))


def _outermost(path: str) -> str:
    """The path up to its first part that is no identifier (`utils/simple-api-client`): everything
    below it is one folder of scripts. "" when no folder below the root is at fault (the name comes
    from above the root, or from the file's own name)."""
    parts = path.replace("\\", "/").split("/")[:-1]  # folders only: a migration's `0001_initial.py` is loaded by path
    for position, part in enumerate(parts):
        if not part.isidentifier():
            return "/".join(parts[: position + 1])
    return ""


def script_folder_modules(analysis, long_running: Callable[[List[str]], bool]) -> Set[str]:
    """The modules of folders of scripts (see the module docstring)."""
    index = analysis.index
    folders: Dict[str, Set[str]] = {}
    for name, module in index.modules.items():
        if _unimportable(name):
            folders.setdefault(_outermost(module.path), set()).add(name)
    if not folders or not analysis.model.seeds:
        return set()
    serving = {module.module for module in map(analysis.module_of, analysis.model.seeds | analysis.model.batch) if module is not None}
    found: Set[str] = set()
    for folder, names in folders.items():
        if not folder:
            continue  # the repository itself sits in a package: nothing to tell
        prefixes = tuple(f"{name}." for name in names)
        functions = sorted(name for name in index.functions if name in names or name.startswith(prefixes))
        if names & serving or any(index.modules[name].registrations for name in names) or long_running(functions):
            continue
        found |= names
    return found
