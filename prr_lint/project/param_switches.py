"""Parameters no caller turns on: the project half of rules/param_switches.py (`param:` switch keys).

`if ping:` in `ClientComposition.__init__(self, endpoint, ping=False)` is a switch like a configuration key:
it is off when every call of the function in the project leaves `ping` at its false default (or passes a
false literal, or an INI switch every shipped file leaves off, or a module global bound to an environment switch that
is off, as for PRR501's guards: param_guards.py `switch_truth`; of a parameter with a true default, every call passes a
false one), and then what only that branch calls is switched off for every rule that searches the
switched-off reach (project/switched_reach.py: PRR501, PRR502; project/blocking.py: PRR505). The calls are
those project/param_guards.py counts, read from the summaries' `call-args:` tags once for the run: calls that
resolve to the function (a class's instantiation for `__init__`, a base's method it overrides), calls of its
name on a receiver of no known type for a method, an ambiguous call that may run it among others; a caller
that passes its own parameter or `*args`/`**kwargs` on is decided by its own calls; test code's calls do not
count, nor do those of code no process runs (PRR501's dead code: `update_mps_from_represent(download_headshots=False)`
passing its own flag on, which nothing names). The switch stays on when any call passes something else (a true or computed value, an unpacked
`*args`/`**opts`), when no call outside tests is known (a function nobody calls may be public API), and when
the function may be called from code the project does not show: an entry point, a function handed to
something that runs it, one with a decorator other than `staticmethod`/`classmethod` (it may register it), a
method of a class with a decorator or a metaclass of its own (for `__init__`), a function any module's
`__all__` exports, looks up by name (`getattr(x, "name")`) or uses as a value by its name (passed, stored,
returned, a class's base: name_uses.py; any namesake counts, and for `__init__` the class's name, but not as the base
of a project class with an `__init__` of its own, which runs the base's only through the calls the project shows).

The same calls say whether a parameter defaulting to a loopback address stays one (`loopback`, PRR501's
`parameter:` keys, socket_targets.parameter_through): every counted call leaves it at its default or passes a
loopback literal (`host="http://localhost"`) or a configuration key found loopback (`self.opt.TTS_SERVER`). When
some call is known and nothing the project does not show may call the function (the test `off` asks), the code
fixes the value, for a constructor and a plain function or method alike, and for a parameter with no default too.
Otherwise code the project does not show may call the function: a loader that builds it from a configuration file's
section (`getattr(outputs, kind)(name, **options)`) passes what that file gives the name, which project/switches.py
reads from the shipped files.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Optional, Set, Tuple

from prr_lint.loopback_hosts import loopback_address
from prr_lint.project.env_globals import Switches
from prr_lint.project.param_guards import ParamGuards, switch_truth
from prr_lint.project.support import test_modules
from prr_lint.rules.param_guards import PARAM_GUARD
from prr_lint.socket_targets import REQUIRED
from prr_lint.switch_keys import PARAM_SET

_NOT_REGISTERING = frozenset({"builtins.staticmethod", "builtins.classmethod", "staticmethod", "classmethod"})
# The code a call that leaves a parameter at its default gives it, in `loopback` (no value code spells it).
_DEFAULT = "d"


def _parse(key: str) -> Optional[Tuple[str, str, str, str]]:
    """(function, parameter, position, default) of a `param:<function>/<name>@<position>/<default>` key (or `param-set:`)."""
    parts = key.partition(":")[2].split("/")
    if len(parts) != 3 or "@" not in parts[1]:
        return None
    name, _, position = parts[1].partition("@")
    return parts[0], name, position, parts[2]


def _loopback_code(value: str, read: Callable[[str], bool], defaulted: bool) -> bool:
    """A call's code for a value that is a loopback address (rules/param_guards.py): the parameter's own loopback
    default, a literal (`s`, `h`), or a configuration key's attribute (`k<KEY>`) that `read` finds loopback."""
    if value == _DEFAULT:
        return defaulted
    return value[:1] == "s" and loopback_address(value[1:]) or value == "h" or value[:1] == "k" and read(value[1:])


