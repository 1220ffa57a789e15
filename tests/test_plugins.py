"""Rules from installed packages, through the `prr_lint.rules` entry-point group."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

PLUGIN = '''
import libcst as cst

from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule


class NoEval(Rule):
    """Calling eval() in service code.

    What it does
        Reports eval().
    Why is this bad?
        It runs arbitrary code.
    Example
        eval(text)
    Use instead
        ast.literal_eval(text)
    Options
        None.
    References
        ACME-SEC-1.
    """

    code = "PRR901"
    name = "acme-no-eval"
    severity = Severity.ERROR
    checklist = ("PRR-CHG",)
    summary = "eval() in service code"
    VALID = (Example("x = 1\\n"),)
    INVALID = (Example("eval('1')  # expect: PRR901\\n"),)

    def visit_Call(self, node: cst.Call) -> None:
        if self.ctx.resolver.qualified_name(node.func) == "builtins.eval":
            self.report(node, "eval() runs arbitrary code")


RULES = [NoEval]
'''


def _install_plugin(site: Path) -> None:
    (site / "acme_prr_rules.py").write_text(PLUGIN)
    info = site / "acme_prr_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-prr-rules\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[prr_lint.rules]\nacme = acme_prr_rules:RULES\n")


def test_installed_plugin_rules_are_listed_selected_and_run(tmp_path: Path, monkeypatch, in_dir: Path, run_cli) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _install_plugin(site)
    monkeypatch.syspath_prepend(str(site))
    rules = json.loads(run_cli("rules", "--format", "json").output)
    assert "PRR901" in [rule["code"] for rule in rules]
    (in_dir / "api.py").write_text(textwrap.dedent("def f(text):\n    return eval(text)\n"))
    result = run_cli("check", "--select", "acme-no-eval", "--output-format", "concise", "--no-cache")
    assert result.output.startswith("api.py:2:12: PRR901 eval() runs arbitrary code [PRR-CHG]")
    assert run_cli("rule", "PRR901").output.startswith("PRR901 acme-no-eval")
