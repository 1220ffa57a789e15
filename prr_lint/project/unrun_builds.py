"""Classes only code no deployed process loads builds: no object of theirs exists where the service runs.

A method runs on an object of its class (or on the class itself), and the object is built where code names the
class. In a run over a whole project, some modules are known never to load in a deployed process, whatever loads the
project from outside: a router module nothing loads, and the modules only such routers import (unloaded_modules.py
`unmounted_unloaded`: the wiring only a router imports whose `app.include_router(...)` is commented out), and
those only programs the deployment does not run serve or import (undeployed_programs.py `hand_served_modules`: a `ticketing_bot.py` that runs `uvicorn.run(app)` on an app
module beside the compose file's programs, which run others). Their words are no service source's, as a test's
are not: a class that every service file naming it but its own is such a module builds is built in no deployed
process, whatever the names of its methods (a `send_message` that many other objects also have), and an
abstract base it implements calls none of its methods there (dead_code.py `unbuilt`, `never`).

Kept: a class a file of a loaded module names (an import, a build, a subclass, a dotted path in a string: typed_calls.py
`unbuilt`), one a configuration file or a string may load by name (`loaded`), one found by name (a
registering base or decorator: hooked_classes.py) and one a framework builds itself (known_bases.py `SELF_BUILT`).
A router an app includes by any chain (into another router, through a variable or a loop over a list of routers,
a mounted sub-app) is loaded, and so is what it builds. A module nothing names that is no router counts only for
its own findings (unloaded_modules.py): something the project does not hold may load it, and what it builds stays
built. A text file that is no configuration (a summary or README quoting the code) builds nothing.
"""

from __future__ import annotations

import os
from typing import Callable, FrozenSet, Mapping, Set

from prr_lint.project.known_bases import SELF_BUILT
from prr_lint.project.names import class_ancestors
from prr_lint.project.undeployed_programs import hand_served_modules
from prr_lint.project.unloaded_modules import unmounted_unloaded

Words = Mapping[str, Mapping[str, int]]  # root-relative path -> the file's words


def unrun_module_paths(analysis) -> FrozenSet[str]:
    """The files of the modules no deployed process loads (module docstring), in a run over a whole project; once per run."""
    return analysis.derived("unrun-module-paths", lambda: _unrun_paths(analysis))


def _unrun_paths(analysis) -> FrozenSet[str]:
    if not analysis.derived("whole-project", lambda: False):
        return frozenset()
    index = analysis.index
    # not a package's `__init__`: it runs whenever a deployed module below it is imported, or run with `-m`
    served = {name for name in hand_served_modules(analysis) if name in index.modules and not _package(index.modules[name].path)}
    return frozenset(index.modules[name].path for name in unmounted_unloaded(analysis) | served if name in index.modules)


def _package(path: str) -> bool:
    """The file is a package's `__init__.py`."""
    return os.path.basename(path.replace(os.sep, "/")) == "__init__.py"


def unrun_built_classes(analysis, tests: Set[str], files: Words, unbuilt_in: Callable[[Words], Callable[[str], bool]],
                        kept: Callable[[str], bool]) -> Set[str]:
    """The module-level classes of loaded non-test modules that some file of a module no deployed process loads
    names and that `unbuilt_in` (typed_calls.py `TypedCalls.unbuilt` over the given files) finds named by no
    other file but their own, once those files are left out; not those `kept` keeps (loaded by name, found by a
    registering base)."""
    unrun = unrun_module_paths(analysis)
    if not unrun:
        return set()
    index = analysis.index
    named_in_unrun = {word for path, words in files.items() if path in unrun for word in words}
    candidates = [cls for cls in index.classes if cls.rpartition(".")[2] in named_in_unrun and cls.rpartition(".")[0] == index.module_of(cls)
                  and index.module_of(cls) not in tests and index.modules[index.module_of(cls)].path not in unrun]
    if not candidates:
        return set()
    unbuilt = unbuilt_in({path: words for path, words in files.items() if path not in unrun})
    return {cls for cls in candidates if unbuilt(cls) and not kept(cls) and SELF_BUILT.isdisjoint(class_ancestors(index, cls))}
