"""Settings: where they come from, what they may say, and a one-line error for anything else.

Configuration is `[tool.prr-lint]` in a `pyproject.toml`, or the top level of a `prr-lint.toml`. Every key
is declared once, in `GENERAL` and `SECTIONS` below (type, default, allowed values, a one-line doc), so that
validation, defaults and the README all come from the same table. To add a knob, add an `Option` there.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

import pathspec

from prr_lint.checklist import ITEMS
from prr_lint.doc_links import project_docs_url, url_problem
from prr_lint.model import Severity
from prr_lint.registry import Registry, UnknownSelector

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

PYPROJECT = "pyproject.toml"
CONFIG_FILE = "prr-lint.toml"
PYPROJECT_TABLE = ("tool", "prr-lint")

DEFAULT_EXCLUDES: Tuple[str, ...] = (
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    "site-packages",
    "node_modules",
    "__pycache__",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".prr_lint_cache",
    ".pytest_cache",
    ".ruff_cache",
)
SCOPES = ("serving", "all")
SEVERITIES = tuple(level.value for level in Severity)


class ConfigError(Exception):
    """Invalid or unreadable configuration; the message is one line naming the file and the key at fault."""


class _Invalid(Exception):
    """A value failed its check; `keys` extends the dotted key of the value being checked."""

    def __init__(self, problem: str, keys: Tuple[str, ...] = ()) -> None:
        super().__init__(problem)
        self.keys = keys


# --- value kinds ---------------------------------------------------------------------------------------


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
        raise _Invalid(f"expected {expected}, got {type(value).__name__}{where}")


def _did_you_mean(word: str, candidates: Sequence[str]) -> str:
    """A ' (did you mean ...)' hint, trying the kebab-case spelling of a snake_case key first."""
    kebab = word.replace("_", "-")
    if kebab != word and kebab in candidates:
        return f" (did you mean '{kebab}'?)"
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _bool(value: Any, option: Option, registry: Registry) -> bool:
    _expect(isinstance(value, bool), "a boolean", value)
    return value


def _int(value: Any, option: Option, registry: Registry) -> int:
    _expect(isinstance(value, int) and not isinstance(value, bool), "an integer", value)
    if option.minimum is not None and value < option.minimum:
        raise _Invalid(f"must be at least {option.minimum}, got {value}")
    if option.maximum is not None and value > option.maximum:
        raise _Invalid(f"must be at most {option.maximum}, got {value}")
    return value


def _str(value: Any, option: Option, registry: Registry) -> str:
    _expect(isinstance(value, str), "a string", value)
    return value


def _one_of(value: Any, choices: Sequence[str]) -> str:
    """A case-insensitive choice, returned in lower case."""
    expected = "one of " + ", ".join(f"'{choice}'" for choice in choices)
    _expect(isinstance(value, str), expected, value)
    if value.lower() not in choices:
        raise _Invalid(f"expected {expected}, got '{value}'{_did_you_mean(value.lower(), choices)}")
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
        spec = pathspec.GitIgnoreSpec.from_lines([pattern.lstrip("!") or "!"])
    except ValueError:
        spec = None
    if spec is None or spec.patterns[0].include is None:
        raise _Invalid(f"invalid path pattern '{pattern}'")


def _selectors(value: Any, option: Option, registry: Registry) -> Tuple[str, ...]:
    selectors = _str_list(value)
    for selector in selectors:
        try:
            registry.expand(selector)
        except UnknownSelector as exc:
            raise _Invalid(str(exc)) from None
    return selectors


def _url(value: Any, option: Option, registry: Registry) -> str:
    _expect(isinstance(value, str), "a string", value)
    problem = url_problem(value)
    if problem:
        raise _Invalid(problem)
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
        except _Invalid as exc:
            raise _Invalid(str(exc), (key, *exc.keys)) from None
    return converted


def _rule_code(key: str, registry: Registry) -> str:
    rule = registry.find(key)
    if rule is None:
        raise _Invalid(f"unknown rule '{key}'{_did_you_mean(key, [*registry.codes(), *_names(registry)])}", (key,))
    return rule.code


def _names(registry: Registry) -> List[str]:
    return [rule.name for rule in registry]


def _per_file_selectors(value: Any, option: Option, registry: Registry) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    def convert(item: Any) -> Tuple[str, ...]:
        return _selectors(item, option, registry)

    table = _entries(value, convert)
    for pattern in table:
        try:
            _check_pattern(pattern)
        except _Invalid as exc:
            raise _Invalid(str(exc), (pattern,)) from None
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


# --- the schema ----------------------------------------------------------------------------------------

GENERAL: Dict[str, Option] = {
    "select": Option(SELECTORS, (), "Rules to run; empty means the rules enabled by default."),
    "extend-select": Option(SELECTORS, (), "Rules to run in addition to `select`."),
    "ignore": Option(SELECTORS, (), "Rules never to run; wins over `select` and `extend-select`."),
    "per-file-ignores": Option(
        PER_FILE_SELECTORS, (), "Rules ignored in the files a root-relative pattern matches ('!' negates it)."
    ),
    "exclude": Option(PATTERNS, DEFAULT_EXCLUDES, "Paths never walked into; replaces the defaults."),
    "extend-exclude": Option(PATTERNS, (), "Paths never walked into, in addition to `exclude`."),
    "respect-gitignore": Option(BOOL, True, "Skip files ignored by .gitignore and .git/info/exclude."),
    "src": Option(STR_LIST, (".", "src"), "Root-relative directories that module names are counted from."),
    "scope": Option(
        CHOICE,
        "serving",
        "'serving' leaves out PRR1xx/PRR401/PRR501 findings in code known not to be the service (tasks, commands,"
        " console and __main__ scripts, and code only they reach); 'all' keeps every finding.",
        SCOPES,
    ),
    "severity": Option(SEVERITY_TABLE, {}, "Severity per rule, overriding the rule's default."),
    "fail-on": Option(SEVERITY, Severity.WARNING, "Lowest severity that makes the run fail (exit code 1)."),
    "baseline": Option(STR, None, "Root-relative baseline file; only findings not in it are reported."),
    "require-reason": Option(BOOL, False, "Suppression comments must give a reason after the codes."),
    "docs-url": Option(
        URL,
        None,
        "URL of the page where you publish `prr-lint rules --format markdown`; reports link each rule to it"
        " with '#prr101' appended. Unset: the `prr-lint-docs` entry of [project.urls], else reports embed the docs.",
    ),
}

SECTIONS: Dict[str, Dict[str, Option]] = {
    "entrypoints": {
        "extra-decorators": Option(STR_LIST, (), "Decorator FQNs that make a function a request handler."),
        "extra-base-classes": Option(STR_LIST, (), "Base class FQNs whose public methods are request handlers."),
        "extra-registrars": Option(
            INT_TABLE,
            {},
            "Function FQN that registers a handler -> index of its positional handler argument (a class: its public"
            " methods).",
            minimum=0,
        ),
        "lambda-handlers": Option(STR_LIST, (), "AWS Lambda handlers as 'module.function'."),
        "batch-contexts": Option(STR_LIST, (), "Decorator or base class FQNs that mark batch (non-serving) code."),
    },
    "reachability": {
        "max-depth": Option(INT, 8, "Call depth searched from entry points.", minimum=1),
        "follow-import-side-effects": Option(
            BOOL, True, "Count module top-level code run on import as reachable from the importer."
        ),
    },
    "batch": {
        "modules": Option(STR_LIST, (), "Extra module or function FQNs of batch/offline systems."),
        "allow-calls": Option(STR_LIST, (), "Batch-client call FQNs that are fine on serving paths."),
        "ok-routes": Option(STR_LIST, (), "Route patterns (admin, reporting) allowed to use batch systems."),
        "optin-pandas": Option(BOOL, False, "Treat pandas SQL and remote-file readers as batch clients."),
    },
    "errors": {
        "report-sinks": Option(STR_LIST, (), "Extra function FQNs that count as reporting an error."),
        "logger-objects": Option(STR_LIST, (), "Extra FQNs of logger objects."),
        "logger-factories": Option(STR_LIST, (), "Extra FQNs of functions that return a logger."),
        "min-report-level": Option(
            CHOICE, "error", "Lowest log level that counts as reporting.", ("warning", "error", "critical")
        ),
        "dependency-errors": Option(STR_LIST, (), "Exception FQNs that mean a dependency failed."),
        "cache-receivers": Option(STR_LIST, (), "FQNs of caches whose failures may be swallowed."),
        "count-metrics-as-report": Option(BOOL, False, "A metric increment counts as reporting an error."),
    },
    "instrumentation": {
        "approved": Option(STR_LIST, (), "Extra FQNs of app-level instrumentation."),
        "external": Option(BOOL, False, "The service is instrumented outside Python (e.g. opentelemetry-instrument)."),
        "granularity": Option(CHOICE, "app", "Require instrumentation per app or per handler.", ("app", "handler")),
        "log-based-alerting": Option(BOOL, False, "Alerts are built on logs, so a logged degraded path is counted."),
    },
    "logging": {
        "bootstrap-modules": Option(STR_LIST, (), "Modules allowed to configure logging."),
        "approved-logger-factories": Option(STR_LIST, (), "Extra FQNs of approved logger factories."),
        "allow-file-handlers": Option(BOOL, False, "Allow logging to local files."),
        "structured": Option(CHOICE, "off", "Require structured (not eagerly formatted) logs.", ("off", "required")),
    },
    "timeouts": {
        "clients": Option(STR_LISTS, {}, "Client FQN -> keyword arguments that set its timeout."),
    },
    "qos": {
        "critical-targets": Option(STR_LIST, (), "Channel target patterns of critical remote services."),
        "min-dscp": Option(INT, 0, "Lowest DSCP value for channels to critical targets.", minimum=0, maximum=63),
        "required-metadata": Option(STR_LIST, (), "Metadata keys calls to critical targets must carry."),
    },
    "endpoints": {
        "non-serving-patterns": Option(STR_LIST, (), "Host or URL patterns of non-serving instances."),
        "non-serving-env-vars": Option(STR_LIST, (), "Environment variables that hold non-serving endpoints."),
    },
    "health": {
        "paths": Option(
            STR_LIST, ("/healthz", "/readyz", "/livez", "/health", "/ready"), "Routes that count as health checks."
        ),
    },
    "load-shedding": {
        "external": Option(BOOL, False, "Load is shed outside the service (mesh or proxy)."),
    },
    "checklist": {
        "items": Option(STR_TABLE, {}, "Your own checklist items: id -> title."),
        "rule-items": Option(RULE_LISTS, {}, "Rule code or name -> extra checklist item ids it maps to."),
    },
}


def _check_checklist(values: Dict[str, Any]) -> None:
    """Rule mappings must name known checklist items, so that a typo does not create an orphan item."""
    known = [*ITEMS, *values["items"]]
    for code, items in values["rule-items"].items():
        for item in items:
            if item not in known:
                raise _Invalid(f"unknown checklist item '{item}'{_did_you_mean(item, known)}", ("rule-items", code))


# Checks across the keys of one section, run after each key passed its own check.
SECTION_CHECKS: Dict[str, Callable[[Dict[str, Any]], None]] = {"checklist": _check_checklist}


# --- settings ------------------------------------------------------------------------------------------


def _copy(value: Any) -> Any:
    """Defaults are shared; a table default is copied so no Settings can change another's."""
    return dict(value) if isinstance(value, dict) else value


