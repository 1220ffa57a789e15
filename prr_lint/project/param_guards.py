"""Calls in a branch no caller's literal argument takes (PRR501, PRR505): the project half of rules/param_guards.py.

A finding with a `param-guard:` subject runs only when a parameter of its function makes a test true (`if commit:`,
`if not files: ... else:`, `elif method.lower() == "delete":`, `if dry_run:`, `for url in urls:`). It is dropped when
every caller that counts passes a literal for that parameter, or leaves a literal default, that makes the test false:
every caller outside test code (PRR501; a method of a class derived from a test module's class is test code; in the
serving scope, not one in code scope.py leaves out either: a command nothing schedules, a script; wrappers.py), or every
caller on the event loop (PRR505: a script's call with `commit=True` does not put the commit on the loop). The calls of a
function are those that resolve to it or to a base class's method it overrides (the base's `self.submit(...)` runs the
subclass's), and for a method each call of its name on a receiver of no known type (of `__init__`, only in a class derived
from its own: `super().__init__(...)`; a call through a base class passing the caller's own instance first,
`Client.__init__(self, host)`, runs that class's method only, and passes the arguments after the instance). A caller that passes its own
`*args`/`**kwargs` on does not decide: the calls of that caller do (dissemin's `submit_deposit_wrapper(*args,
**kwargs)`), up to `_FORWARDS` such hops, and so do the calls of one that passes its own parameter on unchanged (a
`@<name>/<position>/<default>` code: `request_type=request_type` in a wrapper), for that parameter. A caller that passes a computed value, unpacks anything else, or passes a value
that makes the test true keeps the finding, as does one passing a configuration key (`k<key>`), unless it is an INI
switch every shipped INI file gives one truth (`debug_mode = true` in each for `config.getboolean("SERVICE",
"debug_mode")`, a real bool: `switch_truth`), or a module global bound to an environment switch every shipped configuration
leaves off (`use_ssl=config.email_ssl`), which then decides as a literal would; so does a function with no counted caller, an entry point (the framework
calls it), or one handed to something else that calls it (a thread, an executor). A recursive call that passes the
parameter on unchanged tells nothing and is skipped. A call of what `getattr(module, name)` looks up by a computed name
(`getattr(jobs, jobname)()` in a job-running command) is a call of each function the project module binds, its own or
imported (`mps = update_mps_from_ourcommons`), that the arguments may run (dispatch.py `BY_COMPUTED_NAME`); one whose name
is also used as a value beyond such aliases (handed to a scheduler) may be given anything there. A caller
the run holds idle (PRR501's dead code: no service source names it, so no process runs it; `idle`) calls nothing:
`update_mps_from_represent(download_headshots=False)` that nothing names passes nothing on. Reads only the summaries'
`call-args:` tags.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Collection, Dict, FrozenSet, Iterator, List, Optional, Sequence, Set, Tuple

from prr_lint.dispatch import BY_COMPUTED_NAME
from prr_lint.ini_keys import INI
from prr_lint.model import REQUIRED_PARAMETERS, UNTYPED_CALL
from prr_lint.project.callgraph import CallGraph
from prr_lint.project.env_globals import Switches, global_switch
from prr_lint.project.names import class_ancestors
from prr_lint.project.support import test_modules
from prr_lint.rules.env_globals import GLOBAL
from prr_lint.rules.param_guards import CALL_ARGS, PARAM_GUARD, call_arguments, holds
from prr_lint.switch_keys import NEGATED

_STATIC = "builtins.staticmethod"

# How many callers that pass their own `*args`/`**kwargs` on are followed to the calls that decide.
_FORWARDS = 3
# How many call sites one finding's test may look at before it counts as telling nothing (a common method name
# called on receivers of no known type, forwarded again and again).
_SITES = 2000


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


def passed_code(codes: Sequence[str], name: str, position: int, default: str) -> Tuple[str, Optional[int]]:
    """The code of the value a call site with these argument codes gives the parameter ("" when unknown), and,
    when the caller passes its own `*args`/`**kwargs` on and the value may come through them, the parameter's
    position among the caller's own (-1: only by keyword) for its callers to decide."""
    for code in codes:
        if code.startswith(name + "="):
            return code[len(name) + 1:], None
    first_star = next((i for i, code in enumerate(codes) if code.startswith("*")), len(codes))
    explicit = [code for code in codes[:first_star] if "=" not in code]
    if 0 <= position < len(explicit):
        return explicit[position], None
    unpacked = codes[first_star:]
    if first_star == len(codes):
        return default, None
    if any(code in ("*", "**") or not code.startswith("*") and "=" not in code for code in unpacked):
        return "", None  # something else unpacked, or a positional after the unpacking
    args = next((code[2:] for code in unpacked if code.startswith("*@")), None)
    if position >= 0 and args is not None:
        return "", int(args) + position - len(explicit)
    return ("", -1) if "**@" in unpacked else (default, None)


