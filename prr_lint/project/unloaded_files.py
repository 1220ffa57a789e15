"""What names a file in the project's code and its deployment: PRR000's and unloaded_modules.py's evidence.

A syntax error matters where Python would meet it: in a module the service imports, a script the
deployment runs, a plug-in its loader walks into. PRR000's serving scope (syntax_scope.py) asks for
that evidence, from the modules the service loads (live_modules.py); this module reads the words it
asks about, and unloaded_modules.py judges parsed modules with the same readers:

* `namers`: the parsed modules that name a file's word in code or a name-like string (an import by any
  spelling, a dotted path in a setting, `getattr` by name); comments and messages do not count
  (word_counts.py `literal_words`), nor does an import only Python 2 makes (`if sys.version_info[0] < 3:
  from .exec2 import run`: python2_gates.py), nor the path of another module an import spells
  (import_words.py), nor the word in a `#!` python program without a suffix (text_words.py `script_words`);
* `DeploymentNames`: the launch and deployment files (Dockerfile, Procfile, crontab, shell or YAML:
  stamps.is_launch_file) that name a file, by its file name or the word of it, outside their comments
  (`# CMD python legacy_worker.py` launches nothing: live_lines.py `uncommented_text`) and outside what an
  image copies (`COPY legacy_worker.py /app/` runs nothing: program_runs.py `command_text`); CI pipelines
  (`.travis.yml`, `.github/workflows/*`, `tox.ini`) and test scripts (`test_*.sh`) run in a build or a
  developer's test and do not count (xos's `wait_for_lines.py`, which only `test_sync_after_policy.sh`
  pipes logs into);
* `developer_tool`: a Python 2 file at a tool path (`tools/install_venv.py`, paths.is_service_path) that
  only shell scripts name, scripts no launch file, program or module names (`setup_venv.sh`, which a
  developer runs by hand to bootstrap a virtualenv), is a developer's tool of the Python 2 days;
* `Loaders`: the computed-name loaders that may load a parsed module (a plug-in folder walk whose literal
  prefix covers it, an `import_module` whose literal start or end fits, one of a name computed whole when
  the module defines something to take out of it, a load by a path that ends in its file name or is computed:
  augur's install wizard loads `top / "metadata.py"`, which loads no `routes/auggie.py`; a program the module runs
  with the interpreter by a path it computes, `[sys.executable, os.path.join(folder, name)]`, or by a command held in
  a name where its code names the interpreter: rules/child_programs.py). A loader of a name computed
  whole that reads it from a mapping by a key a configuration or documentation file of the project holds (COSMOS's
  classifier `import_module(self.config["module_name"])` beside its `config.json` of `"module_name": "transformers"`)
  reads the project's configuration: it loads only a module whose file name's word such a file holds, not a client
  module nothing names (`config_generation/minimum_api.py`). Read from the environment, a parameter or a key no file
  of the project holds, the name may still be any module's.

Everything is read from the module summaries; only the few launch files are read, and only when asked.
"""

from __future__ import annotations

import os
import re
from typing import AbstractSet, Collection, Dict, FrozenSet, List, Mapping, Optional, Sequence, Set, Tuple

from prr_lint.model import TOP_LEVEL_WORK, Finding
from prr_lint.module_loads import FILE_LOADERS, LOADERS, LOADS_COMMAND_LINE_MODULES, LOADS_FILE, LOADS_KEYED_MODULES, LOADS_MODULES_BY_NAME, SETTING
from prr_lint.module_walks import WALKS_MODULES, admits, parse_walk
from prr_lint.rules.child_programs import INTERPRETER, SPAWNS_COMPUTED_PROGRAM, SPAWNS_UNREAD_COMMAND
from prr_lint.paths import is_service_path
from prr_lint.project.fanned_work import own_run, own_work, worker_machinery
from prr_lint.project.import_words import foreign_module_names
from prr_lint.project.name_loads import setting_values
from prr_lint.project.program_runs import command_text
from prr_lint.project.launchers import development_file
from prr_lint.project.project_tree import project_tree
from prr_lint.project.python2_files import python2_line
from prr_lint.project.support import test_modules
from prr_lint.project.text_words import script_words, tree_words
from prr_lint.project.unregistered import DOCUMENTED_SUFFIXES
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.walked_modules import may_load, walked_name
from prr_lint.word_counts import WORD

