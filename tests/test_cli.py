"""The command line, through click's runner and through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO

SWALLOW = "def f():\n    try:\n        db.commit()\n    except Exception:\n        pass\n"


def test_clean_project_exits_zero(in_dir: Path, run_cli) -> None:
    (in_dir / "ok.py").write_text("def f():\n    return 1\n")
    result = run_cli("check")
    assert result.exit_code == 0
    assert "Found 0 findings in 1 files." in result.output


def test_findings_exit_one_and_show_source_with_caret(in_dir: Path, run_cli) -> None:
    (in_dir / "api.py").write_text(SWALLOW)
    result = run_cli("check", "api.py", "--select", "PRR101")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("api.py:4:5: PRR101 `except Exception` swallows the error")
    assert lines[0].endswith("[PRR-ERR]")
    assert lines[1] == "        except Exception:"
    assert lines[2] == "        ^^^^^^^^^^^^^^^^^"


def test_exit_zero_and_fail_on(in_dir: Path, run_cli) -> None:
    (in_dir / "api.py").write_text("def view():\n    print('x')\n")  # a warning of PRR401 (opt-in)
    (in_dir / "pyproject.toml").write_text('[tool.prr-lint]\nextend-select = ["PRR401"]\n')
    assert run_cli("check", "--exit-zero").exit_code == 0
    assert run_cli("check", "--fail-on", "error").exit_code == 0
    assert run_cli("check", "--fail-on", "note").exit_code == 1
    (in_dir / "pyproject.toml").write_text('[tool.prr-lint]\nextend-select = ["PRR401"]\nseverity = { PRR401 = "note" }\n')
    assert run_cli("check").exit_code == 0


def test_select_ignore_by_code_prefix_and_name(in_dir: Path, run_cli) -> None:
    (in_dir / "api.py").write_text(SWALLOW + "\ndef view():\n    print('x')\n")
    def rules(*args: str) -> set:
        output = run_cli("check", "--output-format", "json", *args).output
        return {finding["rule"] for finding in json.loads(output)["findings"]}
    assert rules() == set()  # both rules are opt-in
    assert rules("--select", "ALL") == {"PRR101", "PRR401"}
    assert rules("--select", "PRR1") == {"PRR101"}
    assert rules("--select", "print-in-service") == {"PRR401"}
    assert rules("--extend-select", "swallowed-exception") == {"PRR101"}
    assert rules("--select", "ALL", "--ignore", "PRR101,PRR4") == set()


OPT_IN_SERVICE = """\
import requests
from flask import Flask

app = Flask(__name__)


@app.route("/orders")
def orders():
    try:
        return requests.get("http://orders", timeout=5).json()
    except Exception:
        return {"error": "unavailable"}, 503


@app.route("/refresh")
def refresh():
    print("refreshing")
    try:
        requests.post("http://cache/refresh", timeout=5)
    except Exception:
        pass
    return "ok"


@app.route("/stock")
def stock():
    for attempt in range(3):
        try:
            return requests.get("http://stock", timeout=5).json()
        except requests.RequestException:
            pass
    return {"stock": None}
