"""The edits that rewrite each piece of syntax newer than the running interpreter into its older spelling (lowering.py).

libcst's printer is run once with `Recorder`, which notes where the nodes of such syntax are and the tokens they
print themselves (`type`, `case`, `as`, `*`); `Rewriting` then turns each construct newer than the interpreter into
edits of the original text that keep every line break (module docstring of lowering.py: what becomes what), and
refuses (`Unlowerable`) what the newer grammar itself would refuse but libcst reads: a pattern that is no literal
or dotted name (`case f"x":`, `case a as _:`), format specs nested more than two deep, an unknown conversion, a
t-string or bytes joined to a rewritten string, `lazy import` below module level, of `*` or of `__future__`.
"""

from __future__ import annotations

import re
from typing import Dict, List, NamedTuple, Sequence, Set, Tuple

import libcst as cst
from libcst._nodes.internal import CodegenState

from prr_lint.newer_syntax import BARE_EXCEPT_TUPLES, EXCEPTION_GROUPS, Release, bare_tuple, starred_annotation, syntax_release

_NEWLINES = re.compile(r"\r\n|\r|\n")
_BODIES = (cst.IndentedBlock, cst.SimpleStatementSuite)  # statements below a recorded node are not its syntax
_TEMPLATED = tuple(kind for kind in (getattr(cst, "TemplatedString", None),) if kind is not None)
_STRINGS = (cst.FormattedString, *_TEMPLATED)
_LAZY = tuple(kind for kind in (getattr(cst, "LazyImport", None), getattr(cst, "LazyImportFrom", None)) if kind is not None)
_STARRED_DICT = tuple(kind for kind in (getattr(cst, "StarredDictComp", None),) if kind is not None)
_ROOTS = (*_STRINGS, cst.ConcatenatedString, cst.TypeAlias, cst.TypeParameters, cst.Match, cst.MatchCase, cst.ExceptHandler,
          cst.ExceptStarHandler, *_LAZY, cst.ListComp, cst.SetComp, cst.GeneratorExp, *_STARRED_DICT)
_NUMBERS = (cst.Integer, cst.Float, cst.Imaginary)
_MAX_SPEC_DEPTH = 2  # a field in a format spec in a format spec: Python 3.12 reads no deeper


class Unlowerable(Exception):
    """Newer syntax this module does not rewrite (the module docstring's exceptions)."""


class Edit(NamedTuple):
    start: int
    order: int  # at one offset: closing insertions, then opening ones, then replacements
    sequence: int  # outer before inner for openings, inner before outer for closings
    end: int
    text: str


_CLOSE, _OPEN, _REPLACE = 0, 1, 2


class Recorder(CodegenState):
    """libcst's printer, noting where the nodes of the syntax that may need rewriting are, and the tokens they print
    themselves (`type`, `case`, `as`, `*`)."""

    def __init__(self, module: cst.Module) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.spans: Dict[cst.CSTNode, Tuple[int, int]] = {}
        self.own: Dict[cst.CSTNode, List[Tuple[str, int]]] = {}
        self.roots: List[cst.CSTNode] = []
        self.parents: Dict[cst.CSTNode, Tuple[cst.CSTNode, ...]] = {}
        self._stack: List[Tuple[cst.CSTNode, bool]] = []
        self._counted = self._length = 0

    def offset(self) -> int:
        tokens = self.tokens
        for position in range(self._counted, len(tokens)):
            self._length += len(tokens[position])
        self._counted = len(tokens)
        return self._length

    def before_codegen(self, node: cst.CSTNode) -> None:
        stack = self._stack
        inside = bool(stack) and stack[-1][1] and not isinstance(stack[-1][0], _BODIES)
        root = _root(node)
        recorded = inside or root
        if recorded:
            self.spans[node] = (self.offset(), -1)
            if root:
                self.roots.append(node)
                self.parents[node] = tuple(entry[0] for entry in stack[-3:])
        stack.append((node, recorded))

    def after_codegen(self, node: cst.CSTNode) -> None:
        _, recorded = self._stack.pop()
        if recorded:
            self.spans[node] = (self.spans[node][0], self.offset())

    def add_token(self, value: str) -> None:
        if self._stack and self._stack[-1][1]:
            self.own.setdefault(self._stack[-1][0], []).append((value, self.offset()))
        self.tokens.append(value)