_FILE_LOADERS = frozenset(FILE_LOADERS)
_SHELL = "sh"  # the word a shell script's file name ends in (naming_scripts: only `.sh` files)


def developer_tool(analysis, finding: Finding, named_by: "DeploymentNames") -> bool:
    """A Python 2 tool (its failing line is Python 2, its path a tool's: `tools/install_venv.py`) that only
    shell scripts run which nothing names, neither a launch file nor code: a developer runs them by hand
    (`setup_venv.sh`, which bootstraps a virtualenv), never the Python 3 deployment."""
    if is_service_path(finding.path) or not python2_line(finding):
        return False
    return run_by_hand(analysis, os.path.basename(finding.path), named_by)


def run_by_hand(analysis, file_name: str, named_by: "DeploymentNames") -> bool:
    """Only shell scripts name the file (`report.py`), scripts that no launch file, program or module names: a
    person runs them (`setup_venv.sh`), never the deployment. A module runs such a script by its file name, which
    spells the script's word and `sh` in its code (`subprocess.run(["./links.sh"])`); the word alone (`"links"`
    among the keys a report reads) runs nothing."""
    scripts = named_by.naming_scripts(file_name)
    if not scripts:
        return False
    stems = {os.path.basename(path)[:-3] for path in scripts}
    found = namers(analysis.index, stems | {_SHELL}, frozenset(test_modules(analysis.index)), most=None)
    return not any(found.get(stem, set()) & found.get(_SHELL, set()) for stem in stems)


def named_in_code(analysis, stems: Set[str]) -> Set[str]:
    """The stems some parsed non-test module names in code or a name-like string (not in prose)."""
    return set(namers(analysis.index, stems, frozenset(test_modules(analysis.index))))


def namers(index, stems: Set[str], skip: FrozenSet[str] = frozenset(), homes: Optional[Mapping[str, Set[str]]] = None,
           most: Optional[int] = 2) -> Dict[str, Set[str]]:
    """stem -> the parsed modules (but those in `skip`) that name it in code or a name-like string, not in
    prose nor in an import only Python 2 makes (python2_gates.py), also one the index holds only by its file (two
    programs' `app.main`); at most `most` each (two: one may be the stem's own module; None: all). With `homes`
    (stem -> the modules of that stem asked about), not in the path of another module an import spells (`from
    bxcommon.rpc.provider.cloud_wss_provider import C` beside an unimported
    `bloxroute_cli/provider/cloud_wss_provider.py`: import_words.py)."""
    found: Dict[str, Set[str]] = {}
    for module in index.by_path.values():
        name = module.module
        if name in skip:
            continue
        for stem in stems.intersection(module.words):
            foreign = foreign_module_names(index, module, stem, homes[stem]) if homes and stem in homes else 0
            named = code_count(module, stem) - foreign
            if named > 0 and (most is None or len(found.setdefault(stem, set())) < most):
                found.setdefault(stem, set()).add(name)
    return {stem: names for stem, names in found.items() if names}


def spellers(index, stem: str, skip: FrozenSet[str] = frozenset()) -> Set[str]:
    """The parsed modules (but those in `skip`) that may spell a file name no word is (`set-revision`) in a string:
    each of its words anywhere in their text. Wider than `namers`, whose name-like strings hold no such name (a
    generator's `("set-revisions", {})` step is a label to it)."""
    parts = set(WORD.findall(stem))
    return {module.module for module in index.by_path.values() if module.module not in skip
            and all(module.words.get(part, 0) > 0 for part in parts)} if parts else set()


def code_count(module, stem: str) -> int:
    """How often a parsed module names `stem` in code or a name-like string, not in prose nor in an import only
    Python 2 makes, nor as a function's local or parameter, which holds a variable, no module nor module function
    (CaeliCrawler's `rate_limiter = RateLimiter(redis)` beside an unimported `rate_limiter.py`; its own definitions
    included)."""
    return module.words.get(stem, 0) - module.prose_words.get(stem, 0) - module.python2_words.get(stem, 0) - module.variable_words.get(stem, 0)


