"""SARIF 2.1.0 for GitHub code scanning and other SARIF consumers (DESIGN.md §3).

One run per document. Identity across runs, which GitHub uses to track alerts, rests on things
that never change on their own: the driver name (`DRIVER_NAME`), rule ids, repository-relative
URIs, `runAutomationDetails.id` (from `--sarif-category`) and `partialFingerprints`. The output is
deterministic: the same result gives byte-identical text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple
from urllib.parse import quote

from prr_lint import __version__
from prr_lint.model import Finding, RunResult, Severity, Span
from prr_lint.registry import Registry
from prr_lint.reporters.common import (
    checklist_catalogue,
    doc_markdown,
    docs_url,
    family,
    repository_prefix,
    rule_items,
    rule_url,
    truncate,
    what_it_does,
)
from prr_lint.reporters.line_hash import decode, line_hashes

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
DRIVER_NAME = "prr-lint"  # never change: GitHub keys alerts by it
TAXONOMY_NAME = "PRR"
FINGERPRINT_KEY = "prrLintFingerprint/v1"
LINE_HASH_KEY = "primaryLocationLineHash"
# GitHub's limits for one upload (docs: "SARIF support for code scanning").
MAX_RESULTS = 25_000
MAX_TAGS = 20
MAX_DESCRIPTION = 1024
MAX_IDENTIFIER = 255
MAX_LOCATIONS = 1000

_PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "recommendation"}


def render(result: RunResult, registry: Registry, options) -> str:
    return json.dumps(build(result, registry, options), indent=2, ensure_ascii=False) + "\n"


def build(result: RunResult, registry: Registry, options) -> Dict[str, Any]:
    """The SARIF document as plain data."""
    settings = getattr(options, "settings", None)
    root: Optional[Path] = settings.root if settings is not None else None
    prefix = repository_prefix(root)
    include_suppressed = getattr(options, "sarif_include_suppressed", False)

    reported: List[Tuple[Finding, bool]] = [(finding, False) for finding in result.findings]
    if include_suppressed:
        reported += [(finding, True) for finding in result.suppressed]
    reported.sort(key=lambda pair: (pair[0].sort_key, pair[1]))
    kept, dropped = _limit(reported)

    rules = _rules(registry, [finding for finding, _ in reported], options)
    rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
    hashes = _LineHashes(root)
    results = [_result(finding, suppressed, rule_index, hashes, prefix) for finding, suppressed in kept]

    notifications = [_unanalysed(path, reason, prefix) for path, reason in result.unanalysed]
    if dropped:
        notifications.append(
            {
                "level": "warning",
                "message": {
                    "text": f"{dropped} of {len(reported)} results were left out: GitHub code scanning accepts at "
                    f"most {MAX_RESULTS} results per run. The most severe ones were kept; see the JSON "
                    "output for all of them."
                },
            }
        )

    driver: Dict[str, Any] = {
        "name": DRIVER_NAME,
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": docs_url(settings),  # left out below when no docs page is configured
        "rules": rules,
        "supportedTaxonomies": [{"name": TAXONOMY_NAME, "index": 0}],
    }
    run: Dict[str, Any] = {
        "tool": {"driver": {key: value for key, value in driver.items() if value is not None}},
        "invocations": [
            {
                "executionSuccessful": result.internal_errors == 0,
                "toolExecutionNotifications": notifications,
            }
        ],
    }
    category = getattr(options, "sarif_category", None)
    if category:
        # GitHub reads `id` as 'category/run-id' and takes everything up to the last '/' as the
        # category, so a trailing '/' makes the whole of --sarif-category the category.
        run["automationDetails"] = {"id": category if category.endswith("/") else f"{category}/"}
    run["columnKind"] = "unicodeCodePoints"
    run["taxonomies"] = [_taxonomy(settings, rules)]
    run["results"] = results
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _limit(reported: List[Tuple[Finding, bool]]) -> Tuple[List[Tuple[Finding, bool]], int]:
    """At most MAX_RESULTS results: the most severe first, unsuppressed before suppressed, then in order."""
    if len(reported) <= MAX_RESULTS:
        return reported, 0
    order = sorted(range(len(reported)), key=lambda i: (reported[i][1], -reported[i][0].severity.rank, i))
    keep = sorted(order[:MAX_RESULTS])
    return [reported[i] for i in keep], len(reported) - MAX_RESULTS


# --- rules -----------------------------------------------------------------------------------------------


def _rules(registry: Registry, findings: Sequence[Finding], options) -> List[Dict[str, Any]]:
    settings = getattr(options, "settings", None)
    if getattr(options, "sarif_all_rules", False):
        codes = [rule.code for rule in registry]
    else:
        codes = sorted({finding.rule for finding in findings})
    catalogue = checklist_catalogue(settings)
    taxa = list(catalogue)
    extra: Dict[str, Tuple[str, ...]] = {}
    for finding in findings:
        extra[finding.rule] = tuple(dict.fromkeys([*extra.get(finding.rule, ()), *finding.checklist]))
    descriptors = []
    for code in codes:
        if code not in registry:
            continue
        rule = registry.get(code)
        items = tuple(dict.fromkeys([*rule_items(rule, settings), *extra.get(code, ())]))
        descriptors.append(_rule(rule, items, taxa, rule_url(rule.code, settings)))
    return descriptors


def _rule(rule, items: Tuple[str, ...], taxa: List[str], help_uri: Optional[str]) -> Dict[str, Any]:
    """A reportingDescriptor. `help` always holds the whole documentation, so a consumer shows it
    even without `helpUri`, which is there only when the configuration names a docs page."""
    tags = list(dict.fromkeys(["prr", family(rule.code), *items]))[:MAX_TAGS]
    summary = truncate(rule.summary or rule.name, MAX_DESCRIPTION)
    descriptor: Dict[str, Any] = {
        "id": rule.code[:MAX_IDENTIFIER],
        "name": truncate(_pascal(rule.name), MAX_IDENTIFIER),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": truncate(what_it_does(rule), MAX_DESCRIPTION)},
        "helpUri": help_uri,
        "help": {"text": rule.documentation() or summary, "markdown": doc_markdown(rule)},
        "defaultConfiguration": {"level": rule.severity.value},
        "relationships": [
            {
                "target": {
                    "id": item,
                    "index": taxa.index(item),
                    "toolComponent": {"name": TAXONOMY_NAME, "index": 0},
                },
                "kinds": ["relevant"],
            }
            for item in items
            if item in taxa
        ],
        "properties": {
            "tags": tags,
            "precision": getattr(rule, "precision", "high"),
            "problem.severity": _PROBLEM_SEVERITY[rule.severity],
        },
    }
    return {key: value for key, value in descriptor.items() if value is not None}


def _pascal(name: str) -> str:
    """`swallowed-exception` -> `SwallowedException` (SARIF validators ask for this form of name)."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("-"))


