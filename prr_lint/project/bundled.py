"""Bundled libraries: a copy of a declared dependency that the service keeps in its own tree.

iRedAdmin's requirements install `web.py`, and its root holds `web/`, the web.py framework itself, which every
controller imports as `import web`: the copy takes over the distribution's import name. Its code runs in the
service, but it is not the service's own (its owners upgrade the copy, they do not edit it), so the scoped rules
(scope.py) leave it out as they leave out the installed distribution and a vendored tree on `sys.path` (vendored.py).

A top-level module or package of the project (`web/`, `six.py`) is such a copy only by all of what the code shows:
* its name is the import name of a distribution that the files governing it declare (pinned_versions.py: lock and
  requirements files, pyproject.toml, setup.cfg, setup.py): the name itself, `<name>.py` / `<name>-py` (web.py) or
  `python-<name>` (python-ldap); a distribution is the only thing that import name was meant to reach;
* its top module names `__version__`, a distribution's release stamp (`__version__ = "0.70"`, or requests'
  `from .__version__ import __version__`);
* it reaches no project module outside itself by an import, a star import or a call, other than another such copy
  (cheroot's copy imports the copy of more_itertools), and no import of it, even one inside a function, spells a
  top-level package of the project's other than such a copy as a word of its module path (a word is enough: a copy
  whose relative import `from .utils import x` spells the project's `utils` stays the service's, the safe side):
  third-party code knows nothing of the service, whose own packages import each other;
* a project module outside it imports it or calls into it: the service uses the copy.
A package of the service's own that happens to share a library's name (an admin app in `web/` beside `app/`) fails
the last-but-one test, and one the project does not declare as a dependency fails the first. `scope = "all"` reports
a copy's findings again.
"""

from __future__ import annotations

import posixpath
from typing import Dict, Iterator, Optional, Set, Tuple

from prr_lint.model import ModuleSummary
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.pinned_versions import PinnedVersions

_RELEASE_STAMP = "__version__"


def bundled_modules(analysis: ServingAnalysis) -> Set[str]:
    """Project modules that belong to a bundled copy of a declared dependency (see the module docstring)."""
    return analysis.derived("bundled-modules", lambda: _bundled(analysis))


def distribution_names(import_name: str) -> Tuple[str, ...]:
    """The distribution names whose import name `import_name` conventionally is: `web` for web.py, `ldap` for
    python-ldap, `more_itertools` for more-itertools (PEP 503 folds `_` and `.` into `-`)."""
    return (import_name, f"{import_name}-py", f"python-{import_name}")


def _bundled(analysis: ServingAnalysis) -> Set[str]:
    index = analysis.index
    root = getattr(analysis.settings, "root", None)
    if root is None:
        return set()
    packages: Dict[str, Set[str]] = {}  # top-level name -> its modules
    for name in index.modules:
        packages.setdefault(name.partition(".")[0], set()).add(name)
    pins = PinnedVersions(str(root))
    copies = {top: names for top, names in packages.items() if _looks_like_copy(index.modules.get(top), top, pins)}
    if not copies:
        return set()
    reached = {top: set(_reached(index, names)) for top, names in copies.items()}
    # an import inside a function binds no module-level name: the words of its module path still name the package
    spelled = {top: {word for name in names for word in index.modules[name].module_path_words if word in packages} - {top} for top, names in copies.items()}
    while True:  # drop a candidate that reaches a project module outside every candidate, until none does
        inside = {name for names in copies.values() for name in names}
        kept = {top: names for top, names in copies.items()
                if all(not target or target in inside for target in reached[top]) and spelled[top] <= copies.keys()}
        if len(kept) == len(copies):
            break
        copies = kept
    # used: some other top-level module or package (the service's, or another copy) reaches into it
    used = {target.partition(".")[0] for top, names in packages.items() for target in reached.get(top) or _reached(index, names)
            if target and target.partition(".")[0] != top}
    return {name for top, names in copies.items() if top in used for name in names}


def _looks_like_copy(module: Optional[ModuleSummary], top: str, pins: PinnedVersions) -> bool:
    """The top module of a top-level package or module, named like a declared distribution, whose code (not only
    its comments) names a release stamp."""
    if module is None or module.words.get(_RELEASE_STAMP, 0) <= module.prose_words.get(_RELEASE_STAMP, 0):
        return False
    file = posixpath.basename(module.path)
    if file != f"{top}.py" and not (file == "__init__.py" and posixpath.basename(posixpath.dirname(module.path)) == top):
        return False
    return any(pins.names(name, module.path) for name in distribution_names(top))


def _reached(index, names: Set[str]) -> Iterator[str]:
    """The project modules (or "") that the modules `names` import, star-import or call into."""
    for name in names:
        module = index.modules[name]
        yield from (index.module_of(target) for target in (*module.imports.values(), *module.dotted_imports, *module.star_imports))
        for function in module.functions.values():
            yield from (index.module_of(call) for call in function.calls)
        for bases in module.classes.values():
            yield from (index.module_of(base) for base in bases)
