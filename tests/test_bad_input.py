"""Bad input never crashes the run, never touches the user's files, and always says what happened."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import codes_and_lines, lint_sources

GOOD = "def f():\n    try:\n        db.commit()\n    except Exception:\n        pass\n"


def _only(result):
    return [(f.rule, f.span.line, f.span.column) for f in result.findings]


def test_syntax_error_is_a_finding_at_its_position_and_the_rest_is_linted() -> None:
    result = lint_sources({"svc/broken.py": "x = 1\ndef f(:\n    pass\n", "svc/ok.py": GOOD})
    assert codes_and_lines(result) == [("PRR000", "svc/broken.py", 2), ("PRR101", "svc/ok.py", 4)]
    assert result.findings[0].message.startswith("syntax error")
    assert result.unanalysed == [("svc/broken.py", result.findings[0].message)]


def test_syntax_error_is_found_even_when_no_rule_can_match() -> None:
    result = lint_sources({"svc/plain.py": "value = (1,\n"})
    assert [f.rule for f in result.findings] == ["PRR000"]


def test_a_literal_libcst_reads_but_python_3_refuses_is_a_syntax_error_not_a_crash() -> None:
    """idb-backend's Python 2 `"\\u{0}".format(ns)`: libcst keeps the literal's text, evaluating it raises
    SyntaxError inside a check; the interpreter refuses the file too, at that literal."""
    source = 'import sys\n\nNS = sys.argv[1]\nPATTERN = "\\u{0}".format(NS)\n'
    assert codes_and_lines(lint_sources({"svc/parts.py": source})) == [("PRR000", "svc/parts.py", 4)]


def test_valid_python_indented_by_spaces_and_tabs_is_checked_as_cpython_reads_it() -> None:
    """biotoolsRegistry (m31 H074) and a wazimap-ng migration (m33): bodies indented by spaces then a
    tab (`    \tif x:` under a four-space `for`), which CPython accepts (a tab runs to the next multiple
    of eight columns) and libcst's tokenizer does not. Read with the indentation's tabs expanded as
    CPython counts them, the file is checked: its swallowed error is found on its own line."""
    source = ("class A:\n\tdef f(self):\n \t\treturn None\n\n"
              "def g():\n    for x in y:\n    \ttry:\n            db.commit()\n    \texcept Exception:\n            pass\n")
    result = lint_sources({"svc/mixed.py": source})
    assert [(f.rule, f.span.line) for f in result.findings] == [("PRR101", 9)]


def test_valid_python_libcst_cannot_read_says_so_and_is_not_called_a_syntax_error(monkeypatch) -> None:
    """When libcst cannot read a file CPython parses even with its indentation expanded, the file is
    unchecked: PRR000 says why, and does not tell the user their valid file has a syntax error."""
    import libcst

    def refuse(text, *args, **kwargs):
        raise libcst.ParserSyntaxError("tokenizer error: no matching outer block for dedent", lines=[text], raw_line=1, raw_column=0)

    monkeypatch.setattr(libcst, "parse_module", refuse)
    result = lint_sources({"svc/valid.py": "x = 1\n"})
    assert [f.rule for f in result.findings] == ["PRR000"]
    assert result.findings[0].message.startswith("Python parses this file but prr-lint's parser (libcst) cannot (")


def test_a_template_that_is_not_python_until_rendered_is_skipped_and_one_that_parses_is_linted() -> None:
    result = lint_sources({
        "tools/{{cookiecutter.project}}/{{cookiecutter.pkg}}/actions.py": "from {{cookiecutter.pkg}}.base import Action\n",
        "site/{{cookiecutter.site}}/views.py": GOOD,
    })
    assert codes_and_lines(result) == [("PRR101", "site/{{cookiecutter.site}}/views.py", 4)]


def test_a_file_that_fails_to_parse_at_jinja_markup_is_a_template_not_a_syntax_error() -> None:
    """An SDK generator's templates saved as `.py` below plain folders: the line that does not parse
    holds a Jinja statement or expression. A Python 2 print, or a stray brace, is still PRR000."""
    result = lint_sources({
        "sdk/template/client.py": "import typing\n\n{% for service in api.services %}\nfrom x import {{ service.name }}\n{% endfor %}\n",
        "sdk/template/__init__.py": "from polar.{{ version }}.client import Polar\n",
        "svc/legacy.py": "print 'hello'\n",
        "svc/brace.py": "value = {{1: 2}\n",
    })
    assert [(f.rule, f.path) for f in result.findings] == [("PRR000", "svc/brace.py"), ("PRR000", "svc/legacy.py")]


def test_a_py_file_whose_shebang_names_another_interpreter_is_that_language_not_a_syntax_error() -> None:
    """A development script saved as `load_sample_data.py` that starts `#!/bin/bash`: bash runs it. A
    file with a Python `#!` line, or none, that does not parse is still PRR000."""
    result = lint_sources({
        "bin/load_sample_data.py": "#!/bin/bash\n\n# load sample data\nfor f in data/*; do\n  ./manage.py load $f\ndone\n",
        "bin/node_tool.py": "#!/usr/bin/env node\nconst x = require('x');\n",
        "bin/broken.py": "#!/usr/bin/env python3\nprint 'hello'\n",
        "svc/broken.py": "def f(:\n    pass\n",
    })
    assert [(f.rule, f.path) for f in result.findings] == [("PRR000", "bin/broken.py"), ("PRR000", "svc/broken.py")]


def test_an_encrypted_secret_with_a_py_name_is_not_python_and_not_a_syntax_error() -> None:
    """REopt API (n75 UN025-UN027): werf keeps `.helm/secret/production-keys.py` as one hex string and mounts the
    decrypted file as the app's settings; ansible-vault and git-crypt files have headers of their own. Python
    never reads the ciphertext. A short hex token, hex beside code, and a file that only starts like a vault
    are Python that fails, and stay PRR000."""
    werf = "1000" + "a287d4991b6127153631eee92ee306ab1a68dc7a9bdb8524a3de50ca2a666e9efb35319928d708a9da1f06e" * 3 + "\n"
    result = lint_sources({
        ".helm/secret/production-keys.py": werf,
        "deploy/vault_settings.py": "$ANSIBLE_VAULT;1.1;AES256\n61626364656667686970\n",
        "svc/keys.py": b"\x00GITCRYPT\x00\x8f\x12secret",
        "svc/short.py": "1000a287d4991b\n",
        "svc/mixed.py": "x = 1\n" + werf,
        "svc/dollar.py": "$ANSIBLE = 1\n",
    })
    assert [(f.rule, f.path) for f in result.findings] == [
        ("PRR000", "svc/dollar.py"), ("PRR000", "svc/mixed.py"), ("PRR000", "svc/short.py")]


def test_non_utf8_bytes_point_at_the_bad_byte() -> None:
    result = lint_sources({"svc/latin.py": b"x = 1\ny = '\xe9t\xe9'\n"})
    assert _only(result) == [("PRR000", 2, 6)]
    assert "0xe9" in result.findings[0].message


def test_declared_encoding_is_honoured() -> None:
    source = "# -*- coding: latin-1 -*-\n".encode() + "name = 'é'\n".encode("latin-1") + GOOD.encode()
    assert [f.rule for f in lint_sources({"svc/latin.py": source}).findings] == ["PRR101"]


def test_nul_byte() -> None:
    result = lint_sources({"svc/nul.py": b"x = 1\ny = 2\x00\n"})
    assert _only(result) == [("PRR000", 2, 6)]
    assert "NUL" in result.findings[0].message


def test_bom_and_crlf_keep_positions_right() -> None:
    source = ("\ufeff" + GOOD).replace("\n", "\r\n").encode("utf-8")
    result = lint_sources({"svc/bom.py": source})
    assert _only(result) == [("PRR101", 4, 5)]
    assert result.findings[0].source_line == "    except Exception:"


def test_empty_file_and_whitespace_only_file() -> None:
    assert lint_sources({"svc/empty.py": "", "svc/blank.py": "\n\n   \n"}).findings == []


def test_tabs_are_fine() -> None:
    result = lint_sources({"svc/tabs.py": GOOD.replace("    ", "\t")})
    assert _only(result) == [("PRR101", 4, 2)]


def test_deeply_nested_expression_does_not_crash() -> None:
    deep = "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n"
    long_chain = "y = " + " + ".join(["a"] * 20000) + "\n"  # one very long line
    result = lint_sources({"svc/deep.py": deep + GOOD, "svc/chain.py": long_chain + GOOD})
    for finding in result.findings:
        assert finding.rule in ("PRR000", "PRR101")
    assert {f.path for f in result.findings} == {"svc/deep.py", "svc/chain.py"}


def test_unreadable_file_is_reported_and_exits_2(in_dir: Path, run_cli, monkeypatch) -> None:
    (in_dir / "locked.py").write_text(GOOD)
    (in_dir / "ok.py").write_text(GOOD)

    def guarded_open(path, *args, **kwargs):  # root reads any file whatever its mode, so deny it here
        if os.path.basename(path) == "locked.py":
            raise PermissionError(13, "Permission denied")
        return open(path, *args, **kwargs)

    monkeypatch.setattr("prr_lint.sources.open", guarded_open, raising=False)
    result = run_cli("check", "--no-cache", "--extend-select", "PRR101", "--output-format", "json")
    assert result.exit_code == 2
    assert "prr-lint: warning: cannot read locked.py: Permission denied" in result.output
    document = json.loads(result.output[result.output.index("{") :])
    assert [f["path"] for f in document["findings"]] == ["ok.py"]
    assert document["summary"]["errors"] == 1


def test_file_deleted_between_discovery_and_reading(in_dir: Path, run_cli, monkeypatch) -> None:
    (in_dir / "gone.py").write_text(GOOD)
    (in_dir / "ok.py").write_text(GOOD)
    import prr_lint.runner as runner

    real_discover = runner.discover

    def discover_then_delete(*args, **kwargs):
        found = real_discover(*args, **kwargs)
        (in_dir / "gone.py").unlink()
        return found

    monkeypatch.setattr(runner, "discover", discover_then_delete)
    result = run_cli("check", "--no-cache", "--extend-select", "PRR101", "--output-format", "concise")
    assert result.exit_code == 1
    assert result.output.startswith("ok.py:4:5: PRR101")
    assert "gone.py" not in result.output


def test_symlink_loop_is_skipped(in_dir: Path, run_cli) -> None:
    (in_dir / "pkg").mkdir()
    (in_dir / "pkg" / "api.py").write_text(GOOD)
    os.symlink(in_dir / "pkg", in_dir / "pkg" / "again")
    result = run_cli("check", "--no-cache", "--extend-select", "PRR101", "--output-format", "concise")
    assert result.exit_code == 1
    assert result.output.count("PRR101") == 1


def test_linting_never_writes_to_the_linted_files(in_dir: Path, run_cli) -> None:
    target = in_dir / "api.py"
    target.write_bytes(GOOD.encode())
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    run_cli("check")
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before


def test_a_long_operator_chain_inside_brackets_is_probed_not_fatal() -> None:
    """libcst is quadratic on such chains; the probe keeps the run alive and bounded."""
    chain = "total = (\n" + " +\n".join(["value"] * 30000) + "\n)\n"
    result = lint_sources({"svc/chain.py": chain, "svc/ok.py": GOOD})
    assert ("PRR101", "svc/ok.py", 4) in codes_and_lines(result)
    assert [f.rule for f in result.findings if f.path == "svc/chain.py"] in ([], ["PRR000"])


@pytest.mark.parametrize(
    "chain",
    [
        "x = (\n" + " a +\n" * 8000 + " a)\n",  # a 32 KB bracket group of short lines
        "x = 1 + \\\n" + "    a + \\\n" * 8000 + "    a\n",  # backslashes: no bracket, no long line
    ],
    ids=["bracketed", "backslashes"],
)
def test_a_chain_of_short_lines_is_probed_not_fatal(in_dir: Path, chain: str) -> None:
    """libcst's parser died with SIGSEGV on these and took the whole run with it: in a child process here, so
    that a regression fails this test instead of the suite."""
    import subprocess
    import sys

    (in_dir / "chain.py").write_text(chain)
    (in_dir / "ok.py").write_text(GOOD)
    command = [sys.executable, "-m", "prr_lint", "check", ".", "--no-cache", "--extend-select", "PRR101", "--output-format", "concise"]
    done = subprocess.run(command, cwd=in_dir, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "ok.py:4:5: PRR101" in done.stdout


def test_probe_reports_a_parser_that_dies(monkeypatch) -> None:
    from prr_lint import parse_guard

    def die(text, path):
        os.kill(os.getpid(), 11)

    monkeypatch.setattr(parse_guard, "_parse_here", die)
    line, column, message = parse_guard.probe("x = 1\n", "svc/x.py")
    assert (line, column) == (1, 1) and "parser died with signal 11" in message


def test_the_linted_code_s_compile_warnings_stay_quiet(in_dir: Path) -> None:
    """`"\\d"` is a SyntaxWarning when compiled from 3.12; prr-lint's stderr must not carry it,
    neither from the probe of a long file nor from the parse of an invalid one."""
    import subprocess
    import sys

    (in_dir / "long.py").write_text('x = "\\d"\ny = "' + "a" * 5000 + '"\n')  # a long line: probed
    (in_dir / "invalid.py").write_text('x = "\\d"\ndef f(:\n')
    done = subprocess.run([sys.executable, "-W", "default", "-m", "prr_lint", "check", "--no-cache", "--output-format", "concise"],
                          cwd=in_dir, capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "PRR000" in done.stdout
    assert "Warning" not in done.stderr, done.stderr
