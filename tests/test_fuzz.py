"""Property-based fuzzing (issue 8): whatever Python it is given, prr-lint with every rule enabled
never raises, never reports PRR003 (a crash) or PRR004 (a timeout), answers each file quickly, and
gives the same JSON with --jobs 1 and --jobs 2.

Inputs: hypothesmith's grammar-based and libcst-based program generators, and the fixture services
mutated where a line scanner or a statement walker is most easily fooled (quotes, backslashes, deep
nesting, long lines, `match`, decorators, unicode names, odd encodings and line ends).

The normal suite runs a few examples of each property. The long run (10,000 examples per property,
a fifth of that for the --jobs comparison, which starts processes):

    PRR_FUZZ_PROFILE=long .venv/bin/python -m pytest -q tests/test_fuzz.py

(PRR_FUZZ_EXAMPLES=N sets any other count.) A failure prints the example and a reproduction blob.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional, Union
from unittest import mock

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from _reporting_data import cli_runner
from conftest import REPO, lint_sources
from prr_lint import pool
from prr_lint.cli import cli
from prr_lint.socket_targets import loopback

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much, HealthCheck.large_base_example]
settings.register_profile("prr-fuzz", max_examples=12, deadline=None, suppress_health_check=_SLOW_OK, print_blob=True)
settings.register_profile("prr-fuzz-long", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_OK, print_blob=True)
FUZZ = settings.get_profile("prr-fuzz-long" if os.environ.get("PRR_FUZZ_PROFILE") == "long" else "prr-fuzz")
if os.environ.get("PRR_FUZZ_EXAMPLES"):  # any other count, e.g. for a medium run
    FUZZ = settings(FUZZ, max_examples=int(os.environ["PRR_FUZZ_EXAMPLES"]))
JOBS = settings(FUZZ, max_examples=max(3, FUZZ.max_examples // 5))
# Generated files are small; a real file of thousands of lines takes well under this.
SECONDS_PER_FILE = 10.0

Source = Union[str, bytes]
# hypothesmith compiles what it generates; its SyntaxWarnings (`1()`) are about the generated code.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

# ----- what must hold --------------------------------------------------------------------------------


def check_file(source: Source, path: str = "svc/fuzzed.py") -> None:
    """Both phases, every rule, through the runner: no exception, no PRR003/PRR004, in time."""
    started = time.process_time()
    result = lint_sources({path: source})
    elapsed = time.process_time() - started
    broken = [f"{f.rule} {f.message}" for f in result.findings if f.rule in ("PRR003", "PRR004")]
    assert not broken and result.internal_errors == 0, broken
    assert elapsed < SECONDS_PER_FILE, f"{elapsed:.1f} s"


def _check_json(root: Path, jobs: str) -> str:
    """The JSON on stdout; stderr (the scope warning, say) is kept apart, as a pipe would."""
    result = cli_runner().invoke(
        cli, ["check", ".", "--select", "ALL", "--no-cache", "--jobs", jobs, "--output-format", "json"], catch_exceptions=False
    )
    assert result.exit_code in (0, 1), result.output
    document = json.loads(result.stdout)
    assert not [f for f in document["findings"] if f["rule"] in ("PRR003", "PRR004")], result.stdout
    return result.stdout


def check_jobs_agree(files: List[Source]) -> None:
    """The CLI in-process on a small tree: --jobs 2 (workers even for a few files) says what --jobs 1 says."""
    previous = os.getcwd()
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / ".git").mkdir()
        (root / "svc").mkdir()
        for index, source in enumerate(files):
            (root / "svc" / f"m{index}.py").write_bytes(source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source)
        os.chdir(root)
        try:
            single = _check_json(root, "1")
            with mock.patch.object(pool, "MIN_FILES_FOR_POOL", 2):
                double = _check_json(root, "2")
        finally:
            os.chdir(previous)
    assert single == double


# ----- mutations of real files -------------------------------------------------------------------------


class Choices:
    """The random choices a mutation makes: drawn by hypothesis (so it can shrink them), or without
    `draw` fixed, the middle of every range and the first of every list."""

    def __init__(self, draw: Optional[Callable] = None) -> None:
        self.draw = draw

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high)) if self.draw else (low + high) // 2

    def one(self, options: List[str]) -> str:
        return self.draw(st.sampled_from(options)) if self.draw else options[0]


FIXTURES = sorted(path for path in (REPO / "fixtures").rglob("*.py"))
TEXTS = {path: path.read_text(encoding="utf-8") for path in FIXTURES}

MATCH_SNIPPETS = [
    "match spec:\n    case {'kind': kind, **rest}:\n        self.kind = kind\n    case Point(x=0, y=y) if y:\n        pass\n"
    "    case [first, *others] | (first, *others):\n        self.kind = first\n    case str() as text:\n        pass\n"
    "    case _:\n        self.kind = None\n",
    "match command.split():\n    case [action]:\n        pass\n    case [action, obj]:\n        requests.get(obj)\n",
    "match = re.match(pattern, text)\nmatch(match)\ncase = 1\n",
    "match x:\n    case 1 | 2 | 3 as n:\n        try:\n            pass\n        except* ValueError:\n            pass\n",
]
DECORATORS = ["@app.get('/x')", "@(lambda f: f)", "@a.b[c](d)", "@property", "@functools.wraps(f)",
              "@router.post('/{id}', response_model=None)", "@staticmethod", "@shared_task(bind=True)"]
UNICODE = ["données = requests.get(url)", "ñ̃ = 1", "ℌ = 2", "变量 = logging.getLogger(__name__)",
           "def fünf(): pass", "class Ä: pass", "s = '🙂\u2028\u2029\x0b'", "Δt = 0.5  # ünïcode"]
MODERN = ["type Alias[T] = list[T]", "def f[T](x: T) -> T: return x", "class Box[T: int]: pass",
          "x = f\"{a['b']!r:>{width}}\"", "async def g():\n    async with a as b, c:\n        async for i in b: pass"]
TOKENS = ['"', "'", '"""', "'''", "\\", "\\\\\\", "#", "(", ")", "[", "]", "{", "}", ":", ";", "\t", "\x0c",
          "\r", "\r\n", "\\\n", "def ", "async ", "lambda", "match ", "case ", "@", "=", "\u00a0", "\ufeff"]


