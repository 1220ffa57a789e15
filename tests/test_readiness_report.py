"""The readiness report: grouping by checklist item, statuses, escaping of linted code, self-contained HTML."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from _reporting_data import REGISTRY, FakeNote, FakePrint, FakeSwallowed, cli_runner, finding, options, run_result, write_project
from prr_lint import readiness
from prr_lint.cli import cli
from prr_lint.model import RunResult, Severity
from prr_lint.config import Settings
from prr_lint.readiness import markdown
from prr_lint.registry import Registry
from prr_lint.reporters import ReportOptions
from prr_lint.rules.base import Rule

SNAPSHOTS = Path(__file__).parent / "snapshots" / "reporting"

CRAFTED = (
    "<script>alert(1)</script> | ``` ](javascript:alert(1)) ![x](https://evil.example/x.png) "
    "<img src=x onerror=alert(1)> **bold** [link](javascript:alert(2)) &lt; ~~gone~~ www.evil.example"
)


def crafted_result() -> RunResult:
    result = run_result()
    result.findings.append(
        finding(
            FakeSwallowed,
            "svc/<b>x|y</b>`.py",
            4,
            1,
            4,
            9,
            CRAFTED + "\n# a heading\n| a | table |",
            source_line="    except Exception:  # " + CRAFTED + " `` ` ",
        )
    )
    result.unanalysed.append(("svc/<iframe src=//evil>.py", "syntax error: <script>x</script>"))
    return result


def test_items_are_grouped_with_status_counts_and_worst_files(tmp_path):
    report = readiness.build(run_result(), REGISTRY, options(tmp_path))
    by_id = {item.item.id: item for item in report.items}
    assert by_id["PRR-ERR"].status == readiness.FAIL
    assert [(row.code, row.count) for row in by_id["PRR-ERR"].rules] == [("PRR101", 1)]
    assert by_id["PRR-ERR"].rules[0].url == "#rule-prr101", "no docs page configured: the embedded docs"
    assert [doc.code for doc in report.rule_docs] == ["PRR101", "PRR201", "PRR401"]
    assert by_id["PRR-LOG"].worst_files[0].path == "svc/api.py"
    assert by_id["PRR-LOG"].suppressed == 1
    assert by_id["PRR-MON"].status == readiness.FAIL and by_id["PRR-MON"].severity_counts == (0, 0, 1)
    assert by_id["PRR-DEP"].status == readiness.NOT_CHECKED, "no enabled rule maps to it"
    clean = readiness.build(RunResult(findings=[]), REGISTRY, options(tmp_path))
    assert {item.item.id: item.status for item in clean.items}["PRR-ERR"] == readiness.PASS


def test_worst_files_are_ordered_by_severity_then_count():
    findings = [finding(FakePrint, "many.py", n, 1, n, 2, "p") for n in range(1, 6)]
    findings += [finding(FakePrint, "one-error.py", 1, 1, 1, 2, "p", severity=Severity.ERROR)]
    report = readiness.build(RunResult(findings=findings), REGISTRY, options(Path(".")))
    rows = {item.item.id: item for item in report.items}["PRR-LOG"].worst_files
    assert [row.path for row in rows] == ["one-error.py", "many.py"]


def test_meta_findings_do_not_decide_items(tmp_path):
    from prr_lint.registry import default_registry

    registry = default_registry()
    meta = finding(registry.get("PRR002"), "a.py", 1, 1, 1, 5, "unused suppression")
    report = readiness.build(RunResult(findings=[meta]), registry, options(tmp_path, enabled=("PRR002", "PRR101")))
    assert report.meta_findings == [meta]
    assert all(item.status != readiness.FAIL for item in report.items)
    assert "unused suppression" in markdown.render(report)


# --- Markdown -----------------------------------------------------------------------------------------------


def test_markdown_escapes_everything_from_the_linted_code(tmp_path):
    markdown_it = pytest.importorskip("markdown_it")
    text = readiness.render_markdown(crafted_result(), REGISTRY, options(tmp_path))
    parser = markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough")
    tokens = parser.parse(text)
    flat = [t for token in tokens for t in [token, *(token.children or [])]]

    html_tokens = [t.content.strip() for t in flat if t.type in ("html_inline", "html_block")]
    allowed = {"<details><summary>Findings</summary>", "</details>"}
    for content in html_tokens:
        assert content in allowed or content == "</a>" or re.fullmatch(r'<a id="(rule-)?prr-?[a-z0-9]+">(</a>)?', content), content
    links = [t.attrs.get("href") for t in flat if t.type == "link_open"]
    assert links and all(str(href).startswith("#") for href in links), links
    assert not [t for t in flat if t.type in ("image", "s_open", "strong_open") and "bold" in str(t.content)]
    headings = [t for t in tokens if t.type == "heading_open" and t.tag in ("h1", "h2")]
    assert len(headings) == 1 + len(readiness.build(crafted_result(), REGISTRY, options(tmp_path)).items) + 2
    # Every table row keeps the header's number of cells: a '|' in a path or message adds none.
    rows, cells = [], 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            rows.append(cells)
    assert rows and all(count in (4,) for count in rows), rows
    rendered = parser.render(text)
    assert "<script" not in rendered and "<img" not in rendered and "<iframe" not in rendered
    assert 'href="javascript' not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered, "the text is shown, not dropped"


def test_markdown_text_and_code_helpers():
    assert markdown.text("a|b") == "a\\|b"
    assert markdown.text("](javascript:x)") == "\\](javascript\\:x)"
    assert markdown.text("line\nbreak") == "line break"
    assert markdown.text("- item") == "\\- item" and markdown.text("3. x") == "3\\. x"
    assert markdown.code("a ``` b") == "```` a ``` b ````"
    assert markdown.code("x|y", in_table=True) == "`x\\|y`"


# --- HTML ---------------------------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.attributes = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value) for name, value in attrs)

    def handle_data(self, data):
        self.text.append(data)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "div", "h1", "h2", "h3", "p", "strong", "span",
    "table", "thead", "tbody", "tr", "th", "td", "a", "code", "blockquote", "details", "summary", "br", "ul", "li",
    "svg", "text", "rect", "i", "section", "h4", "pre",
}


def test_html_escapes_everything_and_loads_nothing(tmp_path):
    page = readiness.render_html(crafted_result(), REGISTRY, options(tmp_path))
    collector = _Collector()
    collector.feed(page)
    assert set(collector.tags) <= ALLOWED_TAGS, set(collector.tags) - ALLOWED_TAGS
    for tag, name, value in collector.attributes:
        assert not name.startswith("on"), (tag, name)
        assert name not in ("src", "srcset", "background", "action", "formaction"), (tag, name)
        if name == "href":
            assert value.startswith("#"), value
    text = "".join(collector.text)
    assert "<script>alert(1)</script>" in text, "the crafted text is shown as text"
    assert "svc/<b>x|y</b>`.py" in text
    assert "<link" not in page and "@import" not in page and "url(" not in page and "<script" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


# --- rule documentation: linked when a docs page is configured, embedded otherwise ---------------------------


class CraftedDocs(Rule):
    """Docs with <b>markup</b> & `<script>alert(1)</script>` in them.

    What it does
        Reports `x` when <img src=x onerror=alert(1)> "quoted" & friends.
        - a list item with `code`
          continued here
        After the list.

    Example
        if a < b and "</code></pre><script>":
            pass
    """

    code = "PRR102"
    name = "crafted-docs"
    severity = Severity.WARNING
    checklist = ("PRR-ERR",)
    summary = "A rule whose documentation holds markup"


def _crafted_docs_result() -> RunResult:
    result = run_result()
    result.findings.append(finding(CraftedDocs, "svc/api.py", 2, 1, 2, 5, "m"))
    return result


def _ids(page: str):
    return set(re.findall(r'id="([^"]+)"', page))


def test_html_embeds_escaped_rule_docs_and_every_link_lands_in_the_page(tmp_path):
    registry = Registry([FakeSwallowed, FakePrint, FakeNote, CraftedDocs])
    page = readiness.render_html(_crafted_docs_result(), registry, options(tmp_path, enabled=tuple(registry.codes())))
    collector = _Collector()
    collector.feed(page)
    assert set(collector.tags) <= ALLOWED_TAGS, set(collector.tags) - ALLOWED_TAGS
    assert "script" not in collector.tags and "img" not in collector.tags and "b" not in collector.tags
    text = "".join(collector.text)
    assert "<b>markup</b> & <script>alert(1)</script>" in text, "the documentation is shown as text"
    assert 'if a < b and "</code></pre><script>":' in text
    hrefs = [value for _, name, value in collector.attributes if name == "href"]
    assert "#rule-prr102" in hrefs and "#rule-prr101" in hrefs
    assert {href[1:] for href in hrefs} <= _ids(page), "every link points at an anchor in the page"
    section = page[page.index('id="rule-prr102"'):]
    assert "<ul><li>a list item with <code>code</code> continued here</li></ul><p>After the list.</p>" in section


def test_markdown_embeds_rule_docs_without_raw_html(tmp_path):
    markdown_it = pytest.importorskip("markdown_it")
    registry = Registry([FakeSwallowed, FakePrint, FakeNote, CraftedDocs])
    text = readiness.render_markdown(_crafted_docs_result(), registry, options(tmp_path, enabled=tuple(registry.codes())))
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    assert "&lt;b&gt;markup&lt;/b&gt;" in rendered and "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>" in rendered
    assert 'if a &lt; b and &quot;&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;&quot;:' in rendered, "the example is a code block"
    hrefs = re.findall(r'href="([^"]+)"', rendered)
    assert "#rule-prr102" in hrefs and {href[1:] for href in hrefs} <= _ids(text)


def test_a_docs_page_replaces_the_embedded_docs(tmp_path):
    docs = "https://wiki.acme.example/prr-lint/rules(v1)"
    settings = Settings(root=tmp_path, docs_url=docs)
    report_options = ReportOptions(settings=settings, enabled=tuple(REGISTRY.codes()))
    report = readiness.build(run_result(), REGISTRY, report_options)
    assert report.rule_docs == []
    assert {row.url for item in report.items for row in item.rules} == {f"{docs}#prr101", f"{docs}#prr201", f"{docs}#prr401"}
    page = readiness.render_html(run_result(), REGISTRY, report_options)
    assert f'href="{docs}#prr101"' in page and "Rule documentation" not in page
    text = readiness.render_markdown(run_result(), REGISTRY, report_options)
    assert "(https://wiki.acme.example/prr-lint/rules\\(v1\\)#prr101)" in text and "Rule documentation" not in text
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
    assert f'href="{docs}#prr101"' in rendered


def test_html_has_a_chart_per_item(tmp_path):
    page = readiness.render_html(run_result(), REGISTRY, options(tmp_path))
    chart = page[page.index("<svg"): page.index("</svg>")]
    assert chart.count("<rect") == 3  # PRR-ERR, PRR-MON and PRR-LOG have one severity each
    for item in readiness.build(run_result(), REGISTRY, options(tmp_path)).items:
        assert item.item.id in chart


def test_output_is_deterministic(tmp_path):
    assert readiness.render_html(run_result(), REGISTRY, options(tmp_path)) == readiness.render_html(run_result(), REGISTRY, options(tmp_path))


def test_snapshots(tmp_path, snapshot):
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(readiness.render_markdown(crafted_result(), REGISTRY, options(tmp_path)), "fixed_input.report.md")
    snapshot.assert_match(readiness.render_html(crafted_result(), REGISTRY, options(tmp_path)), "fixed_input.report.html")


# --- CLI ----------------------------------------------------------------------------------------------------


def test_report_command_and_output_formats(tmp_path, monkeypatch):
    write_project(tmp_path)
    (tmp_path / "svc" / "api.py").write_text("def f():\n    try:\n        db.commit()\n    except Exception:\n        pass\n")
    (tmp_path / "prr-lint.toml").write_text('extend-select = ["PRR101"]\n')  # the swallowed handler's rule is opt-in
    monkeypatch.chdir(tmp_path)
    runner = cli_runner()
    outcome = runner.invoke(cli, ["report", "--no-cache"], catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.startswith("# Production readiness report") and "PRR101" in outcome.stdout
    outcome = runner.invoke(cli, ["report", "--no-cache", "--format", "html", "--output", "out/report.html"], catch_exceptions=False)
    assert outcome.exit_code == 0 and outcome.stdout == ""
    assert (tmp_path / "out" / "report.html").read_text().startswith("<!DOCTYPE html>")
    outcome = runner.invoke(cli, ["check", "--no-cache", "--output", "markdown:r.md", "--output", "html:r.html"], catch_exceptions=False)
    assert outcome.exit_code == 1
    assert (tmp_path / "r.md").read_text().startswith("# Production readiness report")


# --- a real browser -----------------------------------------------------------------------------------------


def _browser():
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(_browser() is None, reason="no headless chromium installed")
def test_report_renders_in_headless_chromium(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(readiness.render_html(crafted_result(), REGISTRY, options(tmp_path)), encoding="utf-8")
    shot = tmp_path / "report.png"
    dom = subprocess.run(
        [_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Production readiness report" in dom.stdout
    assert "<script" not in dom.stdout and "<img" not in dom.stdout and "<iframe" not in dom.stdout
    run = subprocess.run(
        [_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.stat().st_size > 10_000
