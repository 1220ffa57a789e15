"""`scope = "serving"` for PRR000: an unparseable file the service never loads is not the service.

A syntax error matters where Python would meet it: in a module the service imports, a script the
deployment runs, a plug-in its loader walks into. A file nothing loads (an unfinished module whose
only reference is a commented-out `# import Config_DB`, a one-off migration script beside the
service that nothing imports or deploys) breaks nothing that runs. In a run over a whole project
with recognised entry points, PRR000 is left out for a file when all of these hold:

* it is no package's `__init__.py` (importing any module of the package runs it, also through
  relative imports that never spell the package's name);
* no parsed module of the project names it in code: the word of its file name occurs in no module's
  code or name-like strings (an import by any spelling, a dotted path in a setting, `getattr` by
  name); comments and messages do not count (word_counts.py `prose_counts`, as for dead code), and
  neither does the word in a `#!` python program without a suffix (text_words.py `script_words`);
* no launch or deployment file (Dockerfile, Procfile, crontab, shell or YAML: stamps.is_launch_file)
  names it, by its file name or the word of it, outside its comments (`# CMD python legacy_worker.py`
  launches nothing: live_lines.py `uncommented_text`); CI pipelines (`.travis.yml`, `.github/workflows/*`,
  `tox.ini`) and test scripts (`test_*.sh`) run in a build or a developer's test and do not count
  (xos's `wait_for_lines.py`, which only `test_sync_after_policy.sh` pipes logs into);
* its name is an identifier: a file named otherwise (`0001_initial.py`, `gunicorn.conf.py`) is only
  ever loaded by path or by a folder walk, which no word shows;
* no computed-name loader of non-test code may load it: a plug-in folder walk whose literal prefix
  covers it, or that has none (module_walks.py), unless its guard rejects the name; an
  `import_module` whose literal start or end fits its name, or has none (module_loads.py); a call
  that loads Python files by path (`spec_from_file_location`, `runpy.run_path`, `imp.load_source`).

A type stub (`.pyi`) is left out in any run: Python never loads one, only type checkers read it. So
is a file at a test path (`tests/`, `test_*.py`, paths.is_test_path): only a test run loads it, and
test code is not the service for any scoped rule (a deliberately invalid fixture under `test/data/`).

The last two need not hold when the failing line is Python 2 (`print "x"`, `except E, e:`,
backticks, `ur""`, `<>`): a Python 3 project's loader cannot have loaded it since the port, so
nothing does. Everything is read from the module summaries and the findings; only the few launch
files are read, and only when some unparseable file is a candidate.
"""

from __future__ import annotations

import os
from typing import Dict, FrozenSet, List, Mapping, Optional, Sequence, Set

from prr_lint.model import Finding
from prr_lint.module_loads import LOADS_MODULES_BY_NAME, SETTING
from prr_lint.module_walks import WALKS_MODULES, admits, parse_walk
from prr_lint.modules import module_name
from prr_lint.paths import is_test_path
from prr_lint.project.cli_programs import PATH_LOADERS
from prr_lint.project.import_words import foreign_module_names
from prr_lint.project.name_loads import setting_values
from prr_lint.project.launchers import development_file
from prr_lint.project.project_tree import project_tree
from prr_lint.project.python2_files import SYNTAX_ERROR, python2_line
from prr_lint.project.support import test_modules
from prr_lint.project.text_words import script_words
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.walked_modules import may_load, walked_name
from prr_lint.word_counts import WORD

_FILE_LOADERS = PATH_LOADERS | {"imp.load_source", "imp.load_module"}


def unloaded_files(analysis, findings: Sequence[Finding], whole_project: bool, launch_files: Sequence[str]) -> Set[int]:
    """Positions in `findings` of PRR000 findings in files the service never loads (module docstring)."""
    candidates = [position for position, finding in enumerate(findings) if finding.rule == SYNTAX_ERROR]
    # Only type checkers read a stub; only a test run loads a test (paths.is_test_path).
    stubs = {position for position in candidates if findings[position].path.endswith(".pyi") or is_test_path(findings[position].path)}
    candidates = [position for position in candidates if position not in stubs]
    if not candidates or not whole_project or not analysis.model.seeds:
        return stubs
    root = getattr(analysis.settings, "root", None)
    if root is None:
        return stubs
    names = {position: os.path.basename(findings[position].path) for position in candidates}
    candidates = [position for position in candidates if names[position] != "__init__.py" and names[position].endswith(".py")]
    named = named_in_code(analysis, {names[position][:-3] for position in candidates})
    candidates = [position for position in candidates if names[position][:-3] not in named]
    if not candidates:
        return stubs
    named_by = deployment_names(analysis, launch_files)
    loaders: Optional[Loaders] = None
    found: Set[int] = set()
    for position in candidates:
        finding, name = findings[position], names[position]
        stem = name[:-3]
        if named_by.names(name):
            continue  # a program the index does not hold could not be read, or the deployment runs it
        if not python2_line(finding):
            if loaders is None:
                loaders = Loaders(analysis)
            module = module_name(os.path.join(root, finding.path), root)[0]
            if not stem.isidentifier() or loaders.may_load(module):
                continue
        found.add(position)
    return stubs | found


