"""Settings: where they come from, what they may say, and a one-line error for anything else.

Configuration is `[tool.prr-lint]` in a `pyproject.toml`, or the top level of a `prr-lint.toml`. Every key
is declared once, in `GENERAL` and `SECTIONS` (config_schema.py: type, default, allowed values, a one-line
doc), so that validation, defaults and the README all come from the same table; the value kinds and
their checks are in config_values.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Sequence, Tuple

from prr_lint.budget import DEFAULT_FILE_TIMEOUT
from prr_lint.config_schema import DEFAULT_EXCLUDES, GENERAL, PEER_SUPPRESSIONS, SECTION_CHECKS, SECTIONS, copy_default, section_defaults
from prr_lint.config_values import SELECTORS, Invalid, Option, did_you_mean
from prr_lint.doc_links import project_docs_url, url_problem
from prr_lint.model import Severity
from prr_lint.patterns import gitignore_spec
from prr_lint.registry import Registry

if TYPE_CHECKING:
    import pathspec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

PYPROJECT = "pyproject.toml"
CONFIG_FILE = "prr-lint.toml"
PYPROJECT_TABLE = ("tool", "prr-lint")


class ConfigError(Exception):
    """Invalid or unreadable configuration; the message is one line naming the file and the key at fault."""


@lru_cache(maxsize=64)
def _pattern_specs(
    patterns: Tuple[Tuple[str, Tuple[str, ...]], ...],
) -> Tuple[Tuple[pathspec.GitIgnoreSpec, bool, Tuple[str, ...]], ...]:
    """Compiled per-file-ignores, once per process rather than once per file."""
    return tuple(
        (gitignore_spec([pattern.lstrip("!")]), pattern.startswith("!"), selectors)
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
    file_timeout: float = DEFAULT_FILE_TIMEOUT  # not part of the fingerprint: a timed-out file is never cached
    docs_url: Optional[str] = None  # reports only: not part of the fingerprint
    peer_suppressions: Mapping[str, Tuple[str, ...]] = field(default_factory=lambda: dict(PEER_SUPPRESSIONS), hash=False)
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=section_defaults, hash=False)

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
            "peer_suppressions": self.peer_suppressions,
            "sections": self.sections,
        }
        text = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


def validate_selectors(values: Sequence[str], registry: Registry, origin: str) -> Tuple[str, ...]:
    """Checks command-line selectors; `origin` (e.g. '--select') starts the error message."""
    try:
        return SELECTORS.convert(list(values), GENERAL["select"], registry)
    except Invalid as exc:
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
    except Invalid as exc:
        raise source.error((*keys, *exc.keys), str(exc)) from None


def _unknown(source: _Source, keys: Tuple[str, ...], known: Sequence[str]) -> ConfigError:
    return source.error(keys, "unknown key" + did_you_mean(keys[-1], known))


def _section(source: _Source, name: str, value: Any, registry: Registry) -> Dict[str, Any]:
    options = SECTIONS[name]
    if not isinstance(value, dict):
        raise source.error((name,), f"expected a table, got {type(value).__name__}")
    values = {key: copy_default(option.default) for key, option in options.items()}
    for key, item in value.items():
        if key not in options:
            raise _unknown(source, (name, key), list(options))
        values[key] = _convert(source, (name, key), options[key], item, registry)
    check = SECTION_CHECKS.get(name)
    if check is not None:
        try:
            check(values)
        except Invalid as exc:
            raise source.error((name, *exc.keys), str(exc)) from None
    return values


def _settings(source: _Source, root: Path, registry: Registry) -> Settings:
    general: Dict[str, Any] = {}
    sections = section_defaults()
    for key, value in source.table.items():
        if key in SECTIONS:
            sections[key] = _section(source, key, value, registry)
        elif key in GENERAL:
            general[key.replace("-", "_")] = _convert(source, (key,), GENERAL[key], value, registry)
        else:
            raise _unknown(source, (key,), [*GENERAL, *SECTIONS])
    return Settings(root=root, config_file=source.path, sections=sections, **general)


def _locate(cwd: Path, config_file: Optional[Path]) -> Optional[_Source]:
    if config_file is not None:
        path = Path(os.path.abspath(cwd / config_file))
        return _source(path, str(config_file)) or _Source(path, str(config_file), PYPROJECT_TABLE, {})
    return _find_source(cwd)


def project_root(cwd: Path, config_file: Optional[Path]) -> Path:
    """The project root `load_settings` takes, found without validating anything: the rule catalogue
    in the root's cache (registry.py) is what validation needs."""
    cwd = Path(os.path.abspath(cwd))
    try:
        source = _locate(cwd, config_file)
    except ConfigError:  # load_settings reports it
        source = None
    return (source.path.parent if source is not None else _git_root(cwd) or cwd).resolve()


def load_settings(cwd: Path, config_file: Optional[Path], registry: Registry) -> Settings:
    """Settings from `--config FILE`, else from the nearest config file above cwd, else the defaults.

    The project root is the config file's directory, else the nearest ancestor holding `.git`, else cwd.
    """
    cwd = Path(os.path.abspath(cwd))
    source = _locate(cwd, config_file)
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
