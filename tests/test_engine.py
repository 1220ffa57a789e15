"""The per-file phase and the project phase: suppressions, pending findings, crashes, the cache."""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from conftest import REGISTRY, codes_and_lines, lint_sources
from prr_lint.config import Settings
from prr_lint.cache import ResultCache
from prr_lint.engine import FileJob, Plan, analyse
from prr_lint.pool import run_files
from prr_lint.model import FileResult, Severity
from prr_lint.registry import Registry
from prr_lint.rules.base import Example, Rule

SWALLOW = "def f():\n    try:\n        db.commit()\n    except Exception:{comment}\n        pass\n"


def test_suppression_on_the_line_and_on_the_line_before() -> None:
    same_line = SWALLOW.format(comment="  # prr-lint: ignore[PRR101] g reports itself")
    line_before = SWALLOW.format(comment="").replace("    except", "    # noqa: PRR101\n    except")
    result = lint_sources({"svc/a.py": same_line, "svc/b.py": line_before})
    assert result.findings == []
    assert len(result.suppressed) == 2


def test_blanket_unknown_and_unused_suppressions_are_findings() -> None:
    source = (
        SWALLOW.format(comment="  # prr-lint: ignore")
        + "x = 1  # prr-lint: ignore[PRR999] no such rule\n"
        + "y = 2  # noqa: PRR501, E501\n"
    )
    result = lint_sources({"svc/a.py": source})
    assert codes_and_lines(result) == [
        ("PRR101", "svc/a.py", 4),
        ("PRR001", "svc/a.py", 4),
        ("PRR001", "svc/a.py", 6),
        ("PRR002", "svc/a.py", 7),
    ]


def test_foreign_noqa_and_hash_in_strings_are_ignored() -> None:
    source = "x = 1  # noqa: E501\ny = '# prr-lint: ignore'\nz = 3  # noqa\n"
    assert lint_sources({"svc/a.py": source}).findings == []


def test_reporter_helper_in_another_module_through_a_chain() -> None:
    files = {
        "svc/__init__.py": "",
        "svc/reporting.py": "import sentry_sdk\n\ndef report(e):\n    sentry_sdk.capture_exception(e)\n\ndef note(e):\n    report(e)\n",
        "svc/api.py": (
            "from svc.reporting import note\nfrom svc import reporting\n\n"
            "def a():\n    try:\n        db.commit()\n    except Exception as e:\n        note(e)\n\n"
            "def b():\n    try:\n        db.commit()\n    except Exception as e:\n        reporting.report(e)\n\n"
            "def c():\n    try:\n        db.commit()\n    except Exception as e:\n        cleanup(e)\n\n"
            "def cleanup(e):\n    pass\n"
        ),
    }
    assert codes_and_lines(lint_sources(files)) == [("PRR101", "svc/api.py", 19)]


def test_reporter_method_inherited_from_a_base_class_in_another_module() -> None:
    files = {
        "svc/__init__.py": "",
        "svc/base.py": "import logging\nlog = logging.getLogger(__name__)\n\nclass Handler:\n    def fail(self, e):\n        log.exception('failed')\n",
        "svc/jobs.py": (
            "from .base import Handler\n\nclass Job(Handler):\n    def run(self):\n        try:\n            db.commit()\n"
            "        except Exception as e:\n            self.fail(e)\n"
        ),
    }
    assert lint_sources(files).findings == []


class _Crashing(Rule):
    """Crashes on every call.

    What it does
        x
    Why is this bad?
        x
    Example
        x
    Use instead
        x
    Options
        x
    References
        x
    """

    code = "PRR999"
    name = "crashing"
    severity = Severity.WARNING
    checklist = ("PRR-CHG",)
    summary = "crashes"
    VALID = (Example("x = 1\n"),)
    INVALID = (Example("f()  # expect: PRR999\n"),)

    def visit_Call(self, node: cst.Call) -> None:
        raise ValueError("boom")