def _taxonomy(settings, rules: List[Dict[str, Any]]) -> Dict[str, Any]:
    catalogue = checklist_catalogue(settings)
    return {
        "name": TAXONOMY_NAME,
        "organization": "prr-lint",
        "shortDescription": {"text": "Production Readiness Review checklist"},
        "isComprehensive": False,
        "taxa": [
            {
                "id": item.id,
                "name": item.title,
                "shortDescription": {"text": truncate(item.title, MAX_DESCRIPTION)},
                "fullDescription": {"text": truncate(item.question, MAX_DESCRIPTION)},
                "properties": {"source": item.source},
            }
            for item in catalogue.values()
        ],
    }


# --- results ---------------------------------------------------------------------------------------------


class _LineHashes:
    """primaryLocationLineHash per (path, line), reading each file once; none for unreadable files."""

    def __init__(self, root: Optional[Path]) -> None:
        self.root = root
        self.files: Dict[str, Optional[Dict[int, str]]] = {}

    def get(self, path: str, line: int) -> Optional[str]:
        if path not in self.files:
            self.files[path] = self._load(path)
        hashes = self.files[path]
        return hashes.get(line) if hashes is not None else None

    def _load(self, path: str) -> Optional[Dict[int, str]]:
        if self.root is None or path in ("", "-"):
            return None
        try:
            target = self.root / path
            if not target.is_file():
                return None
            return line_hashes(decode(target.read_bytes()))
        except (OSError, ValueError):  # prr-lint: ignore[PRR102] an unreadable file gets no line hash (documented)
            return None


def artifact_uri(path: str, prefix: str = "") -> str:
    """A repository-relative URI reference: '/' separators, percent-encoded."""
    return quote(prefix + path.replace("\\", "/"), safe="/")


def _region(span: Span) -> Dict[str, int]:
    line = max(1, span.line)
    column = max(1, span.column)
    end_line = max(line, span.end_line)
    end_column = max(1, span.end_column)
    if end_line == line:
        end_column = max(column, end_column)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _physical(path: str, span: Span, prefix: str) -> Dict[str, Any]:
    return {"artifactLocation": {"uri": artifact_uri(path, prefix)}, "region": _region(span)}


def _result(
    finding: Finding, suppressed: bool, rule_index: Dict[str, int], hashes: _LineHashes, prefix: str
) -> Dict[str, Any]:
    fingerprints: Dict[str, str] = {}
    line_hash = hashes.get(finding.path, finding.span.line)
    if line_hash is not None:
        fingerprints[LINE_HASH_KEY] = line_hash
    if finding.fingerprint:
        fingerprints[FINGERPRINT_KEY] = finding.fingerprint
    result: Dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    result["level"] = finding.severity.value
    result["message"] = {"text": finding.message or finding.name}
    result["locations"] = [{"physicalLocation": _physical(finding.path, finding.span, prefix)}]
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": _physical(location.path, location.span, prefix),
                "message": {"text": location.message or "step"},
            }
            for number, location in enumerate(finding.related[:MAX_LOCATIONS], start=1)
        ]
    if fingerprints:
        result["partialFingerprints"] = fingerprints
    if suppressed:
        suppression = {"kind": "inSource"}
        if finding.justification:
            suppression["justification"] = finding.justification
        result["suppressions"] = [suppression]
    result["properties"] = {"checklist": list(finding.checklist)}
    return result


def _unanalysed(path: str, reason: str, prefix: str) -> Dict[str, Any]:
    return {
        "level": "warning",
        "message": {"text": f"{path} was not analysed: {reason}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path, prefix)}}}],
    }