def _insert_line(choose, lines: List[str], text: str) -> List[str]:
    """`text` as lines at a random place, indented like the line it goes before."""
    at = choose.integer(0, len(lines))
    anchor = lines[at] if at < len(lines) else ""
    indent = anchor[: len(anchor) - len(anchor.lstrip(" \t"))]
    block = [indent + line + "\n" for line in text.split("\n")]
    return lines[:at] + block + lines[at:]


def _token(choose: Choices, lines: List[str]) -> List[str]:
    at = choose.integer(0, max(0, len(lines) - 1))
    line = lines[at] if lines else ""
    column = choose.integer(0, len(line))
    token = choose.one(TOKENS) * choose.integer(1, 3)
    return lines[:at] + [line[:column] + token + line[column:]] + lines[at + 1 :]


def _backslashes(choose: Choices, lines: List[str]) -> List[str]:
    count = choose.integer(1, 300)
    quote = choose.one(['"', "'", '"""', "'''"])
    return _insert_line(choose, lines, f"QUOTE = '\"\"\"'\nPATTERN = {quote}{chr(92) * count}{quote}")


def _nesting(choose: Choices, lines: List[str]) -> List[str]:
    depth = choose.integer(1, 120)
    kind = choose.one(["()", "[]", "{}", "if", "call", "lambda", "not"])
    if kind == "if":
        text = "\n".join("    " * level + "if x:" for level in range(depth)) + "\n" + "    " * depth + "pass"
    elif kind == "call":
        text = "y = " + "f(" * depth + "1" + ")" * depth
    elif kind == "lambda":
        text = "y = " + "lambda: " * depth + "0"
    elif kind == "not":
        text = "y = " + "not " * depth + "x"
    else:
        text = "y = " + kind[0] * depth + "1" + kind[1] * depth
    return _insert_line(choose, lines, text)