def test_a_crashing_rule_becomes_an_internal_error_and_other_rules_still_run() -> None:
    registry = Registry([*REGISTRY, _Crashing])
    plan = Plan(Settings(root=Path(".")), ("PRR003", "PRR101", "PRR999"))
    source = SWALLOW.format(comment="").encode()
    result = analyse(FileJob("svc/a.py", "svc.a", False, source), plan, registry)
    assert [(f.rule, f.span.line) for f in result.findings] == [("PRR003", 1), ("PRR101", 4)]
    assert "rule PRR999 (crashing) crashed: ValueError: boom" in result.findings[0].message
    assert result.internal_errors == 1


def test_cache_serves_unchanged_files_and_misses_changed_ones(tmp_path: Path) -> None:
    plan = Plan(Settings(root=tmp_path), ("PRR101",))
    cache = ResultCache(str(tmp_path / "cache"))
    job = FileJob("svc/a.py", "svc.a", False, SWALLOW.format(comment="").encode())
    first = run_files([job], plan, 1, cache)
    assert cache.get(plan.cache_key(job), FileResult) == first[0]
    changed = FileJob("svc/a.py", "svc.a", False, b"x = 1\n")
    assert cache.get(plan.cache_key(changed), FileResult) is None
    other_plan = Plan(Settings(root=tmp_path), ("PRR101", "PRR401"))
    assert other_plan.cache_key(job) != plan.cache_key(job)


def test_corrupt_cache_entry_is_a_miss(tmp_path: Path) -> None:
    plan = Plan(Settings(root=tmp_path), ("PRR101",))
    cache = ResultCache(str(tmp_path / "cache"))
    job = FileJob("svc/a.py", "svc.a", False, SWALLOW.format(comment="").encode())
    run_files([job], plan, 1, cache)
    Path(cache._path(plan.cache_key(job))).write_bytes(b"not a pickle")
    assert [f.rule for f in run_files([job], plan, 1, cache)[0].findings] == ["PRR101"]


def test_an_unchanged_tree_is_served_whole_and_any_change_reruns_both_phases(tmp_path: Path) -> None:
    from prr_lint.runner import run_jobs

    plan = Plan(Settings(root=tmp_path), ("PRR101",))
    cache = ResultCache(str(tmp_path / "cache"))
    helper = FileJob("svc/report.py", "svc.report", False, b"import sentry_sdk\n\ndef report(e):\n    sentry_sdk.capture_exception(e)\n")
    api = FileJob("svc/api.py", "svc.api", False, b"from svc.report import report\n\ndef f():\n    try:\n        db.commit()\n    except Exception as e:\n        report(e)\n")
    assert run_jobs([helper, api], plan, 1, cache).findings == []
    assert run_jobs([helper, api], plan, 1, cache).findings == []
    silent = FileJob("svc/report.py", "svc.report", False, b"def report(e):\n    pass\n")
    assert [f.rule for f in run_jobs([silent, api], plan, 1, cache).findings] == ["PRR101"]


def test_service_code_rules_skip_operator_folders_and_tool_scripts() -> None:
    call = "import requests\n\ndef fetch(url):\n    return requests.get(url)\n"
    paths = ["svc/client.py", "docker/fetchstatus.py", "dev/codegen/gen.py", "scripts/seed.py", "bench/run.py", "setup.py", "tests/test_client.py", ".github/tool.py"]
    result = lint_sources({path: call for path in paths}, select=["PRR501"])
    assert codes_and_lines(result) == [("PRR501", "svc/client.py", 4)]


def test_a_peer_linters_specific_suppression_silences_the_matching_rule() -> None:
    source = (
        "import requests\n\ndef view():\n    print('a')  # noqa: T201\n    x = 1\n    print('b')  # noqa\n"
        "    try:\n        db.commit()\n    except Exception:  # pylint: disable=broad-except\n        pass\n"
        "    try:\n        db.commit()\n    except Exception:  # noqa: BLE001\n        pass\n"
        "    requests.get('u')  # noqa: S113\n    requests.get('u')  # noqa: T201\n    return x\n"
    )
    result = lint_sources({"svc/a.py": source}, select=["PRR101", "PRR401", "PRR501", "PRR002"])
    # a bare noqa counts for nothing; a peer code of another problem does not silence this one
    assert codes_and_lines(result) == [("PRR401", "svc/a.py", 6), ("PRR501", "svc/a.py", 16)]
    assert len(result.suppressed) == 4
    assert sorted({f.justification for f in result.suppressed}) == [
        "peer suppression BLE001", "peer suppression S113", "peer suppression T201", "peer suppression broad-except",
    ]


