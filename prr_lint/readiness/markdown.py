"""The readiness report as GitHub-flavoured Markdown, for a pull request or a review document.

Text from the linted code goes through `text()` (HTML special characters become entities, every
Markdown punctuation character is backslash-escaped, line breaks become spaces) or `code()` (a
code span whose fence is longer than any backtick run inside, pipes escaped for tables). Neither
can open a link, an image, raw HTML, a heading or a new table cell. Rule documentation embedded at
the end (when no docs page is configured) is the rules' own Markdown, with raw HTML neutralised.
"""

from __future__ import annotations

import re
from typing import List

from prr_lint.model import Finding
from prr_lint.readiness.model import FAIL, LISTED_FINDINGS, NOT_CHECKED, PASS, ItemReport, Readiness, RuleDoc, plural
from prr_lint.reporters.common import is_code_section

STATUS = {FAIL: "❌ Fail", PASS: "✅ Pass", NOT_CHECKED: "➖ Not checked"}
# Characters that can start or end Markdown/GFM markup inline: emphasis, code, links and images,
# raw HTML and entities (handled apart), table cells, strikethrough, autolinks (scheme ':' and '@').
_PUNCTUATION = re.compile(r"([\\`*_\[\]|!~:@#])")
# At the start of a line (a blockquote) these would open a list, a heading's underline or a quote.
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
_CODE_SPAN = re.compile(r"(`+)(.*?)\1", re.DOTALL)


def text(value: str) -> str:
    """Plain inline text: no markup of any kind survives."""
    value = _BREAKS.sub(" ", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _PUNCTUATION.sub(r"\\\1", value)
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], value)


def code(value: str, in_table: bool = False) -> str:
    """An inline code span showing `value` literally; in a table cell its pipes are escaped (GFM
    removes that backslash again, even inside code spans)."""
    value = _BREAKS.sub(" ", value)
    if in_table:
        value = value.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if value.startswith("`") or value.endswith("`") or longest else ""
    return f"{fence}{padding}{value}{padding}{fence}" if value.strip() else "` `"


def _fenced(body: str, language: str = "") -> List[str]:
    """A fenced code block whose fence is longer than any backtick run inside."""
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", body)), default=0))
    return [fence + language, *body.splitlines(), fence]


def _prose(body: str) -> str:
    """Documentation Markdown as written, except that `<`, `>` and `&` outside code spans
    (which may run over a line break) become entities: no raw HTML."""
    parts, last = [], 0
    for match in _CODE_SPAN.finditer(body):
        parts.append(_entities(body[last:match.start()]) + match.group(0))
        last = match.end()
    return "".join(parts) + _entities(body[last:])


def _entities(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _link(label: str, url) -> str:
    """`[label](url)`; parentheses in the URL are escaped so they cannot end the destination."""
    if not url:
        return label
    return "[" + label + "](" + url.replace("(", "\\(").replace(")", "\\)") + ")"


def _severity_summary(counts) -> str:
    errors, warnings, notes = counts
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}, {plural(notes, 'note')}"


