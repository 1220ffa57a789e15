"""The readiness report as one self-contained HTML page: inline CSS and SVG, no script, nothing
fetched from the network. A Content-Security-Policy forbids scripts and remote resources as a
second line of defence; the first is that every string from the linted code goes through `e()`.
Rule documentation embedded at the end (when no docs page is configured) is escaped the same way."""

from __future__ import annotations

import html
import re
from typing import List, Tuple

from prr_lint.model import Finding
from prr_lint.readiness.model import FAIL, LISTED_FINDINGS, NOT_CHECKED, PASS, ItemReport, Readiness, RuleDoc, plural
from prr_lint.reporters.common import is_code_section

STATUS = {FAIL: ("Fail", "fail"), PASS: ("Pass", "pass"), NOT_CHECKED: ("Not checked", "unchecked")}
COLOURS = ("#c62828", "#ef8f00", "#1565c0")  # errors, warnings, notes
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 0; background: #f6f8fa; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { font-size: 19px; margin: 0 0 8px; }
section, .summary { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 14px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e4e8ec; vertical-align: top; }
th { background: #f6f8fa; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f3f4f6; padding: 1px 4px; border-radius: 4px; white-space: pre-wrap; word-break: break-all; }
blockquote { margin: 0 0 10px; padding: 4px 12px; border-left: 4px solid #d0d7de; color: #57606a; }
.badge { display: inline-block; white-space: nowrap; font-weight: 600; font-size: 13px; padding: 1px 10px; border-radius: 12px; margin-right: 8px; }
.badge.fail { background: #ffebe9; color: #a40e26; border: 1px solid #ff8182; }
.badge.pass { background: #dafbe1; color: #116329; border: 1px solid #4ac26b; }
.badge.unchecked { background: #eaeef2; color: #57606a; border: 1px solid #afb8c1; }
.finding { margin: 6px 0; }
.finding .msg { margin-left: 6px; }
.muted { color: #57606a; }
.legend span { display: inline-block; margin-right: 14px; font-size: 13px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
a { color: #0969da; }
pre { background: #f3f4f6; border-radius: 6px; padding: 8px 12px; overflow-x: auto; }
pre code { background: none; padding: 0; white-space: pre; word-break: normal; }
.rule-doc { border-top: 1px solid #e4e8ec; padding-top: 4px; }
"""
_CODE_SPAN = re.compile(r"`([^`]+)`")


def e(value: object) -> str:
    """Escape for HTML text and attribute values."""
    return html.escape(str(value), quote=True)


def _chart(report: Readiness) -> str:
    """A horizontal stacked bar per checklist item: its errors, warnings and notes."""
    label_width, bar_width, row, top = 300, 520, 28, 10
    largest = max([sum(item.severity_counts) for item in report.items] + [1])
    height = top * 2 + row * len(report.items)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + bar_width + 60}" height="{height}" '
        f'viewBox="0 0 {label_width + bar_width + 60} {height}" role="img" aria-label="Findings per checklist item">'
    ]
    for index, item in enumerate(report.items):
        y = top + index * row
        label = f"{item.item.id} {item.item.title}"
        if len(label) > 36:
            label = label[:35] + "…"
        parts.append(f'<text x="0" y="{y + 17}" font-size="13" fill="#1f2328">{e(label)}</text>')
        x = label_width
        for count, colour in zip(item.severity_counts, COLOURS):
            if count:
                width = max(2, round(bar_width * count / largest))
                parts.append(f'<rect x="{x}" y="{y + 4}" width="{width}" height="18" rx="2" fill="{colour}"></rect>')
                x += width
        total = sum(item.severity_counts)
        text = str(total) if total else STATUS[item.status][0].lower()
        parts.append(f'<text x="{x + 6}" y="{y + 17}" font-size="12" fill="#57606a">{e(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(header: List[str], rows: List[List[Tuple[str, bool]]]) -> str:
    """`rows` hold (already escaped HTML, is-number) cells."""
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f'<td class="n">{cell}</td>' if number else f"<td>{cell}</td>" for cell, number in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _finding(finding: Finding) -> str:
    where = e(f"{finding.path}:{finding.span.line}:{finding.span.column}")
    source = finding.source_line.strip()
    line = f'<div class="finding"><code>{where}</code> <strong>{e(finding.rule)}</strong><span class="msg">{e(finding.message)}</span>'
    if source:
        line += f"<br><code>{e(source)}</code>"
    return line + "</div>"


def _item(report: ItemReport) -> str:
    item = report.item
    label, css = STATUS[report.status]
    parts = [f'<section id="{e(item.id)}"><h2><span class="badge {css}">{e(label)}</span>{e(item.id)}: {e(item.title)}</h2>']
    parts.append(f"<blockquote>{e(item.question)}</blockquote>")
    errors, warnings, notes = report.severity_counts
    if report.status == FAIL:
        counts = ", ".join(plural(n, word) for n, word in zip((errors, warnings, notes), ("error", "warning", "note")))
        parts.append(f"<p><strong>{e(plural(len(report.findings), 'finding'))}</strong>: {e(counts)}.</p>")
    elif report.status == PASS:
        parts.append("<p>No findings from the rules that check this item.</p>")
    else:
        parts.append('<p class="muted">No enabled rule checks this item: answer it in the review.</p>')
    if report.suppressed:
        parts.append(f'<p class="muted">{e(plural(report.suppressed, "finding"))} suppressed inline.</p>')
    if report.rules:
        rows = [
            [(f"{_rule_link(row.code, row.url)} {e(row.name)}", False), (e(row.severity), False), (str(row.count), True), (e(row.summary), False)]
            for row in report.rules
        ]
        parts.append(_table(["Rule", "Severity", "Findings", "What it checks"], rows))
    if report.worst_files:
        rows = [[(f"<code>{e(row.path)}</code>", False), *((str(n), True) for n in row.counts)] for row in report.worst_files]
        parts.append("<h3>Worst files</h3>" + _table(["File", "Errors", "Warnings", "Notes"], rows))
    if report.findings:
        parts.append("<details><summary>Findings</summary>")
        parts.extend(_finding(finding) for finding in report.findings[:LISTED_FINDINGS])
        if len(report.findings) > LISTED_FINDINGS:
            parts.append(f'<p class="muted">… and {len(report.findings) - LISTED_FINDINGS} more (see <code>prr-lint check</code>).</p>')
        parts.append("</details>")
    parts.append("</section>")
    return "\n".join(parts)


def _rule_link(code: str, url: object) -> str:
    return f'<a href="{e(url)}">{e(code)}</a>' if url else e(code)


def _inline(text: str) -> str:
    """Escaped text whose `code spans` become <code> (after escaping, so they can hold no markup)."""
    return _CODE_SPAN.sub(r"<code>\1</code>", e(text))


def _prose(body: str) -> str:
    """A documentation section: paragraphs, and '- ' lines (with their indented continuations) as a list."""
    blocks: List[Tuple[str, List[str]]] = []  # ('p' or 'li', lines)
    for line in body.splitlines():
        if not line.strip():
            blocks.append(("", []))
        elif line.startswith("- "):
            blocks.append(("li", [line[2:]]))
        elif blocks and blocks[-1][0] and (blocks[-1][0] == "p" or line[:1].isspace()):
            blocks[-1][1].append(line.strip())
        else:
            blocks.append(("p", [line.strip()]))
    parts, in_list = [], False
    for kind, lines in blocks:
        if in_list and kind != "li":
            parts.append("</ul>")
        if kind == "li" and not in_list:
            parts.append("<ul>")
        in_list = kind == "li"
        if kind:
            parts.append(f"<{kind}>{_inline(' '.join(lines))}</{kind}>")
    return "".join(parts) + ("</ul>" if in_list else "")


def _rule_doc(doc: RuleDoc) -> str:
    parts = [f'<div class="rule-doc" id="{e(doc.anchor)}"><h3>{e(doc.code)} {e(doc.name)}</h3>', f"<p>{_inline(doc.first)}</p>"]
    for title, body in doc.sections:
        parts.append(f"<h4>{e(title)}</h4>")
        parts.append(f"<pre><code>{e(body)}</code></pre>" if is_code_section(title) else _prose(body))
    return "\n".join(parts) + "</div>"


def _rule_docs(report: Readiness) -> str:
    parts = ['<section id="rule-docs"><h2>Rule documentation</h2>']
    parts.extend(_rule_doc(doc) for doc in report.rule_docs)
    return "\n".join(parts) + "</section>"


def _coverage(report: Readiness) -> str:
    parts = ['<section id="coverage"><h2>Analysis coverage</h2>']
    if not (report.unanalysed or report.meta_findings or report.stale_baseline):
        parts.append("<p>Every file was analysed; no suppression problems.</p>")
    if report.unanalysed:
        parts.append(f"<p>{e(plural(len(report.unanalysed), 'file'))} could not be analysed, so the items above do not cover them:</p><ul>")
        parts.extend(f"<li><code>{e(path)}</code>: {e(reason)}</li>" for path, reason in report.unanalysed)
        parts.append("</ul>")
    if report.meta_findings:
        parts.append("<p>Findings about the analysis itself (suppressions, parse errors, internal errors):</p>")
        parts.extend(_finding(finding) for finding in report.meta_findings[:LISTED_FINDINGS])
    if report.stale_baseline:
        parts.append(f"<p>{e(plural(len(report.stale_baseline), 'baseline entry', 'baseline entries'))} no longer match (run <code>prr-lint baseline --prune</code>).</p>")
    parts.append("</section>")
    return "\n".join(parts)


def render(report: Readiness) -> str:
    failing, passing, unchecked = report.count(FAIL), report.count(PASS), report.count(NOT_CHECKED)
    extra = []
    if report.suppressed:
        extra.append(f"{report.suppressed} suppressed inline")
    if report.baselined:
        extra.append(f"{report.baselined} accepted by the baseline")
    overview = _table(
        ["Item", "Status", "Findings", "Question"],
        [
            [
                (f'<a href="#{e(item.item.id)}">{e(item.item.id)}</a> {e(item.item.title)}', False),
                (f'<span class="badge {STATUS[item.status][1]}">{e(STATUS[item.status][0])}</span>', False),
                (str(len(item.findings)), True),
                (e(item.item.question), False),
            ]
            for item in report.items
        ],
    )
    legend = "".join(f'<span><i style="background:{colour}"></i>{name}</span>' for name, colour in zip(("errors", "warnings", "notes"), COLOURS))
    body = [
        '<div class="summary">',
        "<h1>Production readiness report</h1>",
        f'<p class="muted">prr-lint {e(report.version)} checked {e(plural(report.files, "file"))}.</p>',
        f"<p><strong>{failing} of {len(report.items)} checklist items fail</strong>, {passing} pass, {unchecked} not checked. "
        f"{e(plural(report.findings, 'finding'))}" + (f" ({e(', '.join(extra))} not counted)." if extra else ".") + "</p>",
        f'<div class="legend">{legend}</div>',
        _chart(report),
        overview,
        "</div>",
    ]
    body += [_item(item) for item in report.items]
    body.append(_coverage(report))
    if report.rule_docs:
        body.append(_rule_docs(report))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Production readiness report</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )
