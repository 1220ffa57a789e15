"""Every compound statement libcst has, wherever prr-lint walks statement bodies: the shared helper
(prr_lint/tree.py), the resolver's bindings and `self.x` attributes, the rules and the summary."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path
from typing import Dict, List

import libcst as cst
import pytest

from conftest import REGISTRY, lint_sources
from prr_lint.config import Settings
from prr_lint.engine import FileJob, Plan, analyse
from prr_lint.resolve import Resolver
from prr_lint.tree import flat_statements, statement_blocks, statements_within

# Each wraps the statement `{body}` (4 spaces in) in one kind of compound statement, the marked
# statement in the last block, after blocks that bind nothing.
COMPOUND: Dict[str, str] = {
    "if": "if ready:\n    {body}\n",
    "elif": "if ready:\n    pass\nelif other:\n    {body}\n",
    "else after elif": "if ready:\n    pass\nelif other:\n    pass\nelse:\n    {body}\n",
    "one-line if": "if ready: {body}\n",
    "for": "for item in items:\n    {body}\n",
    "for else": "for item in items:\n    pass\nelse:\n    {body}\n",
    "async for": "async for item in items:\n    {body}\n",
    "while": "while ready:\n    {body}\n",
    "while else": "while ready:\n    pass\nelse:\n    {body}\n",
    "try": "try:\n    {body}\nexcept ValueError:\n    pass\n",
    "except": "try:\n    pass\nexcept ValueError:\n    {body}\n",
    "try else": "try:\n    pass\nexcept ValueError:\n    pass\nelse:\n    {body}\n",
    "finally": "try:\n    pass\nfinally:\n    {body}\n",
    "except*": "try:\n    pass\nexcept* ValueError:\n    {body}\n",
    "with": "with lock:\n    {body}\n",
    "async with": "async with lock:\n    {body}\n",
    "match value": "match spec:\n    case 1:\n        pass\n    case 2:\n        {body}\n",
    "match mapping": "match spec:\n    case {{'kind': kind, **rest}}:\n        {body}\n",
    "match class": "match spec:\n    case Point(x=0, y=yy) if yy > 0:\n        {body}\n",
    "match sequence or": "match spec:\n    case [first, *others] | (first, *others):\n        {body}\n",
    "match as": "match spec:\n    case (1 | 2) as number:\n        pass\n    case _:\n        {body}\n",
    "nested": "with lock:\n    for item in items:\n        match item:\n            case _:\n                try:\n                    pass\n                except* OSError:\n                    if ready:\n                        {body}\n",
}


def _indent(template: str, body: str, by: str) -> str:
    """The template with `body` in place (on one line after a colon, `;`-separated), indented `by`."""
    before = template.split("{body}")[0].rsplit("\n", 1)[-1]
    joint = "; " if before.strip() else "\n" + before
    return textwrap.indent(template.format(body=body.replace("\n", joint)), by)


def _lint(source: str, path: str = "svc/api.py"):
    started = time.process_time()
    result = lint_sources({path: source})
    assert time.process_time() - started < 5.0
    assert [f for f in result.findings if f.rule == "PRR003"] == []
    return result


@pytest.mark.parametrize("kind", sorted(COMPOUND))
def test_self_attribute_set_in_any_compound_statement_types_the_receiver(kind: str) -> None:
    """`self.session = requests.Session()` inside any block of `__init__` or an async method."""
    source = (
        "import requests\n\n"
        "class Client:\n"
        "    def __init__(self, spec, items, lock, ready, other):\n"
        + _indent(COMPOUND[kind], "self.session = requests.Session()", " " * 8)
        + "\n    async def start(self, spec, items, lock, ready, other):\n"
        + _indent(COMPOUND[kind], "self.kind = spec", " " * 8)
        + "\n    def fetch(self, url):\n"
        "        self.kind.upper()\n"
        "        return self.session.get(url)\n"
    )
    result = _lint(source)
    assert [(f.rule, f.span.line) for f in result.findings if f.rule == "PRR501"] == [("PRR501", source.count("\n"))]


@pytest.mark.parametrize("kind", sorted(COMPOUND))
def test_names_bound_in_any_compound_statement_are_resolved(kind: str) -> None:
    """A module-level binding inside any block, and a call inside it, seen by rules and summary."""
    source = (
        "import requests as rq\n\n"
        "async def main(spec, items, lock, ready, other):\n"
        + _indent(COMPOUND[kind], "client = rq.Session()\nclient.get('http://x')", "    ")
    )
    result = _lint(source)
    assert [f.rule for f in result.findings if f.rule == "PRR501"] == ["PRR501"]
    plan = Plan(Settings(root=Path(".")), tuple(REGISTRY.select(["ALL"], [], [])))
    summary = analyse(FileJob("svc/api.py", "svc.api", False, source.encode()), plan).summary
    assert summary is not None
    assert "requests.Session.get" in summary.functions["svc.api.main"].calls
    assert summary.functions["svc.api.main"].line == 3


@pytest.mark.parametrize("kind", sorted(kind for kind in COMPOUND if not kind.startswith("one-line")))
def test_handlers_in_any_compound_statement_are_checked(kind: str) -> None:
    source = (
        "import requests\n\n"
        "async def main(spec, items, lock, ready, other):\n"
        + _indent(COMPOUND[kind], "try:\n    requests.get('http://x', timeout=1)\nexcept Exception:\n    pass", "    ")
    )
    result = _lint(source)
    assert "PRR101" in [f.rule for f in result.findings]


def test_the_match_crash_reproduction_is_fast_and_clean() -> None:
    source = (
        "class Job:\n"
        "    def __init__(self, spec):\n"
        "        match spec:\n"
        "            case {'kind': kind}:\n"
        "                self.kind = kind\n"
        "            case _:\n"
        "                self.kind = 'none'\n"
        "\n"
        "    def label(self):\n"
        "        return self.kind.upper()\n"
    )
    started = time.process_time()
    result = lint_sources({"svc/job.py": source})
    assert time.process_time() - started < 1.0
    assert [f.rule for f in result.findings] == []


def test_match_captures_shadow_imports() -> None:
    source = "import requests\n\ndef f(spec):\n    match spec:\n        case {'client': requests}:\n            requests.get('u')\n"
    assert [f.rule for f in _lint(source).findings if f.rule == "PRR501"] == []


def test_pep_695_type_parameters_and_aliases_are_tolerated() -> None:
    source = (
        "import requests\n\n"
        "type Handler[T] = requests.Session\n\n"
        "class Box[T: requests.Session, *Ts, **P]:\n"
        "    def __init__(self):\n"
        "        self.session = requests.Session()\n\n"
        "    def get[U](self, url: U) -> U:\n"
        "        return self.session.get(url)\n\n"
        "def requests_of[T](x: T) -> T:\n"
        "    type requests = int\n"
        "    return requests.get(x)\n"
    )
    result = _lint(source)
    assert [(f.rule, f.span.line) for f in result.findings if f.rule == "PRR501"] == [("PRR501", 10)]


def _blocks(source: str) -> List[List[str]]:
    statement = cst.parse_module(source).body[0]
    return [[cst.Module([]).code_for_node(s).strip() for s in flat_statements(block)] for block in statement_blocks(statement)]


@pytest.mark.parametrize(
    "source, expected",
    [
        ("if a:\n    x = 1\nelif b:\n    y = 2\nelif c: z = 3\nelse:\n    w = 4\n", [["x = 1"], ["y = 2"], ["z = 3"], ["w = 4"]]),
        ("for i in j:\n    a\nelse:\n    b\n", [["a"], ["b"]]),
        ("while i:\n    a; b\nelse: c\n", [["a;", "b"], ["c"]]),
        ("try:\n    a\nexcept E:\n    b\nexcept F: c\nelse:\n    d\nfinally:\n    e\n", [["a"], ["b"], ["c"], ["d"], ["e"]]),
        ("try:\n    a\nexcept* E:\n    b\n", [["a"], ["b"]]),
        ("async with x as y, z:\n    a\n", [["a"]]),
        ("match x:\n    case 1: a\n    case [y, *_]:\n        b\n    case _:\n        c\n", [["a"], ["b"], ["c"]]),
        ("class K[T](B):\n    a = 1\n    def f(self): pass\n", [["a = 1", "def f(self): pass"]]),
        ("def f(): return 1\n", [["return 1"]]),
        ("x = 1\n", []),
    ],
)
def test_statement_blocks_of_every_compound_statement(source: str, expected: List[List[str]]) -> None:
    assert _blocks(source) == expected


def test_statements_within_goes_through_blocks_but_not_into_definitions() -> None:
    module = cst.parse_module(
        "if a:\n    x = 1\n    def f():\n        hidden = 1\nelse:\n    match y:\n        case _:\n            z = 2\n"
        "class K:\n    inner = 3\n"
    )
    kinds = [type(s).__name__ for s in statements_within(module)]
    assert kinds == ["If", "Assign", "FunctionDef", "Match", "Assign", "ClassDef"]
    resolver = Resolver(module, "svc.m")
    assert {"x", "f", "z", "K"} <= set(resolver.module_scope.bindings)
    assert "hidden" not in resolver.module_scope.bindings and "inner" not in resolver.module_scope.bindings


@pytest.mark.parametrize(
    "handler",
    [
        "except Exception: pass",
        "except Exception: return False",
        "except requests.RequestException: return []",
        "except requests.RequestException: cached = None",
        "except Exception: continue",
        "except Exception: log.warning('x'); return None",
    ],
)
def test_a_one_line_handler_reads_like_an_indented_one(handler: str) -> None:
    """`except E: pass` on one line is judged, and described, as `except E:` + an indented `pass`."""
    head, body = handler.split(": ", 1)
    template = (
        "import logging\nimport requests\nlog = logging.getLogger(__name__)\n\n"
        "def prices(urls):\n    for url in urls:\n        try:\n            requests.get(url, timeout=1)\n        {handler}\n"
    )
    one_line = lint_sources({"svc/api.py": template.format(handler=handler)})
    indented = lint_sources({"svc/api.py": template.format(handler=head + ":\n            " + body.replace("; ", "\n            "))})
    assert [(f.rule, f.span.line, f.message) for f in one_line.findings] == [
        (f.rule, f.span.line, f.message) for f in indented.findings
    ]


@pytest.mark.parametrize(
    "source",
    [
        # ftplib.py: `if self.debugging: print(...)`, a print in a one-line suite (PRR401 crashed)
        "import sys\n\ndef send(debugging, line):\n    if debugging: print('*put*', line)\n",
        "def f(x):\n    for i in x: print(i)\n    while x: print(x); x = None\n",
        "def f(x): print(x)\nclass K: print('k')\n",
        "def f(x):\n    try: print(x)\n    except OSError: print('no')\n    else: print('yes')\n    finally: print('done')\n",
        "def f(x):\n    match x:\n        case 1: print(x)\n        case _: print('other')\n",
        "def f(x):\n    with open(x) as h: print(h)\n",
    ],
)
def test_output_in_one_line_suites(source: str) -> None:
    result = _lint(source)
    assert {f.rule for f in result.findings} == {"PRR401"}