def python2_imported(index, stems: Set[str]) -> Set[str]:
    """The stems some parsed module imports only on Python 2 (`if sys.version_info[0] < 3: from . import exec2`)."""
    return {stem for module in index.modules.values() for stem in stems.intersection(module.python2_words)}


def deployment_names(analysis, launch_files: Sequence[str]) -> "DeploymentNames":
    """The run's DeploymentNames, read once for this module and unloaded_modules.py (the same launch files)."""
    return analysis.derived("deployment-names", lambda: DeploymentNames(analysis, launch_files))


def shared_loaders(analysis) -> "Loaders":
    """The run's Loaders (every module that may load another by a computed name or path), built once: unloaded_modules.py,
    namesake_files.py and the other readers of the same question walk every function's loads only once."""
    return analysis.derived("loaders", lambda: Loaders(analysis))


class DeploymentNames:
    """The words of the launch and deployment files and of the Python programs the index does not hold. Not of
    CI pipelines and test runners' files (`.travis.yml`, `tox.ini`: launchers.in_ci) nor test scripts
    (`test_sync_after_policy.sh`: paths.is_test_path): what only they run (a build-matrix helper, a
    log-watching helper of a test) runs in a build or a developer's test, never in the deployment. What may *load* a
    file (its word, a dotted path `celery -A svc.tasks` imports), for PRR000 and unloaded modules: wider than what
    the deployment *runs* (program_runs.py, PRR501's question, which root_scripts.py asks), read in the same text
    of an image file (its commands, not its copies: `command_text`)."""

    def __init__(self, analysis, launch_files: Sequence[str]) -> None:
        scripts = script_words(project_tree(analysis))
        self.known = scripts is not None
        root = getattr(analysis.settings, "root", None)
        deployed = [path for path in launch_files if not development_file(path, root)]
        texts = {path: read_launch_text(path) for path in deployed}
        self.whole: Dict[str, str] = {path: text for path, text in texts.items() if text is not None}  # copies too
        self.texts: Dict[str, str] = {path: command_text(path, text) for path, text in self.whole.items()}
        self.launch = list(self.texts.values())
        self.script_words: Set[str] = set().union(*(set(counts) for counts in (scripts or {}).values()))
        self.words = set().union(*(set(WORD.findall(text)) for text in self.launch), self.script_words)

    def launch_names(self, file_name: str) -> bool:
        """Whether a launch or deployment file or a program the index does not hold names the file or its module."""
        return file_name[:-3] in self.script_words or any(_names(text, file_name) for text in self.launch)

    def launch_runs(self, file_name: str) -> bool:
        """Whether a launch or deployment file runs the file (`run_pattern`), not only names its word."""
        return bool(self.runners(file_name))

    def runners(self, file_name: str, copies: bool = False) -> List[str]:
        """The launch and deployment files that run the file (`run_pattern`); with `copies`, that name it so in a
        copy too (`COPY tools/monitor /usr/bin/`: an image that holds it may run it under another name)."""
        runs = run_pattern(file_name)
        return [path for path, text in (self.whole if copies else self.texts).items() if runs.search(text)]

    def names(self, file_name: str, besides: AbstractSet[str] = frozenset()) -> bool:
        """Whether they may name the file (`report.py`) or its module, by its word or, for a name that is no word,
        all of its words (`spelled`: `ExecStart=/opt/svc/bin/fetch-example`); always, when a program could not be read.
        `besides`: launch files (absolute paths) whose words are read otherwise (dpp's specs, whose steps pipeline_specs.py
        resolves)."""
        if besides:
            return not self.known or spelled(file_name[:-3], self.script_words) or any(
                _names(text, file_name) for path, text in self.texts.items() if os.path.abspath(path) not in besides)
        return not self.known or spelled(file_name[:-3], self.words) or any(file_name in text for text in self.launch)

    def naming_scripts(self, file_name: str) -> List[str]:
        """The shell scripts that name the file when only shell scripts do, and no launch file names them: a
        developer's; none when some other launch file or program names it or any of them. Another launch file
        counts only where it runs the file (`run_pattern`): a compose file's `links:` key beside `links.py` runs
        nothing. A shell script runs by its file name (`bash /entrypoints/workers.sh`): another launch file names
        it by that name, in a command or a copy (`COPY workers.sh /usr/bin/workers`), not by its bare word (a
        compose service `workers:`)."""
        runs = run_pattern(file_name)
        naming = [path for path, text in self.texts.items()
                  if _names(text, file_name) and (path.endswith(".sh") or runs.search(text))]
        if not self.known or file_name[:-3] in self.script_words or not all(path.endswith(".sh") for path in naming):
            return []
        named = [path for path in naming if os.path.basename(path)[:-3] in self.script_words
                 or any(run_pattern(os.path.basename(path)).search(text) for other, text in self.whole.items() if other != path)]
        return [] if named else naming