def named_in_code(analysis, stems: Set[str]) -> Set[str]:
    """The stems some parsed module names in code or a name-like string (not in prose)."""
    return set(namers(analysis.index, stems))


def namers(index, stems: Set[str], skip: FrozenSet[str] = frozenset(), homes: Optional[Mapping[str, Set[str]]] = None) -> Dict[str, Set[str]]:
    """stem -> the parsed modules (but those in `skip`) that name it in code or a name-like string, not in
    prose; at most two each (one may be the stem's own module). With `homes` (stem -> the modules of
    that stem asked about), not in the path of another module an import spells (`from
    bxcommon.rpc.provider.cloud_wss_provider import C` beside an unimported `bloxroute_cli/provider/cloud_wss_provider.py`:
    import_words.py)."""
    found: Dict[str, Set[str]] = {}
    for name, module in index.modules.items():
        if name in skip:
            continue
        for stem in stems.intersection(module.words):
            foreign = foreign_module_names(index, module, stem, homes[stem]) if homes and stem in homes else 0
            if module.words[stem] > module.prose_words.get(stem, 0) + foreign and len(found.setdefault(stem, set())) < 2:
                found[stem].add(name)
    return {stem: names for stem, names in found.items() if names}


def deployment_names(analysis, launch_files: Sequence[str]) -> "DeploymentNames":
    """The run's DeploymentNames, read once for this module and unloaded_modules.py (the same launch files)."""
    return analysis.derived("deployment-names", lambda: DeploymentNames(analysis, launch_files))


class DeploymentNames:
    """The words of the launch and deployment files and of the Python programs the index does not hold. Not of
    CI pipelines and test runners' files (`.travis.yml`, `tox.ini`: launchers.in_ci) nor test scripts
    (`test_sync_after_policy.sh`: paths.is_test_path): what only they run (a build-matrix helper, a
    log-watching helper of a test) runs in a build or a developer's test, never in the deployment."""

    def __init__(self, analysis, launch_files: Sequence[str]) -> None:
        scripts = script_words(project_tree(analysis))
        self.known = scripts is not None
        root = getattr(analysis.settings, "root", None)
        deployed = [path for path in launch_files if not development_file(path, root)]
        self.launch = [text for text in map(read_launch_text, deployed) if text is not None]
        self.words = set().union(*(set(WORD.findall(text)) for text in self.launch), *(set(counts) for counts in (scripts or {}).values()))

    def names(self, file_name: str) -> bool:
        """Whether they may name the file (`report.py`) or its module; always, when a program could not be read."""
        return not self.known or file_name[:-3] in self.words or any(file_name in text for text in self.launch)


class Loaders:
    """The computed-name and by-path loaders of the project's non-test modules (`by_path`: some may load any module)."""

    def __init__(self, analysis) -> None:
        index = analysis.index
        tests = test_modules(index)
        self.walks: List[tuple] = []
        self.prefixes: List[str] = []
        self.by_path = False
        for name, function in index.functions.items():
            owner = index.module_of(name)
            if owner in tests:
                continue
            self.by_path = self.by_path or not _FILE_LOADERS.isdisjoint(function.calls)
            if owner != name:
                continue
            for tag in function.tags:
                walk = parse_walk(tag) if tag.startswith(WALKS_MODULES) else None
                self.walks += [walk] if walk is not None else []
                if tag.startswith(LOADS_MODULES_BY_NAME):
                    self.prefixes.append(tag[len(LOADS_MODULES_BY_NAME):])
        # A setting the source assigns no dotted path (read from the environment) may name any module.
        self.by_path = self.by_path or any(prefix.startswith(SETTING) and not setting_values(analysis, prefix[len(SETTING):])
                                           for prefix in self.prefixes)

    def may_load(self, module: str) -> bool:
        """Whether some loader may load the module of this dotted name."""
        if self.by_path:
            return True
        # The dotted paths a setting holds (`import_string(settings.X)`) are words of the code (`named_in_code`).
        if any(not prefix or may_load(prefix, module) for prefix in self.prefixes if not prefix.startswith(SETTING)):
            return True
        return any(admits(walk[1], seen, False) is not False for walk in self.walks if (seen := walked_name(walk, module)) is not None)
