"""Positions of the few nodes a file's findings name, without generating the whole module's code.

libcst's PositionProvider places nodes by generating the code of the whole module, which costs
about as much as parsing it: paid for every file with any finding. A statement's code starts at
the beginning of its own line, so generating only the statement that holds a finding (a top-level
one, or one in the body of a definition, with that body's indentation) gives the same columns, and
the same lines once shifted by where the statement starts. The module's code is the file's text, so
a statement's code found once in the text is there; else the line of its first token comes from
`ast` (a tenth of libcst's parse), which numbers statements as PositionProvider does, checked
against the text. Any doubt (no `ast` tree, counts or text that differ, a node outside the
statements hinted) answers None: the caller places the whole module instead. The hints come from the
walk (`statement_marker`, `statement_hints`): the statements it was in when each finding was reported. Code generation
recurses once per level of the tree: deep_codegen.py runs it with the recursion limit a deep tree
needs, within what the stack holds.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_right
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import libcst as cst
from libcst.metadata import CodePosition, CodeRange, PositionProvider
from libcst.metadata.position_provider import PositionProvidingCodegenState

from prr_lint import deep_codegen
from prr_lint.parse_guard import interpreter_parse

_NEWLINE = re.compile(r"\r\n?|\n")
_DEFINITIONS = (cst.FunctionDef, cst.ClassDef)
Chain = Sequence[cst.CSTNode]  # a top-level statement, then statements each in the previous one's body


def whole_module(module: cst.Module) -> Dict[cst.CSTNode, CodeRange]:
    """Node -> CodeRange for every node, from libcst's position provider run on its own: through
    MetadataWrapper it costs a second, useless visit of the whole tree."""
    def step() -> Dict[cst.CSTNode, CodeRange]:
        provider = PositionProvider()
        provider._gen_impl(module)
        return provider._computed

    return deep_codegen.generate(module, step)


def place(module: cst.Module, text: str, wanted: Iterable[Tuple[cst.CSTNode, Chain]]) -> Optional[Dict[cst.CSTNode, CodeRange]]:
    """Node -> CodeRange (PositionProvider's) for each (node, statements that may hold it, outermost
    first), or None when this cannot be done exactly."""
    placer = _Placer(module, text)
    placed: Dict[cst.CSTNode, CodeRange] = {}
    for node, chain in wanted:
        path = _path(module, chain)
        for depth in range(len(path) - 1, -1, -1):
            answer = placer.generate(path, depth)
            if answer is None:
                return None
            computed, shift = answer
            position = computed.get(node)
            if position is not None:
                start, end = position.start, position.end
                placed[node] = CodeRange(CodePosition(start.line + shift, start.column), CodePosition(end.line + shift, end.column))
                break
        else:
            return None
    return placed


def statement_marker(marks: List[Tuple[int, Tuple]], raw_findings: List) -> Callable[[object, int], None]:
    """The walker's `on_statement`: records, at each statement of the module or of a definition's
    body, how many findings there were and the chain of such statements it is in, outermost first."""
    chain: List[Tuple[int, object]] = []

    def mark(statement: object, depth: int) -> None:
        while chain and chain[-1][0] >= depth:
            chain.pop()
        chain.append((depth, statement))
        marks.append((len(raw_findings), tuple(node for _, node in chain)))

    return mark


def statement_hints(raw_findings: Sequence, marks: List[Tuple[int, Tuple]]) -> Dict[int, Tuple]:
    """id(raw finding) -> the statements being walked when it was reported: most likely the ones
    that hold its nodes (`place` checks that they do)."""
    hints: Dict[int, Tuple] = {}
    index = 0
    for position, raw in enumerate(raw_findings):
        while index + 1 < len(marks) and marks[index + 1][0] <= position:
            index += 1
        if marks and marks[index][0] <= position:
            hints[id(raw)] = marks[index][1]
    return hints


def finding_positions(module: cst.Module, text: str, raw_findings: Sequence, hints: Dict[int, Tuple]) -> Dict:
    """Node -> CodeRange for the nodes the findings name: from the code of the statements holding
    them where that is exact (`place`), else from the whole module's."""
    wanted = []
    for raw in raw_findings:
        chain = hints.get(id(raw))
        if chain is None:
            return whole_module(module)
        wanted.extend((node, chain) for node in (raw.node, raw.end_node) if node is not None)
    return place(module, text, wanted) or whole_module(module)


