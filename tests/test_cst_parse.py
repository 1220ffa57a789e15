"""cst_parse.parse_module: libcst's parse with the per-node checks left out while the parser builds
the tree gives the same tree, the same code and the same errors, and leaves the checks on for nodes
built afterwards."""

from __future__ import annotations

from pathlib import Path

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings

from prr_lint import cst_parse
from prr_lint.cst_parse import parse_module

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")


def test_the_checks_are_left_out_with_this_libcst() -> None:
    # If a libcst release makes __post_init__ do more than validate, parse_module keeps it (and this
    # test says the speed-up is gone, so the benchmark's parse ratio is read with that in mind).
    assert cst_parse._SKIPPABLE


@pytest.mark.parametrize("path", sorted((REPO / "prr_lint" / "rules").glob("*.py"))[:40], ids=lambda p: p.name)
def test_same_tree_as_libcst(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    fast = parse_module(source)
    assert fast.deep_equals(cst.parse_module(source))
    assert fast.code == source


def test_syntax_errors_are_libcsts() -> None:
    with pytest.raises(cst.ParserSyntaxError):
        parse_module("def f(:\n    pass\n")


def test_nodes_built_after_a_parse_are_checked() -> None:
    parse_module("x = 1\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")


def test_nodes_built_after_a_failed_parse_are_checked() -> None:
    with pytest.raises(cst.ParserSyntaxError):
        parse_module("class (:\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(hypothesmith.from_grammar())
def test_same_tree_for_generated_programs(source: str) -> None:
    try:
        expected = cst.parse_module(source)
    except (cst.ParserSyntaxError, cst.CSTValidationError, RecursionError):
        return
    fast = parse_module(source)
    assert fast.deep_equals(expected) and fast.code == expected.code
