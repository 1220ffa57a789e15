"""Which rules exist: the built-in ones and those installed packages register.

Selecting and validating rules needs only their codes, names and whether they are on by default.
A registry can start from that catalogue alone (`RuleInfo`, kept in the project's cache by
catalogue.py) and import a rule's module only when the rule itself is needed: a warm run, served
whole from the cache, imports neither the rules nor libcst.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from typing import TYPE_CHECKING, Dict, Iterable, List, NamedTuple, Optional, Sequence, Set, Union

if TYPE_CHECKING:
    from prr_lint.rules.base import RuleClass

ENTRY_POINT_GROUP = "prr_lint.rules"


class RuleInfo(NamedTuple):
    """A rule as the catalogue knows it, without importing it."""

    code: str
    name: str
    default_enabled: bool
    module: str
    qualname: str
    source: str = ""  # the file that defines it, for plug-ins (built-in rules: stamps.code_fingerprint)

    @classmethod
    def of(cls, rule: RuleClass) -> "RuleInfo":
        source = "" if rule.__module__.startswith("prr_lint.") else getattr(sys.modules.get(rule.__module__), "__file__", "") or ""
        return cls(rule.code, rule.name, rule.default_enabled, rule.__module__, rule.__qualname__, source)

    def load(self) -> RuleClass:
        found = import_module(self.module)
        for part in self.qualname.split("."):
            found = getattr(found, part)
        return found  # type: ignore[return-value]


class UnknownSelector(ValueError):
    """A selector names no rule; carries the closest valid spelling when there is one."""

    def __init__(self, selector: str, suggestion: Optional[str]) -> None:
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        super().__init__(f"unknown rule selector '{selector}'{hint}")
        self.selector = selector
        self.suggestion = suggestion


class Registry:
    """Rules by code, and the expansion of selectors (code, prefix, name, ALL) into codes."""

    def __init__(self, rules: Iterable[Union[RuleClass, RuleInfo]]) -> None:
        self._by_code: Dict[str, Union[RuleClass, RuleInfo]] = {}
        self._by_name: Dict[str, str] = {}
        for rule in rules:
            if rule.code in self._by_code:
                raise ValueError(f"two rules claim the code {rule.code}")
            self._by_code[rule.code] = rule
            self._by_name[rule.name] = rule.code

    def __iter__(self):
        return iter([self.get(code) for code in self.codes()])

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    def get(self, code: str) -> RuleClass:
        """The rule class, imported now if only its catalogue entry was known."""
        rule = self._by_code[code]
        if isinstance(rule, RuleInfo):
            rule = self._by_code[code] = rule.load()
        return rule

    def find(self, code_or_name: str) -> Optional[RuleClass]:
        code = self.code_of(code_or_name)
        return None if code is None else self.get(code)

    def code_of(self, code_or_name: str) -> Optional[str]:
        """The code of a rule named by code (any case) or name, without importing it."""
        upper = code_or_name.upper()
        return upper if upper in self._by_code else self._by_name.get(code_or_name)

    def catalogue(self) -> List[RuleInfo]:
        return [rule if isinstance(rule, RuleInfo) else RuleInfo.of(rule) for _, rule in sorted(self._by_code.items())]

    def plugin_fingerprint(self, codes: Iterable[str]) -> str:
        """The state of the files that define the plug-in rules among `codes` (stat only, no import):
        an upgraded plug-in must not be served its old results."""
        parts = []
        for code in codes:
            rule = self._by_code[code]
            info = rule if isinstance(rule, RuleInfo) else RuleInfo.of(rule)
            if info.source:
                try:
                    status = os.stat(info.source)
                    parts.append(f"{info.module}:{status.st_size}:{status.st_mtime_ns}")
                except OSError:
                    parts.append(f"{info.module}:gone")
        return "\n".join(parts)

    def codes(self) -> List[str]:
        return sorted(self._by_code)

    def expand(self, selector: str) -> Set[str]:
        """The codes a selector stands for; raises UnknownSelector when it names nothing."""
        if selector == "ALL":
            return set(self._by_code)
        if selector in self._by_name:
            return {self._by_name[selector]}
        upper = selector.upper()
        if upper.startswith("PRR"):
            matched = {code for code in self._by_code if code.startswith(upper)}
            if matched:
                return matched
        raise UnknownSelector(selector, self.suggest(selector))

    def suggest(self, selector: str) -> Optional[str]:
        candidates = ["ALL", *self._by_code, *self._by_name]
        from difflib import get_close_matches  # only on the way to an error message

        close = get_close_matches(selector, candidates, n=1, cutoff=0.6)
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


def default_registry(cache_directory: Optional[str] = None) -> Registry:
    """The built-in rules plus every rule registered under the `prr_lint.rules` entry-point group.

    With a cache directory, from the catalogue kept there when it is current (catalogue.py)."""
    from prr_lint import catalogue

    if cache_directory is not None:
        known = catalogue.load(cache_directory)
        if known is not None:
            return Registry([RuleInfo(*entry) for entry in known])
    from prr_lint.rules import BUILTIN_RULES

    registry = Registry([*BUILTIN_RULES, *_plugin_rules()])
    if cache_directory is not None:
        catalogue.save(cache_directory, [tuple(info) for info in registry.catalogue()])
    return registry