def _section_defaults() -> Dict[str, Dict[str, Any]]:
    return {name: {key: _copy(option.default) for key, option in options.items()} for name, options in SECTIONS.items()}


@lru_cache(maxsize=64)
def _pattern_specs(
    patterns: Tuple[Tuple[str, Tuple[str, ...]], ...],
) -> Tuple[Tuple[pathspec.GitIgnoreSpec, bool, Tuple[str, ...]], ...]:
    """Compiled per-file-ignores, once per process rather than once per file."""
    return tuple(
        (pathspec.GitIgnoreSpec.from_lines([pattern.lstrip("!")]), pattern.startswith("!"), selectors)
        for pattern, selectors in patterns
    )


@dataclass(frozen=True)
class Settings:
    """Resolved configuration for one run; plain data, so it pickles to worker processes."""

    root: Path  # absolute, symlinks resolved: discovery and relative paths count from it
    config_file: Optional[Path] = None
    select: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    exclude: Tuple[str, ...] = DEFAULT_EXCLUDES
    extend_exclude: Tuple[str, ...] = ()
    respect_gitignore: bool = True
    src: Tuple[str, ...] = (".", "src")
    scope: str = "serving"
    severity: Mapping[str, Severity] = field(default_factory=dict, hash=False)
    fail_on: Severity = Severity.WARNING
    baseline: Optional[str] = None
    require_reason: bool = False
    docs_url: Optional[str] = None  # reports only: not part of the fingerprint
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=_section_defaults, hash=False)

    def section(self, name: str) -> Mapping[str, Any]:
        """One sub-table, every key present (defaults filled in)."""
        return self.sections[name]

    def per_file_ignored(self, relpath: str) -> Tuple[str, ...]:
        """Selectors that `per-file-ignores` turns off for a root-relative, `/`-separated path."""
        ignored: Dict[str, None] = {}
        for spec, negated, selectors in _pattern_specs(self.per_file_ignores):
            if spec.match_file(relpath) != negated:
                ignored.update(dict.fromkeys(selectors))
        return tuple(ignored)

    def fingerprint(self) -> str:
        """sha256 of the settings that can change one file's result: part of the per-file cache key.

        The root, file selection, fail level and baseline act after the per-file phase, so they are
        left out: the cache stays valid across checkouts and for runs that differ only in those.
        """
        data = {
            "select": self.select,
            "extend_select": self.extend_select,
            "ignore": self.ignore,
            "per_file_ignores": self.per_file_ignores,
            "src": self.src,
            "scope": self.scope,
            "severity": {code: level.value for code, level in self.severity.items()},
            "require_reason": self.require_reason,
            "sections": self.sections,
        }
        text = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


