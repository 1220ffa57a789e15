"""Positions of the few nodes a file's findings name, without generating the whole module's code.

libcst's PositionProvider places nodes by generating the code of the whole module, which costs
about as much as parsing it: paid for every file with any finding. A top-level statement's code
starts at column 0 of its own line and needs no indentation from outside, so generating only the
statements that hold findings gives the same columns, and the same lines once shifted by where the
statement starts. That line comes from `ast` (a tenth of libcst's parse), which numbers a statement
from its first token as PositionProvider does; the statement's generated code is then checked
against the file's text at that line, and any doubt (no `ast` tree, a count or text that differs, a
node outside its hinted statement) answers None: the caller places the whole module instead.
"""

from __future__ import annotations

import ast
import re
import warnings
from typing import Dict, Iterable, List, Optional, Tuple

import libcst as cst
from libcst.metadata import CodePosition, CodeRange
from libcst.metadata import PositionProvider
from libcst.metadata.position_provider import PositionProvidingCodegenState

_NEWLINE = re.compile(r"\r\n?|\n")


def whole_module(module: cst.Module) -> Dict[cst.CSTNode, CodeRange]:
    """Node -> CodeRange for every node, from libcst's position provider run on its own: through
    MetadataWrapper it costs a second, useless visit of the whole tree."""
    provider = PositionProvider()
    provider._gen_impl(module)
    return provider._computed


def place(
    module: cst.Module, text: str, wanted: Iterable[Tuple[cst.CSTNode, cst.CSTNode]]
) -> Optional[Dict[cst.CSTNode, CodeRange]]:
    """Node -> CodeRange (PositionProvider's) for each (node, top-level statement holding it), or
    None when this cannot be done exactly."""
    by_statement: Dict[int, List[cst.CSTNode]] = {}
    statements: Dict[int, cst.CSTNode] = {}
    for node, statement in wanted:
        by_statement.setdefault(id(statement), []).append(node)
        statements[id(statement)] = statement
    if not by_statement:
        return {}
    starts = _statement_lines(module, text)
    if starts is None:
        return None
    line_offsets = [0, *(match.end() for match in _NEWLINE.finditer(text))]
    placed: Dict[cst.CSTNode, CodeRange] = {}
    for key, nodes in by_statement.items():
        statement = statements[key]
        first = starts.get(id(statement))
        if first is None:
            return None
        provider = PositionProvider()
        state = PositionProvidingCodegenState(
            default_indent=module.default_indent, default_newline=module.default_newline, provider=provider
        )
        statement._codegen(state)
        computed = provider._computed
        shift = first - computed[statement].start.line
        if shift < 0 or shift >= len(line_offsets) or not _same_text(text, line_offsets[shift], "".join(state.tokens)):
            return None
        for node in nodes:
            position = computed.get(node)
            if position is None:
                return None
            start, end = position.start, position.end
            placed[node] = CodeRange(CodePosition(start.line + shift, start.column), CodePosition(end.line + shift, end.column))
    return placed


def _same_text(text: str, offset: int, code: str) -> bool:
    """Whether `code` is the file's text at `offset`; the last statement of a file without a final
    newline is generated with one (libcst removes it at the end of the module)."""
    if text.startswith(code, offset):
        return True
    rest = text[offset:]
    return len(rest) < len(code) and code.startswith(rest) and _NEWLINE.fullmatch(code[len(rest) :]) is not None


def _statement_lines(module: cst.Module, text: str) -> Optional[Dict[int, int]]:
    """id(top-level statement) -> the line of its first token, from the interpreter's parser."""
    try:
        with warnings.catch_warnings():  # warnings about the linted code are not for our stderr
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    body = tree.body
    lines: Dict[int, int] = {}
    index = 0
    for statement in module.body:
        if index >= len(body):
            return None
        lines[id(statement)] = body[index].lineno
        index += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
    return lines if index == len(body) else None
