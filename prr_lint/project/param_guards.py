"""Calls in a branch no caller's literal argument takes (PRR501, PRR505): the project half of rules/param_guards.py.

A finding with a `param-guard:` subject runs only when a parameter of its function makes a test true (`if commit:`,
`if not files: ... else:`, `elif method.lower() == "delete":`, `if dry_run:`). It is dropped when every caller that
counts passes a literal for that parameter, or leaves a literal default, that makes the test false: every caller
outside test code (PRR501; a method of a class derived from a test module's class is test code), or every caller on the event loop (PRR505: a script's call with `commit=True` does not
put the commit on the loop). A caller that passes a computed value, unpacks `*args`/`**kwargs`, or passes a value
that makes the test true keeps the finding; so does a function with no counted caller, an entry point (the
framework calls it), or one handed to something else that calls it (a thread, an executor). A recursive call that
passes the parameter on unchanged tells nothing and is skipped. Reads only the summaries' `call-args:` tags.
"""

from __future__ import annotations

from typing import Callable, Collection, Iterator, List, Optional, Sequence, Set, Tuple

from prr_lint.paths import is_test_path
from prr_lint.project.callgraph import CallGraph
from prr_lint.project.support import test_modules
from prr_lint.rules.param_guards import CALL_ARGS, PARAM_GUARD, holds


def _parse(subject: str) -> Optional[Tuple[str, str, int, str, str]]:
    """(function, parameter, position, test, default) of a `param-guard:` subject."""
    function, _, rest = subject[len(PARAM_GUARD):].partition("=")
    parts = rest.split(":")
    if len(parts) != 3 or "@" not in parts[0]:
        return None
    name, _, position = parts[0].rpartition("@")
    try:
        return function, name, int(position), parts[1], parts[2]
    except ValueError:
        return None


def _passed(codes: Sequence[str], name: str, position: int, default: str) -> str:
    """The code of the value a call site with these argument codes gives the parameter ("" when unknown)."""
    positional = [code for code in codes if "=" not in code and code not in ("*", "**")]
    for code in codes:
        if code.startswith(name + "="):
            return code[len(name) + 1:]
    if any(code in ("*", "**") for code in codes):
        return ""
    if 0 <= position < len(positional):
        return positional[position]
    return default


class ParamGuards:
    """Which guarded findings no counted caller can reach (built once per run, from the summaries)."""

    def __init__(self, graph: CallGraph, entry_points: Collection[str]) -> None:
        self.graph = graph
        index = graph.index
        tests = test_modules(index)
        self.entry_points = entry_points
        self.tested: Set[str] = {name for module_name, module in index.modules.items()
                                 if module_name in tests or is_test_path(module.path) for name in module.functions}
        cases = {cls for module_name, module in index.modules.items() if module_name not in tests and not is_test_path(module.path)
                 for cls, bases in module.classes.items() if any(index.module_of(base) in tests for base in bases)}
        self.tested |= {name for name in index.functions if name.rpartition(".")[0] in cases}
        self.handed = {target for function in index.functions.values() for target in (*function.handoffs, *function.spawned)}

    def unreachable(self, subjects: Sequence[str], counted: Callable[[str], bool] = lambda caller: True) -> bool:
        """Some `param-guard:` subject's test is false for every call site of the function in a counted caller."""
        return any(self._false_everywhere(parsed, counted) for subject in subjects if subject.startswith(PARAM_GUARD)
                   for parsed in [_parse(subject)] if parsed is not None)

    def _false_everywhere(self, parsed: Tuple[str, str, int, str, str], counted: Callable[[str], bool]) -> bool:
        function, name, position, test, default = parsed
        target = self.graph.target(function) or function
        if target in self.entry_points or target in self.handed or function in self.handed:
            return False
        seen = False
        for caller, codes in self._call_sites(target):
            if caller in self.tested or not counted(caller):
                continue
            value = _passed(codes, name, position, default)
            if caller == target and value == "@" + name:
                continue  # passes its own value on
            if holds(value, test) is not False:
                return False
            seen = True
        return seen

    def _call_sites(self, target: str) -> Iterator[Tuple[str, List[str]]]:
        """(caller, argument codes) of each call that resolves to `target`; a call without arguments has none."""
        index = self.graph.index
        for caller in sorted(self.graph.callers().get(target, ())):
            function = index.functions[caller]
            names = [name for name in function.calls if self.graph.target(name) == target]
            tagged = [tag[len(CALL_ARGS):].partition("=") for tag in function.tags if tag.startswith(CALL_ARGS)]
            sites = [codes.split(",") for callee, _, codes in tagged if callee in names]
            sites += [[] for _ in range(len(names) - len(sites))]
            yield from ((caller, codes) for codes in sites)
