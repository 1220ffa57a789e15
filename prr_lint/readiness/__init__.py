"""The readiness report: a run's findings grouped by PRR checklist item (DESIGN.md §5).

For each checklist item: its question, whether the code passes, fails, or is not checked by any
enabled rule, counts per rule, the worst files, the findings themselves and links to the rule
docs: to the configured docs page (`docs-url`), or else to the documentation embedded at the end
of the report itself, so that no link leads nowhere. Meta findings (PRR0xx: files that could not
be parsed, suppression problems, internal errors) say how complete the analysis was; they are
reported apart and decide no item.

`build` makes the model (readiness/model.py); `markdown.render` and `html_page.render` write it. Everything taken from the
linted code (paths, messages, source lines) is escaped by the writer for its format.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Dict, List, Optional, Sequence, Tuple

from prr_lint import __version__
from prr_lint.model import Finding, RunResult, Severity
from prr_lint.readiness.model import FAIL, NOT_CHECKED, PASS, WORST_FILES, FileRow, ItemReport, Readiness, RuleDoc, RuleRow
from prr_lint.registry import Registry
from prr_lint.reporters.common import checklist_catalogue, doc_sections, docs_url, family, rule_items, rule_url


def _is_meta(code: str) -> bool:
    return family(code) == "meta"


def _severity_counts(findings: Sequence[Finding]) -> Tuple[int, int, int]:
    counts = Counter(finding.severity for finding in findings)
    return (counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.NOTE])


def _worst_files(findings: Sequence[Finding]) -> List[FileRow]:
    by_path: Dict[str, List[Finding]] = defaultdict(list)
    for finding in findings:
        by_path[finding.path].append(finding)
    rows = [FileRow(path, _severity_counts(found)) for path, found in by_path.items()]
    rows.sort(key=lambda row: (tuple(-n for n in row.counts), row.path))
    return rows[:WORST_FILES]


def _by_importance(finding: Finding) -> Tuple[int, str, int, int, str]:
    return (-finding.severity.rank, finding.path, finding.span.line, finding.span.column, finding.rule)


def doc_anchor(code: str) -> str:
    """The in-page anchor of a rule's embedded documentation: `rule-prr101`."""
    return "rule-" + re.sub(r"[^a-z0-9-]", "", code.lower())


def _rule_doc(rule) -> RuleDoc:
    first, sections = doc_sections(rule)
    return RuleDoc(rule.code, rule.name, doc_anchor(rule.code), first, sections)


def build(result: RunResult, registry: Registry, options) -> Readiness:
    settings = getattr(options, "settings", None)
    embed = docs_url(settings) is None

    def link(code: str) -> Optional[str]:
        if code not in registry:
            return None
        return rule_url(code, settings) or f"#{doc_anchor(code)}"

    enabled = tuple(getattr(options, "enabled", ()) or registry.codes())
    catalogue = checklist_catalogue(settings)
    findings = [finding for finding in result.findings if not _is_meta(finding.rule)]
    suppressed = [finding for finding in result.suppressed if not _is_meta(finding.rule)]

    items: List[ItemReport] = []
    for item in catalogue.values():
        checking = [
            registry.get(code)
            for code in enabled
            if code in registry and not _is_meta(code) and item.id in rule_items(registry.get(code), settings)
        ]
        own = sorted((f for f in findings if item.id in f.checklist), key=_by_importance)
        per_rule = Counter(finding.rule for finding in own)
        rows = [
            RuleRow(rule.code, rule.name, rule.severity.value, rule.summary, link(rule.code), per_rule.get(rule.code, 0))
            for rule in checking
        ]
        for code in sorted(set(per_rule) - {row.code for row in rows}):  # findings of rules mapped by config
            rule = registry.get(code) if code in registry else None
            rows.append(
                RuleRow(code, rule.name if rule else code, rule.severity.value if rule else "", rule.summary if rule else "", link(code), per_rule[code])
            )
        rows.sort(key=lambda row: (-row.count, row.code))
        status = FAIL if own else PASS if rows else NOT_CHECKED
        items.append(
            ItemReport(
                item=item,
                status=status,
                rules=rows,
                findings=own,
                worst_files=_worst_files(own),
                suppressed=sum(1 for f in suppressed if item.id in f.checklist),
                severity_counts=_severity_counts(own),
            )
        )
    linked = sorted({row.code for item in items for row in item.rules if row.url})
    return Readiness(
        version=__version__,
        files=result.files,
        findings=len(result.findings),
        suppressed=len(result.suppressed),
        baselined=result.baselined,
        internal_errors=result.internal_errors,
        items=items,
        unanalysed=sorted(result.unanalysed),
        meta_findings=sorted((f for f in result.findings if _is_meta(f.rule)), key=lambda f: f.sort_key),
        stale_baseline=list(result.stale_baseline),
        rule_docs=[_rule_doc(registry.get(code)) for code in linked] if embed else [],
    )


def render_markdown(result: RunResult, registry: Registry, options) -> str:
    from prr_lint.readiness import markdown

    return markdown.render(build(result, registry, options))


def render_html(result: RunResult, registry: Registry, options) -> str:
    from prr_lint.readiness import html_page

    return html_page.render(build(result, registry, options))


def render(result: RunResult, registry: Registry, options, output_format: str) -> str:
    """`prr-lint report --format markdown|html`."""
    return {"markdown": render_markdown, "html": render_html}[output_format](result, registry, options)
