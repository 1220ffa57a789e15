"""The configuration schema: every key of `[tool.prr-lint]` declared once (type, default, allowed values,
a one-line doc), so that validation, defaults and the README all come from the same table. To add a
knob, add an `Option` here.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Tuple

from prr_lint.budget import DEFAULT_FILE_TIMEOUT
from prr_lint.checklist import ITEMS
from prr_lint.config_values import (
    BOOL,
    CHOICE,
    INT,
    INT_TABLE,
    PATTERNS,
    PER_FILE_SELECTORS,
    RULE_LISTS,
    SECONDS,
    SELECTORS,
    SEVERITY,
    SEVERITY_TABLE,
    STR,
    STR_LIST,
    STR_LISTS,
    STR_TABLE,
    URL,
    Invalid,
    Option,
    did_you_mean,
)
from prr_lint.model import Severity

# A peer linter's suppression of the same problem (ruff/flake8 `# noqa: CODE`, pylint `# pylint:
# disable=NAME`, bandit `# nosec CODE`) silences the matching PRR rules on its line: the author has
# already decided about that line. Only specific codes count: a bare `# noqa` says nothing about
# which problem was accepted. `[tool.prr-lint] peer-suppressions` replaces this table ({} turns it off).
PEER_SUPPRESSIONS: Dict[str, Tuple[str, ...]] = {
    "T201": ("PRR401",),  # flake8-print / ruff: print found
    "T203": ("PRR401",),  # pprint found
    "BLE001": ("PRR101",),  # blind except
    "S110": ("PRR101", "PRR102"),  # try-except-pass
    "S112": ("PRR101", "PRR102"),  # try-except-continue
    "S113": ("PRR501",),  # request without timeout
    "B110": ("PRR101", "PRR102"),  # bandit: try-except-pass
    "B112": ("PRR101", "PRR102"),  # bandit: try-except-continue
    "B113": ("PRR501",),  # bandit: request without timeout
    "broad-except": ("PRR101",),  # pylint
    "broad-exception-caught": ("PRR101",),
    "W0703": ("PRR101",),
    "W0718": ("PRR101",),
}
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
        "'serving' leaves out PRR1xx/PRR401-PRR404/PRR501/PRR502 findings in code known not to be the service (tasks, commands,"
        " console and __main__ scripts, and code only they reach; output only start-up code reaches), and PRR204/PRR205"
        " findings in dead code; 'all' keeps"
        " every finding.",
        SCOPES,
    ),
    "severity": Option(SEVERITY_TABLE, {}, "Severity per rule, overriding the rule's default."),
    "fail-on": Option(SEVERITY, Severity.WARNING, "Lowest severity that makes the run fail (exit code 1)."),
    "baseline": Option(STR, None, "Root-relative baseline file; only findings not in it are reported."),
    "require-reason": Option(BOOL, False, "Suppression comments must give a reason after the codes."),
    "peer-suppressions": Option(
        STR_LISTS,
        PEER_SUPPRESSIONS,
        "Another linter's specific suppression on a line -> the PRR rules it silences there, counted as suppressed"
        " (`# noqa: T201` -> PRR401, `BLE001`/`S110` -> PRR101, `S113` -> PRR501, `# pylint: disable=broad-except`"
        " -> PRR101 ...; ruff's file-level `# ruff: noqa: T201` for the whole file; a bare `# noqa` never counts)."
        " Replaces the built-in table; {} turns it off.",
    ),
    "file-timeout": Option(
        SECONDS,
        DEFAULT_FILE_TIMEOUT,
        "CPU seconds one file's analysis may take (CPU, not wall-clock, time: a busy machine changes no verdict);"
        " a file over it is a PRR004 finding and the run goes on.",
    ),
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
                raise Invalid(f"unknown checklist item '{item}'{did_you_mean(item, known)}", ("rule-items", code))


# Checks across the keys of one section, run after each key passed its own check.
SECTION_CHECKS: Dict[str, Callable[[Dict[str, Any]], None]] = {"checklist": _check_checklist}


def copy_default(value: Any) -> Any:
    """Defaults are shared; a table default is copied so no Settings can change another's."""
    return dict(value) if isinstance(value, dict) else value


def section_defaults() -> Dict[str, Dict[str, Any]]:
    return {name: {key: copy_default(option.default) for key, option in options.items()} for name, options in SECTIONS.items()}
