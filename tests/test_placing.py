"""placing.place must give exactly PositionProvider's positions, for every node of varied code."""

from __future__ import annotations

from typing import List, Tuple

import libcst as cst
import pytest

from prr_lint.placing import place, whole_module
from prr_lint.tree import children

SOURCES = {
    "decorators and comments": '''#!/usr/bin/env python
# header comment

import os  # trailing


@decorator
# between
@other(
    1,
    2,
)

def f(a,
      b=1) -> int:
    """Doc
    string"""
    return a + \\
        b


class C(Base, metaclass=M):
    x: int = 1

    @property
    def y(self): return self.x; pass
''',
    "multi-line strings and continuations": '''x = """one
two
three"""
y = ("a"
     "b") ; z = f"{x!r:>{10}}"
if x and \\
        y:
    pass
elif z:
    w = [
        1,  # one
        2,
    ]
else:
    raise ValueError(
        "no"
    ) from None
# footer comment
''',
    "match, async and try": '''async def main():
    async with a as b, c:
        async for i in b:
            await i


match command.split():
    case [action]:
        pass
    case [action, obj] if obj:
        print(obj)
    case {"k": v, **rest}:
        pass
    case Point(x=0) | None:
        pass
    case _:
        pass
try:
    pass
except* ValueError as e:
    pass
try:
    x = lambda q: q
except (A, B):
    pass
else:
    pass
finally:
    del x
while True:
    break
else:
    pass
with open(p) as f, open(q) as g:
    global h
''',
    "crlf and no final newline": "a = 1\r\n\r\ndef f():\r\n    return (1,\r\n            2)\r\nb = 2",
    "repeated statements, no final newline": "x = 1\ndef f():\n    x = 1\n    x = 1\nx = 1\nx = 1",
    "repeated statements": "x = 1\nx = 1\nclass A:\n    def f(self):\n        pass\n\nclass B:\n    def f(self):\n        pass\n",
    "parenthesised start": "(\n    a\n).b = 1\n@(\n    deco\n)\ndef g(): ...\n",
    "tabs": "if x:\n\tif y:\n\t\tpass\n\t# c\n\tz = 1\n",
    "nested definitions": '''class A:
  """Two-space indent."""

  # comment
  @staticmethod
  def f(x):
      def g(): return x
      class B:
          y = (1,
               2)
      return g


def h():
	pass ; q = 1
	if q:
		def inner(): pass
	return q
''',
}


def _every_node(module: cst.Module) -> List[Tuple[cst.CSTNode, Tuple[cst.CSTNode, ...]]]:
    """Each node with the chain of statements it is in (those of any block, as the walker's hints
    may name statements place cannot descend to)."""
    found = []
    for statement in module.body:
        stack: List[Tuple[cst.CSTNode, Tuple[cst.CSTNode, ...]]] = [(statement, (statement,))]
        while stack:
            node, chain = stack.pop()
            found.append((node, chain))
            for child in children(node):
                stack.append((child, (*chain, child) if isinstance(node, cst.IndentedBlock) else chain))
    return found


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_positions_are_position_providers(name: str) -> None:
    text = SOURCES[name]
    module = cst.parse_module(text)
    wanted = _every_node(module)
    placed = place(module, text, wanted)
    assert placed is not None
    expected = whole_module(module)
    assert len(wanted) > 10
    for node, _ in wanted:
        assert placed[node] == expected[node], (type(node).__name__, placed[node], expected[node])


def test_a_node_outside_its_hinted_statement_asks_for_the_whole_module() -> None:
    module = cst.parse_module("a = 1\nb = 2\n")
    assert place(module, module.code, [(module.body[1].body[0], (module.body[0],))]) is None


def test_code_the_interpreter_cannot_parse_asks_for_the_whole_module() -> None:
    module = cst.parse_module("x = 1\n")
    assert place(module, "x = (\n", [(module.body[0], (module.body[0],))]) is None


def test_text_that_is_not_the_statements_code_asks_for_the_whole_module() -> None:
    module = cst.parse_module("x = 1\n")
    assert place(module, "x  = 1\n", [(module.body[0], (module.body[0],))]) is None
