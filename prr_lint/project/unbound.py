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
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from prr_lint.call_binding import ANY_POSITIONALS, BINDS
from prr_lint.model import FunctionSummary, UNTYPED_CALL
from prr_lint.rules.param_guards import CALL_ARGS

# Decorators that leave the signature a caller binds to as written.
_KEEPING = frozenset({"builtins.staticmethod", "builtins.classmethod", "builtins.property", "abc.abstractmethod",
                      "functools.lru_cache", "functools.cache"})
_KEYWORD = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")
_CODES = frozenset("TFNnshkecx@?")  # the first letters of a positional argument's code
_NONE: Dict[str, FrozenSet[str]] = {}
# A signature a call must fit: how many positionals it takes (-1: any, `*args`) and the keywords it declares.
Shape = Tuple[int, FrozenSet[str]]
# What a call passes: how many positionals and which keywords.
Site = Tuple[int, FrozenSet[str]]


def binds(index, target: str, codes: Sequence[str]) -> bool:
    """Whether a call passing arguments of `codes` may bind to the parameters of the project function `target`
    (True when unknown)."""
    site, shape = _site(codes), _signatures(index).get(target)
    return site is None or shape is None or _fits(shape, site)


def unbound_targets(graph, qualname: str) -> Dict[str, FrozenSet[str]]:
    """Called name -> the project functions it may run that no call of that name in the function `qualname` can bind
    to. Read from the index's tables of `call-args:` and `binds:` tags (ProjectIndex.tagged): each call's arguments
    and each signature are read once."""
    index = graph.index
    rests = index.tagged(CALL_ARGS).get(qualname)
    if not rests:
        return _NONE
    passed_codes: Dict[str, List[str]] = {}
    for rest in rests:
        callee, _, codes = rest.partition("=")
        passed_codes.setdefault(callee, []).append(codes)
    shapes = _signatures(index)
    found: Dict[str, FrozenSet[str]] = {}
    for name, codes_list in passed_codes.items():
        # most calls with arguments run no project function (a library's): their arguments are not read
        targets = [target for target in graph.targets(name) if target in shapes] if not name.startswith(UNTYPED_CALL) else ()
        if not targets:
            continue
        passed = [_site(codes.split(",") if codes else []) for codes in codes_list]
        if None in passed:  # an unpacking call
            continue
        unbound = frozenset(target for target in targets if not any(_fits(shapes[target], site) for site in passed))  # type: ignore[arg-type]
        if unbound and len(passed) >= index.functions[qualname].calls.count(name):  # not with a call without arguments
            found[name] = unbound
    return found


def _signatures(index) -> Dict[str, Shape]:
    """Function -> its signature, for each function a call must fit (one `def`, no `**kwargs`, no wrapping
    decorator), read from the `binds:` tags once per run."""
    return index.derived("bind-shapes", lambda: {qualname: shape for qualname, rests in index.tagged(BINDS).items()
                                                 if (shape := _shape(rests, index.functions[qualname])) is not None})


def _shape(rests: Sequence[str], function: FunctionSummary) -> Optional[Shape]:
    if len(rests) != 1 or not all(decorator in _KEEPING for decorator in function.decorators):
        return None
    count, _, names = rests[0].partition(":")
    return (-1 if count == ANY_POSITIONALS else int(count)), frozenset(names.split(","))


def _site(codes: Sequence[str]) -> Optional[Site]:
    """How many positionals and which keywords a call's argument codes pass; None when it unpacks (`*args`, `**opts`)
    or passes a code this does not read: it may bind to anything."""
    positionals, keywords = 0, []
    for code in codes:
        if not code or code[0] == "*":
            return None
        keyword = _KEYWORD.match(code)
        if keyword is not None:
            keywords.append(keyword.group(1))
        elif code[0] in _CODES:
            positionals += 1
        else:
            return None
    return positionals, frozenset(keywords)


def _fits(shape: Shape, site: Site) -> bool:
    count, accepted = shape
    positionals, keywords = site
    return keywords <= accepted and (count < 0 or positionals <= count)
