"""Configuration: where it is found, what the project root is, and one-line errors for every bad value."""

from __future__ import annotations

import pickle
from dataclasses import fields
from pathlib import Path
from typing import Optional

import pytest

from prr_lint.config import ConfigError, Settings, load_settings, validate_selectors
from prr_lint.config_schema import DEFAULT_EXCLUDES, GENERAL, SECTIONS
from prr_lint.model import Severity
from prr_lint.registry import Registry
from prr_lint.rules.base import Rule


class Swallowed(Rule):
    code = "PRR101"
    name = "swallowed-exception"
    summary = "An except block hides the error."
    checklist = ("PRR-ERR",)


class Broad(Rule):
    code = "PRR102"
    name = "broad-fallback"
    summary = "A fallback hides a failure."
    checklist = ("PRR-ERR",)


class Uninstrumented(Rule):
    code = "PRR201"
    name = "missing-instrumentation"
    summary = "An app without metrics."
    checklist = ("PRR-MON",)


REGISTRY = Registry([Swallowed, Broad, Uninstrumented])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load(cwd: Path, config_file: Optional[Path] = None) -> Settings:
    return load_settings(cwd, config_file, REGISTRY)


def error(tmp_path: Path, body: str, name: str = "prr-lint.toml") -> str:
    write(tmp_path / name, body)
    with pytest.raises(ConfigError) as caught:
        load(tmp_path)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- where configuration comes from --------------------------------------------------------------------


def test_no_config_gives_defaults_and_the_git_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    cwd = tmp_path / "pkg" / "sub"
    cwd.mkdir(parents=True)
    settings = load(cwd)
    assert settings.root == tmp_path.resolve()
    assert settings.config_file is None
    assert settings.exclude == DEFAULT_EXCLUDES
    assert settings.fail_on is Severity.WARNING
    assert settings.section("errors")["min-report-level"] == "error"
    assert settings.section("reachability")["max-depth"] == 8


def test_no_config_and_no_git_uses_cwd_as_root(tmp_path: Path) -> None:
    assert load(tmp_path).root == tmp_path.resolve()


def test_settings_defaults_agree_with_the_schema(tmp_path: Path) -> None:
    settings = Settings(root=tmp_path)
    for key, option in GENERAL.items():
        assert getattr(settings, key.replace("-", "_")) == option.default, key
    for name, options in SECTIONS.items():
        assert dict(settings.section(name)) == {key: option.default for key, option in options.items()}


def test_every_general_key_is_a_settings_field() -> None:
    names = {f.name for f in fields(Settings)}
    assert {key.replace("-", "_") for key in GENERAL} <= names


def test_every_option_has_a_one_line_doc() -> None:
    options = [*GENERAL.values(), *(o for section in SECTIONS.values() for o in section.values())]
    for option in options:
        assert option.doc and "\n" not in option.doc


def test_prr_lint_toml_wins_over_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.prr-lint]\nselect = ["PRR2"]\n')
    write(tmp_path / "prr-lint.toml", 'select = ["PRR1"]\n')
    settings = load(tmp_path)
    assert settings.select == ("PRR1",)
    assert settings.config_file == tmp_path / "prr-lint.toml"


def test_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.prr-lint]\nselect = ["PRR1"]\n')
    service = tmp_path / "service"
    write(service / "pyproject.toml", '[project]\nname = "svc"\n')
    settings = load(service)
    assert settings.select == ("PRR1",)
    assert settings.root == tmp_path.resolve()


def test_nearest_config_wins_and_its_directory_is_the_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "pyproject.toml", '[tool.prr-lint]\nselect = ["PRR1"]\n')
    service = tmp_path / "service"
    write(service / "pyproject.toml", '[tool.prr-lint]\nselect = ["PRR2"]\n')
    cwd = service / "src"
    cwd.mkdir()
    settings = load(cwd)
    assert settings.select == ("PRR2",)
    assert settings.root == service.resolve()


def test_explicit_pyproject_uses_its_table(tmp_path: Path) -> None:
    write(tmp_path / "conf" / "pyproject.toml", '[tool.prr-lint]\nignore = ["PRR2"]\n')
    settings = load(tmp_path, Path("conf/pyproject.toml"))
    assert settings.ignore == ("PRR2",)
    assert settings.root == (tmp_path / "conf").resolve()


def test_explicit_other_file_uses_top_level_keys(tmp_path: Path) -> None:
    write(tmp_path / "ci.toml", 'ignore = ["PRR2"]\nfail-on = "error"\n')
    settings = load(tmp_path, Path("ci.toml"))
    assert settings.ignore == ("PRR2",)
    assert settings.fail_on is Severity.ERROR


