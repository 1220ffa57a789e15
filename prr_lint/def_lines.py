"""Where each `def` is, for the module summary, without libcst positions (DESIGN.md §6).

A `def` (or `async def`) statement begins a physical line, unless `async \\` continues the line
before, so a scan of line starts finds every one. The only lines the scan can take for a `def` are
lines inside a string that spans lines, and the walk tells whether any string does
(`may_hide_definitions`). When none does, no `def` line follows a continuation, and the scan finds
exactly the functions the walk met, by name and in order, the scan is exact; otherwise the
tokenizer decides (the pure-Python one before 3.12 costs about a fifth of a libcst parse, so it
runs only then). No regular expression here backtracks more than one line's indentation.
"""

from __future__ import annotations

import re
import tokenize
from typing import Any, Dict, List, Optional, Sequence, Tuple

from prr_lint.source_tokens import SourceTokens

_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)", re.MULTILINE)
_LONE_CR = re.compile(r"\r(?!\n)")
_LINE_START = frozenset({tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT})
Position = Tuple[int, int]  # 1-based line and column of the `def` (or its `async`); (0, 0) if unknown


def may_hide_definitions(string_text: str) -> bool:
    """Whether a string literal's text holds a line that a line scan takes for a `def` (the lines
    after its first begin physical lines of the source)."""
    return "def" in string_text and ("\n" in string_text or "\r" in string_text) and _DEF.search(string_text) is not None


def definition_lines(source: str, names: Sequence[str], strings_hide_definitions: bool,
                     shared: Optional[SourceTokens] = None) -> List[Position]:
    """(line, column) of each `def`, given the function names in source order as the walk met them
    (`shared`: the source's tokens, if it comes to them, source_tokens.py)."""
    if not names:
        return []
    if not strings_hide_definitions and not _LONE_CR.search(source):
        scanned = _scanned(source)
        if scanned is not None and len(scanned) == len(names) and all(map(_same, names, scanned)):
            return [(line, column) for _, line, column in scanned]
    return _aligned(_tokenized(shared or SourceTokens(source)), names)


def place(source: str, defs: Sequence[Tuple[Any, Any]], strings_hide_definitions: bool,
          shared: Optional[SourceTokens] = None) -> Dict[int, int]:
    """Set the line and column of each (function summary, its `def` node), in source order; return each node's
    line by id (rebound_defs.py)."""
    if not source or not defs:
        return {}
    found = definition_lines(source, [function.qualname.rpartition(".")[2] for function, _ in defs], strings_hide_definitions, shared)
    for (function, _), (line, column) in zip(defs, found):
        function.line, function.column = line, column
    return {id(node): line for (_, node), (line, _) in zip(defs, found)}


def _same(expected: str, found: Tuple[str, int, int]) -> bool:
    """The name the walk met, or the start of it that `\\w` (or an older tokenizer) could read."""
    return expected == found[0] or (bool(found[0]) and expected.startswith(found[0]))


def _scanned(source: str) -> Optional[List[Tuple[str, int, int]]]:
    """(name, line, column) of every line that starts with `def` or `async def`; None when one
    follows a backslash continuation (`async \\` on the line before: the statement starts there)."""
    found = []
    line, counted = 1, 0
    for match in _DEF.finditer(source):
        start = match.start()
        if source.endswith("\\\n", 0, start) or source.endswith("\\\r\n", 0, start):
            return None
        line += source.count("\n", counted, start)
        counted = start
        indent = len(match.group(0)) - len(match.group(0).lstrip(" \t"))
        found.append((match.group(1), line, indent + 1))
    return found


def _tokenized(shared: SourceTokens) -> List[Tuple[str, int, int]]:
    """(name, line, column) of every `def` keyword that begins a logical line, as far as the
    tokenizer of the running interpreter gets (it may stop early on syntax newer than itself)."""
    found: List[Tuple[str, int, int]] = []
    first = None  # the first token of the logical line being read
    seen = 0  # its significant tokens so far
    expecting_name = False
    for token in shared.each(universal_newlines=True):
        if token.type in _LINE_START:
            seen = 0
            continue
        if token.type in (tokenize.COMMENT, tokenize.ENDMARKER):
            continue
        if seen == 0:
            first = token
        if expecting_name:
            if token.type == tokenize.NAME and first is not None:
                found.append((token.string, first.start[0], first.start[1] + 1))
            expecting_name = False
        elif token.string == "def" and token.type == tokenize.NAME:
            expecting_name = seen == 0 or (seen == 1 and first is not None and first.string == "async")
        seen += 1
    return found


def _aligned(found: List[Tuple[str, int, int]], names: Sequence[str]) -> List[Position]:
    """Each expected name's position: the tokenizer finds exactly the walk's functions, in order,
    unless it stopped early; then each name takes the next `def` of that name, else (0, 0)."""
    if len(found) == len(names) and all(map(_same, names, found)):
        return [(line, column) for _, line, column in found]
    positions: List[Position] = []
    index = 0
    for name in names:
        at = index
        while at < len(found) and not _same(name, found[at]):
            at += 1
        if at == len(found):
            positions.append((0, 0))
            continue
        positions.append((found[at][1], found[at][2]))
        index = at + 1
    return positions
