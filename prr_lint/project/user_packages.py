"""User packages: distributions the repository ships for the service's users, not the service.

A service's repository often ships a client SDK of its own beside the server: a directory below the
root with its own `setup.py`, `setup.cfg` or `pyproject.toml` (grr's `api_client/python/`, a
`sdk/python/mysvc_client/`, a `clients/python/`), whose classes wrap `requests` or `httpx` to call
the service's public API. Its users install it and choose their own timeouts; a hang there holds the
user's program, and belongs to the SDK's own review, not to the service's PRR. Such a distribution
is a user package when:

* it is not deployed: its folder holds no Dockerfile or Procfile (a queue service beside the API,
  bcgov's `queue_services/*`, is built and run on its own), no deployment file runs one of its
  programs (a console script by name, `-m pkg.module`, a file's path: schedules.py), none of its
  modules serves (an entry point, a registration, a task), and a program of its own that starts a
  server or loops until stopped is only one of its console scripts, which its users run (`mysvc
  login` waiting for an OAuth callback on localhost); a `__main__` program or a module whose top
  level loops may be what a deployment runs by its path, and keeps it. A distribution that registers
  plug-ins into entry-point groups (other than a test runner's) is one only where no deployment file
  installs it (distributions.py `named_by_deployment`: by its folder, a folder
  that holds it, or its name): whatever loads the group loads it there;
* the service does not use it: no function of it is reached from serving code or from a program
  the deployment runs (not its own console scripts), and no module of the service imports it (by the
  import name the installed distribution provides: below `src/` in a src layout) other than to hand
  the name on: a package `__init__` that imports `Client` and names it nowhere else (`__all__`
  aside) re-exports it (reexports.py), and what counts is who imports it from there, resolved
  through the re-export (`from mysvc import Client` in a view uses the SDK). Tests and the user
  programs beside the SDK (examples, notebooks, its shell) import it too, and use nothing of the
  service's. The service's modules are those the serving process imports, those of the functions
  serving code and deployed programs reach, however deep, and those that hold an entry point.

So the SDK's calls stay reported when the server calls itself or another service through it, and
when the SDK's loop or thread runs in a deployed program (its console script run by a Dockerfile,
a worker of the service that starts its background flusher). A monorepo whose distributions are
each a service (a Dockerfile, an entry point, a task, a deployed program each) keeps them all. A
desktop GUI program (desktop_programs.py) is its users' whatever its Dockerfile. A distribution inside
a package (its parent holds an `__init__.py`) is installed with it and stays, unless it is an
end-user program: a desktop GUI or a filesystem its users mount (desktop_programs.py), which being
installed does not run; then it is its users' when the service does not use it. Without serving
code or a long-running program nothing is known of what the service uses, and nothing is left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Dict, Iterable, List, Set, Tuple

from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.cli_programs import COMMAND_KINDS
from prr_lint.project.desktop_programs import desktop_program, mounts_filesystem
from prr_lint.project.distributions import (TEST_RUNNER_GROUPS, import_top, in_package, module_distributions,
                                            named_by_deployment, relative, runs_on_its_own)
from prr_lint.project.names import resolve_name
from prr_lint.project.reexports import handed_on
from prr_lint.project.schedules import Deployment
from prr_lint.project.scripts import SCRIPTS_GROUPS
from prr_lint.project.support import test_modules

_MAIN_SCRIPT = "`__main__` script"  # scope.py's reason for a root a `__main__` block runs


def user_packages(analysis, serving: Set[str], programs: Iterable[str], long_running: Callable[[List[str]], bool]) -> Set[str]:
    """The modules of the repository's user packages (see the module docstring). `serving` is what
    serving code reaches, `programs` the project's programs that serve or loop until stopped, and
    `long_running` tells whether roots start a server or loop (scope.py)."""
    root = getattr(analysis.settings, "root", None)
    index = analysis.index
    programs = sorted(programs)
    if root is None or not (serving or programs or analysis.imported):
        return set()
    paths = {name: relative(module.path, Path(root)) for name, module in index.modules.items()}
    served = {index.module_of(name) for name in [entry.qualname for entry in analysis.model.entry_points] + sorted(analysis.model.seeds) + [
        context.qualname for context in analysis.model.batch_contexts if context.kind not in COMMAND_KINDS]}  # a task, not a command
    found: Set[str] = set()
    for directory, entries in module_distributions(analysis).items():
        inside = {name: path[len(directory) + 1:] for name, path in paths.items() if path.startswith(directory + "/")}
        if not inside:
            continue
        scripts = [value.split()[0] for group, _, value in entries if group in SCRIPTS_GROUPS]
        desktop = desktop_program(analysis, scripts, inside)
        nested = in_package(Path(root), directory)  # installed with its package: only an end-user program is not run by that
        if nested and not (desktop or mounts_filesystem(analysis, inside)):
            continue
        if not desktop and (_deployed(analysis, Path(root), directory, entries, inside, long_running)
                            or any(name in served or index.modules[name].registrations for name in inside)):
            continue
        reached = set(serving) | set(breadth_first(analysis.graph, [name for name in programs if index.module_of(name) not in inside], UNBOUNDED))
        service = (set(analysis.imported) - set(inside)) | {index.module_of(name) for name in reached} | served
        called = {index.module_of(name) for name in reached if name not in index.modules}  # a module's top level runs at import
        if desktop and not nested or not (called & set(inside) or _used_by(analysis, Path(root), directory, inside, service)):
            found.update(inside)
    return found


def _deployed(analysis, root: Path, directory: str, entries: List[Tuple[str, str, str]], inside: Dict[str, str],
              long_running: Callable[[List[str]], bool]) -> bool:
    """The distribution runs as a service of its own: a Dockerfile or Procfile beside it, plug-ins the
    deployment installs, a program of its own the deployment runs, or one that loops or serves and is
    no console script its users run."""
    groups = {group for group, _, _ in entries} - SCRIPTS_GROUPS - TEST_RUNNER_GROUPS
    if runs_on_its_own(root / directory) or groups and named_by_deployment(root, directory):
        return True
    index, graph = analysis.index, analysis.graph
    deployment: Deployment = analysis.derived("deployment", lambda: Deployment(analysis))
    scripts: Set[str] = set()
    for group, name, value in entries:
        module, _, attribute = value.split()[0].partition(":")
        target = graph.target(f"{module.strip()}.{attribute.strip()}") if group in SCRIPTS_GROUPS else None
        if target is not None and deployment.text and deployment.runs(target, f"console script `{name}`", set()):
            return True
        scripts.update([target] if target is not None else [])
    mains = [name for name in inside if name.endswith(".__main__") or index.modules[name].script_calls]
    if any(deployment.text and deployment.runs(name, _MAIN_SCRIPT, set()) for name in mains):
        return True
    called = {graph.target(call) for name in mains for call in index.modules[name].script_calls} - scripts  # a console script, however started
    return long_running(sorted(name for name in {*inside, *called} if name is not None and name in index.functions))


def _used_by(analysis, root: Path, directory: str, inside: Dict[str, str], service: Set[str]) -> bool:
    """A module of the service outside the distribution imports one of its modules, by the name the
    repository layout gives it or by the import name the installed distribution provides, other than
    to hand it on from a package `__init__` (whose importers then count, through the re-export)."""
    index = analysis.index
    tops = {import_top(root, directory, path) for path in inside.values()}
    tests = test_modules(index)
    for name in sorted(service - set(inside) - tests):
        module = index.modules.get(name)
        if module is None:
            continue
        reexported = None
        for local, target in module.imports.items():
            resolved = resolve_name(index, target)
            if index.module_of(resolved) in inside or index.module_of(target) in inside or target.split(".", 1)[0] in tops:
                reexported = handed_on(analysis, module) if reexported is None else reexported
                if local not in reexported:
                    return True
    return False
