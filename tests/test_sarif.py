"""SARIF output: schema validity, what GitHub code scanning needs and limits, line hashes, fingerprints."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import jsonschema

from _reporting_data import REGISTRY, FakePrint, FakeSwallowed, cli_runner, finding, options, run_result, write_project
from prr_lint.cli import cli
from prr_lint.config import Settings
from prr_lint.model import RunResult, Severity
from prr_lint.registry import Registry
from prr_lint.reporters import sarif
from prr_lint.reporters.common import repository_prefix
from prr_lint.reporters.line_hash import line_hashes
from prr_lint.rules.base import Rule

DATA = Path(__file__).parent / "data"
SNAPSHOTS = Path(__file__).parent / "snapshots" / "reporting"
SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
MASK = (1 << 64) - 1


def validate(document) -> None:
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(document)


def check_github_limits(document) -> None:
    """GitHub code scanning's documented limits for one SARIF upload."""
    assert len(document["runs"]) <= 20
    for run in document["runs"]:
        rules = run["tool"]["driver"]["rules"]
        ids = [rule["id"] for rule in rules]
        assert len(ids) == len(set(ids)), "duplicate rule ids are rejected"
        assert len(rules) <= 25_000
        for rule in rules:
            assert len(rule["id"]) <= 255 and len(rule.get("name", "")) <= 255
            assert 0 < len(rule["shortDescription"]["text"]) <= 1024
            assert 0 < len(rule["fullDescription"]["text"]) <= 1024
            assert rule["help"]["text"] and rule["help"]["markdown"]
            assert len(rule["properties"]["tags"]) <= 20
        assert len(run["results"]) <= 25_000
        for result in run["results"]:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            assert len(result["locations"]) == 1
            assert len(result.get("relatedLocations", [])) <= 1000
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            assert not uri.startswith(("/", "file:")), "URIs are repository-relative"
            region = result["locations"][0]["physicalLocation"]["region"]
            assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
        if run["results"]:
            assert run["columnKind"] in ("utf16CodeUnits", "unicodeCodePoints")


# --- primaryLocationLineHash -----------------------------------------------------------------------------


def test_line_hash_matches_values_published_by_codeql_action():
    # Expected values from github/codeql-action src/fingerprints.test.ts (test 'hash').
    assert line_hashes("") == {1: "c129715d7a2bc9a3:1"}
    assert line_hashes(" a\nb\n  \t\tc\n d") == {
        1: "271789c17abda88f:1",
        2: "54703d4cd895b18:1",
        3: "180aee12dab6264:1",
        4: "a23a3dc5e078b07b:1",
    }
    expected = ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
                "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"]
    for text in (
        " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
        " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
        " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
        " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
    ):
        assert list(line_hashes(text).values()) == expected
    lorem = line_hashes("Lorem ipsum dolor sit amet.\n" * 10)
    assert [lorem[n] for n in range(1, 12)] == [f"a7f2ff13bc495cf2:{n}" for n in range(1, 7)] + [
        "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"]


def _hand_hash(units) -> str:
    """The hash written out: sum of unit * 37**(99 - i) over the 100 units from the line start, mod 2**64."""
    units = (list(units) + [0] * 100)[:100]
    return format(sum(unit * pow(37, 99 - i, 1 << 64) for i, unit in enumerate(units)) & MASK, "x")


def test_line_hash_hand_computed_cases():
    # An empty file is one line: the end-of-file marker 65535 then 99 zeros.
    assert line_hashes("")[1] == _hand_hash([65535]) + ":1"
    # "a\n": line 1 is 'a', LF, the marker; line 2 (after the final newline) is the marker alone.
    assert line_hashes("a\n") == {1: _hand_hash([97, 10, 65535]) + ":1", 2: _hand_hash([65535]) + ":1"}
    # Spaces and tabs are skipped; CRLF and CR are one LF.
    hashes = line_hashes("  x = 1\r\ny\r")
    assert hashes[1] == _hand_hash([ord(c) for c in "x=1\ny\n"] + [65535]) + ":1"
    assert hashes[2] == _hand_hash([ord("y"), 10, 65535]) + ":1"
    assert hashes[3] == _hand_hash([65535]) + ":1"
    # A character outside the BMP counts as its two UTF-16 code units, as in JavaScript.
    assert line_hashes("\U0001F600")[1] == _hand_hash([0xD83D, 0xDE00, 65535]) + ":1"
    # Two lines whose 100-unit windows are identical get ':1' and ':2'.
    long_line = "x" * 120 + "\n"
    twins = line_hashes(long_line * 2)
    assert twins[1] == _hand_hash([ord("x")] * 100) + ":1" and twins[2] == _hand_hash([ord("x")] * 100) + ":2"


