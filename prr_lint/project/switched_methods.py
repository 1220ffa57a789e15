"""Methods that only calls under a switch that is off run: the project half of the `runs:` switch key.

A `self` attribute that the class leaves false but for one method that sets it to `True` is a switch that is on
only once that method ran (rules/config_switches.py: `if not self.enabled: return` in tabbyapi's
`XLogger._commit`, whose `setup` alone enables it). When every call of that method runs only under a switch every
shipped configuration leaves off (`if config.developer.seqlog: xlogger.setup(...)`, seqlog false by default), the
attribute stays false and what it guards never runs. The method's calls are those project/param_guards.calls_of
counts (calls that resolve to it or to a base method it overrides, and calls of its name on a receiver of no known
type), outside tests; each must carry a `switched-call:` tag (rules/switched_calls.py) whose keys the same
SwitchView turns off. The switch stays on when the method has no such call, when code the project does not show
may call it (an entry point, a function handed to something that runs it, a registering decorator, an export, a
look-up by name, a use as a value: param_switches.py), and when a `setattr` sets the attribute by its name.
"""

from __future__ import annotations

from typing import Callable

from prr_lint.model import UNTYPED_CALL
from prr_lint.project.param_guards import calls_of, run_elsewhere
from prr_lint.project.param_switches import ParamSwitches
from prr_lint.project.support import test_modules
from prr_lint.rules.switched_calls import SWITCHED_CALL
from prr_lint.switch_keys import RUNS


class SwitchedMethods:
    """Whether a `runs:<method>/<attribute>` key is off (built once per run, on the first key asked)."""

    def __init__(self, analysis, params: ParamSwitches) -> None:
        self.analysis = analysis
        self.params = params
        self.tests = test_modules(analysis.index)
        self.elsewhere = run_elsewhere(analysis)
        self.callers = analysis.graph.callers()

    def off(self, key: str, off: Callable[[str], bool]) -> bool:
        """Every call of the method is under a switch `off` turns off, and nothing else may run it."""
        method = key[len(RUNS):].rpartition("/")[0]
        index, graph = self.analysis.index, self.analysis.graph
        if method not in index.functions or method in self.elsewhere or self.params.callable_elsewhere(method):
            return False
        callees, untyped, counts = calls_of(self.analysis, self.callers, method, self.tests)
        for caller, calls in counts.items():
            switched = sum(1 for tag in index.functions[caller].tags if tag.startswith(SWITCHED_CALL)
                           for name, _, keys in [tag[len(SWITCHED_CALL):].rpartition("=")]
                           if (name == untyped or not name.startswith(UNTYPED_CALL) and graph.target(name) in callees)
                           and any(off(one) for one in keys.split("|")))
            if switched < calls:
                return False
        return any(counts.values())