def test_explicit_pyproject_without_the_table_gives_defaults(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "svc"\n')
    settings = load(tmp_path, Path("pyproject.toml"))
    assert settings.config_file == tmp_path / "pyproject.toml"
    assert settings.select == ()


def test_explicit_config_wins_over_discovery(tmp_path: Path) -> None:
    write(tmp_path / "prr-lint.toml", 'select = ["PRR1"]\n')
    write(tmp_path / "other.toml", 'select = ["PRR2"]\n')
    assert load(tmp_path, Path("other.toml")).select == ("PRR2",)


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^nope\.toml: cannot read: No such file or directory$"):
        load(tmp_path, Path("nope.toml"))


def test_unreadable_config_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "dir.toml").mkdir()
    with pytest.raises(ConfigError, match=r"^dir\.toml: cannot read: Is a directory$"):
        load(tmp_path, Path("dir.toml"))


def test_toml_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    message = error(tmp_path, 'select = ["PRR1"\nignore = 3\n')
    assert message.startswith("prr-lint.toml: invalid TOML: ")
    assert "line 2, column 1" in message


def test_syntax_error_in_a_parent_pyproject_names_it_relative_to_cwd(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.prr-lint\n")
    (tmp_path / "sub").mkdir()
    with pytest.raises(ConfigError, match=r"^\.\./pyproject\.toml: invalid TOML: .*line 1"):
        load(tmp_path / "sub")


def test_non_utf8_config_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "prr-lint.toml").write_bytes(b'select = ["\xff"]\n')
    with pytest.raises(ConfigError, match=r"^prr-lint\.toml: not valid UTF-8 \(byte 11\)$"):
        load(tmp_path)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "prr-lint.toml").write_bytes(b'\xef\xbb\xbfselect = ["PRR1"]\n')
    assert load(tmp_path).select == ("PRR1",)


def test_tool_prr_lint_that_is_not_a_table(tmp_path: Path) -> None:
    message = error(tmp_path, '[tool]\n"prr-lint" = 3\n', name="pyproject.toml")
    assert message == "pyproject.toml: tool.prr-lint: expected a table, got int"


# --- keys and values -----------------------------------------------------------------------------------


def test_unknown_top_level_key_suggests_the_closest(tmp_path: Path) -> None:
    message = error(tmp_path, '[tool.prr-lint]\nextend-selection = ["PRR1"]\n', name="pyproject.toml")
    assert message == "pyproject.toml: tool.prr-lint.extend-selection: unknown key (did you mean 'extend-select'?)"


def test_unknown_section_key_names_the_dotted_key(tmp_path: Path) -> None:
    message = error(tmp_path, '[tool.prr-lint.errors]\nmin-report-lvl = "error"\n', name="pyproject.toml")
    assert message == (
        "pyproject.toml: tool.prr-lint.errors.min-report-lvl: unknown key (did you mean 'min-report-level'?)"
    )


def test_snake_case_key_suggests_kebab_case(tmp_path: Path) -> None:
    message = error(tmp_path, "respect_gitignore = false\n")
    assert message == "prr-lint.toml: respect_gitignore: unknown key (did you mean 'respect-gitignore'?)"


def test_unknown_key_without_a_close_match(tmp_path: Path) -> None:
    assert error(tmp_path, "zzz = 1\n") == "prr-lint.toml: zzz: unknown key"


def test_misspelt_section_suggests_the_section(tmp_path: Path) -> None:
    assert error(tmp_path, "[error]\n") == "prr-lint.toml: error: unknown key (did you mean 'errors'?)"


def test_section_must_be_a_table(tmp_path: Path) -> None:
    assert error(tmp_path, "errors = []\n") == "prr-lint.toml: errors: expected a table, got list"