def own_parameter(code: str) -> Optional[Tuple[str, int, str]]:
    """(name, position, default code) of a caller's own parameter passed on (`@<name>/<position>/<default>`)."""
    if not code.startswith("@"):
        return None
    parts = code[1:].split("/", 2)
    try:
        return (parts[0], int(parts[1]), parts[2]) if len(parts) == 3 else None
    except ValueError:
        return None


def switch_truth(view: Callable[[], Switches]) -> Callable[[str], Optional[bool]]:
    """The truth every shipped configuration gives a switch a call passes, by the run's switch view (built on the first
    key asked): an INI switch (`k<ini:...>`: `getboolean` returns a real bool) False when each leaves it off, True when
    each turns it on (`not:` off); a module global bound to an environment switch (`k<global:...>`: the test's truth,
    `bool(int(os.getenv(...)))`, project/env_globals.py) False when the switch is off. None for any other key:
    `os.getenv("K")` gives a string, "false" a true one, and a blank item may be None, not False."""
    def truth(key: str) -> Optional[bool]:
        if key.startswith(INI):
            return False if view().off(key) else True if view().off(NEGATED + key) else None
        switch = global_switch(view(), key) if key.startswith(GLOBAL) else None
        return False if switch is not None and view().off(switch) else None
    return truth


