"""Which modes of a deployed program its deployment never runs: the subcommands no command line selects
(deployed_subcommands.py) and the branches on options none passes, together (`deployed_modes`) for scope.py.

A program the deployment runs may also have modes a person picks by an option: openalex-guts' queue worker runs
`if args.filter: enqueue_from_api(args.filter); return` before its queue loop, and its Procfile line is `python -m
scripts.add_things_queue`, with no option. The branch is taken only when `--filter` is typed, so what only it calls is a
hand-run mode, a tool root (scope.py), and the program's deployed reach skips that edge, as it skips a subcommand no line
runs. A function a `__main__` block calls only in such branches (the refresher's `elif args.filter: enqueue_oa_filter(f)`)
is no command the deployment runs either, though the deployment runs the program. What the program reaches but for those
branches stays production code, though the modes sit in its module (`running`).

A branch counts (prr_lint/one_off_modes.py tags it) when its test needs options given (`args.x`, `args.x is not None`,
`args.x == "word"`, each side of an `or`), its namespace is a `parse_args()` result of a parser that declares each of them
off unless typed (no default, None or False, not required; not `store_false`, not `default=os.environ.get(...)`), no
reached parser declares it otherwise or sets it with `set_defaults`, and the program's every deployment command is known
and passes none of the option's spellings: the option strings, a `--name=value`, a prefix argparse takes for the long
option (`--fil`), a short option with its value or other short flags glued on (`-fx`, `-sf`). The program of a branch in
a `__main__` block is its module; of a branch in a function, every root of the deployment (scope.py's programs and the
commands it runs) that reaches the function, and each of them must be known: a `__main__` program's commands
(program_runs.py `arguments`), a console script's lines. A command that may hand the program any argument (`"$@"`,
`$ARGS`, an image's ENTRYPOINT) takes the branch, and so does a root of another kind (a task, a management command).
A callee the function also calls or hands on (a thread's target) outside such branches stays in the deployed reach. A
program no deployment command runs is left to the other readers (scope.py).
"""
from __future__ import annotations

import re
from typing import AbstractSet, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Set, Tuple

from prr_lint.model import OPTION_BRANCH, OPTION_STRINGS
from prr_lint.project.answer_gates import called_only
from prr_lint.project.callgraph import UNBOUNDED, CallGraph, breadth_first
from prr_lint.project.deployed_subcommands import WithoutView, parsed_by, unrun_subcommands
from prr_lint.project.program_runs import YAML_FILES, command_arguments, forwards_to_itself
from prr_lint.project.schedules import Deployment, subcommand_text

_MAIN_SCRIPT = "`__main__` script"
_CONSOLE_SCRIPT = "console script `"


class DeployedModes(NamedTuple):
    """What the deployment's command lines leave to a person, for scope.py."""

    unrun: Dict[str, Tuple[str, str]]  # entry -> (reason, the function that dispatches or branches to it)
    hand_run: Set[str]  # roots a `__main__` block calls only in such branches: no command the deployment runs
    running: Set[str]  # the daemons among the deployed roots that run those branches' programs: their reach stays

    def view(self, graph: CallGraph) -> WithoutView:
        """`graph` without the edges into the modes the deployment does not run: the programs' deployed reach walks it."""
        return WithoutView(graph, self.unrun)


def deployed_modes(analysis, deployed: Mapping[str, str], daemons: AbstractSet[str]) -> DeployedModes:
    """The subcommands (deployed_subcommands.py) and option branches (module docstring) of the `deployed` roots' programs
    (root -> scope.py's reason) that no deployment command line runs; `daemons`: scope.py's long-running programs."""
    unrun = unrun_subcommands(analysis, deployed, subcommand_text(analysis))
    options, running = unrun_options(analysis, deployed)
    unrun.update((name, why) for name, why in options.items() if name not in unrun)
    hand_run = hand_run_main_calls(analysis, options) - daemons
    return DeployedModes(unrun, hand_run, (running & daemons) - hand_run)


