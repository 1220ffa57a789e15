"""Human output: `path:line:col: CODE message [ITEMS]`, with the source line and a caret."""

from __future__ import annotations

from collections import Counter
from typing import List

from prr_lint.model import Finding, RunResult
from prr_lint.registry import Registry

_STYLES = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "dim": "2"}
_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "note": "cyan"}


def _style(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if color else text


def _header(finding: Finding, color: bool) -> str:
    where = _style(f"{finding.path}:{finding.span.line}:{finding.span.column}:", "bold", color)
    code = _style(finding.rule, _SEVERITY_STYLE[finding.severity.value], color)
    return f"{where} {code} {finding.message} [{', '.join(finding.checklist)}]"


def _excerpt(finding: Finding, color: bool) -> List[str]:
    line = finding.source_line.expandtabs(1).rstrip()
    if not line:
        return []
    width = finding.span.end_column - finding.span.column if finding.span.end_line == finding.span.line else len(line) - finding.span.column + 1
    caret = " " * (finding.span.column - 1) + "^" * max(1, width)
    return [f"    {line}", "    " + _style(caret, _SEVERITY_STYLE[finding.severity.value], color)]


def _path_lines(finding: Finding) -> List[str]:
    if not finding.related:
        return []
    steps = " → ".join(step.message for step in finding.related)
    return [f"    path: {steps}"]


def _summary(result: RunResult) -> str:
    counts = result.summary
    parts = [f"{counts['findings']} finding{'s' if counts['findings'] != 1 else ''} in {counts['files']} files"]
    for key in ("suppressed", "baselined"):
        if counts[key]:
            parts.append(f"{counts[key]} {key}")
    if counts["errors"]:
        parts.append(f"{counts['errors']} internal errors")
    return "Found " + ", ".join(parts) + "."


def render(result: RunResult, registry: Registry, options) -> str:
    lines: List[str] = []
    for finding in result.findings:
        lines.append(_header(finding, options.color))
        lines.extend(_excerpt(finding, options.color))
        lines.extend(_path_lines(finding))
        lines.append("")
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


def render_concise(result: RunResult, registry: Registry, options) -> str:
    return "".join(_header(finding, options.color) + "\n" for finding in result.findings)


def render_statistics(result: RunResult, registry: Registry) -> str:
    """`--statistics`: one line per rule, most frequent first."""
    counts = Counter(finding.rule for finding in result.findings)
    width = max((len(registry.get(code).name) for code in counts), default=0)
    lines = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = registry.get(code)
        lines.append(f"{count:>6}  {code}  {rule.name:<{width}}  [{', '.join(rule.checklist)}]")
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"