@pytest.mark.parametrize(
    "body, expected",
    [
        ('select = "PRR1"', "select: expected a list of strings, got str"),
        ('exclude = ["a", 3]', "exclude: expected a list of strings, got int at index 1"),
        ('respect-gitignore = "yes"', "respect-gitignore: expected a boolean, got str"),
        ("require-reason = 1", "require-reason: expected a boolean, got int"),
        ("baseline = 3", "baseline: expected a string, got int"),
        ('scope = "serve"', "scope: expected one of 'serving', 'all', got 'serve' (did you mean 'serving'?)"),
        (
            'fail-on = "warn"',
            "fail-on: expected one of 'note', 'warning', 'error', got 'warn' (did you mean 'warning'?)",
        ),
        ("fail-on = 2", "fail-on: expected one of 'note', 'warning', 'error', got int"),
        ("severity = []", "severity: expected a table, got list"),
        (
            'per-file-ignores = { "tests/*" = "PRR1" }',
            'per-file-ignores."tests/*": expected a list of strings, got str',
        ),
        ('exclude = [""]', "exclude: invalid path pattern ''"),
        ('extend-exclude = ["a\\\\"]', "extend-exclude: invalid path pattern 'a\\'"),
        ("[reachability]\nmax-depth = 0", "reachability.max-depth: must be at least 1, got 0"),
        ("[reachability]\nmax-depth = true", "reachability.max-depth: expected an integer, got bool"),
        ("[qos]\nmin-dscp = 64", "qos.min-dscp: must be at most 63, got 64"),
        ("[errors]\nreport-sinks = [1]", "errors.report-sinks: expected a list of strings, got int at index 0"),
        (
            '[errors]\nmin-report-level = "info"',
            "errors.min-report-level: expected one of 'warning', 'error', 'critical', got 'info'",
        ),
        (
            '[instrumentation]\ngranularity = "handlers"',
            "instrumentation.granularity: expected one of 'app', 'handler', got 'handlers' (did you mean 'handler'?)",
        ),
        (
            '[timeouts]\nclients = { "requests.get" = "timeout" }',
            'timeouts.clients."requests.get": expected a list of strings, got str',
        ),
        (
            '[entrypoints]\nextra-registrars = { "fw.add" = -1 }',
            'entrypoints.extra-registrars."fw.add": must be at least 0, got -1',
        ),
        ("[checklist]\nitems = { ORG-1 = 1 }", "checklist.items.ORG-1: expected a string, got int"),
        ("docs-url = 1", "docs-url: expected a string, got int"),
        ('docs-url = "javascript:alert(1)"', "docs-url: expected an http:// or https:// URL, got 'javascript:alert(1)'"),
        ('docs-url = "docs/rules.md"', "docs-url: expected an http:// or https:// URL, got 'docs/rules.md'"),
        (
            'docs-url = "https://x.example/a b"',
            "docs-url: 'https://x.example/a b' is not a URL (only characters RFC 3986 allows, no spaces)",
        ),
        (
            'docs-url = "https://x.example/r\\"><script>"',
            "docs-url: 'https://x.example/r\"><script>' is not a URL (only characters RFC 3986 allows, no spaces)",
        ),
        (
            'docs-url = "https://x.example/rules.md#top"',
            "docs-url: give the page without a fragment: prr-lint appends the rule's anchor (#prr101),"
            " got 'https://x.example/rules.md#top'",
        ),
    ],
)
def test_wrong_values_give_one_line_messages(tmp_path: Path, body: str, expected: str) -> None:
    assert error(tmp_path, body + "\n") == f"prr-lint.toml: {expected}"


def test_choices_are_case_insensitive(tmp_path: Path) -> None:
    write(tmp_path / "prr-lint.toml", 'fail-on = "ERROR"\n[logging]\nstructured = "Required"\n')
    settings = load(tmp_path)
    assert settings.fail_on is Severity.ERROR
    assert settings.section("logging")["structured"] == "required"


def test_sections_fill_in_defaults(tmp_path: Path) -> None:
    write(tmp_path / "prr-lint.toml", '[errors]\nreport-sinks = ["acme.report"]\n')
    errors = load(tmp_path).section("errors")
    assert errors["report-sinks"] == ("acme.report",)
    assert errors["min-report-level"] == "error"
    assert errors["count-metrics-as-report"] is False


def test_every_value_kind_is_converted(tmp_path: Path) -> None:
    write(
        tmp_path / "prr-lint.toml",
        "\n".join(
            [
                'exclude = ["gen/"]',
                'extend-exclude = ["legacy"]',
                "respect-gitignore = false",
                'baseline = "prr-baseline.json"',
                "require-reason = true",
                'scope = "all"',
                'src = ["lib"]',
                "[timeouts]",
                'clients = { "acme.Client" = ["deadline"] }',
                "[entrypoints]",
                'extra-registrars = { "fw.add_route" = 1 }',
                "[checklist]",
                'items = { ORG-7 = "Alerts page a human" }',
                'rule-items = { swallowed-exception = ["ORG-7", "PRR-MON"] }',
            ]
        ),
    )
    settings = load(tmp_path)
    assert settings.exclude == ("gen/",)
    assert settings.extend_exclude == ("legacy",)
    assert settings.respect_gitignore is False
    assert settings.baseline == "prr-baseline.json"
    assert settings.require_reason is True
    assert settings.scope == "all"
    assert settings.src == ("lib",)
    assert settings.section("timeouts")["clients"] == {"acme.Client": ("deadline",)}
    assert settings.section("entrypoints")["extra-registrars"] == {"fw.add_route": 1}
    assert settings.section("checklist")["rule-items"] == {"PRR101": ("ORG-7", "PRR-MON")}