def unrun_options(analysis, deployed: Mapping[str, str]) -> Tuple[Dict[str, Tuple[str, str]], Set[str]]:
    """The callees (function -> (reason, the function that branches)) that the deployed program calls only in branches on
    options none of its deployment commands passes (module docstring), and the roots of `deployed` (root -> scope.py's
    reason) that run those programs: what they reach but for those branches stays production code, though the modes a
    person picks sit in their modules."""
    graph: CallGraph = analysis.graph
    branching = graph.index.tagged(OPTION_BRANCH)
    deployment: Deployment = analysis.derived("deployment", lambda: Deployment(analysis))
    if not branching or not deployment.text:
        return {}, set()
    declared = _Declared(graph)
    programs = _ProgramLines(analysis, deployment, deployed)
    found: Dict[str, Tuple[str, str]] = {}
    running: Set[str] = set()
    for holder, tags in sorted(branching.items()):
        lines = programs.of(holder)  # first: most branches are in programs no deployment command runs
        if lines is None:
            continue
        off = [(callee, strings) for callee, strings in declared.off_calls(holder, tags) if not any(_passes(strings, words) for words in lines)]
        function = graph.index.functions[holder]
        handed = {graph.target(name) for name in function.handoffs}  # `Thread(target=enqueue)` beside the branch runs it
        targets = sorted(called_only(graph, function, [callee for callee, _ in off]) - handed)
        for target in targets:
            strings = next(strings for callee, strings in off if graph.target(callee) == target)
            found.setdefault(target, (f"option `{strings[0]}` no deployment command passes", holder))
        running.update(programs.roots(holder) if targets else ())
    return found, running - set(found)


def hand_run_main_calls(analysis, unrun: Mapping[str, Tuple[str, str]]) -> Set[str]:
    """The functions `unrun` holds whose every `__main__` block that calls them (scope.py's `__main__` script roots) calls
    them only in branches on options no deployment command passes: a person's, though the deployment runs the program."""
    index, graph = analysis.index, analysis.graph
    callers: Dict[str, Set[str]] = {}
    for module in index.modules.values() if unrun else ():
        for name in getattr(module, "script_calls", ()):
            target = graph.target(name)
            if target in unrun:
                callers.setdefault(target, set()).add(module.module)
    return {name for name, modules in callers.items() if all(unrun[name][1] == module for module in modules)}


class _Declared:
    """The options the project's parsers declare (model.OPTION_STRINGS): which are off unless typed, and how spelled."""

    def __init__(self, graph: CallGraph) -> None:
        self.graph = graph
        self.states: Dict[str, Dict[str, Set[str]]] = {}  # dest -> "off"/"on" -> the functions that declare it so
        self.strings: Dict[str, List[str]] = {}
        for name, tags in graph.index.tagged(OPTION_STRINGS).items():
            for tag in tags:
                dest, _, rest = tag.partition("=")
                state, _, spelled = rest.partition(":")
                self.states.setdefault(dest, {}).setdefault(state, set()).add(name)
                self.strings.setdefault(dest, []).extend(spelling for spelling in spelled.split(",") if spelling)
        self.anything = self.states.get("*", {}).get("on", set())  # `set_defaults(**values)` may set any

    def off_calls(self, holder: str, tags: Sequence[str]) -> List[Tuple[str, Tuple[str, ...]]]:
        """(callee, the option strings of its branch's options) of each call `holder` makes in a branch on options that
        the parsers its namespace comes from declare off unless typed, and nothing reached sets otherwise."""
        found = []
        answers: Dict[Tuple[str, str], bool] = {}
        for tag in tags:
            dests, _, rest = tag.partition("=")
            callee, _, namespace = rest.partition("@")
            names = dests.split(",")
            for dest in names:
                if (dest, namespace) not in answers:
                    answers[dest, namespace] = self._off(holder, namespace, self.states.get(dest, {}))
            if all(answers[dest, namespace] for dest in names):
                found.append((callee, tuple(dict.fromkeys(spelling for dest in names for spelling in self.strings[dest]))))
        return found

    def _off(self, holder: str, namespace: str, states: Dict[str, Set[str]]) -> bool:
        """The namespace's parser declares the option off, and none it comes from declares or sets it otherwise."""
        on = states.get("on", set()) | self.anything
        return bool(states.get("off")) and parsed_by(self.graph, holder, namespace, states["off"]) \
            and not (on and parsed_by(self.graph, holder, namespace, on))


