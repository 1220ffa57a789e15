"""Findings in a statement holding a deeply nested expression are placed (libcst's code generation
recurses once per level: deep_codegen.py gives that step the recursion limit it needs), and a tree
deeper than the stack holds is refused with PRR000 instead of overflowing the stack."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from conftest import lint_sources
from prr_lint import deep_codegen


def _chain(operator: str, count: int) -> str:
    return f" {operator} ".join(["a"] * count)


@pytest.mark.parametrize("count", [1000, 3000])
def test_a_finding_beside_a_deep_expression_is_placed(count: int) -> None:
    result = lint_sources({"svc/deep.py": f"def g(a):\n    print({_chain('and', count)})\n"})
    assert [(f.rule, f.span.line, f.span.column) for f in result.findings] == [("PRR401", 2, 5)]


def test_a_finding_in_a_deep_top_level_statement_is_placed() -> None:
    result = lint_sources({"svc/deep.py": f"import requests\nrequests.get({_chain('+', 1000)})\n"})
    assert [(f.rule, f.span.line, f.span.column) for f in result.findings] == [("PRR501", 2, 1)]


def test_the_default_limit_is_put_back() -> None:
    before = sys.getrecursionlimit()
    lint_sources({"svc/deep.py": f"def g(a):\n    print({_chain('and', 1000)})\n"})
    assert sys.getrecursionlimit() == before


_PLACE = textwrap.dedent(
    """
    import resource, sys
    import libcst as cst
    from prr_lint import placing
    stack, count = int(sys.argv[1]), int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_STACK, (stack, resource.getrlimit(resource.RLIMIT_STACK)[1]))
    value = cst.Name("a")
    for _ in range(count):
        value = cst.Call(cst.Name("f"), [cst.Arg(value)])
    module = cst.Module([cst.SimpleStatementLine([cst.Expr(value)])])
    try:
        placing.whole_module(module)
    except RecursionError:
        print("refused")
    else:
        print("placed")
    """
)


@pytest.mark.parametrize(
    "stack, count, outcome",
    [
        (8 * 1024 * 1024, 1000, "placed"),  # 2,000 levels: a Call, then its Arg
        (8 * 1024 * 1024, 10_000, "refused"),  # 20,000 levels overflowed an 8 MB stack unbounded
        (2 * 1024 * 1024, 400, "placed"),
        (2 * 1024 * 1024, 1000, "refused"),  # 2,000 levels fit 2 MB, 4,000 did not: the bound keeps a margin
    ],
)
def test_a_tree_deeper_than_the_stack_holds_is_refused_not_fatal(stack: int, count: int, outcome: str) -> None:
    """In a child process with the given stack: a crash there fails the test instead of ending the run."""
    done = subprocess.run([sys.executable, "-c", _PLACE, str(stack), str(count)], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (0, outcome), done.stderr[-2000:]


def test_depth_counts_the_longest_path() -> None:
    import libcst as cst

    assert deep_codegen.depth(cst.parse_expression("f(a) + b")) == 4  # BinaryOperation, Call, Arg, Name
