"""Which rules exist: the built-in ones and those installed packages register."""

from __future__ import annotations

import difflib
import sys
from typing import Dict, Iterable, List, Optional, Sequence, Set

from prr_lint.rules.base import RuleClass

ENTRY_POINT_GROUP = "prr_lint.rules"


class UnknownSelector(ValueError):
    """A selector names no rule; carries the closest valid spelling when there is one."""

    def __init__(self, selector: str, suggestion: Optional[str]) -> None:
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        super().__init__(f"unknown rule selector '{selector}'{hint}")
        self.selector = selector
        self.suggestion = suggestion


class Registry:
    """Rules by code, and the expansion of selectors (code, prefix, name, ALL) into codes."""

    def __init__(self, rules: Iterable[RuleClass]) -> None:
        self._by_code: Dict[str, RuleClass] = {}
        self._by_name: Dict[str, RuleClass] = {}
        for rule in rules:
            if rule.code in self._by_code:
                raise ValueError(f"two rules claim the code {rule.code}")
            self._by_code[rule.code] = rule
            self._by_name[rule.name] = rule

    def __iter__(self):
        return iter(sorted(self._by_code.values(), key=lambda rule: rule.code))

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    def get(self, code: str) -> RuleClass:
        return self._by_code[code]

    def find(self, code_or_name: str) -> Optional[RuleClass]:
        return self._by_code.get(code_or_name.upper()) or self._by_name.get(code_or_name)

    def codes(self) -> List[str]:
        return sorted(self._by_code)

    def expand(self, selector: str) -> Set[str]:
        """The codes a selector stands for; raises UnknownSelector when it names nothing."""
        if selector == "ALL":
            return set(self._by_code)
        if selector in self._by_name:
            return {self._by_name[selector].code}
        upper = selector.upper()
        if upper.startswith("PRR"):
            matched = {code for code in self._by_code if code.startswith(upper)}
            if matched:
                return matched
        raise UnknownSelector(selector, self.suggest(selector))

    def suggest(self, selector: str) -> Optional[str]:
        candidates = ["ALL", *self._by_code, *self._by_name]
        close = difflib.get_close_matches(selector, candidates, n=1, cutoff=0.6)
        return close[0] if close else None

    def select(self, select: Sequence[str], extend_select: Sequence[str], ignore: Sequence[str]) -> List[str]:
        """Enabled codes: `select` (default: the rules enabled by default) plus `extend-select`, minus `ignore`."""
        if select:
            chosen = set().union(*(self.expand(s) for s in select))
        else:
            chosen = {code for code, rule in self._by_code.items() if rule.default_enabled}
        chosen |= set().union(*(self.expand(s) for s in extend_select)) if extend_select else set()
        chosen -= set().union(*(self.expand(s) for s in ignore)) if ignore else set()
        return sorted(chosen)


def _plugin_rules() -> List[RuleClass]:
    from importlib.metadata import entry_points

    if sys.version_info >= (3, 10):
        found = entry_points(group=ENTRY_POINT_GROUP)
    else:
        found = entry_points().get(ENTRY_POINT_GROUP, [])
    rules: List[RuleClass] = []
    for entry in sorted(found, key=lambda e: e.name):
        loaded = entry.load()
        rules.extend(loaded if isinstance(loaded, (list, tuple)) else [loaded])
    return rules


def default_registry() -> Registry:
    """The built-in rules plus every rule registered under the `prr_lint.rules` entry-point group."""
    from prr_lint.rules import BUILTIN_RULES

    return Registry([*BUILTIN_RULES, *_plugin_rules()])