class _ProgramLines:
    """The argument words of the deployment commands that may run a function (module docstring)."""

    def __init__(self, analysis, deployment: Deployment, deployed: Mapping[str, str]) -> None:
        self.analysis = analysis
        self.deployment = deployment
        self.deployed = dict(deployed)
        self._reach: Dict[str, Set[str]] = {}
        self._mains: Optional[Dict[str, Set[str]]] = None

    def roots(self, holder: str) -> List[str]:
        """The deployed roots that run `holder`: those that reach it, or for a `__main__` block those it calls."""
        if holder in self.analysis.index.modules:
            return [root for root in sorted(self.deployed) if holder in self._main_callers().get(root, ())]
        return [root for root in sorted(self.deployed) if holder in self._reached(root)]

    def of(self, holder: str) -> Optional[List[Tuple[str, ...]]]:
        """The words of each command that may run `holder`; None when one may hand it any, or none runs it."""
        if holder in self.analysis.index.modules:  # a `__main__` block's branch: the module is the program
            return self._module_lines(holder) if self.deployment.runs_main(holder) else None
        roots = self.roots(holder)
        return _joined(map(self._root_lines, roots)) if roots else None

    def _reached(self, root: str) -> Set[str]:
        if root not in self._reach:
            self._reach[root] = set(breadth_first(self.analysis.graph, [root], UNBOUNDED))
        return self._reach[root]

    def _root_lines(self, root: str) -> Optional[List[Tuple[str, ...]]]:
        why = self.deployed[root]
        if why.startswith(_CONSOLE_SCRIPT):
            return _console_lines(self.deployment.commands, why.split("`")[1])
        modules = [module for module in sorted(self._main_callers().get(root, ())) if self.deployment.runs_main(module)]
        if why != _MAIN_SCRIPT or not modules:
            return None
        return _joined(map(self._module_lines, modules))

    def _module_lines(self, module: str) -> Optional[List[Tuple[str, ...]]]:
        return self.deployment.program_runs().arguments(module, self.analysis.index.modules[module].path)

    def _main_callers(self) -> Dict[str, Set[str]]:
        """Function -> the modules whose `__main__` block calls it."""
        if self._mains is None:
            self._mains = {}
            graph = self.analysis.graph
            for module in self.analysis.index.modules.values():
                for name in getattr(module, "script_calls", ()):
                    target = graph.target(name)
                    if target is not None:
                        self._mains.setdefault(target, set()).add(module.module)
        return self._mains


def _joined(each: Iterable[Optional[List[Tuple[str, ...]]]]) -> Optional[List[Tuple[str, ...]]]:
    """The command lines of every source together; None as soon as one source may hand the program any words."""
    lines: List[Tuple[str, ...]] = []
    for found in each:
        if found is None:
            return None
        lines.extend(found)
    return lines


def _console_lines(texts: Mapping[str, str], program: str) -> Optional[List[Tuple[str, ...]]]:
    """The argument words after each occurrence of the console script `program` as a command in the deployment's files
    (`texts`: path -> the text its commands are read in); None when one may hand it any. A shim of the program's own
    name that hands on its arguments is no such command (program_runs.forwards_to_itself)."""
    pattern = re.compile(rf"(?:(?<![\w/.-])|(?<=/bin/)){re.escape(program)}(?![\w.-])")
    lines = [command_arguments(text, match.end(), path.endswith(YAML_FILES)) for path, text in sorted(texts.items())
             for match in pattern.finditer(text) if not forwards_to_itself(text, match.end(), program)]
    return None if not lines or None in lines else lines  # type: ignore[return-value]


def _passes(strings: Sequence[str], words: Sequence[str]) -> bool:
    """A command's words may give one of the option `strings` (module docstring)."""
    for word in words:
        word = word.partition("=")[0]
        for string in strings:
            if string.startswith("--"):
                if word.startswith("--") and len(word) > 2 and string.startswith(word):
                    return True
            elif word.startswith("-") and not word.startswith("--") and len(word) > 1:
                if word.startswith(string) or string.startswith(word) or len(string) == 2 and string[1] in word[1:]:
                    return True
    return False
