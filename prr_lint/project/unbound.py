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
_UNREAD = object()
# A signature a call must fit: how many positionals it takes (-1: any, `*args`) and the keywords it declares.
Shape = Tuple[int, FrozenSet[str]]
# What a call passes: how many positionals and which keywords.
Site = Tuple[int, FrozenSet[str]]


def binds(index, target: str, codes: Sequence[str]) -> bool:
    """Whether a call passing arguments of `codes` may bind to the parameters of the project function `target`
    (True when unknown)."""
    site, shape = _site(codes), _signatures(index).get(target)
    return site is None or shape is None or _fits(shape, site)


class UnboundCalls:
    """The calls of one call graph's functions that cannot bind, read from the index's tables of `call-args:` and
    `binds:` tags (ProjectIndex.tagged). Half the calls with arguments in a large tree run a project function with a
    signature, so each called name's targets with a signature and each argument list's shape are worked out once per
    run, not once per calling function."""

    def __init__(self, graph) -> None:
        self.graph = graph
        self.index = graph.index
        self._shaped: Dict[str, Tuple[str, ...]] = {}

    def of(self, qualname: str) -> Dict[str, FrozenSet[str]]:
        """Called name -> the project functions it may run that no call of that name in the function `qualname` can
        bind to."""
        rests = self.index.tagged(CALL_ARGS).get(qualname)
        if not rests:
            return _NONE
        sites = _sites(self.index)
        passed: Dict[str, List[Optional[Site]]] = {}
        for rest in rests:
            callee, _, codes = rest.partition("=")
            if self._targets(callee):  # most calls with arguments run no project function (a library's)
                site = sites.get(codes, _UNREAD)
                if site is _UNREAD:
                    site = sites[codes] = _site(codes.split(",") if codes else [])
                passed.setdefault(callee, []).append(site)  # type: ignore[arg-type]
        shapes = _signatures(self.index)
        found: Dict[str, FrozenSet[str]] = {}
        for name, name_sites in passed.items():
            if None in name_sites:  # an unpacking call
                continue
            unbound = frozenset(target for target in self._targets(name)
                                if not any(_fits(shapes[target], site) for site in name_sites))  # type: ignore[arg-type]
            if unbound and len(name_sites) >= self.index.functions[qualname].calls.count(name):  # not with a call without arguments
                found[name] = unbound
        return found

    def _targets(self, name: str) -> Tuple[str, ...]:
        """The project functions with a signature that the called name may run."""
        found = self._shaped.get(name)
        if found is None:
            shapes = _signatures(self.index)
            found = self._shaped[name] = () if name.startswith(UNTYPED_CALL) else tuple(
                target for target in self.graph.targets(name) if target in shapes)
        return found


def _sites(index) -> Dict[str, Optional[Site]]:
    """A call's argument codes, as its tag spells them -> what they pass: filled as calls are read, once per run."""
    return index.derived("bind-sites", dict)


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
