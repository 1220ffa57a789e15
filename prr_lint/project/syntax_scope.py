"""`scope = "serving"` for PRR000: an unparseable file is the service's only when something shows it loads it.

Judges call a syntax error a finding only where Python meets it in the running service; a historical
migration, a `prior_unused/` folder, a module only other broken modules or `incomplete_tests/` import, a
bundled Python 2 server nothing imports break nothing that runs. So in a whole-project run the finding
stays only on positive evidence (live_modules.py `LoadEvidence`): a module the service loads imports or
names it, a launch file runs it, a live plug-in walk reaches it, a package something loads holds it as
its `__init__.py`, or, named no identifier (`0001_initial.py`), it lies in a folder a framework walks.
A type stub and a file at a test path are left out in any run; a run over single files (a pre-commit
hook on one file) sees no importer and reports the rest. Where nothing is known to run (no entry point,
server, launch file or declared program), only a Python 2 module only Python 2 imports is left out. In a
project that declares Python 3, a file that fails on a Python 2 line needs stronger evidence than a word of
its name in a launch file (python2_leftovers.py). A `#!` program without a `.py` name that fails on a Python 2 line, which no import loads,
is the service's only where something of the project names, ships or runs it, or where it may be the project's
only start (unnamed_programs.py), whatever the project declares; a Python 3 syntax error in one stays.
"""

from __future__ import annotations

import os
from typing import Dict, Mapping, Sequence, Set

from prr_lint.model import Finding
from prr_lint.modules import module_name
from prr_lint.paths import is_test_path
from prr_lint.project.live_modules import LoadEvidence, answered_elsewhere
from prr_lint.project.python2_files import SYNTAX_ERROR, python2_line
from prr_lint.project.python2_leftovers import python2_leftover
from prr_lint.project.unloaded_files import deployment_names, developer_tool, named_in_code, python2_imported
from prr_lint.project.unloaded_modules import convention_module
from prr_lint.project.unnamed_programs import unnamed_programs


def unloaded_files(analysis, findings: Sequence[Finding], whole_project: bool, launch_files: Sequence[str]) -> Set[int]:
    """Positions in `findings` of PRR000 findings in files nothing shows the service loads (module docstring)."""
    candidates = [position for position, finding in enumerate(findings) if finding.rule == SYNTAX_ERROR]
    # Only type checkers read a stub; only a test run loads a test (paths.is_test_path).
    stubs = {position for position in candidates if findings[position].path.endswith(".pyi") or is_test_path(findings[position].path)}
    candidates = [position for position in candidates if position not in stubs]
    root = getattr(analysis.settings, "root", None)
    if not candidates or not whole_project or root is None:
        return stubs
    names = {position: os.path.basename(findings[position].path) for position in candidates}
    evidence = LoadEvidence(analysis, launch_files)
    if evidence.live:
        return stubs | _unloaded(analysis, findings, names, launch_files, evidence)
    # Where nothing is known to run, only what the imports show: a Python 2 module only Python 2 imports.
    candidates = [position for position in candidates if names[position] != "__init__.py" and names[position].endswith(".py")]
    gated = python2_imported(analysis.index, {names[position][:-3] for position in candidates})
    candidates = [position for position in candidates if names[position][:-3] in gated and python2_line(findings[position])]
    named = named_in_code(analysis, {names[position][:-3] for position in candidates})
    candidates = [position for position in candidates if names[position][:-3] not in named]
    named_by = deployment_names(analysis, launch_files) if candidates else None
    return stubs | {position for position in candidates
                    if not named_by.names(names[position]) or developer_tool(analysis, findings[position], named_by)}


def _unloaded(analysis, findings: Sequence[Finding], names: Mapping[int, str], launch_files: Sequence[str],
              evidence: LoadEvidence) -> Set[int]:
    """The candidates (position -> file name) for which nothing shows the service loads them (live_modules.py): no
    launch file runs them, no live module imports, names or walks into them; a file named no identifier keeps its
    finding in a folder a framework walks (Django's `migrations/`). A Python 2 leftover of a Python 3 project
    (python2_leftovers.py) is asked only whether a live module loads it, where a launch file makes a module live only
    by running it (`live_modules(run_only=True)`): an importer that merely shares its word with a launch file's
    folder or log name is no evidence; one without a `.py` name is left out. A file whose word is another project
    module's (live_modules.py `answered_elsewhere`: a `roundup.py` wiki theme beside the `roundup` package) is run by
    the deployment only where a launch file runs it by its file name: the bare word is that module's. A program
    without a `.py` name that is no such leftover but fails on a Python 2 line is left out where nothing names,
    ships or runs it (unnamed_programs.py); one with a Python 3 syntax error stays."""
    root = analysis.settings.root
    named_by = deployment_names(analysis, launch_files)
    modules: Dict[int, str] = {}
    unrun: Set[int] = set()  # Python 2 programs without a `.py` name, in a Python 3 project, nothing deployed names
    programs: Dict[int, str] = {}  # the other Python 2 programs without a `.py` name: unnamed_programs.py asks what names them
    leftovers: Set[str] = set()  # the modules of Python 2 leftovers (python2_leftovers.py)
    for position, name in names.items():
        leftover = python2_leftover(analysis, findings[position], named_by)
        if not name.endswith(".py"):
            if leftover:
                unrun.add(position)
            elif python2_line(findings[position]):  # a Python 3 syntax error is no leftover of the Python 2 days
                programs[position] = findings[position].path.replace(os.sep, "/")
            continue  # a program the index does not hold: no import loads it, a command may run it
        if not name[:-3].isidentifier() and name != "__init__.py" and convention_module(findings[position].path):
            continue  # a framework's folder walk loads it (`migrations/0001_initial.py`), which no word shows
        module = module_name(os.path.join(root, findings[position].path), root)[0]
        named = named_by.launch_runs(name) if answered_elsewhere(analysis.index, module) else named_by.names(name)
        if named and not leftover and not developer_tool(analysis, findings[position], named_by):
            continue  # the deployment runs it (by its file name, when its word is another module's)
        modules[position] = module
        leftovers.update([modules[position]] if leftover else [])
    packages = {modules[position] for position in modules if names[position] == "__init__.py"}
    paths = {module: os.path.relpath(os.path.join(root, findings[position].path), root) for position, module in modules.items()}
    loaded = evidence.loaded(paths, packages)
    # A leftover's importer must itself be run or imported, not only share its word with a launch file (a
    # load-test script `timing/test_scripts/sagecell.py` beside `WorkingDirectory=/home/app/sagecell`).
    if leftovers & loaded:
        loaded -= leftovers - LoadEvidence(analysis, launch_files, run_only=True).loaded({module: paths[module] for module in sorted(leftovers & loaded)}, packages)
    unrun |= unnamed_programs(analysis, programs, {findings[position].path.replace(os.sep, "/") for position in unrun}, evidence, named_by)
    return unrun | {position for position, module in modules.items() if module not in loaded}
