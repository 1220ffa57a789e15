"""Which subcommands of a deployed command-line program its deployment never runs.

A deployment may run one of the project's console scripts unattended (schedules.py: forseti's
container entry point runs `forseti inventory purge`, `forseti model use NAME`, `forseti scanner
run`), and everything that program reaches is then taken for production code. An argparse program
often picks its subcommand through dispatch tables keyed by the subcommand's words
(`SERVICES = {"inventory": run_inventory, ...}`, then in `run_inventory` `actions = {"purge":
do_purge, "delete": do_delete}; actions[config.action]()`: prr_lint/dispatch.py records each key).
The words that follow the program's name on the deployment's command lines say which entries run:
an entry whose chain of keys from the program (`inventory delete`) is on no such line, as words in
that order, is a subcommand a person types (`forseti explainer why_denied`), a tool root of its own
(scope.py), while what the run entries reach stays production code.

Only a table the deployment selects from counts: one at least one of whose keys (after the keys
that lead to it) a command line names. A table keyed by something else (an output format, a
provider name) leaves all its entries run, as does a program the deployment names with no words
after it.

An argparse program's sub-parsers are such a table too (`sub.add_parser("poll").set_defaults(func=poll)`,
prr_lint/one_off_modes.py), with one difference: argparse runs the function itself (`args.func(args)`),
which the call graph does not follow, so each is a command root of its own (main_blocks.py) whether the
deployment runs it or not. `selected_subcommands` names those it does run (a systemd unit's `svc poll`),
which are no operator's commands: every one when a line hands the program a subcommand it computes
(`svc "$@"`; not a shim of the program's own name that hands on its arguments, `printf 'exec /app/.venv/bin/svc "$@"'
> /bin/svc` in an image: the lines that run it are read as the program's, program_runs.forwards_to_itself), and when no
line names one and the parser runs a default (`parser.set_defaults(func=serve)`).
So are the functions of a program's own command objects (`ProCommand("auto-attach", action=action_auto_attach)`,
main_blocks.py `command_object_modes`) whose word a deployed program's line names, or all of them beside a
computed subcommand: which program an object belongs to is not followed, so any deployed one's lines count.

A program may instead pick its subcommand by comparing the parsed namespace with the sub-parser's name (`if
args.plugincmd == "update": update(config)`, `dest_modes`): a table keyed by the sub-parsers' words too, whose
branches call their functions themselves, edges the call graph follows. Each call that no line of a deployed
program (scheduled, or the daemon the deployment starts) selects by its words (a nested sub-parser's after its
parents': `pwnagotchi plugins update`) is an unrun entry of the function that branches, a tool root whose edge
the deployed reach drops. As for command objects, any deployed program's lines count; when none is read, or
one hands its program a computed subcommand, every branch may run.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from typing import Dict, FrozenSet, List, Mapping, Optional, Sequence, Set, Tuple

from prr_lint.model import DISPATCH_KEY, SUBCOMMAND_BRANCH, SUBCOMMAND_WORD, SUBPARSERS
from prr_lint.project.callgraph import CallGraph, breadth_first
from prr_lint.project.main_blocks import command_object_modes
from prr_lint.project.program_runs import forwards_to_itself

COMMAND_WORD = re.compile(r"[\w.:-]+")  # a word of a command line: a subcommand, a dotted module
_MAX_WORDS = 8  # the words after a program's name that may name its subcommands
_PARSER_DEPTH = 3  # the calls from a program's function to the one that builds its parser (`main` -> `build_parser`)
_NAMESPACES = (".parse_args()", "argparse.Namespace")  # what a parsed command line is held as (prr_lint/receivers.py)


def unrun_subcommands(analysis, scheduled: Mapping[str, str], text: str) -> Dict[str, Tuple[str, str]]:
    """Dispatch-table entries (function -> (reason, the function whose table holds it)) of the deployed
    console scripts in `scheduled` (root -> scope.py's reason: those the deployment runs, and its daemons) that no
    command line of the deployment's `text` selects, and that no selected entry reaches; and the calls of branches on
    a subcommand's name that none selects (`dest_modes`)."""
    found: Dict[str, Tuple[str, str]] = {}
    for root, why in sorted(scheduled.items()):
        if not why.startswith("console script `"):
            continue
        program = why.split("`")[1]
        lines = _command_lines(text, program)
        if lines:
            found.update(_unselected(analysis.graph, root, program, lines))
    programs = sorted({why.split("`")[1] for why in scheduled.values() if why.startswith("console script `")})
    found.update((name, why) for name, why in _unrun_dest_modes(analysis.graph, programs, text).items() if name not in found)
    return found


def selected_subcommands(analysis, scheduled: Mapping[str, str], text: str) -> Set[str]:
    """The argparse subcommand functions of the deployed console scripts in `scheduled` (root -> scope.py's
    reason) that the command lines of the deployment's `text` run (module docstring)."""
    graph = analysis.graph
    found: Set[str] = set()
    for root, why in sorted(scheduled.items()):
        if not why.startswith("console script `"):
            continue
        lines = _command_lines(text, why.split("`")[1])
        for holder in breadth_first(graph, [root], _PARSER_DEPTH):
            for table in _tables(graph, holder, SUBPARSERS):
                named = {key for key in table if key and lines and _names(_words(key), lines)}
                run = table if lines is None or (not named and "" in table) else named
                found.update(graph.target(value) or value for key in run for value in table[key])
        # a command object's function, by the word its object is built with (main_blocks.py), after any deployed program's name
        found.update(graph.target(function) or function for _, function, word in command_object_modes(graph)
                     if lines is None or (word and lines and _names((word,), lines)))
    return found


def _unrun_dest_modes(graph: CallGraph, programs: Sequence[str], text: str) -> Dict[str, Tuple[str, str]]:
    """The callees of branches on a subcommand's name (`dest_modes`) that no line of the deployed `programs` selects
    (function -> (reason, the function that branches)); none when no line of theirs is read, or one hands a program a
    computed subcommand: any may run (module docstring)."""
    lines = [_command_lines(text, program) for program in programs]
    named = [line for found in lines for line in found or ()]
    if not named or any(found is None for found in lines):
        return {}
    modes = [(holder, graph.target(callee) or callee, chains) for holder, callee, chains in dest_modes(graph)]
    run = {callee for _, callee, chains in modes if any(_names(_words(chain), named) for chain in chains)}
    return {callee: (f"subcommand `{programs[0]} {chains[0]}` no deployment file runs", holder)
            for holder, callee, chains in modes if callee not in run}


def dest_modes(graph: CallGraph) -> List[Tuple[str, str, Tuple[str, ...]]]:
    """(holder, callee, the subcommands' words) of each call a branch on a subcommand's name makes
    (`if args.plugincmd == "update": update(config)`, prr_lint/one_off_modes.py): the attribute is the `dest` of
    a subparsers action whose sub-parser has that name, and the namespace is what a `parse_args()` gave, in the
    holder or in every caller that hands it over, which reaches (within _PARSER_DEPTH calls, or from the function
    named before `.parse_args()`) the function declaring that sub-parser. Worked out once."""
    return graph.index.derived("dest-modes", lambda: _dest_modes(graph))


def _dest_modes(graph: CallGraph) -> List[Tuple[str, str, Tuple[str, ...]]]:
    index = graph.index
    declared: Dict[Tuple[str, str], Dict[str, Set[str]]] = {}  # (dest, last word) -> words -> declaring functions
    for name, function in index.functions.items():
        for tag in function.tags:
            if tag.startswith(SUBCOMMAND_WORD):
                dest, _, words = tag[len(SUBCOMMAND_WORD):].partition("=")
                declared.setdefault((dest, words.rpartition(" ")[2]), {}).setdefault(words, set()).add(name)
    found: List[Tuple[str, str, Tuple[str, ...]]] = []
    for name, function in index.functions.items() if declared else ():
        for tag in function.tags:
            if not tag.startswith(SUBCOMMAND_BRANCH):
                continue
            dest, _, rest = tag[len(SUBCOMMAND_BRANCH):].partition(":")
            words, _, rest = rest.partition("=")
            callee, _, namespace = rest.partition("@")
            chains = {chain: by for word in words.split(",") for chain, by in declared.get((dest, word), {}).items()}
            parsed = [chain for chain, by in sorted(chains.items()) if parsed_by(graph, name, namespace, by)]
            if parsed:
                found.append((name, callee, tuple(parsed)))
    return found


def parsed_by(graph: CallGraph, holder: str, namespace: str, declaring: Set[str]) -> bool:
    """The namespace (receivers.py's expression in `holder`) is a `parse_args()` result of a parser one of
    `declaring` builds: parsed in `holder` itself, or in each caller that hands it in as the parameter it is."""
    if namespace.endswith(_NAMESPACES):
        return _reaches(graph, holder, namespace, declaring)
    function, _, rest = namespace[1:-1].partition(":") if namespace.startswith("[") and namespace.endswith("]") else ("", "", "")
    position, _, parameter = rest.partition(":")
    if function != holder:
        return False
    method = holder.rpartition(".")[0] in graph.index.classes
    handed = [(caller, expr) for caller, summary in graph.index.functions.items() for callee, slot, expr in summary.arguments
              if graph.target(callee) == holder and (slot == parameter or _position(slot, method) == position)]
    return bool(handed) and all(expr.endswith(_NAMESPACES) and _reaches(graph, caller, expr, declaring) for caller, expr in handed)


def _position(slot: str, method: bool) -> str:
    """The parameter position an argument fills (receivers.py: `^` when the callee is named on its owner, so a
    method's `self` is among the arguments; otherwise a method's position is one on)."""
    if slot.startswith("^") or not slot.isdigit():
        return slot.lstrip("^")
    return str(int(slot) + 1) if method else slot


def _reaches(graph: CallGraph, where: str, namespace: str, declaring: Set[str]) -> bool:
    """`where` (or the project function the parser comes from: `build_parser().parse_args()`) reaches a declaring function."""
    built = graph.target(namespace[: -len(".parse_args()") - 2]) if namespace.endswith("().parse_args()") else None
    starts = [where] + ([built] if built is not None else [])
    return not declaring.isdisjoint(breadth_first(graph, starts, _PARSER_DEPTH))


def _words(key: str) -> Tuple[str, ...]:
    """The words of a subcommand table's key: a nested sub-parser's follow its parents' (`plugins update`)."""
    return tuple(key.split())


def _command_lines(text: str, program: str) -> Optional[List[Tuple[str, ...]]]:
    """The words after each occurrence of `program` as a command on a line of `text` (`/usr/bin/program` too);
    None when one hands the program a subcommand it computes (`forseti "$@"`, `forseti $COMMAND`): any may run; not a
    shim of the program's own name that hands on its arguments (program_runs.forwards_to_itself)."""
    pattern = re.compile(rf"(?:(?<![\w/.-])|(?<=/bin/)){re.escape(program)}(?![\w.-])([^\n;|&`)]*)")
    lines: List[Tuple[str, ...]] = []
    for match in pattern.finditer(text):
        first = next((word for word in match.group(1).split() if not word.startswith("-")), "")
        if first.strip("\"'").startswith(("$", "{{", "%")):
            if forwards_to_itself(text, match.start(1), program):
                continue  # a shim of the program's own name: the lines that run it are read as the program's
            return None
        lines.append(tuple(COMMAND_WORD.findall(match.group(1))[:_MAX_WORDS]))
    return lines


def _names(chain: Tuple[str, ...], lines: Sequence[Tuple[str, ...]]) -> bool:
    """Some command line has the words of `chain` in that order."""
    for words in lines:
        position = 0
        for word in words:
            if position < len(chain) and word == chain[position]:
                position += 1
        if position == len(chain):
            return True
    return False


def _tables(graph: CallGraph, name: str, only: str = "") -> List[Dict[str, Tuple[str, ...]]]:
    """The string-keyed dispatch tables a function looks up (`only`: that one): key -> the values it selects."""
    function = graph.index.functions.get(name)
    tables: Dict[str, Dict[str, List[str]]] = {}
    for tag in function.tags if function is not None else ():
        if tag.startswith(DISPATCH_KEY):
            table, _, entry = tag[len(DISPATCH_KEY):].partition(":")
            key, _, value = entry.partition("=")
            if only and table != only:
                continue
            tables.setdefault(table, {}).setdefault(key, []).append(value)
    return [{key: tuple(values) for key, values in table.items()} for table in tables.values()]


def _unselected(graph: CallGraph, root: str, program: str, lines: Sequence[Tuple[str, ...]]) -> Dict[str, Tuple[str, str]]:
    """The entries no command line selects, of the tables reached from `root` along selected entries."""
    chains: Dict[str, Tuple[str, ...]] = {root: ()}
    queue = deque([root])
    skipped: Dict[str, Tuple[str, str]] = {}
    while queue:
        current = queue.popleft()
        chain = chains[current]
        left_out: Set[str] = set()
        for table in _tables(graph, current):
            if not any(_names(chain + _words(key), lines) for key in table):
                continue  # not a subcommand table: every entry may run
            for key, values in sorted(table.items()):
                if _names(chain + _words(key), lines):
                    _reach(graph, values, chain + _words(key), chains, queue)
                else:
                    skipped.update((value, (f"subcommand `{' '.join((program, *chain, key))}` no deployment file runs", current))
                                   for value in values)
                    left_out.update(values)
        _reach(graph, [callee for callee in graph.callees(current) if callee not in left_out - _called_directly(graph, current)],
               chain, chains, queue)
    return {name: why for name, why in skipped.items() if name not in chains}


def _called_directly(graph: CallGraph, name: str) -> Set[str]:
    """What the function also calls by name, beside its tables (`if args.version: run_version()`)."""
    function = graph.index.functions[name]
    entries = Counter(tag.partition("=")[2] for tag in function.tags if tag.startswith(DISPATCH_KEY))
    return {call for call, count in Counter(function.calls).items() if count > entries.get(call, 0)}


def _reach(graph: CallGraph, names: Sequence[str], chain: Tuple[str, ...], chains: Dict[str, Tuple[str, ...]], queue: deque) -> None:
    for name in names:
        found: Optional[str] = name if name in graph.index.functions else graph.target(name)
        if found is not None and found not in chains:
            chains[found] = chain
            queue.append(found)


class WithoutView:
    """`graph` without the dispatch edges into the subcommands a deployment does not run (`unrun`:
    entry -> (reason, the function whose table holds it)); a call of them from elsewhere stays."""

    def __init__(self, graph: CallGraph, unrun: Mapping[str, Tuple[str, str]]) -> None:
        self.graph = graph
        self.index = graph.index
        self.dropped: Dict[str, FrozenSet[str]] = {}
        for entry, (_, holder) in unrun.items():
            self.dropped[holder] = self.dropped.get(holder, frozenset()) | {entry}

    def target(self, name: str) -> Optional[str]:
        return self.graph.target(name)

    def callees(self, qualname: str) -> Tuple[str, ...]:
        dropped = self.dropped.get(qualname)
        edges = self.graph.callees(qualname)
        return tuple(callee for callee in edges if callee not in dropped) if dropped else edges