class ParamGuards:
    """Which guarded findings no counted caller can reach (built once per run, from the summaries)."""

    def __init__(self, graph: CallGraph, entry_points: Collection[str], idle: Callable[[str], bool] = lambda caller: False,
                 truth: Callable[[str], Optional[bool]] = lambda key: None) -> None:
        self.graph = graph
        self.entry_points = entry_points
        self.idle = idle  # a caller no process runs (module docstring)
        self.truth = truth  # the value every shipped configuration gives a configuration key a call passes (`k<key>`), if one
        self.tested, self.handed = graph.index.derived("param-guard-callers", lambda: _uncounted(graph.index))
        self._budget = _SITES

    def unreachable(self, subjects: Sequence[str], counted: Callable[[str], bool] = lambda caller: True) -> bool:
        """Some `param-guard:` subject's test is false for every call site of the function in a counted caller."""
        return any(self._false_everywhere(parsed, counted) for subject in subjects if subject.startswith(PARAM_GUARD)
                   for parsed in [_parse(subject)] if parsed is not None)

    def _false_everywhere(self, parsed: Tuple[str, str, int, str, str], counted: Callable[[str], bool]) -> bool:
        function, name, position, test, default = parsed
        values = self.given(function, name, position, default, counted)
        return values is not None and bool(values) and all(holds(self._decided(value, test), test) is False for value in values)

    def _decided(self, code: str, test: str) -> str:
        """A configuration key's code (`k<key>`) as `T` or `F` when every shipped configuration gives the key that truth;
        a module global's only for a test of truth (its value may be `0` or `""`, which no test of equality with `False`
        settles), an INI switch's for a test of truth or a comparison with `True`/`False` (`getboolean` returns a real
        bool, but a project reader's `apiconf.user_stop.enabled` may return the text, which `== 'no'` then tests)."""
        decides = code[:1] == "k" and (test in ("T", "F") or not code.startswith("k" + GLOBAL) and test[1:] in ("T", "F"))
        truth = self.truth(code[1:]) if decides else None
        return code if truth is None else "T" if truth else "F"

    def given(self, function: str, name: str, position: int, default: str,
              counted: Callable[[str], bool] = lambda caller: True) -> Optional[List[str]]:
        """The code each counted call of the function gives the parameter ("" for one that tells nothing: a computed
        value, something unpacked, a call by the framework); None when the function is handed to something that calls it."""
        if function in self.handed:
            return None
        target = self.graph.target(function) or function
        self._budget = _SITES
        return list(self._values(target, name, position, default, counted, {target}))

    def _values(self, target: str, name: str, position: int, default: str, counted: Callable[[str], bool],
                followed: Set[str]) -> Iterator[str]:
        """The code each counted call of `target` gives the parameter ("" for one that tells nothing); through
        a caller that passes its own `*args`/`**kwargs` on, the calls of that caller (up to `_FORWARDS` such
        callers in a chain, each followed once: a cycle tells nothing)."""
        if target in self.entry_points or target in self.handed:
            yield ""
            return
        for caller, codes in self._call_sites(target):
            if caller in self.tested or not counted(caller) or self.idle(caller):
                continue
            self._budget -= 1
            if self._budget < 0:
                yield ""  # too many calls to look at: tells nothing
                return
            value, onward = passed_code(codes, name, position, default)
            own = own_parameter(value)
            if caller == target and own is not None and own[0] == name:
                continue  # passes its own value on
            if own is not None and caller not in followed and len(followed) <= _FORWARDS:
                slot = own[1] if own[1] < 0 or not self._is_method(caller) else own[1] - 1 if own[1] else -2
                if slot < -1:
                    yield ""  # it passes on its `self`
                    continue
                # a caller nobody calls (an API of the package, a callback) may be given anything
                yield from list(self._values(caller, own[0], slot, own[2], counted, followed | {caller})) or [""]
                continue
            if onward is None:
                yield value
                continue
            if onward >= 0 and self._is_method(caller):
                onward = onward - 1 if onward else -2  # `self` is not among a method call's arguments
            if onward < -1 or caller in followed or len(followed) > _FORWARDS:
                yield ""  # its `*args` would take `self` too; a cycle; too deep
                continue
            yield from self._values(caller, name, onward, default, counted, followed | {caller})

    def _is_method(self, qualname: str) -> bool:
        """A method called on an instance: its first parameter is not among a call's arguments."""
        function = self.graph.index.functions.get(qualname)
        return qualname.rpartition(".")[0] in self.graph.index.classes and function is not None \
            and _STATIC not in function.decorators

    def _call_sites(self, target: str) -> Iterator[Tuple[str, List[str]]]:
        """(caller, argument codes) of each call that resolves to `target` or to a base class's method it
        overrides, or may run one of them among others (such a call may run it), and, for a method, of each
        call of its name on a receiver of no known type (of `__init__`: outside a class's methods, or in one of
        a class derived from its own); a call without arguments has none."""
        index = self.graph.index
        owner, _, local = target.rpartition(".")
        callees = dispatch_targets(index, target)
        callers = self.graph.callers()
        for caller in sorted({caller for callee in callees for caller in callers.get(callee, ())}):
            function = index.functions[caller]
            names = [name for name in function.calls if callees.intersection(self.graph.targets(name))]  # may run others too
            sites = [(callee, codes.split(",")) for callee, codes in call_arguments(function.tags) if callee in names]
            padding = [[] for _ in range(len(names) - len(sites))]
            for callee, codes in sites:
                if self._through_class(caller, callee, codes):  # `Client.__init__(self, host)`: runs that method only
                    if target in self.graph.targets(callee):
                        yield caller, codes[1:]
                else:
                    yield caller, codes
            yield from ((caller, codes) for codes in padding)
        yield from computed_lookup_sites(index).get(target, ())
        if owner in index.classes:
            sites = untyped_call_sites(index).get(local, ())
            yield from (site for site in sites if local != "__init__" or self._may_construct(site[0], owner))

    def _through_class(self, caller: str, callee: str, codes: List[str]) -> bool:
        """A method's call through its class passing the caller's own instance first (`Client.__init__(self, host)` in
        a method of a class derived from `Client`): it runs that class's method, with the arguments after the instance."""
        cls, owner = caller.rpartition(".")[0], (self.graph.target(callee) or callee).rpartition(".")[0]
        first = own_parameter(codes[0]) if codes else None
        return first is not None and first[1] == 0 and self._is_method(caller) and self._is_method(self.graph.target(callee) or callee) \
            and (owner == cls or owner in class_ancestors(self.graph.index, cls))

    def _may_construct(self, caller: str, owner: str) -> bool:
        """A call of `__init__` on a receiver of no known type (`super().__init__(...)`) in a method of another
        class runs the owner's only when that class derives from it."""
        cls = caller.rpartition(".")[0]
        return cls not in self.graph.index.classes or owner in class_ancestors(self.graph.index, cls)