def run_pattern(name: str) -> "re.Pattern[str]":
    """How a command names the file: its file name as a token (`python utils/upgrade.py`, `bin/airtime-import`), and a
    module's dotted name (`python -m upgrade`, `-m utils.upgrade`, `upgrade:main`); not the bare word in other
    words' place (`apt-get upgrade`, a folder `/home/app/upgrade`, a log file `upgrade.log`, an image's name and
    tag `vidjil/upgrade:latest`, which no module path spells)."""
    token = rf"(?<![\w.-]){re.escape(name)}(?![\w-])"
    if not name.endswith(".py"):
        return re.compile(token)
    word = re.escape(name[:-3])
    return re.compile(rf"{token}|-m\s+(?:[\w.]+\.)?{word}(?![\w-])|\w\.{word}(?![\w.-])|(?<![\w./-]){word}:\w")


def spelled(stem: str, words: Collection[str]) -> bool:
    """Whether a text with these words may name the file of this stem: its word, or, for a stem that is no
    identifier (`multi-download-example`, which a text names only by its file name or path), every word in it
    (the words of `"multi-download-example.py"`). Never too few: a text that names the file holds them all."""
    return stem in words if stem.isidentifier() else all(word in words for word in WORD.findall(stem))


def _names(text: str, file_name: str) -> bool:
    """Whether a launch file's text names the file (`legacy.py`) or its module's word."""
    return file_name in text or file_name[:-3] in WORD.findall(text)


