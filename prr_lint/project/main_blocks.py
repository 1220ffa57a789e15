"""The call graph as an importing process runs it: without the calls of `__main__` blocks, nor those
of a program's one-off modes.

The summary counts a call in `if __name__ == "__main__":` among its module's top-level calls, which
is right when the file runs as a program. A module that serving code imports runs its top level but
never its `__main__` block, so a helper only that block calls (a build script's downloader whose
module the app imports for its file lists) is not served. `ImportedView` answers `callees` like the
graph, less those edges; reachability from serving seeds walks it.

A program that serves may also have modes that do one thing and end the process (`isso import
dump.xml`: `if args.command == "import": migrate.dispatch(...); sys.exit(0)` in the `main` that
otherwise starts the server), and argparse sub-commands: the functions handed to a sub-parser's
`set_defaults(func=...)`, which the program runs as `args.func(args)`, one per invocation. The summary
tags such calls and functions (model.ONE_OFF_CALL); `one_off_calls`
finds them, and the view drops those edges too: serving never
takes them. Nor does it take a call only a person's answer lets a function make (`if ask_yes_no("Install a
model?"): download(url)`: answer_gates.py).
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Set, Tuple

from prr_lint.dispatch import BY_NAME
from prr_lint.model import CLI_OPTION, HANDED_BY_KEYWORD, ONE_OFF_CALL, OPTION_CALL
from prr_lint.project.answer_gates import answered_edges, called_only
from prr_lint.project.callgraph import UNBOUNDED, CallGraph, breadth_first


class ImportedView:
    """`graph` without the edges that only a module's `__main__` block makes."""

    def __init__(self, graph: CallGraph, one_off: Optional[Mapping[str, FrozenSet[str]]] = None) -> None:
        self.graph = graph
        self.index = graph.index
        self._main_only: Dict[str, FrozenSet[str]] = {}
        self.one_off = one_off or {}  # function -> the callees only its one-off modes call
        self.answered = answered_edges(graph)  # function -> the callees only a person's answer makes it call

    def target(self, name: str) -> Optional[str]:
        return self.graph.target(name)

    def callees(self, qualname: str) -> Tuple[str, ...]:
        edges = self.graph.callees(qualname)
        for dropped in (self.one_off.get(qualname), self.answered.get(qualname)):
            edges = tuple(edge for edge in edges if edge not in dropped) if dropped else edges
        module = self.index.modules.get(qualname)
        if module is None or not module.script_calls:
            return edges
        dropped = self._main_only.get(qualname)
        if dropped is None:
            dropped = self._main_only[qualname] = self._only_in_main(qualname, module.script_calls)
        return tuple(edge for edge in edges if edge not in dropped) if dropped else edges

    def _only_in_main(self, qualname: str, script_calls) -> FrozenSet[str]:
        """Targets every call of which, in the module's top level, sits in the `__main__` block."""
        top = self.index.functions.get(qualname)
        if top is None:
            return frozenset()
        everywhere = Counter(top.calls)
        in_main = Counter(script_calls)
        outside = {self.graph.target(name) for name, count in everywhere.items() if count > in_main.get(name, 0)}
        return frozenset(
            target for target in map(self.graph.target, in_main) if target is not None and target not in outside
        )


def answered_only(graph: CallGraph, one_off: Mapping[str, FrozenSet[str]], serving: Set[str], running: Iterable[str],
                  dead: Callable[[str], bool]) -> Set[str]:
    """What only the calls a person's answer lets a function make reach (answer_gates.py), through `ImportedView`: each
    function no other project code calls or hands on (but what is itself only so reached, and `dead` code: an install
    helper nothing names), that serving code (`serving`, reached without those edges) and what `running` (tasks,
    deployed programs) reaches do not run."""
    view = ImportedView(graph, one_off)
    targets = sorted({target for targets in view.answered.values() for target in targets} - serving)
    if not targets:
        return set()
    elsewhere = set(breadth_first(view, sorted(running), UNBOUNDED)) | serving
    found = {name for name in breadth_first(view, targets, UNBOUNDED) if name not in elsewhere}
    callers: Dict[str, Set[str]] = {}
    for name in _may_call(graph, found):
        for callee in view.callees(name):
            if callee in found and callee != name:
                callers.setdefault(callee, set()).add(name)
    ignored = {caller for names in callers.values() for caller in names if caller not in found and dead(caller)}
    while True:  # called from outside what only answers reach: not the person's alone, nor what it reaches
        outside = {name for name in found if callers.get(name, set()) - found - ignored}
        if not outside:
            return found
        found -= outside