def _reference_hashes(text: str):
    """A direct (non-rolling) reading of the same algorithm, to cross-check the rolling one."""
    units = []
    for char in text:
        point = ord(char)
        if point > 0xFFFF:
            point -= 0x10000
            units += [0xD800 + (point >> 10), 0xDC00 + (point & 0x3FF)]
        else:
            units.append(point)
    kept, starts, at_start, after_cr = [], [], True, False
    for unit in units + [65535]:
        if unit in (9, 32) or (after_cr and unit == 10):
            after_cr = False
            continue
        after_cr = unit == 13
        unit = 10 if unit == 13 else unit
        if at_start:
            starts.append(len(kept))
            at_start = False
        if unit == 10:
            at_start = True
        kept.append(unit)
    seen, out = {}, {}
    for line, start in enumerate(starts, start=1):
        value = _hand_hash(kept[start:start + 100])
        seen[value] = seen.get(value, 0) + 1
        out[line] = f"{value}:{seen[value]}"
    return out


def test_line_hash_agrees_with_a_direct_reading_on_random_text():
    rng = random.Random(5)
    alphabet = ["a", "b", " ", "\t", "\n", "\r", "\r\n", "é", "\U0001F600", "x" * 60, "#"]
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        assert line_hashes(text) == _reference_hashes(text), repr(text)


# --- the document ----------------------------------------------------------------------------------------


def test_sarif_is_valid_complete_and_within_github_limits(tmp_path):
    write_project(tmp_path)
    document = sarif.build(run_result(), REGISTRY, options(tmp_path))
    validate(document)
    check_github_limits(document)
    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "prr-lint" and driver["version"]
    assert [rule["id"] for rule in driver["rules"]] == ["PRR101", "PRR201", "PRR401"]  # those that fired
    swallowed = driver["rules"][0]
    assert swallowed["defaultConfiguration"]["level"] == "error"
    assert "helpUri" not in swallowed and "informationUri" not in driver, "no docs page configured: no invented links"
    assert "informationUri" not in run["taxonomies"][0]
    assert swallowed["help"]["text"] == FakeSwallowed.documentation(), "the full documentation travels instead"
    assert swallowed["properties"]["tags"] == ["prr", "error-reporting", "PRR-ERR"]
    assert "```python" in swallowed["help"]["markdown"]
    assert swallowed["relationships"][0]["target"]["id"] == "PRR-ERR"
    taxonomy = run["taxonomies"][0]
    taxa = [taxon["id"] for taxon in taxonomy["taxa"]]
    assert {"PRR-ERR", "PRR-MON", "PRR-LOG"} <= set(taxa)
    for rule in driver["rules"]:
        for relationship in rule["relationships"]:
            assert taxa[relationship["target"]["index"]] == relationship["target"]["id"]
    assert driver["supportedTaxonomies"] == [{"name": taxonomy["name"], "index": 0}]
    assert run["columnKind"] == "unicodeCodePoints"
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in invocation["toolExecutionNotifications"]] == ["svc/broken.py"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["PRR201", "PRR101", "PRR401"]
    first = results[1]
    assert first["level"] == "error" and first["message"]["text"]
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 6, "startColumn": 5, "endLine": 6, "endColumn": 22}
    expected_hash = line_hashes((tmp_path / "svc/api.py").read_text())[6]
    assert first["partialFingerprints"] == {"primaryLocationLineHash": expected_hash, "prrLintFingerprint/v1": "fp-PRR101-6"}
    assert results[2]["relatedLocations"][0]["message"]["text"] == "handler is a request handler"
    assert all("suppressions" not in r for r in results)  # suppressed findings are left out by default


