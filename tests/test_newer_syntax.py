"""Syntax of a Python newer than the one prr-lint runs on: the verdict is the newer release's, whatever the interpreter
(newer_syntax.py, lowering.py, parse_guard.py), and PRR000 where every Python the project declares is older
(project/runtime_syntax.py).

The tests that need syntax newer than the running interpreter are skipped where it reads the syntax natively; the
rewriting's own tests rewrite for Python 3.9, which every supported interpreter reads, and compare with the running
interpreter wherever it reads the original."""

from __future__ import annotations

import ast
import json
import os
import sys
import warnings
from pathlib import Path
from typing import Dict, List, Tuple

import libcst as cst
import pytest

from conftest import lint_sources
from prr_lint.cli import cli
from prr_lint.cst_parse import parse_module
from prr_lint.lowering import lower
from prr_lint.newer_syntax import old_fstring, syntax_release
from prr_lint.parse_guard import MAX_PLAIN_LINE, newest_tree
from prr_lint.project.scripts import setup_keywords
from prr_lint.rules.deliberate import _is_code

RUNNING = sys.version_info[:2]
OLDEST = (3, 9)

# (the release that first reads it, a module using it, the line of its first such syntax)
NEWER = [
    ((3, 10), 'match command:\n    case ["run", *rest] if rest:\n        go(rest)\n    case {"job": job, **more} | Job(name=job) as found:\n'
              '        go(found)\n    case -1 | 1+2j | "a" "b" | codes.OK | None:\n        pass\n    case _:\n        pass\n', 1),
    ((3, 11), "try:\n    go()\nexcept* ValueError as errors:\n    report(errors)\n", 3),
    ((3, 11), "Row = Table[*Columns]\n\n\ndef call(*args: *Columns) -> None:\n    pass\n", 1),
    ((3, 12), "type Key = str | None\n", 1),
    ((3, 12), "type Table[T: (int, str), *Ts, **P] = dict[\n    T,\n    list[T],\n]\n", 1),
    ((3, 12), "def first[T](items: list[T]) -> T:\n    return items[0]\n", 1),
    ((3, 12), "class Box[T](Base):\n    pass\n", 1),
    ((3, 12), 'label = f"{row["name"]}: {"\\n".join(parts)}"\n', 1),
    ((3, 12), 'label = (\n    "head"\n    f"{value # the total\n    }"\n)\n', 3),
    ((3, 13), "type Pair[T = int] = tuple[T, T]\n", 1),
    ((3, 14), "try:\n    go()\nexcept ValueError, TypeError:\n    pass\n", 3),
    ((3, 14), 'query = t"SELECT {column!r:>{width}}"\n', 1),
    ((3, 15), "lazy import json\nlazy from os import path\n", 1),
    ((3, 15), "flat = [*row for row in rows]\nmerged = {**part for part in parts}\n", 1),
]
# libcst reads these, the newer grammar does not (or not as plain text): never rewritten, whatever the interpreter
REFUSED = [
    'match value:\n    case f"x":\n        pass\n',  # a pattern that is no literal
    "match value:\n    case [a] as _:\n        pass\n",
    'label = t"{a}" "b"\n',  # a t-string joined to a plain string
    "def load():\n    lazy import json\n",  # `lazy import` below module level
    'label = f"{x:{y:{z:{w}}}}"\n',  # format specs nested too deeply
    # a field's generator without its own brackets (valid in an f-string Python 3.11 reads, not from 3.12 on)
    'label = f"{row["a"]} {x for x in y}"\n',
    'label = f"{row["a"]} {x for x in y if x}"\n',
    'label = f"{row["a"]:>{x for x in y}}"\n',
    'label = f"""{"\\n"} {x for x in y}"""\n',
    'async def labels(y):\n    return f"{row["a"]} {x async for x in y}"\n',
    'label = t"{x for x in y}"\n',
]


def _params():
    return [pytest.param(release, source, id=f"{release[0]}.{release[1]}-{index}") for index, (release, source, _) in enumerate(NEWER)]


def _newer_than_running():
    return [pytest.param(release, source, id=f"{release[0]}.{release[1]}-{index}",
                         marks=pytest.mark.skipif(release <= RUNNING, reason="the running interpreter reads it"))
            for index, (release, source, _) in enumerate(NEWER)]


