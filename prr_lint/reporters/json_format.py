"""The JSON output (DESIGN.md §3, schema_version 1): a contract for CI and other tools."""

from __future__ import annotations

import json
from typing import Any, Dict

from prr_lint import __version__
from prr_lint.model import Finding, RelatedLocation, RunResult
from prr_lint.registry import Registry

SCHEMA_VERSION = 1


def _related(location: RelatedLocation) -> Dict[str, Any]:
    span = location.span
    return {
        "path": location.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "message": location.message,
    }


def finding_to_dict(finding: Finding) -> Dict[str, Any]:
    span = finding.span
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "path": finding.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "message": finding.message,
        "checklist": list(finding.checklist),
        "fingerprint": finding.fingerprint,
        "related": [_related(location) for location in finding.related],
    }


def render(result: RunResult, registry: Registry, options) -> str:
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "prr-lint", "version": __version__},
        "findings": [finding_to_dict(finding) for finding in result.findings],
        "summary": result.summary,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
