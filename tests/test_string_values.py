"""tree.literal_value and tree.concatenated_value read a plain literal off the source instead of running
literal_eval (a parse of its own per string): they must give what libcst's `evaluated_value` gives."""

from __future__ import annotations

import libcst as cst
import pytest

from prr_lint.tree import concatenated_value, literal_value, string_value

_LITERALS = [
    '"plain"', "'single'", 'r"raw \\d"', 'u"unicode"', '"escaped \\n tab\\t"', 'b"bytes"', 'rb"raw bytes"',
    '"""triple\nline"""', "'''one'''", '""', '"caf\u00e9"', '"\\N{BULLET}"',
]
_CONCATENATIONS = [
    '"a" "b"', '"a" \'b\' """c"""', 'b"a" b"b"', '"a" f"{x}"', 'f"{x}" "a"', '"a\\n" r"\\d" "c"',
]


@pytest.mark.parametrize("source", _LITERALS)
def test_literal_value_is_the_evaluated_value(source: str) -> None:
    literal = cst.parse_expression(source)
    assert isinstance(literal, cst.SimpleString)
    assert literal_value(literal) == literal.evaluated_value
    assert type(literal_value(literal)) is type(literal.evaluated_value)


@pytest.mark.parametrize("source", _LITERALS + _CONCATENATIONS)
def test_concatenated_value_is_the_evaluated_value(source: str) -> None:
    expr = cst.parse_expression(source)
    assert concatenated_value(expr) == expr.evaluated_value
    expected = expr.evaluated_value
    assert string_value(expr) == (expected if isinstance(expected, str) else "")


def test_a_carriage_return_in_a_literal_is_evaluated() -> None:
    """A triple-quoted literal spanning a CRLF line end: the interpreter reads the newline as `\\n`."""
    module = cst.parse_module('x = """a\r\nb"""\r\n')
    literal = module.body[0].body[0].value
    assert literal_value(literal) == literal.evaluated_value == "a\nb"
    assert concatenated_value(literal) == "a\nb"


def test_anything_else_has_no_value() -> None:
    assert concatenated_value(cst.parse_expression("name")) is None
    assert string_value(cst.parse_expression('f"{x}"')) == ""


def test_a_thousand_part_concatenation_is_read_without_recursion() -> None:
    """libcst's evaluated_value recursed once per part (RecursionError past ~1,000 parts)."""
    assert concatenated_value(cst.parse_expression(" ".join(["'s'"] * 3000))) == "s" * 3000
    assert concatenated_value(cst.parse_expression(" ".join(["b's'"] * 3000))) == b"s" * 3000
    assert concatenated_value(cst.parse_expression(" ".join(["'s'"] * 1000) + " f'{x}'")) is None
    assert concatenated_value(cst.parse_expression("f'{x}' " + " ".join(["'s'"] * 1000))) is None