def test_rule_items_must_name_known_checklist_items(tmp_path: Path) -> None:
    message = error(tmp_path, '[checklist]\nrule-items = { PRR101 = ["PRR-EROR"] }\n')
    assert message == (
        "prr-lint.toml: checklist.rule-items.PRR101: unknown checklist item 'PRR-EROR' (did you mean 'PRR-ERR'?)"
    )


def test_rule_items_must_name_known_rules(tmp_path: Path) -> None:
    message = error(tmp_path, '[checklist]\nrule-items = { PRR20l = ["PRR-ERR"] }\n')
    assert message == "prr-lint.toml: checklist.rule-items.PRR20l: unknown rule 'PRR20l' (did you mean 'PRR201'?)"


# --- rule selectors and severities ---------------------------------------------------------------------


@pytest.mark.parametrize("selector", ["PRR101", "prr101", "PRR1", "PRR", "swallowed-exception", "ALL"])
def test_selectors_by_code_prefix_name_and_all(tmp_path: Path, selector: str) -> None:
    write(tmp_path / "prr-lint.toml", f'select = ["{selector}"]\nextend-select = ["{selector}"]\n')
    settings = load(tmp_path)
    assert settings.select == settings.extend_select == (selector,)


@pytest.mark.parametrize("key", ["select", "extend-select", "ignore"])
def test_unknown_selector_names_key_and_suggests(tmp_path: Path, key: str) -> None:
    message = error(tmp_path, f'{key} = ["PRR1", "swallowed-exceptoin"]\n')
    assert message == (
        f"prr-lint.toml: {key}: unknown rule selector 'swallowed-exceptoin' (did you mean 'swallowed-exception'?)"
    )


def test_unknown_selector_in_per_file_ignores(tmp_path: Path) -> None:
    message = error(tmp_path, '[tool.prr-lint.per-file-ignores]\n"tests/*" = ["XYZ"]\n', name="pyproject.toml")
    assert message == "pyproject.toml: tool.prr-lint.per-file-ignores.\"tests/*\": unknown rule selector 'XYZ'"


def test_command_line_selectors(tmp_path: Path) -> None:
    assert validate_selectors(["PRR1", "ALL"], REGISTRY, "--select") == ("PRR1", "ALL")
    with pytest.raises(ConfigError) as caught:
        validate_selectors(["PRR101", "PRR20l"], REGISTRY, "--ignore")
    assert str(caught.value) == "--ignore: unknown rule selector 'PRR20l' (did you mean 'PRR201'?)"


def test_severity_by_code_or_name_is_stored_by_code(tmp_path: Path) -> None:
    write(tmp_path / "prr-lint.toml", '[severity]\nPRR201 = "error"\nswallowed-exception = "Note"\n')
    assert load(tmp_path).severity == {"PRR201": Severity.ERROR, "PRR101": Severity.NOTE}


def test_severity_for_an_unknown_rule(tmp_path: Path) -> None:
    message = error(tmp_path, '[severity]\nswallowed-exeption = "error"\n')
    assert message == (
        "prr-lint.toml: severity.swallowed-exeption: unknown rule 'swallowed-exeption' "
        "(did you mean 'swallowed-exception'?)"
    )


def test_severity_with_a_bad_level(tmp_path: Path) -> None:
    message = error(tmp_path, '[severity]\nPRR101 = "fatal"\n')
    assert message == "prr-lint.toml: severity.PRR101: expected one of 'note', 'warning', 'error', got 'fatal'"


# --- per-file-ignores ----------------------------------------------------------------------------------