def _root(node: cst.CSTNode) -> bool:
    kind = type(node)
    if kind in _ROOTS:
        return True
    if kind is cst.Index:
        return bool(node.star)
    return kind is cst.Param and starred_annotation(node)


class Rewriting:
    """The edits that rewrite the recorded syntax newer than `running`, and the spans of what they leave out."""

    def __init__(self, recorder: Recorder, text: str, running: Release) -> None:
        self.recorder, self.text, self.running = recorder, text, running
        self.found: List[Edit] = []
        self.residue: List[Tuple[int, int, bool]] = []
        self.lowered: Set[int] = set()  # ids of the f-strings and t-strings rewritten

    def edits(self) -> Tuple[List[Edit], List[Tuple[int, int, bool]]]:
        for node in self.recorder.roots:
            if type(node) is not cst.ConcatenatedString:
                self._node(node)
        for node in self.recorder.roots:  # after the strings: whether one in it was rewritten
            parents = self.recorder.parents[node]
            if type(node) is cst.ConcatenatedString and not (parents and type(parents[-1]) is cst.ConcatenatedString):
                self._concatenation(node)
        return sorted(self.found), self.residue

    def span(self, node: cst.CSTNode) -> Tuple[int, int]:
        found = self.recorder.spans.get(node)
        if found is None or found[1] < 0:
            raise Unlowerable(type(node).__name__)
        return found

    def token(self, node: cst.CSTNode, value: str, after: int = -1) -> int:
        for token, offset in self.recorder.own.get(node, ()):
            if token == value and offset > after:
                return offset
        raise Unlowerable(value)

    def replace(self, start: int, end: int, text: str) -> None:
        self.found.append(Edit(start, _REPLACE, len(self.found), end, text))

    def insert(self, offset: int, text: str, closing: bool = False) -> None:
        self.found.append(Edit(offset, _CLOSE if closing else _OPEN, -len(self.found) if closing else len(self.found), offset, text))

    def needed(self, node: cst.CSTNode) -> bool:
        syntax = syntax_release(node, self._source)
        return syntax is not None and syntax.release > self.running

    def _source(self, node: cst.CSTNode) -> str:
        """An f-string's text, from its first token to its last (not its brackets)."""
        own = self.recorder.own.get(node)
        if not own:
            raise Unlowerable("an f-string not recorded")
        return self.text[own[0][1]:own[-1][1] + len(own[-1][0])]

    def _node(self, node: cst.CSTNode) -> None:
        kind = type(node)
        if kind in _STRINGS:
            if self.needed(node):
                self._string(node)
        elif kind is cst.TypeAlias:
            if self.needed(node):
                self._alias(node)
        elif kind is cst.TypeParameters:
            owner = self.recorder.parents[node][-1:]
            if owner and type(owner[0]) in (cst.FunctionDef, cst.ClassDef) and self.needed(owner[0]):
                self._parameters(node)
        elif kind is cst.Match:
            if self.needed(node):
                self._match(node)
        elif kind in (cst.ExceptHandler, cst.ExceptStarHandler):
            self._handler(node)
        elif kind is cst.Index or kind is cst.Param:
            if self.needed(node):
                target = node if kind is cst.Index else node.annotation.annotation
                if kind is cst.Param and node.star != "*":
                    raise Unlowerable("a starred annotation of a parameter that is not *args")
                start, end = self.span(target)
                self.insert(start, "(")
                self.insert(end, ",)", closing=True)
        elif kind in _LAZY:
            if self.needed(node):
                self._lazy(node)
        elif kind in (cst.ListComp, cst.SetComp, cst.GeneratorExp, *_STARRED_DICT) and self.needed(node):
            if kind is cst.GeneratorExp and not node.lpar:
                raise Unlowerable("a starred generator without its own brackets")
            owner, star = (node, "**") if kind in _STARRED_DICT else (node.elt, "*")
            at = self.token(owner, star)
            self.replace(at, at + len(star), "")

    # `type X[T] = V` -> `X = V`, the parameters' bounds and defaults checked on their own
    def _alias(self, node: cst.TypeAlias) -> None:
        keyword = self.token(node, "type")
        name = self.span(node.name)
        if any(character in "\\\r\n" for character in self.text[keyword:name[0]]):
            raise Unlowerable("a line break after `type`")
        self.replace(keyword, name[0], "")
        if node.type_parameters is not None:
            self._parameters(node.type_parameters)

    def _parameters(self, node: cst.TypeParameters) -> None:
        start, end = self.span(node)
        self.replace(start, end, _blank(self.text[start:end]))
        for parameter in node.params:
            bound = getattr(parameter.param, "bound", None)
            if bound is not None:
                self.residue.append((*self.span(bound), False))
            if parameter.default is not None:
                self.residue.append((*self.span(parameter.default), bool(parameter.star)))

    # `match s:` / `case P if G:` -> `if (s):` / `if (P, (G)):`
    def _match(self, node: cst.Match) -> None:
        keyword = self.token(node, "match")
        self.replace(keyword, keyword + len("match"), "if")
        start, end = self.span(node.subject)
        self.insert(start, "(")
        self.insert(end, ")", closing=True)
        for case in node.cases:
            keyword = self.token(case, "case")
            self.replace(keyword, keyword + len("case"), "if")
            _check_pattern(case.pattern)
            start, end = self.span(case.pattern)
            self.insert(start, "(")
            self._pattern(case.pattern)
            if case.guard is None:
                self.insert(end, ")", closing=True)
            else:
                guard = self.token(case, "if", end - 1)
                self.replace(guard, guard + len("if"), ", (")
                self.insert(self.span(case.guard)[1], "))", closing=True)

    def _pattern(self, pattern: cst.CSTNode) -> None:
        """`as` -> `|` throughout a pattern (the rest is spelt as an expression already)."""
        stack = [pattern]
        while stack:
            node = stack.pop()
            if type(node) is cst.MatchAs and node.pattern is not None:
                at = self.token(node, "as")
                self.replace(at, at + len("as"), "|")
            stack.extend(_pattern_children(node))

    def _handler(self, node: cst.CSTNode) -> None:
        if type(node) is cst.ExceptStarHandler and self.running < EXCEPTION_GROUPS:
            at = self.token(node, "*")
            self.replace(at, at + 1, "")
        if bare_tuple(node.type) and self.running < BARE_EXCEPT_TUPLES:
            if node.name is not None:
                raise Unlowerable("`except A, B as e:`")
            start, end = self.span(node.type)
            self.insert(start, "(")
            self.insert(end, ")", closing=True)

    def _lazy(self, node: cst.CSTNode) -> None:
        parents = self.recorder.parents[node]
        at_module_level = len(parents) >= 2 and type(parents[-1]) is cst.SimpleStatementLine and type(parents[-2]) is cst.Module
        if not at_module_level or isinstance(getattr(node, "names", None), cst.ImportStar):
            raise Unlowerable("`lazy import` below module level, or of `*`")
        if type(getattr(node, "module", None)) is cst.Name and node.module.value == "__future__":
            raise Unlowerable("`lazy from __future__ import`")
        keyword = self.token(node, "lazy")
        end = keyword + len("lazy")
        while end < len(self.text) and self.text[end] in " \t":
            end += 1
        if self.text[end:end + 1] in ("\\", "\r", "\n", ""):
            raise Unlowerable("a line break after `lazy`")
        self.replace(keyword, end, "")

    # an f-string or t-string -> `(<literal>, (<expression>), ...)`
    def _string(self, node: cst.CSTNode) -> None:
        prefix = node.start[:len(node.start) - len(node.end)]
        if any(character in "bB" for character in prefix):
            raise Unlowerable("a bytes template")
        plain = "".join(character for character in prefix if character in "rR")
        start = self.token(node, node.start)
        self.replace(start, start + len(node.start), "(")
        self._parts(node.parts, plain, node.end, 0)
        end = self.token(node, node.end, start + len(node.start) - 1)
        self.replace(end, end + len(node.end), ")")
        self.lowered.add(id(node))

    def _parts(self, parts: Sequence[cst.CSTNode], prefix: str, quote: str, depth: int) -> None:
        for part in parts:
            start, end = self.span(part)
            value = getattr(part, "value", None)
            if isinstance(value, str):  # a literal piece: a plain string with its prefix and quotes
                self.replace(start, end, f"{prefix}{_literal_piece(value, quote)},")
                continue
            if depth > _MAX_SPEC_DEPTH:
                raise Unlowerable("format specs nested too deeply")
            conversion = getattr(part, "conversion", None)
            if conversion is not None and conversion not in ("s", "r", "a"):
                raise Unlowerable("an unknown conversion")
            if type(part.expression) is cst.GeneratorExp and not part.expression.lpar:
                raise Unlowerable("a field's generator without its own brackets")  # `(x for x in y),` would hide it
            expression = self.span(part.expression)
            opening = self.token(part, "{")
            self.replace(opening, expression[0], "(" + _line_breaks(self.text[opening:expression[0]]))
            last, closing = self.recorder.own[part][-1]
            if last != "}" or closing < expression[1]:
                raise Unlowerable("a field that does not end in a brace")
            if part.format_spec is None:
                self.replace(expression[1], closing + 1, ")," + _line_breaks(self.text[expression[1]:closing]))
                continue
            colon = self.token(part, ":", expression[1] - 1)
            self.replace(expression[1], colon + 1, ")," + _line_breaks(self.text[expression[1]:colon]))
            self._parts(part.format_spec, prefix, quote, depth + 1)
            self.replace(closing, closing + 1, "")

    def _concatenation(self, node: cst.ConcatenatedString) -> None:
        """Implicitly joined strings one of which was rewritten: `("a", (...),)`, the pieces apart."""
        pieces = _pieces(node)
        if not any(id(piece) in self.lowered for piece in pieces):
            return
        if any("b" in _prefix(piece).lower() for piece in pieces):
            raise Unlowerable("bytes joined with a rewritten string")
        if _TEMPLATED and any(type(piece) in _TEMPLATED for piece in pieces) and not all(type(piece) in _TEMPLATED for piece in pieces):
            raise Unlowerable("a t-string joined with another string")
        start, end = self.span(node)
        self.insert(start, "(")
        for piece in pieces[1:]:
            self.insert(self.span(piece)[0], ",")
        self.insert(end, ")", closing=True)