def validate_selectors(values: Sequence[str], registry: Registry, origin: str) -> Tuple[str, ...]:
    """Checks command-line selectors; `origin` (e.g. '--select') starts the error message."""
    try:
        return _selectors(list(values), GENERAL["select"], registry)
    except _Invalid as exc:
        raise ConfigError(f"{origin}: {exc}") from None


# --- finding and reading the file ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """A config file: where it is, how messages name it, and where its table sits."""

    path: Path
    display: str
    prefix: Tuple[str, ...]
    table: Dict[str, Any]

    def error(self, keys: Tuple[str, ...], problem: str) -> ConfigError:
        return ConfigError(f"{self.display}: {_dotted((*self.prefix, *keys))}: {problem}")


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _dotted(keys: Sequence[str]) -> str:
    return ".".join(key if _BARE_KEY.match(key) else json.dumps(key) for key in keys)


def _display(path: Path, cwd: Path) -> str:
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        return str(path)


def _read_toml(path: Path, display: str) -> Dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{display}: cannot read: {exc.strerror or exc}") from None
    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{display}: not valid UTF-8 (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display}: invalid TOML: {exc}") from None


def _pyproject_table(data: Dict[str, Any], path: Path, display: str) -> Optional[Dict[str, Any]]:
    """The [tool.prr-lint] table of a parsed pyproject.toml, or None when it has none."""
    tool = data.get("tool")
    if not isinstance(tool, dict) or "prr-lint" not in tool:
        return None
    table = tool["prr-lint"]
    if not isinstance(table, dict):
        source = _Source(path, display, (), {})
        raise source.error(PYPROJECT_TABLE, f"expected a table, got {type(table).__name__}")
    return table