def _path(module: cst.Module, chain: Chain) -> List[Tuple[cst.CSTNode, Tuple[str, ...]]]:
    """(statement, indentation of its block) down the chain as far as it can be followed: a
    top-level statement, then each a statement of the block of the previous one, that a definition."""
    if not chain or not any(statement is chain[0] for statement in module.body):
        return []
    found = [(chain[0], ())]
    indents: Tuple[str, ...] = ()
    for outer, inner in zip(chain, chain[1:]):
        block = getattr(outer, "body", None)
        if not (isinstance(outer, _DEFINITIONS) and isinstance(block, cst.IndentedBlock)):
            break
        if not any(statement is inner for statement in block.body):
            break
        indents = (*indents, module.default_indent if block.indent is None else block.indent)
        found.append((inner, indents))
    return found


class _Placer:
    """The statements' code generated so far, and the file's lines."""

    def __init__(self, module: cst.Module, text: str) -> None:
        self.module = module
        self.text = text
        self.line_offsets = [0, *(match.end() for match in _NEWLINE.finditer(text))]
        self.generated: Dict[int, Optional[Tuple[Dict[cst.CSTNode, CodeRange], int]]] = {}
        self.tree: Optional[ast.Module] = None

    def generate(self, path: List[Tuple[cst.CSTNode, Tuple[str, ...]]], depth: int) -> Optional[Tuple[Dict[cst.CSTNode, CodeRange], int]]:
        """The positions of the nodes of path[depth] as if its code began the file, and the lines
        to add to them; None when where it is cannot be told for sure."""
        statement, indents = path[depth]
        if id(statement) not in self.generated:
            self.generated[id(statement)] = self._generate(path, depth, statement, indents)
        return self.generated[id(statement)]

    def _generate(self, path, depth: int, statement: cst.CSTNode, indents: Tuple[str, ...]):
        computed, code = deep_codegen.generate(statement, lambda: self._codegen(statement, indents))
        # Code found once in the file is there (the module's code is the file's text): no `ast` needed.
        # (Without a final newline, the last statement's code has one the text lacks.)
        offset = self.text.find(code) if self.module.has_trailing_newline else -1
        if offset >= 0 and self.text.find(code, offset + 1) < 0:
            shift = bisect_right(self.line_offsets, offset) - 1
            return (computed, shift) if self.line_offsets[shift] == offset else None
        line = self._first_line(path, depth)
        if line is None:
            return None
        shift = line - computed[statement].start.line
        if shift < 0 or shift >= len(self.line_offsets) or not _same_text(self.text, self.line_offsets[shift], code):
            return None
        return computed, shift

    def _codegen(self, statement: cst.CSTNode, indents: Tuple[str, ...]) -> Tuple[Dict[cst.CSTNode, CodeRange], str]:
        """The positions of the nodes of `statement` as if its code began the file, and that code."""
        provider = PositionProvider()
        state = PositionProvidingCodegenState(
            default_indent=self.module.default_indent, default_newline=self.module.default_newline, provider=provider
        )
        state.indent_tokens = list(indents)
        statement._codegen(state)
        return provider._computed, "".join(state.tokens)

    def _first_line(self, path, depth: int) -> Optional[int]:
        """The line of path[depth]'s first token, from the interpreter's parser."""
        if self.tree is None:
            self.tree = _interpreter_tree(self.text, self.module)
            if self.tree is None:
                return None
        statements: Sequence[cst.CSTNode] = self.module.body
        nodes: Sequence[ast.stmt] = self.tree.body
        node: Optional[ast.stmt] = None
        for statement, _ in path[: depth + 1]:
            paired = _pair(statements, nodes)
            if paired is None:
                return None
            node = paired[id(statement)]
            block = getattr(statement, "body", None)
            statements, nodes = getattr(block, "body", ()), getattr(node, "body", ())
        return node.lineno if node is not None else None


def _interpreter_tree(text: str, module: cst.Module) -> Optional[ast.Module]:
    """The interpreter's tree of `text`, syntax newer than it read through its rewriting (parse_guard.py)."""
    try:
        return interpreter_parse(text, "<unknown>", module)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _pair(statements: Sequence[cst.CSTNode], nodes: Sequence[ast.stmt]) -> Optional[Dict[int, ast.stmt]]:
    """id(libcst statement) -> the `ast` statement it starts with (a line of small statements is
    several), or None when the two do not add up."""
    paired: Dict[int, ast.stmt] = {}
    index = 0
    for statement in statements:
        if index >= len(nodes):
            return None
        paired[id(statement)] = nodes[index]
        index += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
    return paired if index == len(nodes) else None


def _same_text(text: str, offset: int, code: str) -> bool:
    """Whether `code` is the file's text at `offset`; the last statement of a file without a final
    newline is generated with one (libcst removes it at the end of the module)."""
    if text.startswith(code, offset):
        return True
    rest = text[offset:]
    return len(rest) < len(code) and code.startswith(rest) and _NEWLINE.fullmatch(code[len(rest) :]) is not None