def _table(header: List[str], rows: List[List[str]]) -> List[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _anchor(item_id: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", item_id.lower())


def _finding_line(finding: Finding) -> List[str]:
    where = code(f"{finding.path}:{finding.span.line}:{finding.span.column}")
    lines = [f"- {where} **{text(finding.rule)}** {text(finding.message)}"]
    source = finding.source_line.strip()
    if source:
        lines.append(f"  {code(source)}")
    return lines


def _item(report: ItemReport) -> List[str]:
    item = report.item
    lines = [f"## {STATUS[report.status]}: {text(item.id)} {text(item.title)}", ""]
    lines += [f"> {text(item.question)}", ""]
    if report.status == FAIL:
        lines.append(f"**{plural(len(report.findings), 'finding')}** ({_severity_summary(report.severity_counts)}).")
    elif report.status == PASS:
        lines.append("No findings from the rules that check this item.")
    else:
        lines.append("No enabled rule checks this item: answer it in the review.")
    if report.suppressed:
        lines.append(f"{plural(report.suppressed, 'finding')} suppressed inline.")
    lines.append("")
    if report.rules:
        rows = [
            [f"{_link(text(row.code), row.url)} {text(row.name)}", text(row.severity), str(row.count), text(row.summary)]
            for row in report.rules
        ]
        lines += _table(["Rule", "Severity", "Findings", "What it checks"], rows) + [""]
    if report.worst_files:
        rows = [[code(row.path, in_table=True), *(str(n) for n in row.counts)] for row in report.worst_files]
        lines += ["Worst files:", ""] + _table(["File", "Errors", "Warnings", "Notes"], rows) + [""]
    if report.findings:
        lines += ["<details><summary>Findings</summary>", ""]
        for finding in report.findings[:LISTED_FINDINGS]:
            lines += _finding_line(finding)
        if len(report.findings) > LISTED_FINDINGS:
            lines.append(f"- … and {len(report.findings) - LISTED_FINDINGS} more (see `prr-lint check`).")
        lines += ["", "</details>", ""]
    return lines


def render(report: Readiness) -> str:
    lines = ["# Production readiness report", ""]
    failing, passing, unchecked = report.count(FAIL), report.count(PASS), report.count(NOT_CHECKED)
    lines.append(
        f"prr-lint {text(report.version)} checked {plural(report.files, 'file')}: "
        f"**{failing} of {len(report.items)} checklist items fail**, {passing} pass, {unchecked} not checked."
    )
    extra = []
    if report.suppressed:
        extra.append(f"{report.suppressed} suppressed inline")
    if report.baselined:
        extra.append(f"{report.baselined} accepted by the baseline")
    lines.append(f"{plural(report.findings, 'finding')}" + (f" ({', '.join(extra)} not counted)." if extra else "."))
    lines.append("")
    rows = [
        [f"[{text(r.item.id)}](#{_anchor(r.item.id)}) {text(r.item.title)}", STATUS[r.status], str(len(r.findings)), text(r.item.question)]
        for r in report.items
    ]
    lines += _table(["Item", "Status", "Findings", "Question"], rows) + [""]
    for item in report.items:
        lines.append(f'<a id="{_anchor(item.item.id)}"></a>')
        lines.append("")
        lines += _item(item)
    lines += _coverage(report)
    if report.rule_docs:
        lines += ([""] if lines[-1] else []) + ["## Rule documentation", ""]
        for doc in report.rule_docs:
            lines += _rule_doc(doc)
    return "\n".join(lines).rstrip("\n") + "\n"


def _rule_doc(doc: RuleDoc) -> List[str]:
    lines = [f'<a id="{doc.anchor}"></a>', "", f"### {text(doc.code)} {text(doc.name)}", "", _prose(doc.first), ""]
    for title, body in doc.sections:
        lines += [f"#### {text(title)}", ""]
        lines += _fenced(body, "python") if is_code_section(title) else _prose(body).splitlines()
        lines.append("")
    return lines


def _coverage(report: Readiness) -> List[str]:
    lines = ["## Analysis coverage", ""]
    if not (report.unanalysed or report.meta_findings or report.internal_errors or report.stale_baseline):
        return lines + ["Every file was analysed; no suppression problems."]
    if report.unanalysed:
        lines.append(f"{plural(len(report.unanalysed), 'file')} could not be analysed, so the items above do not cover them:")
        lines.append("")
        lines += [f"- {code(path)}: {text(reason)}" for path, reason in report.unanalysed]
        lines.append("")
    if report.meta_findings:
        lines.append("Findings about the analysis itself (suppressions, parse errors, internal errors):")
        lines.append("")
        for finding in report.meta_findings[:LISTED_FINDINGS]:
            lines += _finding_line(finding)
        lines.append("")
    if report.stale_baseline:
        lines.append(f"{plural(len(report.stale_baseline), 'baseline entry', 'baseline entries')} no longer match (run `prr-lint baseline --prune`).")
        lines.append("")
    return lines