def test_ruffs_file_level_exemption_silences_the_matching_rule_in_the_whole_file() -> None:
    """`# ruff: noqa: T201` anywhere in a module of operator commands: the author accepted every
    print there (PRR401); other rules stay, and a bare `# ruff: noqa` names no problem."""
    body = "import requests\n\ndef report(rows):\n    print(len(rows))\n    print('done')\n    return requests.get('u')\n"
    exempt = lint_sources({"svc/cmds.py": body + "# ruff: noqa: T201\n"}, select=["PRR401", "PRR501", "PRR002"])
    assert codes_and_lines(exempt) == [("PRR501", "svc/cmds.py", 6)]
    assert [f.justification for f in exempt.suppressed] == ["peer suppression T201 (whole file)"]
    bare = lint_sources({"svc/cmds.py": "# ruff: noqa\n" + body}, select=["PRR401"])
    assert [f.rule for f in bare.findings] == ["PRR401"]


def test_a_timeout_turned_into_another_error_by_a_library_is_still_a_timeout() -> None:
    from prr_lint.budget import AnalysisTimeout
    from prr_lint.engine import timeout_behind

    try:
        try:
            raise AnalysisTimeout("place", 20.0)
        except AnalysisTimeout:
            raise KeyError("node")  # what libcst's position recorder does with it
    except KeyError as error:
        found = timeout_behind(error)
    assert found is not None and found.phase == "place"
    assert timeout_behind(KeyError("unrelated")) is None


def test_a_recursion_error_a_library_turns_into_another_error_is_a_file_too_deeply_nested(monkeypatch) -> None:
    """libcst's position recorder turns a RecursionError in deep code into a KeyError (found by the fuzz tests)."""

    def deep(*_args):
        try:
            raise RecursionError("maximum recursion depth exceeded")
        except RecursionError:
            raise KeyError("node")

    monkeypatch.setattr("prr_lint.placing.finding_positions", deep)
    plan = Plan(Settings(root=Path(".")), ("PRR000", "PRR101"))
    result = analyse(FileJob("svc/a.py", "svc.a", False, SWALLOW.format(comment="").encode()), plan)
    assert [(f.rule, f.message) for f in result.findings] == [("PRR000", "the file is too deeply nested to analyse")]


def test_suppressions_hold_where_the_running_pythons_tokenizer_cannot_read_the_file() -> None:
    """libcst parses Python 3.12's f-strings whose replacement field spans lines; the tokenizer of 3.11 stops
    there ("EOF in multi-line statement"). The file is checked and its suppressions still count: no crash."""
    source = SWALLOW.format(comment="  # prr-lint: ignore[PRR101] g reports itself") + (
        'def write(out, version):\n    out.write(\n        f"version = {str(version)} # {\n            label(version)\n        }\\n"\n    )\n')
    result = lint_sources({"svc/a.py": source})
    assert result.findings == []
    assert len(result.suppressed) == 1


def test_suppression_comments_are_found_past_a_point_the_tokenizer_cannot_read() -> None:
    from prr_lint import suppressions

    source = "x = '# noqa: PRR501'  # prr-lint: ignore[PRR501] cached\ny = (\n    call()  # noqa: PRR501\n"
    found = [(s.kind, s.line, s.column, s.target_line, s.codes) for s in suppressions.parse(source)]
    assert found == [("prr-lint", 1, 23, 1, ("PRR501",)), ("noqa", 3, 13, 3, ("PRR501",))]
    assert [(s.line, s.column) for s in suppressions.parse(source.replace("\n", "\r\n"))] == [(1, 23), (3, 13)]
    assert [(s.line, s.column) for s in suppressions.parse(source.replace("\n", "\r"))] == [(1, 23), (3, 13)]