class Loaders:
    """The computed-name and by-path loaders of the project's non-test modules (`by_path`: some may load any module,
    its path computed; `files`: the file names the others' paths spell; `on_command_line`: the literal starts of
    the loaders whose name the command line gives, module_loads.py). With
    `running`, only those code may run: not the loaders of a module function no code names beyond its
    definition (ORES's `import_from_path(path)` helper, which nothing calls), nor a module's whose every
    loading function is one (its marks are the module's)."""

    def __init__(self, analysis, running: bool = False) -> None:
        index = self.index = analysis.index
        tests = test_modules(index)
        idle, idle_modules = _idle_loaders(analysis, tests) if running else (set(), set())
        self.walks: List[tuple] = []
        self.prefixes: List[str] = []
        self.on_command_line: List[str] = []
        self.elsewhere: List[str] = []  # the others
        self.files: Set[str] = set()
        self.analysis = analysis
        self.configured: Set[str] = set()  # the modules a loader of a name computed whole of which reads the project's configuration (`_configured`)
        self.owned: Dict[str, List[Tuple[str, bool]]] = {}  # module -> its literal starts, and whether the command line gives the name
        by_path: Set[str] = set()  # the modules a function of which loads a module by path
        runs_any = False  # some module runs a program by a computed path (`_runs_any`)
        for name, function in index.functions.items():
            owner = index.module_of(name)
            if owner in tests or name in idle:
                continue
            runs_any = runs_any or (owner == name and _runs_any(index.modules.get(owner), function.tags))
            if not _FILE_LOADERS.isdisjoint(function.calls):
                by_path.add(owner)
            if owner != name or owner in idle_modules:
                continue
            chosen = {tag[len(LOADS_COMMAND_LINE_MODULES):] for tag in function.tags if tag.startswith(LOADS_COMMAND_LINE_MODULES)}
            keys = {tag[len(LOADS_KEYED_MODULES):] for tag in function.tags if tag.startswith(LOADS_KEYED_MODULES)}
            for tag in function.tags:
                walk = parse_walk(tag) if tag.startswith(WALKS_MODULES) else None
                self.walks += [walk] if walk is not None else []
                if tag.startswith(LOADS_MODULES_BY_NAME):
                    prefix = tag[len(LOADS_MODULES_BY_NAME):]
                    if not prefix and "" not in chosen and self._configured(keys):
                        self.configured.add(owner)
                        continue
                    self.prefixes.append(prefix)
                    (self.on_command_line if prefix in chosen else self.elsewhere).append(prefix)
                    self.owned.setdefault(owner, []).append((prefix, prefix in chosen))
        spelled = [self._spelled(owner) for owner in by_path]
        self.files.update(*(names for names in spelled if names is not None))
        # A path the code computes, or a setting the source assigns no dotted path (read from the environment), may name any module.
        self.by_path = runs_any or None in spelled or any(prefix.startswith(SETTING) and not setting_values(analysis, prefix[len(SETTING):])
                                              for prefix in self.prefixes)

    def _configured(self, keys: Set[str]) -> bool:
        """The module's every loader of a name computed whole reads it from a mapping by a key (`self.config["module_name"]`:
        module_loads.py `loaded_key`) that a configuration or documentation file of the project holds: the configuration it
        reads is the project's, and a module it may load is one the last word of whose name such a file holds."""
        return bool(keys) and "" not in keys and keys <= self._configured_words()

    def _configured_words(self) -> Set[str]:
        return tree_words(self.analysis, DOCUMENTED_SUFFIXES)

    def _spelled(self, owner: str) -> Optional[Set[str]]:
        """The file names the module's loads by path spell; None when some path is computed (its marks:
        module_loads.py `loaded_file`)."""
        top = self.index.functions.get(owner)
        names = {tag[len(LOADS_FILE):] for tag in (top.tags if top is not None else ()) if tag.startswith(LOADS_FILE)}
        return None if not names or "" in names else names

    def may_load(self, module: str, command_line: bool = True, besides: Optional[AbstractSet[str]] = None) -> bool:
        """Whether some loader may load the module of this dotted name (without `command_line`, some loader
        whose name the command line does not give). With `besides`, for a plug-in of a configured loader (configured_plugins.py):
        not the loads by name of those modules (the loaders, whose own import is of the names their configuration lists),
        nor a load of a name computed whole from a parameter or the environment by any module (hangoutsbot's
        `utils.class_from_name(module_name, ...)` takes a class out of what it is handed: the plug-in's loader runs it).
        A loader of a name computed whole
        (`importlib.import_module(modpath)` in a plug-in helper handed `"pkg.mod.Class"`) loads a module to
        take a class or function out of it: a module that defines neither is a script whose import is its
        run (a one-off migration's `requests.delete(url)` at its top level), which only a loader whose
        literal start reaches it may run by name (`import_module(f"svc.scripts.{name}")`)."""
        if self._by_file(module):
            return True
        prefixes = [prefix for owner, loads in self.owned.items() if owner not in besides for prefix, chosen in loads
                    if prefix and (command_line or not chosen)] if besides is not None else self.prefixes if command_line else self.elsewhere
        if self._loading(prefixes, module):
            return True
        if self.configured - (besides or set()) and module.rpartition(".")[2] in self._configured_words() and self.defines(module):
            return True
        return self._walked(module)

    def may_load_by_start(self, module: str) -> bool:
        """Whether a load by path, a folder walk, a loader whose literal start reaches it or a loader of a name computed
        whole from the project's configuration files (`may_load`'s `configured`: the last word of its name is such a
        file's) may load the module; not another loader of a name computed whole, which loads only what some text spells
        whole (the caller reads those words: static_assets.py)."""
        return self._by_file(module) or self._walked(module) \
            or any(may_load(prefix, module) for prefix in self.prefixes if prefix and not prefix.startswith(SETTING)) \
            or bool(self.configured) and module.rpartition(".")[2] in self._configured_words()

    def _by_file(self, module: str) -> bool:
        """Some load by path may load the module: a computed path, or one ending in its file name."""
        summary = self.index.modules.get(module)
        return self.by_path or (summary is not None and os.path.basename(summary.path.replace(os.sep, "/")) in self.files)

    def _walked(self, module: str) -> bool:
        """Whether a folder walk of the project may import the module."""
        return any(admits(walk[1], seen, False) is not False for walk in self.walks if (seen := walked_name(walk, module)) is not None)

    def command_line_loads(self, module: str) -> List[str]:
        """The literal starts of the loaders whose name the command line gives that may load the module."""
        return [prefix for prefix in self.on_command_line if self._loading([prefix], module)]

    def _loading(self, prefixes: Sequence[str], module: str) -> bool:
        defines = self.defines(module)
        # The dotted paths a setting holds (`import_string(settings.X)`) are words of the code (`named_in_code`).
        return any(may_load(prefix, module) if prefix else defines for prefix in prefixes if not prefix.startswith(SETTING))

    def defines(self, module: str) -> bool:
        """Something a loader may take out of the module: it is no script (no work at its top level), or it
        defines a function or a class, or binds an object of a known class (an app, a client). Not the functions
        its top level calls or hands to workers and waits for, nor the worker machinery it binds for them: its own
        run (fanned_work.py)."""
        summary, top = self.index.modules.get(module), self.index.functions.get(module)
        if summary is None or top is None or TOP_LEVEL_WORK not in top.tags or summary.classes:
            return True
        waits, run = own_work(self.index, module), own_run(self.index, module)
        return any(not (waits and worker_machinery(kind)) for kind in summary.globals.values()) \
            or any(name != module and name not in run for name in summary.functions)