def _uncounted(index) -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """(test code, what is handed to something that calls it): the callers that do not count and the functions
    whose calls do not decide, the same for every ParamGuards of the run (built once)."""
    tests = test_modules(index)
    tested = {name for module_name, module in index.modules.items() if module_name in tests for name in module.functions}
    cases = {cls for module_name, module in index.modules.items() if module_name not in tests
             for cls, bases in module.classes.items() if any(index.module_of(base) in tests for base in bases)}
    tested |= {name for name in index.functions if name.rpartition(".")[0] in cases}
    handed = {target for function in index.functions.values() for target in (*function.handoffs, *function.spawned)}
    return frozenset(tested), frozenset(handed)


def dispatch_targets(index, target: str) -> Set[str]:
    """`target` and the base classes' methods it overrides: a call that resolves to any of them may run it."""
    owner, _, local = target.rpartition(".")
    overridden = [f"{base}.{local}" for base in class_ancestors(index, owner)] if owner in index.classes else []
    return {target, *(name for name in overridden if name in index.functions)}


def untyped_call_sites(index) -> Dict[str, List[Tuple[str, List[str]]]]:
    """Method name -> (caller, argument codes) of each call of it on a receiver of no known type, built once."""

    def build() -> Dict[str, List[Tuple[str, List[str]]]]:
        found: Dict[str, List[Tuple[str, List[str]]]] = {}
        for caller, tags in index.tagged(CALL_ARGS).items():
            for tag in tags:
                if tag.startswith(UNTYPED_CALL):  # `?.<method>=<codes>`
                    callee, _, codes = tag.partition("=")
                    found.setdefault(callee[len(UNTYPED_CALL):], []).append((caller, codes.split(",") if codes else []))
        return found

    return index.derived("untyped-call-sites", build)


def computed_lookup_sites(index) -> Dict[str, List[Tuple[str, List[str]]]]:
    """Function -> (caller, argument codes) of each call of what `getattr(module, <computed name>)` looks up on a
    project module binding it (its own function, or one it imports under any name) that those arguments may run, built once."""

    def build() -> Dict[str, List[Tuple[str, List[str]]]]:
        bound: Dict[str, Set[str]] = {}
        for name in index.functions:
            owner = name.rpartition(".")[0]
            if owner in index.modules:
                bound.setdefault(owner, set()).add(name)
        found: Dict[str, List[Tuple[str, List[str]]]] = {}
        for caller, tags in index.tagged(CALL_ARGS).items():
            for tag in tags:
                if not tag.startswith(BY_COMPUTED_NAME):
                    continue
                receiver, _, text = tag[len(BY_COMPUTED_NAME):].partition("=")
                module = index.modules.get(receiver)
                if module is None:
                    continue
                codes = text.split(",") if text else []
                names = bound.get(receiver, set()) | {target for target in module.imports.values() if target in index.functions}
                for name in sorted(names):
                    if may_run(codes, index.functions[name]):
                        found.setdefault(name, []).append((caller, codes))
        loose = _passed_elsewhere(index, found)
        return {name: [(caller, ["**"] if name in loose else codes) for caller, codes in sites] for name, sites in found.items()}

    return index.derived("computed-lookup-sites", build)


def _passed_elsewhere(index, functions: Collection[str]) -> Set[str]:
    """Those of `functions` whose name service code uses as a value (passed, stored, returned: name_uses.py) more often
    than module-level aliases account for (`mps = update_mps_from_ourcommons` beside its import): code the project does
    not show may call them with anything, so a lookup of one counts as a call passing unknown arguments."""
    tests = test_modules(index)
    served = [module for name, module in index.modules.items() if name not in tests]
    found = set()
    for function in functions:
        local = function.rpartition(".")[2]
        uses = sum(module.value_uses.get(local, 0) for module in served)
        aliases = sum(1 for module in served if module.imports.get(local) == function or f"{module.module}.{local}" == function
                      for name, target in module.imports.items() if target == function and name != local)
        if uses > aliases:
            found.add(function)
    return found


