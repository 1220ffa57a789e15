"""GitHub Actions workflow commands: one `::error|warning|notice ...::message` line per finding.

The runner turns each line into an annotation on the pull request. Everything in a command that
comes from the linted code is escaped by the runner's rules (actions/toolkit `command.ts`): in the
message `%`, CR and LF; in property values also `:` and `,`. So a crafted message can neither end
the command early nor start a new one. Spans that cross lines carry no columns (the runner rejects
col/endColumn on them). The runner shows at most 10 errors, 10 warnings and 10 notices per step
(50 annotations per job) and drops the rest without a word, so this format says when that happens.
"""

from __future__ import annotations

from collections import Counter
from typing import List

from prr_lint.model import Finding, RunResult, Severity
from prr_lint.registry import Registry
from prr_lint.reporters.common import repository_prefix

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
PER_STEP_LIMIT = 10
PER_JOB_LIMIT = 50


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, prefix: str = "") -> str:
    span = finding.span
    properties = [("file", prefix + finding.path), ("line", str(span.line))]
    if span.end_line != span.line:
        properties.append(("endLine", str(span.end_line)))
    else:
        properties += [("endLine", str(span.end_line)), ("col", str(span.column)), ("endColumn", str(span.end_column))]
    properties.append(("title", f"prr-lint {finding.rule} ({finding.name})"))
    listed = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    items = f" [{', '.join(finding.checklist)}]" if finding.checklist else ""
    return f"::{COMMAND[finding.severity]} {listed}::{escape_data(finding.message + items)}"


def render(result: RunResult, registry: Registry, options) -> str:
    settings = getattr(options, "settings", None)
    prefix = repository_prefix(settings.root if settings is not None else None)
    lines: List[str] = [annotation(finding, prefix) for finding in result.findings]
    counts = Counter(COMMAND[finding.severity] for finding in result.findings)
    hidden = {kind: counts[kind] - PER_STEP_LIMIT for kind in ("error", "warning", "notice") if counts[kind] > PER_STEP_LIMIT}
    if hidden:
        # Plain log text, not an annotation: a `::notice` here would itself count against the limit.
        described = ", ".join(f"{counts[kind]} {kind}s" for kind in hidden)
        dropped = sum(hidden.values())
        lines.append(
            f"prr-lint: {described}: GitHub shows at most {PER_STEP_LIMIT} annotations of each kind per step "
            f"(and {PER_JOB_LIMIT} per job), so {dropped} will not appear on the pull request. All of them are "
            "listed above; upload SARIF (--output sarif:FILE) to see every finding in code scanning."
        )
    return "".join(line + "\n" for line in lines)