def _literal_piece(value: str, quote: str) -> str:
    """A literal piece of an f-string as a plain string of the same escapes. A lone backslash at its end (before
    a field: `f"\\{x}"`, an invalid escape, never an error) is doubled, so it escapes no closing quote; a piece of a
    triple-quoted f-string that ends in its quote character takes the other triple quote."""
    if (len(value) - len(value.rstrip("\\"))) % 2:
        value += "\\"
    if len(quote) == 3 and value.endswith(quote[0]):
        quote = "'''" if quote == '"""' else '"""'
        if quote in value or value.endswith(quote[0]):
            raise Unlowerable("a literal piece that holds both triple quotes")
    return f"{quote}{value}{quote}"


def _prefix(piece: cst.CSTNode) -> str:
    """A string's prefix (`rb`, `f`)."""
    if type(piece) is cst.SimpleString:
        return piece.prefix
    return getattr(piece, "start", "").rstrip("'\"")


def _pieces(node: cst.CSTNode) -> List[cst.CSTNode]:
    if type(node) is cst.ConcatenatedString:
        return [*_pieces(node.left), *_pieces(node.right)]
    return [node]


def _pattern_children(node: cst.CSTNode) -> List[cst.CSTNode]:
    kind = type(node)
    if kind is cst.MatchAs:
        return [node.pattern] if node.pattern is not None else []
    if kind is cst.MatchOr:
        return [element.pattern for element in node.patterns]
    if kind in (cst.MatchList, cst.MatchTuple):
        return [element.value for element in node.patterns if type(element) is cst.MatchSequenceElement]
    if kind is cst.MatchMapping:
        return [element.pattern for element in node.elements]
    if kind is cst.MatchClass:
        return [*(element.value for element in node.patterns), *(element.pattern for element in node.kwds)]
    return []