def _may_call(graph: CallGraph, targets: Set[str]) -> List[str]:
    """The functions whose edges (CallGraph.callees) may include one of `targets`: their resolved callers, the
    functions they are nested in, and any function that hands functions on or calls by name (edges `callers` does not
    reverse). Asking only these spares a pass over every function's edges."""
    reverse = graph.callers()
    found = {caller for target in targets for caller in reverse.get(target, ())}
    found.update(target.rpartition(".")[0] for target in targets)
    found.update(name for name, function in graph.index.functions.items()
                 if function.handoffs or any(call.startswith(BY_NAME) for call in (*function.calls, *function.chained)))
    return sorted(name for name in found if name in graph.index.functions)


def one_off_calls(graph: CallGraph) -> Dict[str, FrozenSet[str]]:
    """Function -> the targets that it calls only in a branch that ends the process, or hands to argparse
    (`set_defaults(func=...)`, directly or through the attribute of a command object: `_handed_modes`)."""
    found: Dict[str, FrozenSet[str]] = {}
    handed = _handed_modes(graph)
    tagged_modes = graph.index.tagged(ONE_OFF_CALL)
    for name, function in graph.index.functions.items():
        modes = [*tagged_modes.get(name, ()), *handed.get(name, [])]
        targets = called_only(graph, function, modes) if modes else frozenset()
        if targets:
            found[name] = targets
    return found


def _handed_modes(graph: CallGraph) -> Dict[str, List[str]]:
    """Function -> the module functions it hands by keyword to a project class that hands its attribute of that
    name to argparse (`ProCommand("cve", action=action_cve)`, whose `register` calls
    `parser.set_defaults(action=self.action)`: prr_lint/one_off_modes.py)."""
    found: Dict[str, List[str]] = {}
    for holder, function, _ in command_object_modes(graph):
        found.setdefault(holder, []).append(function)
    return found


def command_object_modes(graph: CallGraph) -> List[Tuple[str, str, str]]:
    """(holder, function, word) of each function `_handed_modes` finds: the function that hands it, and the first
    argument of that call when it is a word ("" when not), the subcommand's name as far as can be told."""
    index = graph.index
    modes = {target for targets in index.tagged(ONE_OFF_CALL).values() for target in targets
             if target not in index.functions and target.rpartition(".")[0] in index.classes}
    found: List[Tuple[str, str, str]] = []
    for name, tags in index.tagged(HANDED_BY_KEYWORD).items() if modes else ():
        for tag in tags:
            call, _, handed = tag.partition("=")
            owner, keyword, word = (call.rsplit(":", 2) + ["", ""])[:3]
            if handed and f"{index.canonical(owner) or owner}.{keyword}" in modes:
                found.append((name, handed, word))
    return found


def option_modes(graph: CallGraph, long_running: Callable[[str], bool]) -> Dict[str, str]:
    """Project method -> why it is a command root: the methods of the classes that a function
    builds only in branches testing options the project declares off by default, unless a method of
    the class is `long_running` (`if args.daemon: worker = Daemon()` is the service)."""
    index = graph.index
    declared = {option for options in index.tagged(CLI_OPTION).values() for option in options}
    modes: Dict[str, str] = {}  # class -> the options that pick it
    for qualname, tags in index.tagged(OPTION_CALL).items() if declared else ():
        function = index.functions[qualname]
        tagged: Counter = Counter()
        options: Dict[str, str] = {}
        for tag in tags:
            callee, _, switches = tag.rpartition("@")
            if callee and set(switches.split(",")) <= declared:
                tagged[callee] += 1
                options[callee] = switches
        if not tagged:
            continue
        everywhere = Counter(function.calls)
        for callee, count in tagged.items():
            cls = index.canonical(callee)
            if everywhere[callee] == count and cls is not None and cls in index.classes:
                modes[cls] = "--" + options[callee].replace(",", "/--")
    found: Dict[str, str] = {}
    for cls, option in modes.items():
        methods = [name for name in index.nested(cls) if name.rpartition(".")[0] == cls]
        if not any(map(long_running, methods)):
            found.update((name, f"mode of option `{option}`") for name in methods)
    return found
