"""The readiness report's model, shared by the builder (readiness/__init__.py) and both writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from prr_lint.checklist import ChecklistItem
from prr_lint.model import Finding

FAIL, PASS, NOT_CHECKED = "fail", "pass", "not checked"
WORST_FILES = 5
LISTED_FINDINGS = 20


@dataclass(frozen=True)
class RuleRow:
    code: str
    name: str
    severity: str
    summary: str
    url: Optional[str]  # the docs page's anchor, '#rule-…' for embedded docs, None for an unknown rule
    count: int


@dataclass(frozen=True)
class RuleDoc:
    """A rule's documentation for embedding: its first line and (title, body) sections."""

    code: str
    name: str
    anchor: str
    first: str
    sections: List[Tuple[str, str]]


@dataclass(frozen=True)
class FileRow:
    path: str
    counts: Tuple[int, int, int]  # errors, warnings, notes

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class ItemReport:
    item: ChecklistItem
    status: str
    rules: List[RuleRow]
    findings: List[Finding]
    worst_files: List[FileRow]
    suppressed: int
    severity_counts: Tuple[int, int, int]  # errors, warnings, notes


@dataclass
class Readiness:
    version: str
    files: int
    findings: int
    suppressed: int
    baselined: int
    internal_errors: int
    items: List[ItemReport]
    unanalysed: List[Tuple[str, str]]
    meta_findings: List[Finding]
    stale_baseline: List[str] = field(default_factory=list)
    rule_docs: List[RuleDoc] = field(default_factory=list)  # empty when a docs page is configured

    def count(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)



def plural(count: int, word: str, many: Optional[str] = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"