def _check_pattern(pattern: cst.CSTNode) -> None:
    """Only the patterns Python's grammar allows (libcst reads more: `case f"x":`, `case {x: 1}`)."""
    stack = [pattern]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is cst.MatchAs:
            if node.name is not None and node.name.value == "_" and node.pattern is not None:
                raise Unlowerable("`as _`")
        elif kind is cst.MatchValue:
            if not (_literal(node.value, top=True) or _dotted(node.value, 2)):
                raise Unlowerable("a value pattern that is no literal or dotted name")
        elif kind is cst.MatchMapping:
            if node.rest is not None and node.rest.value == "_":
                raise Unlowerable("`**_`")
            for element in node.elements:
                key = element.key
                if not (_literal(key, top=True) or _dotted(key, 2) or (type(key) is cst.Name and key.value in ("None", "True", "False"))):
                    raise Unlowerable("a mapping key that is no literal or dotted name")
        elif kind is cst.MatchClass:
            if not _dotted(node.cls, 1):
                raise Unlowerable("a class pattern of no name")
        elif kind not in (cst.MatchSingleton, cst.MatchOr, cst.MatchList, cst.MatchTuple, cst.MatchStar):
            raise Unlowerable(kind.__name__)
        stack.extend(_pattern_children(node))


def _literal(node: cst.CSTNode, top: bool = False) -> bool:
    """A literal pattern: a string (no f-string), a signed number, `real ± imaginary`."""
    if getattr(node, "lpar", None) and not top:
        return False
    kind = type(node)
    if kind is cst.SimpleString:
        return True
    if kind is cst.ConcatenatedString:
        pieces = _pieces(node)
        return all(type(piece) is cst.SimpleString for piece in pieces) and len({"b" in _prefix(piece).lower() for piece in pieces}) == 1
    if kind in _NUMBERS:
        return True
    if kind is cst.UnaryOperation:
        return type(node.operator) is cst.Minus and type(node.expression) in _NUMBERS and not node.expression.lpar
    if kind is cst.BinaryOperation:
        real = node.left
        if type(real) is cst.UnaryOperation:
            if real.lpar or type(real.operator) is not cst.Minus:
                return False
            real = real.expression
        return (type(node.operator) in (cst.Add, cst.Subtract) and type(real) in (cst.Integer, cst.Float) and not real.lpar
                and type(node.right) is cst.Imaginary and not node.right.lpar)
    return False


def _dotted(node: cst.CSTNode, names: int) -> bool:
    """`a.b.c` of at least `names` names, no brackets."""
    count = 1
    while type(node) is cst.Attribute and not node.lpar:
        node, count = node.value, count + 1
    return type(node) is cst.Name and not node.lpar and count >= names


def _blank(text: str) -> str:
    """Spaces where `text` was, its line breaks kept behind a backslash, so the statement goes on."""
    return _NEWLINES.sub(lambda found: "\\" + found.group(), re.sub(r"[^\r\n]", " ", text))


def _line_breaks(text: str) -> str:
    return "".join(_NEWLINES.findall(text))