def _source(path: Path, display: str) -> Optional[_Source]:
    data = _read_toml(path, display)
    if path.name != PYPROJECT:
        return _Source(path, display, (), data)
    table = _pyproject_table(data, path, display)
    return None if table is None else _Source(path, display, PYPROJECT_TABLE, table)


def _find_source(cwd: Path) -> Optional[_Source]:
    """The nearest prr-lint.toml, or pyproject.toml with a [tool.prr-lint] table, from cwd upwards."""
    for directory in (cwd, *cwd.parents):
        for name in (CONFIG_FILE, PYPROJECT):
            path = directory / name
            if os.path.isfile(path):
                source = _source(path, _display(path, cwd))
                if source is not None:
                    return source
    return None


def _git_root(cwd: Path) -> Optional[Path]:
    for directory in (cwd, *cwd.parents):
        if os.path.lexists(directory / ".git"):
            return directory
    return None


# --- validation ----------------------------------------------------------------------------------------


def _convert(source: _Source, keys: Tuple[str, ...], option: Option, value: Any, registry: Registry) -> Any:
    try:
        return option.kind.convert(value, option, registry)
    except _Invalid as exc:
        raise source.error((*keys, *exc.keys), str(exc)) from None


def _unknown(source: _Source, keys: Tuple[str, ...], known: Sequence[str]) -> ConfigError:
    return source.error(keys, "unknown key" + _did_you_mean(keys[-1], known))


