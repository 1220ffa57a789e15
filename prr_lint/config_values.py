"""Configuration value kinds: what a key may hold, and the check that converts a TOML value into it.

A failed check raises `Invalid` with a one-line problem and the key path inside the value; config.py
turns it into a `ConfigError` naming the file and the whole dotted key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from prr_lint.doc_links import url_problem
from prr_lint.model import Severity
from prr_lint.patterns import gitignore_spec
from prr_lint.registry import Registry, UnknownSelector

SEVERITIES = tuple(level.value for level in Severity)


class Invalid(Exception):
    """A value failed its check; `keys` extends the dotted key of the value being checked."""

    def __init__(self, problem: str, keys: Tuple[str, ...] = ()) -> None:
        super().__init__(problem)
        self.keys = keys


@dataclass(frozen=True)
class Kind:
    """A value type: the name the README and error messages use, and the check that converts a TOML value."""

    name: str
    convert: Callable[[Any, "Option", Registry], Any]


@dataclass(frozen=True)
class Option:
    """One configuration key."""

    kind: Kind
    default: Any
    doc: str
    choices: Tuple[str, ...] = ()
    minimum: Optional[int] = None
    maximum: Optional[int] = None


def _expect(ok: bool, expected: str, value: Any, where: str = "") -> None:
    if not ok:
        raise Invalid(f"expected {expected}, got {type(value).__name__}{where}")


def did_you_mean(word: str, candidates: Sequence[str]) -> str:
    """A ' (did you mean ...)' hint, trying the kebab-case spelling of a snake_case key first."""
    kebab = word.replace("_", "-")
    if kebab != word and kebab in candidates:
        return f" (did you mean '{kebab}'?)"
    from difflib import get_close_matches  # only on the way to an error message

    close = get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _bool(value: Any, option: Option, registry: Registry) -> bool:
    _expect(isinstance(value, bool), "a boolean", value)
    return value


def _int(value: Any, option: Option, registry: Registry) -> int:
    _expect(isinstance(value, int) and not isinstance(value, bool), "an integer", value)
    if option.minimum is not None and value < option.minimum:
        raise Invalid(f"must be at least {option.minimum}, got {value}")
    if option.maximum is not None and value > option.maximum:
        raise Invalid(f"must be at most {option.maximum}, got {value}")
    return value


def _seconds(value: Any, option: Option, registry: Registry) -> float:
    _expect(isinstance(value, (int, float)) and not isinstance(value, bool), "a number of seconds", value)
    if not 0 < value < float("inf"):
        raise Invalid(f"must be a positive number of seconds, got {value}")
    return float(value)


def _str(value: Any, option: Option, registry: Registry) -> str:
    _expect(isinstance(value, str), "a string", value)
    return value


def _one_of(value: Any, choices: Sequence[str]) -> str:
    """A case-insensitive choice, returned in lower case."""
    expected = "one of " + ", ".join(f"'{choice}'" for choice in choices)
    _expect(isinstance(value, str), expected, value)
    if value.lower() not in choices:
        raise Invalid(f"expected {expected}, got '{value}'{did_you_mean(value.lower(), choices)}")
    return value.lower()


def _choice(value: Any, option: Option, registry: Registry) -> str:
    return _one_of(value, option.choices)


def _severity(value: Any, option: Optional[Option] = None, registry: Optional[Registry] = None) -> Severity:
    return Severity.parse(_one_of(value, SEVERITIES))


def _str_list(value: Any, option: Optional[Option] = None, registry: Optional[Registry] = None) -> Tuple[str, ...]:
    _expect(isinstance(value, list), "a list of strings", value)
    for index, item in enumerate(value):
        _expect(isinstance(item, str), "a list of strings", item, f" at index {index}")
    return tuple(value)


def _patterns(value: Any, option: Option, registry: Registry) -> Tuple[str, ...]:
    patterns = _str_list(value)
    for pattern in patterns:
        _check_pattern(pattern)
    return patterns


def _check_pattern(pattern: str) -> None:
    """Rejects patterns pathspec cannot compile, and blank or comment lines that would match nothing."""
    try:
        spec = gitignore_spec([pattern.lstrip("!") or "!"])
    except ValueError:
        spec = None
    if spec is None or spec.patterns[0].include is None:
        raise Invalid(f"invalid path pattern '{pattern}'")


def _selectors(value: Any, option: Option, registry: Registry) -> Tuple[str, ...]:
    selectors = _str_list(value)
    for selector in selectors:
        try:
            registry.expand(selector)
        except UnknownSelector as exc:
            raise Invalid(str(exc)) from None
    return selectors


def _url(value: Any, option: Option, registry: Registry) -> str:
    _expect(isinstance(value, str), "a string", value)
    problem = url_problem(value)
    if problem:
        raise Invalid(problem)
    return value


def _table(value: Any) -> Dict[str, Any]:
    _expect(isinstance(value, dict), "a table", value)
    return value


def _entries(value: Any, convert: Callable[[Any], Any]) -> Dict[str, Any]:
    """Converts each value of a table, naming the entry in the key path when one fails."""
    converted = {}
    for key, item in _table(value).items():
        try:
            converted[key] = convert(item)
        except Invalid as exc:
            raise Invalid(str(exc), (key, *exc.keys)) from None
    return converted


def _rule_code(key: str, registry: Registry) -> str:
    code = registry.code_of(key)
    if code is None:
        raise Invalid(f"unknown rule '{key}'{did_you_mean(key, [*registry.codes(), *_names(registry)])}", (key,))
    return code


def _names(registry: Registry) -> List[str]:
    return [rule.name for rule in registry.catalogue()]


def _per_file_selectors(value: Any, option: Option, registry: Registry) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    def convert(item: Any) -> Tuple[str, ...]:
        return _selectors(item, option, registry)

    table = _entries(value, convert)
    for pattern in table:
        try:
            _check_pattern(pattern)
        except Invalid as exc:
            raise Invalid(str(exc), (pattern,)) from None
    return tuple(table.items())


def _severity_table(value: Any, option: Option, registry: Registry) -> Dict[str, Severity]:
    levels = _entries(value, _severity)
    return {_rule_code(key, registry): level for key, level in levels.items()}


def _rule_lists(value: Any, option: Option, registry: Registry) -> Dict[str, Tuple[str, ...]]:
    lists = _entries(value, _str_list)
    return {_rule_code(key, registry): items for key, items in lists.items()}


def _str_lists(value: Any, option: Option, registry: Registry) -> Dict[str, Tuple[str, ...]]:
    return _entries(value, _str_list)


def _str_table(value: Any, option: Option, registry: Registry) -> Dict[str, str]:
    return _entries(value, lambda item: _str(item, option, registry))


def _int_table(value: Any, option: Option, registry: Registry) -> Dict[str, int]:
    return _entries(value, lambda item: _int(item, option, registry))


BOOL = Kind("boolean", _bool)
INT = Kind("integer", _int)
SECONDS = Kind("number of seconds", _seconds)
STR = Kind("string", _str)
CHOICE = Kind("string (one of the choices)", _choice)
SEVERITY = Kind("severity ('error', 'warning' or 'note')", _severity)
STR_LIST = Kind("list of strings", _str_list)
URL = Kind("http(s) URL", _url)
PATTERNS = Kind("list of gitignore-style patterns", _patterns)
SELECTORS = Kind("list of rule selectors (code, prefix, name or ALL)", _selectors)
PER_FILE_SELECTORS = Kind("table: gitignore-style pattern -> list of rule selectors", _per_file_selectors)
SEVERITY_TABLE = Kind("table: rule code or name -> severity", _severity_table)
RULE_LISTS = Kind("table: rule code or name -> list of strings", _rule_lists)
STR_LISTS = Kind("table: string -> list of strings", _str_lists)
STR_TABLE = Kind("table: string -> string", _str_table)
INT_TABLE = Kind("table: string -> integer", _int_table)
