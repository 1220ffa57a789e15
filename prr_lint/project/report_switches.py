"""The parameter switches of the project's reporter helpers: a helper that reports only for some values of a parameter.

A helper's summary carries the switches it has itself (`reports-if:<param>@<position>:<test>:<default>`,
rules/report_calls.py): it writes the stack under `if print_exception:`, or writes a parameter to the process's output,
which is the stack when a call hands it the text of a traceback (`=x`). A function that passes its own parameter on,
unchanged, to such a parameter of a function it calls has the switch too, for its own parameter: `def logmessage(message):
return the_logmessage(message)` with `the_logmessage = default_logmessage` writes what its callers give it, as
`default_logmessage` does; so does one whose call through a module-level name passes it on to a function start-up code
binds to that name (project/startup_bindings.py). A call reports when the value it gives some switch's parameter holds
its test.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Tuple

from prr_lint.model import REPORTS_IF
from prr_lint.project.call_args import passed_arguments
from prr_lint.project.index import ProjectIndex
from prr_lint.project.param_guards import own_parameter, passed_code
from prr_lint.project.startup_bindings import rebound_calls
from prr_lint.rules.param_guards import CALL_ARGS, holds
from prr_lint.startup_bindings import THROUGH_GLOBAL

_STATIC = "builtins.staticmethod"
_ROUNDS = 4  # how many functions a switch is passed on through, one a round


def report_switches(index: ProjectIndex, resolve: Callable[[str], Optional[str]]) -> Dict[str, Tuple[str, ...]]:
    """Each project function's switches (`<param>@<position>:<test>:<default>`), its own and those it gets by passing
    a parameter on (module docstring); `resolve` names the project function a called name runs (cached per run)."""
    return index.derived("report-switches", lambda: _report_switches(index, resolve))


def switched_on(index: ProjectIndex, switches: Dict[str, Tuple[str, ...]], qualname: Optional[str], codes: str) -> bool:
    """The project function `qualname` has a switch that the value a call with these argument codes gives it holds
    (`log_error(msg, True)` for `if print_exception:`, `logmessage(trace)` with `trace = traceback.format_exc()`)."""
    passed = codes.split(",") if codes else []
    for switch in switches.get(qualname, ()) if qualname is not None else ():
        name, position, test, default = _parse(switch)
        if holds(passed_code(passed, name, position, default)[0], test):
            return True
    return False


def _parse(switch: str) -> Tuple[str, int, str, str]:
    name, _, rest = switch.partition("@")
    position, test, default = rest.split(":", 2)
    return name, int(position), test, default


def _report_switches(index: ProjectIndex, resolve: Callable[[str], Optional[str]]) -> Dict[str, Tuple[str, ...]]:
    switches = {qualname: tuple(found) for qualname, found in index.tagged(REPORTS_IF).items()}
    # Round by round a switch passes on to the callers of a function that got it the round before: each call
    # that passes arguments, with the function it resolves to, is listed once by its callee.
    passing = _passing_calls(index, resolve) if switches else {}
    fresh = dict(switches)
    for _ in range(_ROUNDS if switches else 0):
        added: Dict[str, Tuple[str, ...]] = {}
        for target, target_switches in fresh.items():
            for qualname, codes in passing.get(target, ()):
                for switch in target_switches:
                    own = _passed_on(index, qualname, codes, switch)
                    if own is not None and own not in switches.get(qualname, ()) + added.get(qualname, ()):
                        added[qualname] = added.get(qualname, ()) + (own,)
        if not added:
            break
        for qualname, found in added.items():
            switches[qualname] = switches.get(qualname, ()) + found
        fresh = added
    return switches


def _passing_calls(index: ProjectIndex, resolve: Callable[[str], Optional[str]]) -> Dict[str, List[Tuple[str, str]]]:
    """Project function -> (caller, argument codes) of each call that passes it arguments, directly or through a name
    start-up code rebinds (not a function's calls of itself); `resolve` is asked once per called name, in the order of
    the index's functions and their calls."""
    resolved: Dict[str, Optional[str]] = {}
    passing: Dict[str, List[Tuple[str, str]]] = {}
    with_arguments, through_names = index.tagged(CALL_ARGS), index.tagged(THROUGH_GLOBAL)  # the functions with such calls
    for qualname in (name for name in index.functions if name in with_arguments or name in through_names):
        for callee, codes in (*passed_arguments(index, qualname), *rebound_calls(index, qualname)):
            target = resolved[callee] if callee in resolved else resolved.setdefault(callee, resolve(callee))
            if target is not None and target != qualname:
                passing.setdefault(target, []).append((qualname, codes))
    return passing


def _passed_on(index: ProjectIndex, qualname: str, codes: str, switch: str) -> Optional[str]:
    """The switch `qualname` gets when a call of its with these codes passes its own parameter to `switch`'s."""
    name, position, test, default = _parse(switch)
    own = own_parameter(passed_code(codes.split(",") if codes else [], name, position, default)[0])
    if own is None:
        return None
    own_name, own_position, own_default = own
    if own_position >= 0 and _is_method(index, qualname):
        if own_position == 0:
            return None  # its `self`
        own_position -= 1  # a switch's position leaves a method's instance out
    return f"{own_name}@{own_position}:{test}:{own_default}"


def _is_method(index: ProjectIndex, qualname: str) -> bool:
    function = index.functions.get(qualname)
    return qualname.rpartition(".")[0] in index.classes and function is not None and _STATIC not in function.decorators