"""


def test_rules_under_half_precision_are_opt_in(in_dir: Path, run_cli) -> None:
    """Under half of their findings held up on unseen services (README): off by default, run when selected."""
    from conftest import REGISTRY

    opt_in = {"PRR101", "PRR103", "PRR401", "PRR504"}
    assert not {code for code in opt_in if REGISTRY.get(code).default_enabled}
    assert not opt_in & set(REGISTRY.select([], [], []))
    (in_dir / "api.py").write_text(OPT_IN_SERVICE)

    def findings(*args: str) -> list:
        output = run_cli("check", "--no-cache", "--output-format", "json", *args).output
        return sorted((finding["rule"], finding["line"]) for finding in json.loads(output)["findings"])

    assert not opt_in & {rule for rule, _ in findings()}
    everything = [("PRR101", 20), ("PRR103", 11), ("PRR401", 17), ("PRR504", 27)]
    assert everything == findings("--select", "PRR101,PRR103,PRR401,PRR504")
    assert everything == [f for f in findings("--select", "ALL") if f[0] in opt_in]
    assert [("PRR401", 17)] == [f for f in findings("--extend-select", "print-in-service") if f[0] in opt_in]
    (in_dir / "pyproject.toml").write_text('[tool.prr-lint]\nextend-select = ["PRR103"]\n')
    assert [("PRR103", 11)] == [f for f in findings() if f[0] in opt_in]


def test_unknown_selector_is_a_usage_error_with_suggestion(in_dir: Path, run_cli) -> None:
    result = run_cli("check", "--select", "swallowed-exceptoin")
    assert result.exit_code == 2
    assert "--select: unknown rule selector 'swallowed-exceptoin'" in result.output
    assert "did you mean 'swallowed-exception'" in result.output


def test_config_error_is_one_line_naming_file_and_key(in_dir: Path, run_cli) -> None:
    (in_dir / "pyproject.toml").write_text('[tool.prr-lint]\nfail-on = "fatal"\n')
    result = run_cli("check")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert result.output.startswith("prr-lint: error: pyproject.toml: tool.prr-lint.fail-on:")


def test_missing_path_is_a_usage_error(in_dir: Path, run_cli) -> None:
    result = run_cli("check", "nope.py")
    assert result.exit_code == 2
    assert "nope.py" in result.output


def test_stdin_with_filename(in_dir: Path, run_cli) -> None:
    result = run_cli("check", "-", "--stdin-filename", "svc/api.py", "--select", "PRR101", "--output-format", "concise", input=SWALLOW.encode())
    assert result.exit_code == 1
    assert result.output.startswith("svc/api.py:4:5: PRR101")


def test_statistics(in_dir: Path, run_cli) -> None:
    (in_dir / "api.py").write_text(SWALLOW + SWALLOW.replace("def f", "def h"))
    result = run_cli("check", "--statistics", "--select", "PRR101")
    assert result.output.splitlines()[0].split() == ["2", "PRR101", "swallowed-exception", "[PRR-ERR]"]


def test_rules_table_and_json(run_cli) -> None:
    table = run_cli("rules").output
    assert "PRR101  swallowed-exception" in table
    rows = json.loads(run_cli("rules", "--format", "json").output)
    codes = [row["code"] for row in rows]
    assert codes == sorted(codes) and {"PRR000", "PRR101", "PRR401", "PRR501"} <= set(codes)
    assert all(row["checklist"] and row["summary"] for row in rows)


def test_rule_documentation(run_cli) -> None:
    result = run_cli("rule", "call-without-timeout")
    assert result.exit_code == 0
    assert result.output.startswith("PRR501 call-without-timeout")
    for section in ("What it does", "Why is this bad?", "Example", "Use instead", "Options", "References"):
        assert f"\n{section}\n" in result.output
    unknown = run_cli("rule", "PRR51")
    assert unknown.exit_code == 2 and "did you mean" in unknown.output


def test_jobs_must_be_a_number_or_auto(in_dir: Path, run_cli) -> None:
    assert run_cli("check", "--jobs", "many").exit_code == 2


def test_real_subprocess_module_and_console_script(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "api.py").write_text(SWALLOW)
    command = [sys.executable, "-m", "prr_lint", "check", "--select", "PRR101", "--output-format", "json", "--no-cache"]
    completed = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert completed.returncode == 1, completed.stderr
    document = json.loads(completed.stdout)
    assert [(f["rule"], f["path"], f["line"]) for f in document["findings"]] == [("PRR101", "api.py", 4)]
    version = subprocess.run([sys.executable, "-m", "prr_lint", "--version"], capture_output=True, text=True, check=True)
    assert "prr-lint" in version.stdout


def test_output_is_identical_for_any_number_of_jobs(tmp_path: Path) -> None:
    """Enough files to start worker processes (engine.MIN_FILES_FOR_POOL), in several packages."""
    import shutil

    for copy in range(4):
        shutil.copytree(REPO / "fixtures" / "example_service", tmp_path / f"service{copy}")
    (tmp_path / ".git").mkdir()
    outputs = []
    for jobs in ("1", "2", "auto"):
        command = [sys.executable, "-m", "prr_lint", "check", "--output-format", "json", "--no-cache", "--jobs", jobs]
        outputs.append(subprocess.run(command, cwd=tmp_path, capture_output=True, check=False).stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert json.loads(outputs[0])["summary"]["findings"] == 4 * 6


def test_readme_states_the_example_service_findings() -> None:
    """The README's first command is a newcomer's first sight of prr-lint: the number it promises
    is the number the command reports, from the repository root as the README runs it."""
    import re

    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    stated = re.search(r"it has (\d+) deliberate findings of the default rules.*?`--select ALL` adds the opt-in rules' findings, (\d+) in all", readme)
    assert stated, "the README no longer says how many findings the example service has, by default and with --select ALL"
    for selection, count in (((), stated.group(1)), (("--select", "ALL"), stated.group(2))):
        command = [sys.executable, "-m", "prr_lint", "check", "fixtures/example_service", *selection, "--output-format", "json", "--no-cache"]
        completed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
        assert completed.returncode == 1, completed.stderr
        assert json.loads(completed.stdout)["summary"]["findings"] == int(count), selection
    assert int(stated.group(1)) < int(stated.group(2)), "the opt-in rules add findings of their own"


def test_committed_rule_reference_is_current(run_cli) -> None:
    """docs/rules.md is what SARIF helpUri links point at; regenerate it with
    `prr-lint rules --format markdown > docs/rules.md` after changing a rule's documentation."""
    generated = run_cli("rules", "--format", "markdown").output
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == generated
    for rule in json.loads(run_cli("rules", "--format", "json").output):
        assert f"\n## {rule['code']}\n" in generated


def test_prr_lint_passes_its_own_check() -> None:
    """Dogfood: prr-lint's own code passes prr-lint (its exceptions are suppressed with reasons)."""
    command = [sys.executable, "-m", "prr_lint", "check", "prr_lint", "bench", "scripts", "--extend-select", "PRR101,PRR103,PRR401", "--no-cache", "--output-format", "concise"]
    completed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_readme_framework_table_is_the_generated_one() -> None:
    """The README shows the same recognised / not recognised table as docs/rules.md."""
    from prr_lint.docs import framework_table

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start, end = readme.index("<!-- framework-table -->\n") + len("<!-- framework-table -->\n"), readme.index("\n<!-- /framework-table -->")
    assert readme[start:end] == framework_table()
