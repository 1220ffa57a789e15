"""Where each `def` is (prr_lint/def_lines.py): exact, and in time linear in the source.

The expected positions are libcst's own (PositionProvider), so these tests say "the same as a full
position pass", on sources built to mislead a line scan.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import List, Tuple

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from conftest import REGISTRY, lint_sources
from prr_lint.config import Settings
from prr_lint.def_lines import definition_lines, may_hide_definitions
from prr_lint.engine import FileJob, Plan, analyse

HANG = "QUOTE = '\"\"\"'\nPATTERN = \"" + "\\\\" * 18 + "\"\n\n\ndef f():\n    pass\n"


class _Truth(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        self.names: List[str] = []
        self.positions: List[Tuple[int, int]] = []
        self.hide = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        start = self.get_metadata(PositionProvider, node).start
        self.names.append(node.name.value)
        self.positions.append((start.line, start.column + 1))

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.hide = self.hide or may_hide_definitions(node.value)

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        self.hide = self.hide or may_hide_definitions(node.value)


def _truth(source: str) -> _Truth:
    truth = _Truth()
    MetadataWrapper(cst.parse_module(source), unsafe_skip_copy=True).visit(truth)
    return truth


TRICKY = {
    "plain": "def a():\n    pass\n\n\nasync  def b():\n    def c(): pass\n",
    "decorated": "@x\n@y(\n  1)\ndef a(): pass\nclass K:\n    @property\n    def b(self): pass\n",
    "docstring holding code": 'def a():\n    """Example:\n\ndef a():\n    pass\n"""\n\ndef b(): pass\n',
    "same name in a string first": 'X = """\ndef b():\n"""\ndef a(): pass\ndef b(): pass\n',
    "backslash-continued string": "X = 'one \\\ndef a(): x'\ndef a(): pass\n",
    "f-string": 'X = f"""{1}\ndef a():\n"""\ndef a(): pass\n',
    "split def": "def \\\n    a(): pass\nX = '''\ndef a(): pass\n'''\ndef b(): pass\n",
    "async split": "async \\\n  def a(): pass\n",
    "form feed indentation": "\x0cdef a(): pass\nclass K:\n    \x0c    def b(self): pass\n",
    "tab after def": "def\ta(): pass\n",
    "unicode names": "def données(): pass\ndef ñ̃(): pass\nclass Ä:\n    def 変数(self): pass\n",
    "lone CR line ends": "x = 1\rdef a(): pass\r\rdef b():\r    pass\r",
    "CRLF line ends": "x = 1\r\ndef a(): pass\r\n\r\ndef b():\r\n    pass\r\n",
    "quotes and backslashes (the hang)": HANG,
    "unclosed-looking quotes in comments": "# '''\ndef a(): pass\n# '''\ndef b(): pass\n",
    "def in a bytes string": "X = b'''\ndef a(): pass\n'''\ndef a(): pass\n",
    "match and lambda": "match x:\n    case 1:\n        def a(): pass\n    case _:\n        f = lambda: 0\n        def b(): pass\n",
}


# libcst counts a module-level form feed before `def` as part of the statement; we give the `def`.
LINES_ONLY = {"form feed indentation"}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_definition_lines_are_libcst_positions(name: str) -> None:
    source = TRICKY[name]
    truth = _truth(source)
    expected = [(line, 0) for line, _ in truth.positions] if name in LINES_ONLY else truth.positions

    def found(hide: bool) -> List[Tuple[int, int]]:
        positions = definition_lines(source, truth.names, hide)
        return [(line, 0) for line, _ in positions] if name in LINES_ONLY else positions

    assert found(truth.hide) == expected
    # Told (wrongly) that strings hide definitions, the tokenizer path gives the same answer.
    assert found(True) == expected


def test_the_exponential_regex_reproduction_is_fast_and_clean() -> None:
    started = time.process_time()
    result = lint_sources({"svc/pattern.py": HANG})
    assert time.process_time() - started < 1.0
    assert [f.rule for f in result.findings] == []
    plan = Plan(Settings(root=Path(".")), tuple(REGISTRY.select(["ALL"], [], [])))
    summary = analyse(FileJob("svc/pattern.py", "svc.pattern", False, HANG.encode()), plan).summary
    assert summary is not None and summary.functions["svc.pattern.f"].line == 5


def test_long_adversarial_sources_stay_linear() -> None:
    """A megabyte of quotes, backslashes and `def`-looking lines inside strings."""
    chunk = "QUOTE = '\"\"\"'\nPATTERN = \"" + "\\\\" * 200 + "\"\nX = '''\n    def g(): pass\n'''\ndef f(): pass\n"
    source = chunk * 2000
    truth = _truth(chunk * 20)
    assert definition_lines(chunk * 20, truth.names, truth.hide) == truth.positions
    started = time.process_time()
    found = definition_lines(source, ["f"] * 2000, True)
    assert time.process_time() - started < 10.0
    assert found[-1] == (2000 * 6, 1)