def test_a_docs_page_gives_help_and_information_uris(tmp_path):
    write_project(tmp_path)
    docs = "https://docs.acme.example/prr-lint/rules.html"
    report_options = replace(options(tmp_path), settings=Settings(root=tmp_path, docs_url=docs))
    document = sarif.build(run_result(), REGISTRY, report_options)
    validate(document)
    check_github_limits(document)
    driver = document["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == docs
    assert [rule["helpUri"] for rule in driver["rules"]] == [f"{docs}#prr101", f"{docs}#prr201", f"{docs}#prr401"]
    assert driver["rules"][0]["help"]["text"] == FakeSwallowed.documentation()


def test_include_suppressed_all_rules_and_category(tmp_path):
    write_project(tmp_path)
    document = sarif.build(
        run_result(), REGISTRY, options(tmp_path, sarif_include_suppressed=True, sarif_all_rules=True, sarif_category="backend")
    )
    validate(document)
    run = document["runs"][0]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert len(suppressed) == 1 and suppressed[0]["suppressions"] == [{"kind": "inSource"}]
    assert suppressed[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "svc/worker.py"
    assert len(run["tool"]["driver"]["rules"]) == len(REGISTRY.codes())
    assert run["automationDetails"] == {"id": "backend/"}


def test_clean_run_has_an_empty_results_array(tmp_path):
    document = sarif.build(RunResult(findings=[], files=4), REGISTRY, options(tmp_path))
    validate(document)
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["tool"]["driver"]["rules"] == []
    assert document["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_internal_errors_mark_execution_unsuccessful(tmp_path):
    document = sarif.build(RunResult(findings=[], internal_errors=1), REGISTRY, options(tmp_path))
    assert document["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_unreadable_file_gets_no_line_hash_but_keeps_its_own_fingerprint(tmp_path):
    result = RunResult(findings=[finding(FakeSwallowed, "gone.py", 1, 1, 1, 5, "m")])
    (results,) = [sarif.build(result, REGISTRY, options(tmp_path))["runs"][0]["results"]]
    assert results[0]["partialFingerprints"] == {"prrLintFingerprint/v1": "fp-PRR101-1"}


def test_long_texts_and_many_tags_are_cut_to_github_limits(tmp_path):
    class Verbose(Rule):
        """Very long.

        What it does
            {}
        """

        code = "PRR102"
        name = "verbose-rule"
        severity = Severity.WARNING
        checklist = tuple(f"ORG-{n:02d}" for n in range(30))
        summary = "s" * 3000

    Verbose.__doc__ = Verbose.__doc__.replace("{}", "word " * 600)
    registry = Registry([Verbose])
    result = RunResult(findings=[finding(Verbose, "a.py", 1, 1, 1, 2, "m")])
    document = sarif.build(result, registry, options(tmp_path))
    validate(document)
    check_github_limits(document)
    rule = document["runs"][0]["tool"]["driver"]["rules"][0]
    assert len(rule["shortDescription"]["text"]) == 1024 and rule["shortDescription"]["text"].endswith("…")
    assert len(rule["properties"]["tags"]) == 20


def test_more_than_25000_results_are_truncated_with_a_notification(tmp_path):
    findings = [finding(FakePrint, f"m{n // 1000:02d}.py", n % 1000 + 1, 1, n % 1000 + 1, 5, "p") for n in range(25_003)]
    findings[-1] = replace(findings[-1], severity=Severity.ERROR)
    document = sarif.build(RunResult(findings=findings), REGISTRY, options(tmp_path))
    run = document["runs"][0]
    assert len(run["results"]) == 25_000
    assert run["results"][-1]["level"] == "error", "the most severe results are kept"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("3 of 25003 results were left out" in note["message"]["text"] for note in notes)
    check_github_limits(document)


def test_output_is_deterministic(tmp_path):
    write_project(tmp_path)
    first = sarif.render(run_result(), REGISTRY, options(tmp_path))
    shuffled = run_result()
    shuffled.findings.reverse()
    assert sarif.render(shuffled, REGISTRY, options(tmp_path)) == first


def test_uris_are_repository_relative_inside_a_monorepo(tmp_path):
    (tmp_path / ".git").mkdir()
    service = tmp_path / "services" / "orders"
    write_project(service)
    assert repository_prefix(service) == "services/orders/"
    assert repository_prefix(tmp_path) == ""
    document = sarif.build(run_result(), REGISTRY, options(service))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in document["runs"][0]["results"]}
    assert uris == {"services/orders/svc/api.py"}
    assert "primaryLocationLineHash" in document["runs"][0]["results"][0]["partialFingerprints"]


def test_uris_are_percent_encoded():
    assert sarif.artifact_uri("my dir/a#b.py") == "my%20dir/a%23b.py"


def test_snapshot(tmp_path, snapshot):
    write_project(tmp_path)
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(sarif.render(run_result(), REGISTRY, options(tmp_path, sarif_category="svc")), "fixed_input.sarif.json")


# --- end to end: the real rules through the CLI ------------------------------------------------------------

SERVICE = """\
import requests


def handler(order):
    try:
        return requests.post("https://payments", json=order)
    except Exception:
        pass
"""


def _check(root: Path, monkeypatch, *arguments: str):
    """The default rules plus PRR101 (opt-in), whose swallowed handler in SERVICE these tests follow."""
    monkeypatch.chdir(root)
    return cli_runner().invoke(cli, ["check", "--no-cache", "--extend-select", "PRR101", *arguments], catch_exceptions=False)


def test_cli_sarif_is_valid_and_several_outputs_are_written(tmp_path, monkeypatch):
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "api.py").write_text(SERVICE)
    outcome = _check(tmp_path, monkeypatch, "--output-format", "sarif", "--output", "github:out/gh.txt",
                     "--output", "json:out/findings.json", "--sarif-category", "orders", "svc")
    assert outcome.exit_code == 1, outcome.stderr
    document = json.loads(outcome.stdout)
    validate(document)
    check_github_limits(document)
    run = document["runs"][0]
    assert {r["ruleId"] for r in run["results"]} >= {"PRR101"}
    assert all("primaryLocationLineHash" in r["partialFingerprints"] for r in run["results"])
    findings = json.loads((tmp_path / "out" / "findings.json").read_text())["findings"]
    assert len(findings) == len(run["results"])
    assert (tmp_path / "out" / "gh.txt").read_text().startswith("::")
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_cli_sarif_links_to_the_docs_page_the_project_declares(tmp_path, monkeypatch):
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "api.py").write_text(SERVICE)
    docs = "https://git.acme.example/sre/prr/blob/main/rules.md"
    (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "svc"\n[project.urls]\nprr-lint-docs = "{docs}"\n')
    document = json.loads(_check(tmp_path, monkeypatch, "--output-format", "sarif", "svc").stdout)
    validate(document)
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert rules and all(rule["helpUri"] == f"{docs}#{rule['id'].lower()}" for rule in rules)


def test_cli_rejects_a_malformed_output(tmp_path, monkeypatch):
    outcome = _check(tmp_path, monkeypatch, "--output", "sarif")
    assert outcome.exit_code == 2 and "FORMAT:PATH" in outcome.stderr
    outcome = _check(tmp_path, monkeypatch, "--output", "xml:a.xml")
    assert outcome.exit_code == 2 and "unknown format" in outcome.stderr


def _sarif_result(root: Path, monkeypatch, rule: str):
    outcome = _check(root, monkeypatch, "--output-format", "sarif", "svc")
    (result,) = [r for r in json.loads(outcome.stdout)["runs"][0]["results"] if r["ruleId"] == rule]
    return result


def test_fingerprints_survive_lines_inserted_above_and_change_with_the_line(tmp_path, monkeypatch):
    (tmp_path / "svc").mkdir()
    source = tmp_path / "svc" / "api.py"
    source.write_text(SERVICE)
    before = _sarif_result(tmp_path, monkeypatch, "PRR101")
    source.write_text('"""Orders API."""\nimport logging\n\n# more code above\n' + SERVICE)
    shifted = _sarif_result(tmp_path, monkeypatch, "PRR101")
    assert shifted["locations"][0]["physicalLocation"]["region"]["startLine"] == before["locations"][0]["physicalLocation"]["region"]["startLine"] + 4
    assert shifted["partialFingerprints"] == before["partialFingerprints"]
    source.write_text(SERVICE.replace("except Exception:", "except BaseException:"))
    changed = _sarif_result(tmp_path, monkeypatch, "PRR101")
    assert changed["partialFingerprints"]["prrLintFingerprint/v1"] != before["partialFingerprints"]["prrLintFingerprint/v1"]
    assert changed["partialFingerprints"]["primaryLocationLineHash"] != before["partialFingerprints"]["primaryLocationLineHash"]


def test_suppression_reason_becomes_the_sarif_justification(tmp_path):
    """Through the real pipeline: the comment's reason is what reviewers see in code scanning."""
    from conftest import lint_sources

    source = "def f():\n    try:\n        db.commit()\n    except Exception:  # prr-lint: ignore[PRR101] g reports itself\n        pass\n"
    result = lint_sources({"svc/api.py": source}, select=["PRR101"])
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc/api.py").write_text(source)
    document = sarif.build(result, REGISTRY, options(tmp_path, sarif_include_suppressed=True))
    validate(document)
    [entry] = document["runs"][0]["results"]
    assert entry["suppressions"] == [{"kind": "inSource", "justification": "g reports itself"}]