def _long_line(choose: Choices, lines: List[str]) -> List[str]:
    """A line of up to 20,000 characters. Operator, attribute and call chains stay short: libcst
    parses them in quadratic time (2,000 `+` terms take 3 s), a cost the file-timeout bounds."""
    size = choose.integer(100, 20_000)
    kind = choose.one(["string", "comment", "call", "list", "bool", "sum"])
    text = {
        "string": "y = '" + "ab\\\\" * (size // 4) + "'",
        "comment": "y = 1  # " + "# a ok" * (size // 6),
        "call": "requests.get(" + ", ".join(f"k{i}=1" for i in range(size // 6)) + ")",
        "list": "y = [" + ", ".join(["'a'"] * (size // 5)) + "]",
        "bool": "y = " + " and ".join(["a"] * (size // 6)),
        "sum": "y = " + " + ".join(["a"] * min(300, size // 4)),
    }[kind]
    return _insert_line(choose, lines, text)


def _snippet(pool_of: List[str]) -> Callable:
    return lambda choose, lines: _insert_line(choose, lines, choose.one(pool_of))


def _decorator(choose: Choices, lines: List[str]) -> List[str]:
    defs = [index for index, line in enumerate(lines) if line.lstrip().startswith(("def ", "async def ", "class "))]
    if not defs:
        return _insert_line(choose, lines, choose.one(DECORATORS) + "\ndef decorated(): pass")
    at = choose.integer(0, len(defs) - 1)
    at = defs[at]
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    return lines[:at] + [indent + choose.one(DECORATORS) + "\n"] + lines[at:]


MUTATIONS: Dict[str, Callable] = {
    "token": _token,
    "backslashes": _backslashes,
    "nesting": _nesting,
    "long line": _long_line,
    "match": _snippet(MATCH_SNIPPETS),
    "decorator": _decorator,
    "unicode": _snippet(UNICODE),
    "modern syntax": _snippet(MODERN),
}


def _encode(choose: Choices, text: str) -> Source:
    """The text as the file's bytes, sometimes with another encoding or line end."""
    how = choose.one(["utf-8", "utf-8", "utf-8", "bom", "crlf", "cr", "latin-1 cookie", "bad byte", "nul"])
    data = text.encode("utf-8", "surrogatepass")
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    if how == "crlf":
        return data.replace(b"\n", b"\r\n")
    if how == "cr":
        return data.replace(b"\n", b"\r")
    if how == "latin-1 cookie":
        return b"# -*- coding: latin-1 -*-\n" + data
    if how in ("bad byte", "nul"):
        at = choose.integer(0, len(data))
        return data[:at] + (b"\xff" if how == "bad byte" else b"\x00") + data[at:]
    return data


@st.composite
def mutated_fixtures(draw) -> Source:
    choose = Choices(draw)
    path = draw(st.sampled_from(FIXTURES))
    lines = TEXTS[path].splitlines(keepends=True)
    for name in draw(st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=4)):
        lines = MUTATIONS[name](choose, lines)
    return _encode(choose, "".join(lines))


# ----- the properties ----------------------------------------------------------------------------------

REPRODUCTIONS = [
    "QUOTE = '\"\"\"'\nPATTERN = \"" + "\\\\" * 18 + "\"\n",
    "class Job:\n    def __init__(self, spec):\n        match spec:\n            case {'kind': kind}:\n"
    "                self.kind = kind\n            case _:\n                self.kind = 'none'\n\n"
    "    def label(self):\n        return self.kind.upper()\n",
    "for job in make_jobs(kind='x'):\n    pass\n",  # an endless loop in batch_marks (stdlib test_collections.py)
    "y = " + " and ".join(["a"] * 3000) + "\n",  # the value-use walk (name_uses.py) recursed once per operand
]


@FUZZ
@given(source=hypothesmith.from_grammar())
@example(source=REPRODUCTIONS[0])
@example(source=REPRODUCTIONS[1])
@example(source=REPRODUCTIONS[2])
@example(source=REPRODUCTIONS[3])
def test_grammar_generated_programs(source: str) -> None:
    check_file(source)


@FUZZ
@given(source=hypothesmith.from_node())
def test_libcst_generated_programs(source: str) -> None:
    check_file(source)


@FUZZ
@given(source=mutated_fixtures())
def test_mutated_fixture_files(source: Source) -> None:
    check_file(source)


@JOBS
# At most one hypothesmith program per example: each reports hypothesis.target() scores under fixed
# labels, and a second one in the same example raises InvalidArgument (hypothesis >= 6.1xx).
@given(files=st.tuples(
    st.one_of(hypothesmith.from_grammar(), hypothesmith.from_node(), mutated_fixtures()),
    st.lists(mutated_fixtures(), min_size=1, max_size=3),
).map(lambda drawn: [drawn[0], *drawn[1]]))
@example(files=REPRODUCTIONS)
# The long run's one failure, in the test itself: a file whose finding scope leaves out puts the scope
# warning on stderr, which the test read as part of the JSON (click's runner mixed the two).
@example(files=[b"", b"import sys\nfrom flask import Flask\n\n\ndef create_app():\n    sys.stderr.write('no DSN\\n')\n"
                 b"    app = Flask('orders')\n\n    @app.get('/healthz')\n    def healthz():\n        return 'ok'\n\n"
                 b"    return app\n"])
def test_jobs_1_and_jobs_2_agree(files: List[Source]) -> None:
    check_jobs_agree(files)


def _terms(operator: str, term: str = "a", count: int = 1000) -> str:
    return f" {operator} ".join([term] * count)


# Valid Python (libcst parses it, CPython compiles it) that a prr-lint helper walked by recursion, one
# level per operand or branch: past the interpreter's 1,000 frames it crashed (PRR003) or, outside the
# rule walk, cost the file all its findings (PRR000 "too deeply nested to analyse").
DEEP_PROGRAMS = {
    "elif chain (tree.statement_blocks)": "def pick(x):\n    if x == 0:\n        return 0\n"
    + "".join(f"    elif x == {i}:\n        return {i}\n" for i in range(1, 1200)),
    "and-ed switch test (switched_modes.env_switch)": f"import os\nif os.environ.get('A') and {_terms('and')}:\n    y = 1\n",
    "logged sum (log_marks._named)": f"import logging\nlogging.info({_terms('+')})\n",
    "sum as a URL (flow_marks._sources)": f"import requests\nrequests.get('http://x' + {_terms('+')}, timeout=3)\n",
    "None-or annotation (Resolver.annotation_type)": f"def g(x: {_terms('|', 'None')} | A) -> None:\n    return x.b()\n",
    "printed and-chain (placing: libcst codegen)": f"def g(a):\n    print({_terms('and')})\n",
    "printed 3,000-term and-chain (placing: libcst codegen)": f"def g(a):\n    print({_terms('and', count=3000)})\n",
    "sum as an argument (placing: libcst codegen)": f"import requests\nrequests.get({_terms('+')})\n",
    "attribute chain (Resolver.qualified_name)": "y = a" + ".b" * 1000 + "\n",
    "attribute chain as an argument (Resolver.instance_type)": "import requests\nrequests.get(a" + ".b" * 1000 + ")\n",
    "method chain (Resolver.instance_type)": "q = Model.objects" + ".filter(x=1)" * 1000 + "\n",
    "implicit concatenation (tree.concatenated_value)": "y = " + _terms("", "'s'") + "\n",
    "concatenated URL (socket_targets.literal)": "import requests\nrequests.get('http://x' " + _terms("", "'s'") + ")\n",
    "printed concatenation (PRR401)": "print(" + _terms("", "'s'") + ")\n",
}


@pytest.mark.parametrize("name", sorted(DEEP_PROGRAMS))
def test_deep_programs_are_analysed(name: str) -> None:
    started = time.process_time()
    result = lint_sources({"svc/deep.py": DEEP_PROGRAMS[name]})
    assert time.process_time() - started < SECONDS_PER_FILE
    broken = [f"{f.rule} {f.message}" for f in result.findings if f.rule in ("PRR000", "PRR003", "PRR004")]
    assert not broken and result.internal_errors == 0, broken


def test_loopback_reads_a_long_sum_by_its_first_term() -> None:
    """socket_targets.loopback followed `+` by recursion: PRR501 crashed on `requests.get(a + a + ...)`."""
    assert loopback(cst.parse_expression("'http://localhost' + " + _terms("+")))
    assert not loopback(cst.parse_expression("'http://example.com' + " + _terms("+")))


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_every_mutation_on_every_fixture_service(name: str) -> None:
    """Each mutation, with fixed choices, on one file of each fixture service: none goes untried
    however few examples the profile runs."""
    services: Dict[str, Path] = {}
    for path in FIXTURES:
        services.setdefault(path.relative_to(REPO / "fixtures").parts[0], path)
    for path in services.values():
        check_file("".join(MUTATIONS[name](Choices(), TEXTS[path].splitlines(keepends=True))))
