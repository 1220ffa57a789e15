"""Which Python release first reads a piece of syntax, for the syntax newer than the oldest interpreter prr-lint runs on.

libcst reads the grammar of every release (its native parser ignores `PartialParserConfig.python_version`), while
`ast.parse` reads only the running interpreter's: `type Value = str | None` is a syntax error to Python 3.11 and a
statement to 3.12. A file's verdict must not depend on the interpreter prr-lint happens to run on, so two things key
on the release a node needs rather than on what the interpreter accepts:

- lowering.py rewrites the syntax newer than the running interpreter into an older equivalent it can parse, so that
  the interpreter still checks the rest of the file (and the project phase still gets an `ast` tree);
- PRR000 (rules/meta.py) reports such syntax where every Python the project declares it runs is older than the
  release (project/runtime_syntax.py): there the file is a syntax error for the deployment, on any interpreter.

Covered: `match` (3.10); `except*`, starred subscripts `a[*b]` and `*args: *Ts` (3.11); `type` aliases, type
parameters `def f[T](x: T)`, `class C[T]:` and the f-strings of PEP 701 (a quote of their own inside a replacement
field, a backslash, a comment or a line break there, format specs nested deeper) (3.12); type parameter defaults
(3.13); `except A, B:` without brackets and t-strings (3.14); `lazy import` and unpacking in comprehensions
(`[*x for x in y]`) (3.15). Older syntax (3.9's and before) every supported interpreter reads alike.
"""

from __future__ import annotations

from typing import Callable, NamedTuple, Optional, Tuple

import libcst as cst

Release = Tuple[int, int]
MATCH: Release = (3, 10)  # PEP 634
EXCEPTION_GROUPS: Release = (3, 11)  # PEP 654's `except*`
STARRED_SUBSCRIPTS: Release = (3, 11)  # PEP 646's `a[*b]` and `*args: *Ts`
TYPE_PARAMETERS: Release = (3, 12)  # PEP 695
NESTED_FSTRINGS: Release = (3, 12)  # PEP 701
TYPE_DEFAULTS: Release = (3, 13)  # PEP 696
TEMPLATE_STRINGS: Release = (3, 14)  # PEP 750
BARE_EXCEPT_TUPLES: Release = (3, 14)  # PEP 758's `except A, B:`
LAZY_IMPORTS: Release = (3, 15)  # PEP 810
UNPACKING_COMPREHENSIONS: Release = (3, 15)  # PEP 798's `[*x for x in y]`
CodeFor = Callable[[cst.CSTNode], str]

_TEMPLATED = getattr(cst, "TemplatedString", None)
_LAZY = tuple(kind for kind in (getattr(cst, "LazyImport", None), getattr(cst, "LazyImportFrom", None)) if kind is not None)
_STARRED_DICT = getattr(cst, "StarredDictComp", None)
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp)


class Syntax(NamedTuple):
    """The release that first reads a node, and what the node is, for a message."""

    release: Release
    what: str


def syntax_release(node: cst.CSTNode, code_for: CodeFor) -> Optional[Syntax]:
    """The release whose grammar `node` needs, when newer than 3.9's; None otherwise. `code_for` gives an f-string's
    source (`Module.code_for_node`)."""
    kind = type(node)
    if kind is cst.FormattedString:
        if old_fstring(code_for(node)):
            return None
        return Syntax(NESTED_FSTRINGS, "an f-string with its own quotes, a backslash, a comment or a line break in a field")
    if kind is cst.TypeAlias:
        return Syntax(_parameters_release(node.type_parameters), "a `type` statement")
    if kind in (cst.FunctionDef, cst.ClassDef):
        parameters = node.type_parameters
        return None if parameters is None else Syntax(_parameters_release(parameters), "type parameters")
    if kind is cst.Match:
        return Syntax(MATCH, "a `match` statement")
    if kind in (cst.ExceptHandler, cst.ExceptStarHandler):
        if bare_tuple(node.type):
            return Syntax(BARE_EXCEPT_TUPLES, "`except` with several classes and no brackets")
        return Syntax(EXCEPTION_GROUPS, "`except*`") if kind is cst.ExceptStarHandler else None
    if kind is cst.Index:
        return Syntax(STARRED_SUBSCRIPTS, "a starred subscript") if node.star else None
    if kind is cst.Param:
        return Syntax(STARRED_SUBSCRIPTS, "a starred annotation") if starred_annotation(node) else None
    if kind is _TEMPLATED:
        return Syntax(TEMPLATE_STRINGS, "a t-string")
    if kind in _LAZY:
        return Syntax(LAZY_IMPORTS, "`lazy import`")
    if (kind in _COMPREHENSIONS and type(node.elt) is cst.StarredElement) or kind is _STARRED_DICT:
        return Syntax(UNPACKING_COMPREHENSIONS, "unpacking in a comprehension")
    return None


def _parameters_release(parameters: Optional[cst.TypeParameters]) -> Release:
    """3.13 for type parameters with a default (PEP 696), else 3.12."""
    if parameters is not None and any(parameter.default is not None for parameter in parameters.params):
        return TYPE_DEFAULTS
    return TYPE_PARAMETERS