def _section(source: _Source, name: str, value: Any, registry: Registry) -> Dict[str, Any]:
    options = SECTIONS[name]
    if not isinstance(value, dict):
        raise source.error((name,), f"expected a table, got {type(value).__name__}")
    values = {key: _copy(option.default) for key, option in options.items()}
    for key, item in value.items():
        if key not in options:
            raise _unknown(source, (name, key), list(options))
        values[key] = _convert(source, (name, key), options[key], item, registry)
    check = SECTION_CHECKS.get(name)
    if check is not None:
        try:
            check(values)
        except _Invalid as exc:
            raise source.error((name, *exc.keys), str(exc)) from None
    return values


def _settings(source: _Source, root: Path, registry: Registry) -> Settings:
    general: Dict[str, Any] = {}
    sections = _section_defaults()
    for key, value in source.table.items():
        if key in SECTIONS:
            sections[key] = _section(source, key, value, registry)
        elif key in GENERAL:
            general[key.replace("-", "_")] = _convert(source, (key,), GENERAL[key], value, registry)
        else:
            raise _unknown(source, (key,), [*GENERAL, *SECTIONS])
    return Settings(root=root, config_file=source.path, sections=sections, **general)


def load_settings(cwd: Path, config_file: Optional[Path], registry: Registry) -> Settings:
    """Settings from `--config FILE`, else from the nearest config file above cwd, else the defaults.

    The project root is the config file's directory, else the nearest ancestor holding `.git`, else cwd.
    """
    cwd = Path(os.path.abspath(cwd))
    if config_file is not None:
        path = Path(os.path.abspath(cwd / config_file))
        source = _source(path, str(config_file)) or _Source(path, str(config_file), PYPROJECT_TABLE, {})
    else:
        source = _find_source(cwd)
    if source is None:
        settings = Settings(root=(_git_root(cwd) or cwd).resolve())
    else:
        settings = _settings(source, source.path.parent.resolve(), registry)
    if settings.docs_url is None:
        settings = replace(settings, docs_url=_project_docs_url(settings.root, cwd))
    return settings


def _project_docs_url(root: Path, cwd: Path) -> Optional[str]:
    """The `prr-lint-docs` entry of `[project.urls]` in the project root's pyproject.toml, if any."""
    path = root / PYPROJECT
    if not os.path.isfile(path):
        return None
    display = _display(path, cwd)
    label, value = project_docs_url(_read_toml(path, display))
    if label is None:
        return None
    source = _Source(path, display, ("project", "urls"), {})
    if not isinstance(value, str):
        raise source.error((label,), f"expected a string, got {type(value).__name__}")
    problem = url_problem(value)
    if problem:
        raise source.error((label,), problem)
    return value