def _native(source: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ast.parse(source)
        except SyntaxError:
            return False
    return True


def _lowered_parses(source: str) -> bool:
    lowered = lower(parse_module(source), source, OLDEST)
    if lowered is None:
        return _native(source)
    try:
        lowered.tree()
    except SyntaxError:
        return False
    return True


# --- which release a node needs ---

@pytest.mark.parametrize("text, old", [
    ('f"{name}"', True), ('f"{x!r:>{width}}"', True), ("f'{d[\"k\"]}'", True), ('f"""{d["k"]}"""', True),
    ("f'{\"#\"}'", True), ('f"""{a\n}"""', True), ('f"\\N{EM DASH}{x}"', True), ('rf"\\{x}"', True), ('f"{x:{y}}"', True),
    ('f"{d["k"]}"', False), ('f"{"\\n".join(a)}"', False), ('f"{a # c\n}"', False), ('f"{a\n}"', False),
    ('f"{x:{y:{z}}}"', False), ("f'''{d['''k''']}'''", False), ('f"{f"{x}"}"', False),
])
def test_an_f_string_is_read_as_python_3_11_reads_it(text: str, old: bool) -> None:
    assert old_fstring(text) is old
    if RUNNING < (3, 12):
        assert _native(text) is old


@pytest.mark.parametrize("release, source", _params())
def test_each_construct_names_the_release_that_first_reads_it(release, source: str) -> None:
    found = []

    class Visitor(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            syntax = syntax_release(node, lambda string: cst.Module([]).code_for_node(string.with_changes(lpar=(), rpar=())))
            if syntax is not None:
                found.append(syntax.release)
            return True

    parse_module(source).visit(Visitor())
    assert max(found) == release


def test_syntax_every_supported_interpreter_reads_names_no_release() -> None:
    source = ('label = f"{name!r:>{width}}"\nwith (open(a) as x, open(b) as y):\n    pass\n'
              "def f(a, /, b, *, c):\n    return (n := a)\n@buttons[0].clicked\ndef g(): pass\ntry:\n    pass\nexcept (A, B):\n    pass\n")
    assert lower(parse_module(source), source, OLDEST) is None


# --- the rewriting ---

@pytest.mark.parametrize("release, source", _params())
def test_newer_syntax_is_rewritten_into_an_older_grammar_line_for_line(release, source: str) -> None:
    lowered = lower(parse_module(source), source, OLDEST)
    assert lowered is not None
    tree = lowered.tree("svc/new.py")
    assert lowered.text.count("\n") == source.count("\n")
    assert [node.lineno for node in tree.body] == [node.lineno for node in _statements(source)]


def _statements(source: str) -> List[ast.stmt]:
    """Where each top-level statement starts (from libcst's positions, for any interpreter)."""
    wrapper = cst.MetadataWrapper(parse_module(source))
    positions = wrapper.resolve(cst.metadata.PositionProvider)
    starts = []
    for statement in wrapper.module.body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else [statement]:
            starts.append(ast.Pass(lineno=positions[small].start.line))
    return starts


@pytest.mark.parametrize("release, source", _params())
def test_the_rewriting_agrees_with_the_running_interpreter_where_it_reads_the_syntax(release, source: str) -> None:
    if release > RUNNING:
        pytest.skip("the running interpreter does not read it")
    for broken in (source, source + 'x = "\\N"\n', 'x = b"\u00e9"\n' + source, source.replace("\n", " (\n", 1)):
        try:
            parse_module(broken)
        except cst.ParserSyntaxError:
            continue
        assert _lowered_parses(broken) == _native(broken), broken


@pytest.mark.parametrize("source", REFUSED)
def test_what_the_newer_grammar_refuses_is_never_rewritten(source: str) -> None:
    try:
        module = parse_module(source)
    except cst.ParserSyntaxError:
        return
    assert lower(module, source, OLDEST) is None


def test_edits_the_rendering_cannot_apply_mean_no_rewriting(monkeypatch) -> None:
    """`lower` answers None for what it cannot rewrite, its rendering's refusals too (overlapping edits), so its
    callers (the refused-literal path, placing.py) never see Unlowerable."""
    from prr_lint import lowering
    from prr_lint.syntax_rewrites import Edit

    source = "type Key = str\n"
    overlapping = [Edit(0, 2, 0, 6, "Key"), Edit(2, 2, 1, 8, "x")]
    monkeypatch.setattr(lowering.Rewriting, "edits", lambda self: (overlapping, []))
    assert lower(parse_module(source), source, OLDEST) is None
    nested = [Edit(0, 2, 0, 6, "Key"), Edit(2, 2, 1, 4, "x"), Edit(3, 2, 2, 5, "y")]  # apart only inside the first
    monkeypatch.setattr(lowering.Rewriting, "edits", lambda self: (nested, [(2, 6, False)]))  # a residue inside it
    assert lower(parse_module(source), source, OLDEST) is None


@pytest.mark.parametrize("source, line, literal", [
    ('type Key = str\nimport os\nx = "\\N"\n', 3, '"\\N"'),  # past the newer syntax: where the newer release finds it
    ('type Key = str\nlabel = f"{d["k"]} {b"\u00e9"}"\n', 2, 'b"\u00e9"'),  # inside a rewritten f-string's field
    ('def first[T: b"\u00e9"](items):\n    return items\n', 1, 'b"\u00e9"'),  # a type parameter's bound, checked on its own
    ('x = "\\N"\ntype Key = str\n', 1, '"\\N"'),  # before it
])
def test_a_real_error_is_placed_where_it_is_in_the_original(source: str, line: int, literal: str) -> None:
    lowered = lower(parse_module(source), source, OLDEST)
    assert lowered is not None
    with pytest.raises(SyntaxError) as refused:
        lowered.tree()
    assert refused.value.lineno == line
    column = source.splitlines()[line - 1].index(literal) + 1
    assert column <= (refused.value.offset or 0) <= column + len(literal)  # interpreters say its start or its end


def _parses(source: str) -> bool:
    try:
        parse_module(source)
    except cst.ParserSyntaxError:
        return False
    return True


# --- the per-file verdict ---

HANDLER = "\n\ndef handle():\n    try:\n        db.commit()\n    except Exception:\n        pass\n"
LONG = 'BLOB = "' + "x" * (MAX_PLAIN_LINE + 10) + '"\n'  # a line long enough to be parsed in the guard's child first


@pytest.mark.parametrize("release, source", _newer_than_running())
def test_a_file_parsed_in_the_guards_child_with_newer_syntax_is_checked(release, source: str) -> None:
    """tool-lexeme-forms' 1.2 MB `templates.py` with `type StatementValue = ...` was PRR000 on Python 3.11 only."""
    text = LONG + source + HANDLER
    result = lint_sources({"svc/new.py": text})
    assert [(f.rule, f.span.line) for f in result.findings] == [("PRR101", text.count("\n") - 1)]


@pytest.mark.parametrize("release, source", _newer_than_running())
def test_a_real_error_in_such_a_file_is_still_reported_where_it_is(release, source: str) -> None:
    text = LONG + source + 'import logging\nlogging.info("\\N")\n' + HANDLER
    result = lint_sources({"svc/new.py": text})
    assert [(f.rule, f.span.line) for f in result.findings] == [("PRR000", source.count("\n") + 3)]


@pytest.mark.parametrize("release, source", _newer_than_running())
def test_a_literal_the_interpreter_refuses_is_placed_past_newer_syntax(release, source: str) -> None:
    """A check that evaluates `"\\N"` raises SyntaxError: the interpreter's refusal, read through the rewriting, is at
    the literal, not at the newer syntax above it."""
    text = source + 'import logging\nlogging.info("\\N")\n'
    result = lint_sources({"svc/new.py": text})
    assert [(f.rule, f.span.line) for f in result.findings] == [("PRR000", source.count("\n") + 2)]


@pytest.mark.parametrize("source", REFUSED)
def test_newer_syntax_that_cannot_be_rewritten_keeps_the_interpreters_verdict(source: str) -> None:
    if _native(source) or not _parses(source):
        pytest.skip("the running interpreter reads it, or libcst does not")
    result = lint_sources({"svc/new.py": LONG + source + HANDLER})
    assert [f.rule for f in result.findings] == ["PRR000"]


def _spin(*_args) -> None:
    """A rewriting that never ends (libcst's parse of a very large file)."""
    while True:
        pass


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the guard's child needs fork")
def test_a_rewriting_that_runs_out_of_time_leaves_the_interpreters_refusal(monkeypatch) -> None:
    """A large file with a real error far into it (`print "bye"`) was PRR000 on main; libcst's parse after the
    refusal must not turn it into a timeout (PRR004): the rewriting gets what the first child left, and the refusal
    stands when that runs out."""
    from prr_lint import parse_guard

    monkeypatch.setattr(parse_guard, "_refused_here", _spin)
    text = LONG + 'print "bye"\n'
    refused = parse_guard.probe(text, "svc/legacy.py", 1.0)
    assert isinstance(refused, tuple) and refused[0] == 2 and "print" in refused[2]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the guard's child needs fork")
def test_such_a_file_keeps_its_syntax_error_under_a_short_budget(monkeypatch) -> None:
    from prr_lint import parse_guard

    from prr_lint.config import Settings
    from prr_lint.engine import FileJob, Plan
    from prr_lint.registry import default_registry
    from prr_lint.runner import run_jobs

    monkeypatch.setattr(parse_guard, "_refused_here", _spin)
    plan = Plan(Settings(root=Path("."), file_timeout=1.5), tuple(default_registry().select(["ALL"], [], [])))
    job = FileJob("svc/legacy.py", "svc.legacy", False, (LONG + 'x = "\\N"\n' + HANDLER).encode())
    result = run_jobs([job], plan, 1)
    assert [(f.rule, f.span.line) for f in result.findings] == [("PRR000", 2)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the guard's child needs fork")
def test_the_project_phase_rewrites_pathological_texts_under_a_budget(monkeypatch) -> None:
    """`newest_tree` of a large unparseable text rewrites it in a child under REWRITE_SECONDS and, for all such
    texts of the process, REWRITE_TOTAL: past it there is no tree, as without the rewriting."""
    import time

    from prr_lint import parse_guard

    monkeypatch.setattr(parse_guard, "_rewrite", _spin)
    monkeypatch.setattr(parse_guard, "REWRITE_SECONDS", 0.3)
    monkeypatch.setattr(parse_guard, "_rewriting_left", [0.5])
    parse_guard._rewritten.cache_clear()
    started = time.monotonic()
    try:
        assert newest_tree(LONG + 'print "one"\n') is None
        assert newest_tree(LONG + 'print "two"\n') is None
        assert parse_guard._rewriting_left[0] <= 0
        assert newest_tree(LONG + 'print "three"\n') is None  # no child at all now
    finally:
        parse_guard._rewritten.cache_clear()
    assert time.monotonic() - started < 10


# --- PRR000 where the project runs only older Pythons ---

def _check(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int, str]]:
    """PRR000's findings (path, line, message) of a project run through the CLI from its root, which a Procfile
    says runs `app.py`."""
    from _reporting_data import cli_runner

    for path, text in {"Procfile": "web: python app.py\n", **files}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    previous = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = cli_runner().invoke(cli, ["check", ".", "--select", "PRR000", "--output-format", "json", "--no-cache", "--exit-zero"],
                                     catch_exceptions=False)
    finally:
        os.chdir(previous)
    return [(finding["path"], finding["line"], finding["message"]) for finding in json.loads(result.stdout)["findings"]]


APP = "import os\n\n{source}\nprint(os.getcwd())\n"


@pytest.mark.parametrize("release, source, line", [pytest.param(*entry, id=f"{entry[0][0]}.{entry[0][1]}-{index}")
                                                   for index, entry in enumerate(NEWER)])
def test_newer_syntax_is_a_syntax_error_where_every_declared_python_is_older(tmp_path: Path, release, source: str, line: int) -> None:
    older = f"{release[0]}.{release[1] - 1}"
    found = _check(tmp_path, {".python-version": older + "\n", "app.py": APP.format(source=source)})
    assert [(path, line) for path, line, _ in found] == [("app.py", line + 2)]
    assert found[0][2].endswith(f"needs Python {release[0]}.{release[1]} or later, and the project runs Python before it "
                                f"(.python-version: {older})")


@pytest.mark.parametrize("declarations", [
    {".python-version": "3.12\n"},
    {"runtime.txt": "python-3.13.1\n"},
    {"pyproject.toml": '[project]\nname = "svc"\nrequires-python = ">=3.9"\n'},  # some later 3 too
    {"Dockerfile": "FROM python:3\nCMD python app.py\n"},
    {},  # nothing declared
])
def test_a_declaration_that_may_run_the_release_keeps_it_valid(tmp_path: Path, declarations: Dict[str, str]) -> None:
    assert _check(tmp_path, {**declarations, "app.py": APP.format(source="type Key = str | None\n")}) == []


@pytest.mark.parametrize("declarations", [
    {"pyproject.toml": '[project]\nname = "svc"\nrequires-python = ">=3.9,<3.12"\n'},
    {"Dockerfile": "FROM python:3.11-slim\nCMD python app.py\n"},
    {".github/workflows/test.yml": "jobs:\n  test:\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n"
                                   "          python-version: ['3.10', '3.11']\n"},
])
def test_every_declaration_of_an_older_python_makes_it_an_error(tmp_path: Path, declarations: Dict[str, str]) -> None:
    assert [(path, line) for path, line, _ in _check(tmp_path, {**declarations, "app.py": APP.format(source="type Key = str | None\n")})] \
        == [("app.py", 3)]


def test_one_declaration_of_the_release_among_older_ones_keeps_it_valid(tmp_path: Path) -> None:
    files = {"Dockerfile": "FROM python:3.11-slim\nCMD python app.py\n", ".python-version": "3.12\n",
             "app.py": APP.format(source="type Key = str | None\n")}
    assert _check(tmp_path, files) == []


def test_one_finding_a_file_at_its_first_syntax_the_runtime_cannot_read(tmp_path: Path) -> None:
    source = 'match x:\n    case 1:\n        pass\nlabel = f"{row["name"]}"\ntype Key = str\n'
    found = _check(tmp_path, {".python-version": "3.11\n", "app.py": APP.format(source=source)})
    assert [(path, line) for path, line, _ in found] == [("app.py", 6)]  # the f-string; `match` is 3.11's too
    found = _check(tmp_path / "older", {".python-version": "3.9\n", "app.py": APP.format(source=source)})
    assert [(path, line) for path, line, _ in found] == [("app.py", 3)]


def test_old_f_strings_are_valid_for_every_python_3(tmp_path: Path) -> None:
    source = "label = f\"{row['name']!r:>{width}}\"\nquote = f'''{d[\"k\"]}'''\n"
    assert _check(tmp_path, {".python-version": "3.9\n", "app.py": APP.format(source=source)}) == []


def test_except_without_brackets_is_python_2_for_a_python_2_project(tmp_path: Path) -> None:
    """`except ValueError, error:` binds the error in Python 2 and catches two classes in 3.14: neither a syntax error
    where the project runs Python 2; a `type` statement is one there."""
    handler = "try:\n    go()\nexcept ValueError, error:\n    pass\n"
    assert _check(tmp_path / "two", {"runtime.txt": "python-2.7.18\n", "app.py": APP.format(source=handler)}) == []
    assert [(path, line) for path, line, _ in _check(tmp_path / "three", {".python-version": "3.11\n", "app.py": APP.format(source=handler)})] \
        == [("app.py", 5)]
    assert [(path, line) for path, line, _ in _check(tmp_path / "alias", {"runtime.txt": "python-2.7.18\n",
                                                                          "app.py": APP.format(source="type Key = str\n")})] == [("app.py", 3)]
    template = handler + 'query = t"SELECT {column}"\n'  # as new as the handler, and no Python 2
    assert [(path, line) for path, line, _ in _check(tmp_path / "template", {"runtime.txt": "python-2.7.18\n",
                                                                             "app.py": APP.format(source=template)})] == [("app.py", 7)]


def test_a_file_nothing_loads_keeps_the_serving_scope(tmp_path: Path) -> None:
    files = {".python-version": "3.11\n", "app.py": APP.format(source=""), "tools/new.py": "type Key = str\n"}
    assert _check(tmp_path, files) == []


def test_a_type_stub_is_no_syntax_error_for_the_runtime() -> None:
    """Type checkers read stubs in their own grammar; no Python imports them (PRR000 in any scope)."""
    result = lint_sources({"svc/models.pyi": "type Key = str | None\n\n\ndef load[T](key: Key) -> T: ...\n"}, select=["PRR000"])
    assert result.findings == [] and result.suppressed == []
    assert [item for item in _pending({"svc/models.pyi": "type Key = str\n"})] == []
    assert [item.subjects for item in _pending({"svc/models.py": "type Key = str\n"})] == [("3.12",)]


def _pending(files: Dict[str, str]) -> list:
    from prr_lint.config import Settings
    from prr_lint.engine import FileJob, Plan, analyse

    plan = Plan(Settings(root=Path(".")), ("PRR000",))
    path, text = next(iter(files.items()))
    return analyse(FileJob(path, path.rpartition(".")[0].replace("/", "."), False, text.encode()), plan).pending


# --- the project phase's trees ---

@pytest.mark.parametrize("release, source", _params())
def test_the_project_phase_reads_newer_syntax_as_a_tree(release, source: str) -> None:
    tree = newest_tree("import os\n" + source)
    assert tree is not None and isinstance(tree.body[0], ast.Import) and tree.body[1].lineno == 2
    assert newest_tree(LONG + source) is not None  # read by libcst in the guard's child
    assert newest_tree(source + "x = (\n") is None


def test_a_setup_script_with_newer_syntax_still_lists_its_keywords() -> None:
    text = "from setuptools import setup\n\ntype Names = list[str]\n\nsetup(name='svc', scripts=['bin/svc'])\n"
    assert [keyword.arg for keyword in setup_keywords(text)] == ["name", "scripts"]


def test_commented_out_newer_syntax_is_code_whatever_the_interpreter() -> None:
    assert _is_code("type Key = str | None")
    assert _is_code('label = f"{row["name"]}"')
    assert not _is_code("the type of key we store here")