def bare_tuple(node: Optional[cst.BaseExpression]) -> bool:
    """The classes of an `except` written without brackets (`except A, B:`)."""
    return type(node) is cst.Tuple and not node.lpar


def starred_annotation(node: cst.Param) -> bool:
    """`*args: *Ts` (PEP 646)."""
    annotation = node.annotation
    return annotation is not None and type(annotation.annotation) is cst.StarredElement


def release_name(release: Release) -> str:
    return f"{release[0]}.{release[1]}"


# The f-strings Python 3.6 to 3.11 read: the tokenizer took the whole literal for one string token, which the
# f-string parser then split (CPython 3.11's Parser/string_parser.c, `fstring_find_expr`): so no quote of the
# literal's own inside it, no line break in a one-line literal, and in a replacement field no backslash at all, no
# `#` outside a string, and format specs nested at most one level.

def old_fstring(source: str) -> bool:
    """Whether Python 3.11 reads the f-string literal `source` (prefix, quotes and body) as it is."""
    prefix_length = len(source) - len(source.lstrip("rRbBuUfFtT"))
    quote = source[prefix_length:prefix_length + 3]
    quote = quote if quote in ('"""', "'''") else source[prefix_length]
    if not source.endswith(quote) or len(source) < prefix_length + 2 * len(quote):
        return False
    body = source[prefix_length + len(quote):len(source) - len(quote)]
    return _one_token(body, quote) and _Fields(body, "r" in source[:prefix_length].lower()).read(0) is not None


def _one_token(body: str, quote: str) -> bool:
    """The old tokenizer reads the body to the closing quote: no unescaped quote of its own, and in a one-line
    literal no unescaped line break."""
    position, end = 0, len(body)
    while position < end:
        character = body[position]
        if character == "\\":
            position += 2
            continue
        if body.startswith(quote, position) or (len(quote) == 1 and character in "\r\n"):
            return False
        position += 1
    return position == end  # not a final lone backslash, which would escape the closing quote


class _Fields:
    """The old f-string parser's reading of a body: literal text and `{...}` fields."""

    def __init__(self, body: str, raw: bool) -> None:
        self.body, self.raw = body, raw

    def read(self, position: int, depth: int = 0) -> Optional[int]:
        """Reads literal text and fields from `position` to the body's end, or in a format spec (`depth` > 0) to
        its closing brace; the position reached, or None where the old parser refuses."""
        body, end = self.body, len(self.body)
        while position < end:
            character = body[position]
            if not self.raw and character == "\\":
                # an escape takes the next character, but a brace after it still opens or closes a field; `\N{...}`
                # is a name
                if body.startswith("N{", position + 1):
                    closing = body.find("}", position)
                    if closing < 0:
                        return None
                    position = closing + 1
                else:
                    position += 1 if body[position + 1:position + 2] in ("{", "}") else 2
            elif character == "{":
                if depth == 0 and body.startswith("{", position + 1):
                    position += 2
                    continue
                position = self._field(position + 1, depth)
                if position is None:
                    return None
            elif character == "}":
                if depth:
                    return position
                if not body.startswith("}", position + 1):
                    return None
                position += 2
            else:
                position += 1
        return None if depth else position

    def _field(self, position: int, depth: int) -> Optional[int]:
        """From after a field's `{` to after its `}`; None where the old parser refuses."""
        if depth >= 2:
            return None  # "f-string: expressions nested too deeply"
        body, end = self.body, len(self.body)
        brackets = 0
        quote = ""
        while position < end:
            character = body[position]
            if character == "\\":
                return None  # "f-string expression part cannot include a backslash"
            if quote:
                if body.startswith(quote, position):
                    position += len(quote)
                    quote = ""
                else:
                    position += 1
                continue
            if character in "'\"":
                quote = character * 3 if body.startswith(character * 3, position) else character
                position += len(quote)
                continue
            if character in "([{":
                brackets += 1
            elif character in ")]}" and brackets:
                brackets -= 1
            elif character == "#":
                return None  # "f-string expression part cannot include '#'"
            elif brackets == 0 and character in "!:}=<>":
                if body[position:position + 2] in ("!=", "==", "<=", ">="):
                    position += 2
                    continue
                if character not in "<>":
                    break
            position += 1
        if quote or brackets or position >= end:
            return None
        if body[position] == "=":
            position += 1
            while position < end and body[position] in " \t\n\r\f\v":
                position += 1
        if position < end and body[position] == "!":
            if body[position + 1:position + 2] not in ("s", "r", "a"):
                return None
            position += 2
        if position < end and body[position] == ":":
            position = self.read(position + 1, depth + 1)
            if position is None:
                return None
        return position + 1 if position < end and body[position] == "}" else None


def fstring_source(node: cst.CSTNode, printer: cst.Module) -> str:
    """An f-string's text without its brackets, as `old_fstring` reads it (`printer`: any module, for printing)."""
    return printer.code_for_node(node.with_changes(lpar=(), rpar=()))