def test_per_file_ignores_match_gitignore_style(tmp_path: Path) -> None:
    write(
        tmp_path / "prr-lint.toml",
        "[per-file-ignores]\n"
        '"tests/*" = ["PRR1"]\n'
        '"**/migrations/*.py" = ["PRR2", "PRR1"]\n'
        '"__init__.py" = ["swallowed-exception"]\n'
        '"!service/**" = ["ALL"]\n',
    )
    settings = load(tmp_path)
    assert settings.per_file_ignored("tests/test_api.py") == ("PRR1", "ALL")
    assert settings.per_file_ignored("tests/unit/test_api.py") == ("PRR1", "ALL")
    assert settings.per_file_ignored("service/db/migrations/0001.py") == ("PRR2", "PRR1")
    assert settings.per_file_ignored("service/pkg/__init__.py") == ("swallowed-exception",)
    assert settings.per_file_ignored("service/api.py") == ()


# --- where rule documentation links point ------------------------------------------------------------------

DOCS = "https://git.acme.example/platform/prr-docs/-/blob/main/rules.md"


def test_docs_url_is_unset_by_default(tmp_path: Path) -> None:
    assert load(tmp_path).docs_url is None
    write(tmp_path / "pyproject.toml", '[project]\nname = "svc"\n[project.urls]\nDocumentation = "https://svc.example"\n')
    assert load(tmp_path).docs_url is None, "only the prr-lint-docs entry counts"


def test_docs_url_setting(tmp_path: Path) -> None:
    write(tmp_path / "prr-lint.toml", f'docs-url = "{DOCS}"\n')
    assert load(tmp_path).docs_url == DOCS


@pytest.mark.parametrize("label", ["prr-lint-docs", "PRR_Lint_Docs", "prr lint docs"])
def test_docs_url_from_project_urls(tmp_path: Path, label: str) -> None:
    write(tmp_path / "pyproject.toml", f'[project]\nname = "svc"\n[project.urls]\n"{label}" = "{DOCS}"\n')
    assert load(tmp_path).docs_url == DOCS
    write(tmp_path / "prr-lint.toml", "fail-on = \"error\"\n")
    assert load(tmp_path).docs_url == DOCS, "read from the project root's pyproject.toml whatever the config file"


def test_docs_url_setting_wins_over_project_urls(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        f'[project.urls]\nprr-lint-docs = "https://other.example/rules"\n[tool.prr-lint]\ndocs-url = "{DOCS}"\n',
    )
    assert load(tmp_path).docs_url == DOCS


@pytest.mark.parametrize(
    "value, problem",
    [
        ("1", "expected a string, got int"),
        ('"ftp://x.example/rules"', "expected an http:// or https:// URL, got 'ftp://x.example/rules'"),
    ],
)
def test_bad_project_docs_url_names_the_entry(tmp_path: Path, value: str, problem: str) -> None:
    message = error(tmp_path, f"[project.urls]\nprr-lint-docs = {value}\n", name="pyproject.toml")
    assert message == f"pyproject.toml: project.urls.prr-lint-docs: {problem}"


def test_docs_url_is_not_part_of_the_fingerprint(tmp_path: Path) -> None:
    assert Settings(root=tmp_path, docs_url=DOCS).fingerprint() == Settings(root=tmp_path).fingerprint()


# --- fingerprint and transport -------------------------------------------------------------------------


def test_fingerprint_is_stable_and_tracks_per_file_settings(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for directory in (first, second):
        write(directory / "prr-lint.toml", 'select = ["PRR1"]\n[errors]\nreport-sinks = ["x.y"]\n')
    write(second / "prr-lint.toml", 'select = ["PRR1"]\nfail-on = "error"\n[errors]\nreport-sinks = ["x.y"]\n')
    base = load(first)
    assert base.fingerprint() == load(first).fingerprint()
    assert base.fingerprint() == load(second).fingerprint(), "root and fail-on do not change per-file results"
    write(second / "prr-lint.toml", 'select = ["PRR1"]\n[errors]\nreport-sinks = ["x.z"]\n')
    assert base.fingerprint() != load(second).fingerprint()
    write(second / "prr-lint.toml", 'select = ["PRR1"]\n[severity]\nPRR101 = "note"\n[errors]\nreport-sinks = ["x.y"]')
    assert base.fingerprint() != load(second).fingerprint()


def test_settings_pickle_and_hash(tmp_path: Path) -> None:
    write(tmp_path / "prr-lint.toml", '[severity]\nPRR101 = "note"\n[per-file-ignores]\n"t/*" = ["PRR1"]\n')
    settings = load(tmp_path)
    copy = pickle.loads(pickle.dumps(settings))
    assert copy == settings
    assert copy.per_file_ignored("t/a.py") == ("PRR1",)
    assert hash(copy) == hash(settings)
