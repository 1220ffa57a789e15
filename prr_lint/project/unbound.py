"""Calls that run nothing: a call whose arguments cannot bind to the signature of the function it names.

Python binds a call's arguments to the parameters before the body runs: a keyword the function does not
declare, with no `**kwargs` to take it, or more positional arguments than it takes, with no `*args`, raises
TypeError first (a beat task's `alerter.notify_alerts(start_date=s, end_date=e)` on a `notify_alerts(self)`;
`ftp_list(uri, md5=md5)` on `ftp_list(uri, no_rec=False)`). Such a call is no edge of the call graph
(callgraph.py), so what serving code reaches leaves the target out, and for dead code (dead_code.py) the caller
counts as one that runs nothing of it, as unawaited.py's dropped coroutines do (unbound_callers.py). The call's arguments are its
`call-args:` codes (rules/param_guards.py), the signature its `binds:` tag (call_binding.py).

Judged per target: a call that may run several functions (a name bound in branches, a method on a receiver of no
known type, `?.<method>`) runs each whose signature it fits. A caller counts only when every call of that name in
it cannot bind; a call that unpacks (`*args`, `**opts`), a target with `**kwargs`, one with two `def`s, and one
under a decorator whose wrapper may take other arguments (anything but `_KEEPING`) may bind. A method's own `self`
counts among the positionals it takes, so a call on an instance may pass one positional too many unnoticed.
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, List, Optional, Sequence

from prr_lint.call_binding import ANY_POSITIONALS, BINDS
from prr_lint.model import FunctionSummary, UNTYPED_CALL
from prr_lint.rules.param_guards import call_arguments

# Decorators that leave the signature a caller binds to as written.
_KEEPING = frozenset({"builtins.staticmethod", "builtins.classmethod", "builtins.property", "abc.abstractmethod",
                      "functools.lru_cache", "functools.cache"})
_KEYWORD = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")
_CODES = frozenset("TFNnshkecx@?")  # the first letters of a positional argument's code
_NONE: Dict[str, FrozenSet[str]] = {}


def binds(function: Optional[FunctionSummary], codes: Sequence[str]) -> bool:
    """Whether a call passing arguments of `codes` may bind to `function`'s parameters (True when unknown)."""
    if function is None or not all(decorator in _KEEPING for decorator in function.decorators):
        return True
    shapes = [tag[len(BINDS):] for tag in function.tags if tag.startswith(BINDS)]
    if len(shapes) != 1 or any(not code or code[0] == "*" for code in codes):
        return True
    count, _, names = shapes[0].partition(":")
    accepted = set(names.split(","))
    positionals = 0
    for code in codes:
        keyword = _KEYWORD.match(code)
        if keyword is not None:
            if keyword.group(1) not in accepted:
                return False
        elif code[0] in _CODES:
            positionals += 1
        else:
            return True  # a code this does not read
    return count == ANY_POSITIONALS or positionals <= int(count)


def unbound_targets(graph, function: FunctionSummary) -> Dict[str, FrozenSet[str]]:
    """Called name -> the project functions it may run that no call of that name in `function` can bind to."""
    sites: Dict[str, List[List[str]]] = {}
    for callee, codes in call_arguments(function.tags):
        if not callee.startswith(UNTYPED_CALL):
            sites.setdefault(callee, []).append(codes.split(",") if codes else [])
    if not sites:
        return _NONE
    functions, calls = graph.index.functions, function.calls
    found: Dict[str, FrozenSet[str]] = {}
    for name, passed in sites.items():
        if len(passed) < calls.count(name):  # a call without arguments, recorded without codes
            continue
        unbound = frozenset(target for target in graph.targets(name)
                            if not any(binds(functions.get(target), codes) for codes in passed))
        if unbound:
            found[name] = unbound
    return found