def _runs_any(module, tags: Sequence[str]) -> bool:
    """The module runs the interpreter on a script it computes, or runs a command held in a name while its code (not its
    comments: a `#!` line) names the interpreter (`sys.executable`, `python3`): it may run any file of the project."""
    if SPAWNS_COMPUTED_PROGRAM in tags:
        return True
    return SPAWNS_UNREAD_COMMAND in tags and module is not None and any(
        (word == "executable" or INTERPRETER.match(word)) and code_count(module, word) > 0 for word in module.words)


def _idle_loaders(analysis, tests: Set[str]) -> Tuple[Set[str], Set[str]]:
    """The module functions that call a loader (by name or by path) and that no non-test code names beyond their
    definition, nor a Python program the index does not hold; and the modules all of whose loading functions are
    such (the module's top level loading nothing). None of either when a program the index does not hold cannot
    be read."""
    index = analysis.index
    holders: Dict[str, List[str]] = {}  # module -> its functions (its top level too) that call a loader
    for name, function in index.functions.items():
        owner = index.module_of(name)
        if owner not in tests and not (LOADERS | _FILE_LOADERS).isdisjoint(function.calls):
            holders.setdefault(owner, []).append(name)
    functions = {name for owner, names in holders.items() for name in names if name.rpartition(".")[0] == owner}
    scripts = script_words(project_tree(analysis)) if functions else None
    if scripts is None:
        return set(), set()
    locals_ = {name.rpartition(".")[2] for name in functions}
    named = namers(index, locals_, frozenset(tests), most=None)
    idle = {name for name in functions if not _named(index, name, named, scripts)}
    return idle, {owner for owner, names in holders.items() if all(name in idle for name in names)}


def _named(index, function: str, named: Mapping[str, Set[str]], scripts: Mapping[str, Mapping[str, int]]) -> bool:
    owner, _, local = function.rpartition(".")
    return bool(named.get(local, set()) - {owner}) or code_count(index.modules[owner], local) > 1 \
        or any(local in words for words in scripts.values())
