"""What the project phase's analyses share: entry points, the serving model, and the settings they read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Mapping, Optional, Set, Tuple


def setting(settings, section: str, key: str, default):
    """`[tool.prr-lint.<section>] <key>`, or `default` without settings (tests pass None) or without the key."""
    if settings is None:
        return default
    try:
        return settings.section(section).get(key, default)
    except (KeyError, AttributeError):
        return default


@dataclass(frozen=True, order=True)
class EntryPoint:
    """A function or method that a framework calls to serve a request."""

    path: str
    line: int
    qualname: str
    framework: str
    route: str = ""
    how: str = ""  # decorator, registration, base class ...
    registered: str = ""  # where a registration call names the handler (`path:line`), "" for decorators
    method: str = ""  # the HTTP method(s) it answers ("GET", "POST,PUT"); "" when any or unknown


@dataclass(frozen=True, order=True)
class BatchContext:
    """Code that runs outside requests: a task, a command, a scheduled job, a migration."""

    path: str
    line: int
    qualname: str
    kind: str  # celery, click, alembic, apscheduler, schedule, scheduler, celery-beat, django-migrate ...
    detail: str = ""  # the schedule, task name or revision, when known
    registered: str = ""  # where a registration call names it (`path:line`), "" for decorators


# Kinds of the commands a decorator registers with a command-line framework (entrypoints.py), which calls
# them when the command line names them: the function the `def` is in defines the command, it does not run it.
REGISTERED_COMMANDS = frozenset({"click", "typer", "flask-cli", "quart-cli"})


@dataclass
class Options:
    """`[tool.prr-lint.entrypoints]` knobs, with defaults."""

    extra_decorators: Tuple[str, ...] = ()
    extra_base_classes: Tuple[str, ...] = ()
    extra_registrars: Mapping[str, int] = None  # type: ignore[assignment]
    lambda_handlers: Tuple[str, ...] = ()
    batch_contexts: Tuple[str, ...] = ()

    @classmethod
    def from_section(cls, section: Optional[Mapping[str, object]]) -> "Options":
        section = section or {}
        return cls(
            tuple(section.get("extra-decorators", ()) or ()),
            tuple(section.get("extra-base-classes", ()) or ()),
            dict(section.get("extra-registrars", {}) or {}),
            tuple(section.get("lambda-handlers", ()) or ()),
            tuple(section.get("batch-contexts", ()) or ()),
        )


@dataclass
class ServingModel:
    entry_points: List[EntryPoint]
    # Every function that frameworks call while serving (entry points and view-class hooks).
    seeds: Set[str]
    # Functions and classes that are batch or CLI code.
    batch: Set[str]
    # The batch contexts themselves, for `prr-lint entrypoints --batch`.
    batch_contexts: List[BatchContext] = field(default_factory=list)