def computed_lookup_callees(index) -> Dict[str, FrozenSet[str]]:
    """Caller -> the functions its calls by a computed name on a project module may run (`computed_lookup_sites`)."""

    def build() -> Dict[str, FrozenSet[str]]:
        found: Dict[str, Set[str]] = {}
        for callee, sites in computed_lookup_sites(index).items():
            for caller, _ in sites:
                found.setdefault(caller, set()).add(callee)
        return {caller: frozenset(callees) for caller, callees in found.items()}

    return index.derived("computed-lookup-callees", build)


def run_elsewhere(analysis) -> Set[Optional[str]]:
    """What runs with no project caller's say: entry points, batch contexts, functions handed to a thread, an
    executor or another process (no deadline or switch of a caller reaches them)."""
    graph = analysis.graph
    return {*analysis.model.seeds, *analysis.model.batch,
            *(graph.target(handed) for function in analysis.index.functions.values() for handed in (*function.handoffs, *function.spawned))}


def calls_of(analysis, callers: Dict[str, FrozenSet[str]], name: str, tests: Set[str]) -> Tuple[Set[str], Optional[str], Dict[str, int]]:
    """The calls that may run `name` outside tests: the functions a call of it may resolve to (it and the base
    methods it overrides), the key of a call of a method's name on a receiver of no known type (`?.pay_invoice`),
    and caller -> how many such calls it makes. `callers` is the call graph's reverse (CallGraph.callers)."""
    index, graph = analysis.index, analysis.graph
    callees = dispatch_targets(index, name)
    owner, _, local = name.rpartition(".")
    untyped = UNTYPED_CALL + local if owner in index.classes else None  # `?.pay_invoice` may run it
    function = index.functions.get(name)
    by_name = Counter(caller for caller, codes in untyped_call_sites(index).get(local, ()) if function is None or may_run(codes, function)) \
        if untyped else Counter()
    counts: Dict[str, int] = {}
    for caller in {caller for callee in callees for caller in callers.get(callee, ())} | set(by_name):
        if index.module_of(caller) not in tests:
            counts[caller] = by_name[caller] + sum(1 for call in index.functions[caller].calls if graph.target(call) in callees)
    return callees, untyped, counts


def may_run(codes: Sequence[str], method) -> bool:
    """Whether a call with these argument codes may run `method`: one that gives fewer arguments than the method
    requires (its receiver aside) would raise TypeError, so it calls another class's method of that name
    (FACT_core: `db.get_analysis(uid, name)` on a session is not a plug-in's `get_analysis(file, paths, analyses)`)."""
    if any(code.startswith("*") for code in codes):
        return True
    required = next((int(tag[len(REQUIRED_PARAMETERS):]) for tag in method.tags if tag.startswith(REQUIRED_PARAMETERS)), 0)
    return len(codes) >= required - (0 if _STATIC in method.decorators else 1)


def spread_down_calls(analysis, seeds: Collection[str], bounded: Set[str], holds: Callable[[str], bool]) -> FrozenSet[str]:
    """From `seeds` down the call graph (a method to its overrides too), the functions `holds` accepts, added to
    `bounded` as they are found: a function is looked at again whenever a caller of it is accepted (green_deadline.py, join_deadline.py: what only
    bounded runs reach is bounded too)."""
    queue = sorted(seeds, reverse=True)
    overriding = overriders(analysis.index)
    while queue:
        name = queue.pop()
        if name not in bounded and name in analysis.index.functions and holds(name):
            bounded.add(name)
            queue.extend(analysis.graph.callees(name))
            queue.extend(overriding.get(name, ()))  # a call of a base method may run a subclass's (calls_of)
    return frozenset(bounded)


def overriders(index) -> Dict[str, List[str]]:
    """Base method -> the project methods overriding it (the inverse of `dispatch_targets`), built once."""

    def build() -> Dict[str, List[str]]:
        found: Dict[str, List[str]] = {}
        for name in index.functions:
            for base in sorted(dispatch_targets(index, name) - {name}):
                found.setdefault(base, []).append(name)
        return found

    return index.derived("overriders", build)