def _idle(analysis, caller: str) -> bool:
    """PRR501's dead code (dead_code.py): no process runs it, so its calls turn nothing on."""
    from prr_lint.project.scope import NonServing  # scope.py reaches this module through its switches

    return analysis.derived("non-serving", lambda: NonServing(analysis)).dead(caller, "PRR501")


class ParamSwitches:
    """Whether a `param:` key is off in the project (built once per run, on the first key asked)."""

    def __init__(self, analysis, view: Callable[[], Switches]) -> None:
        """`view`: the run's switch view, by which an INI switch or an environment global a call passes decides as a
        literal would (param_guards.py `switch_truth`)."""
        self.index = analysis.index
        self.guards = ParamGuards(analysis.graph, analysis.model.seeds, lambda caller: _idle(analysis, caller), switch_truth(view))
        tests = self.tests = test_modules(self.index)
        served = [module for name, module in self.index.modules.items() if name not in tests]
        self.value_uses: Counter = Counter()
        self.by_name: Set[str] = set()
        self.exported: Set[str] = set()
        self._overriders: Optional[Counter] = None  # base -> its overriding classes (`_overriding`)
        for module in served:
            self.value_uses.update(module.value_uses)
            self.by_name.update(module.by_name)
            self.exported.update(module.exports)

    def off(self, key: str, counted: Callable[[str], bool] = lambda caller: True) -> bool:
        """No call the project counts (of the callers `counted` accepts) gives the parameter a true value, and nothing
        else may call the function."""
        parsed = _parse(key)
        if parsed is None or parsed[0] not in self.index.functions or self.callable_elsewhere(parsed[0]):
            return False
        function, name, position, default = parsed
        test = "!N" if key.startswith(PARAM_SET) else "T"  # `param-set:`: the caller's value is not None
        return self.guards.unreachable([f"{PARAM_GUARD}{function}={name}@{position}:{test}:{default}"], counted)

    def loopback(self, key: str, read: Callable[[str], bool]) -> Optional[bool]:
        """`<function>/<name>@<position>` of a parameter defaulting to a loopback address, or with no default
        (`REQUIRED`): whether every call the project makes outside tests gives it one (leaves the default, passes a
        loopback literal, or a configuration key `read` finds loopback: `self.opt.TTS_SERVER`). True when they do
        and nothing else may call the function (`callable_elsewhere`): the code fixes the value. None when they do
        but the project shows no call, or code it does not show may call it (a loader handing it configured values:
        the shipped files' values for the name decide, project/switches.py); False otherwise, and for a
        parameter with no default that only such code may fill."""
        function, _, rest = key.partition("/")
        name, _, position = rest.partition("@")
        required = position.endswith(REQUIRED)
        position = position.removesuffix(REQUIRED)
        if function not in self.index.functions or not position.lstrip("-").isdigit():
            return False
        values = self.guards.given(function, name, int(position), _DEFAULT)
        if values is None or not all(_loopback_code(value, read, not required) for value in values):
            return False
        if values and not self.callable_elsewhere(function):
            return True
        return False if required else None

    def callable_elsewhere(self, function: str) -> bool:
        """Code the project does not show may call it: a registering decorator, an export, a use as a value."""
        summary = self.index.functions[function]
        if any(decorator not in _NOT_REGISTERING for decorator in summary.decorators):
            return True
        owner, _, local = function.rpartition(".")
        names, bases = {local}, 0
        if owner in self.index.classes and local == "__init__":
            module = self.index.modules.get(self.index.module_of(owner))
            if module is None or module.class_decorators.get(owner) or module.metaclasses.get(owner):
                return True
            names, bases = {owner.rpartition(".")[2]}, self._overriding(owner)
        return any(self.value_uses[name] > bases or name in self.by_name or name in self.exported for name in names)

    def _overriding(self, owner: str) -> int:
        """How many of the project's classes outside tests name `owner` as a base and define their own `__init__`:
        building one runs that `__init__`, and the base's only through the calls it shows (`Client.__init__(self, ...)`).
        Counted for every base at once, on the first question."""
        if self._overriders is None:
            self._overriders = Counter(base for cls, bases in self.index.classes.items()
                                       if f"{cls}.__init__" in self.index.functions and self.index.module_of(cls) not in self.tests
                                       for base in set(bases))
        return self._overriders[owner]
