"""A small fixed project and RunResult shared by the SARIF, GitHub and readiness-report tests.

The rules here are stand-ins with fixed documentation, so that snapshots change only when a
reporter changes, not when the real rules' wording does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from prr_lint.config import Settings
from prr_lint.model import Finding, RelatedLocation, RunResult, Severity, Span
from prr_lint.registry import Registry
from prr_lint.reporters import ReportOptions
from prr_lint.rules.base import Rule


class FakeSwallowed(Rule):
    """A catch-all handler that neither re-raises nor reports.

    What it does
        Reports `except Exception: pass`.

    Why is this bad?
        The error never reaches central logging.

    Example
        try:
            charge()
        except Exception:
            pass

    Use instead
        try:
            charge()
        except Exception:
            log.exception("charge failed")
            raise

    Options
        None.

    References
        PRR-ERR.
    """

    code = "PRR101"
    name = "swallowed-exception"
    severity = Severity.ERROR
    checklist = ("PRR-ERR",)
    summary = "A catch-all exception handler neither re-raises nor reports the error"


class FakePrint(Rule):
    """print() in service code.

    What it does
        Reports `print()`.

    Why is this bad?
        It bypasses logging.

    Example
        print("hi")

    Use instead
        log.info("hi")

    Options
        None.

    References
        PRR-LOG.
    """

    code = "PRR401"
    name = "print-in-service"
    severity = Severity.WARNING
    checklist = ("PRR-LOG",)
    summary = "print() bypasses the logging framework"


class FakeNote(Rule):
    """An uninstrumented handler.

    What it does
        Reports request handlers without metrics.

    Why is this bad?
        Failures go unseen.

    Example
        def handler(): ...

    Use instead
        @timed
        def handler(): ...

    Options
        None.

    References
        PRR-MON.
    """

    code = "PRR201"
    name = "uninstrumented-handler"
    severity = Severity.NOTE
    checklist = ("PRR-MON",)
    summary = "A request handler has no metrics"


REGISTRY = Registry([FakeSwallowed, FakePrint, FakeNote])

SOURCES: Dict[str, str] = {
    "svc/api.py": (
        "import requests\n"
        "\n"
        "def handler(order):\n"
        "    try:\n"
        "        charge(order)\n"
        "    except Exception:\n"
        "        pass\n"
        "    print('charged',\n"
        "          order)\n"
    ),
    "svc/worker.py": "def run():\n    print('x')  # prr-lint: ignore[PRR401] batch job\n",
}


def write_project(root: Path) -> None:
    for path, text in SOURCES.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def finding(rule, path: str, line: int, column: int, end_line: int, end_column: int, message: str, **extra) -> Finding:
    return Finding(
        rule=rule.code,
        name=rule.name,
        severity=extra.pop("severity", rule.severity),
        path=path,
        span=Span(line, column, end_line, end_column),
        message=message,
        checklist=rule.checklist,
        fingerprint=extra.pop("fingerprint", f"fp-{rule.code}-{line}"),
        **extra,
    )


def run_result() -> RunResult:
    return RunResult(
        findings=[
            finding(FakeSwallowed, "svc/api.py", 6, 5, 6, 22, "`except Exception` swallows the error"),
            finding(
                FakePrint,
                "svc/api.py",
                8,
                5,
                9,
                17,
                "print() writes outside the logging framework",
                related=(RelatedLocation("svc/api.py", Span(3, 1, 3, 20), "handler is a request handler"),),
            ),
            finding(FakeNote, "svc/api.py", 3, 1, 3, 20, "handler has no metrics"),
        ],
        suppressed=[finding(FakePrint, "svc/worker.py", 2, 5, 2, 15, "print() writes outside the logging framework")],
        files=3,
        unanalysed=[("svc/broken.py", "syntax error at line 3")],
    )


def options(root: Path, **extra) -> ReportOptions:
    extra.setdefault("enabled", tuple(REGISTRY.codes()))
    return ReportOptions(settings=Settings(root=root), **extra)


def cli_runner():
    """A click test runner that keeps stderr apart from stdout (click < 8.2 mixes them by default)."""
    from click.testing import CliRunner

    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()
