"""A module libcst read, rewritten into the grammar of the interpreter prr-lint runs on (newer_syntax.py says why).

Where `ast.parse` refuses a file only because it holds syntax newer than the running interpreter, the interpreter can
still check everything else, and the project phase still needs an `ast` tree. The syntax newer than the interpreter
is rewritten into an older equivalent in place, keeping every line where it was, and the result is parsed instead:

- `type X[T: B = D] = V` becomes `X = V`; type parameters (`def f[T](x)`, `class C[T]:`) become blanks;
- `match s:` / `case P if G:` become `if (s):` / `if (P, (G)):`, each pattern read as the expression it is spelt
  like (`Point(x=0)`, `[a, *rest]`, `{"k": v, **rest}`, `as` as `|`), for the patterns Python allows only
  (literals, dotted names, captures, sequences, mappings, classes);
- `except*` becomes `except`, `except A, B:` becomes `except (A, B):`, `a[*b]` becomes `a[(*b,)]`, `*args: *Ts`
  becomes `*args: (*Ts,)`, `lazy import m` becomes `import m` (at module level only), `[*x for x in y]` becomes
  `[x for x in y]`;
- an f-string the interpreter does not read (before 3.12: newer_syntax.old_fstring), and a t-string before 3.14,
  becomes a tuple of its parts: each literal piece a plain string of the same prefix and quotes (so its escapes
  are still checked), each field `(expression),`.

What the rewriting drops is checked on its own: the bounds and defaults of type parameters are parsed as expressions
(`residue`); the rules of the newer grammar about what was rewritten are checked here (a pattern that is no
literal, an f-string's format specs nested more than two deep, a conversion other than `!s`, `!r`, `!a`, a field's
generator without its own brackets (`f"{x for x in y}"`, which `(x for x in y),` would hide), a
t-string concatenated with another string, a lone `lazy import` below module level: syntax_rewrites.py): such a
module is not rewritten, and the interpreter's refusal stands. So is one libcst does not print back as it was read.

A syntax error in the rewritten module is one in the original at the same place (columns on a rewritten line are
mapped back). The tree has the original's lines; a rewritten construct is its older spelling there (an `ast.If`
for a `match`, an `ast.Try` for `except*`, an `ast.Assign` for a `type` alias, an `ast.Tuple` for an f-string).
"""

from __future__ import annotations

import ast
import bisect
import re
import sys
import warnings
from typing import List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.newer_syntax import Release
from prr_lint.syntax_rewrites import Edit, Recorder, Rewriting, Unlowerable

RUNNING: Release = sys.version_info[:2]  # type: ignore[assignment]
_NEWLINES = re.compile(r"\r\n|\r|\n")


class Lowered:
    """The module in the running interpreter's grammar, with the expressions the rewriting left out."""

    def __init__(self, original: str, text: str, segments: List[Tuple[int, int, bool]],
                 residue: List[Tuple[str, List[Tuple[int, int, bool]]]]) -> None:
        self.original, self.text, self._segments, self._residue = original, text, segments, residue

    @property
    def residue_texts(self) -> Tuple[str, ...]:
        """The expressions the rewritten text leaves out, each a module of its own to parse."""
        return tuple(text for text, _ in self._residue)

    def tree(self, path: str = "<unknown>") -> ast.Module:
        """The rewritten module's tree; SyntaxError (RecursionError, MemoryError) as `ast.parse` raises it, placed in
        the original text."""
        errors = []
        module = None
        try:
            module = quiet_parse(self.text, path)
        except SyntaxError as error:
            errors.append(self._placed(error, self.text, self._segments))
        for text, segments in self._residue:
            try:
                quiet_parse(text, path)
            except SyntaxError as error:
                errors.append(self._placed(error, text, segments))
        if errors:  # the first in the file, as the interpreter reports the first
            raise min(errors, key=lambda error: (error.lineno, error.offset))
        assert module is not None
        return module

    def _placed(self, error: SyntaxError, text: str, segments: List[Tuple[int, int, bool]]) -> SyntaxError:
        """`error` (of `text`, rewritten from the original through `segments`) at the original's place."""
        starts = _line_starts(text)
        line = min(max(error.lineno or 1, 1), len(starts))
        offset = min(starts[line - 1] + max((error.offset or 1) - 1, 0), len(text))
        original = _original_offset(segments, offset)
        original_starts = _line_starts(self.original)
        row = bisect.bisect_right(original_starts, original)
        column = original - original_starts[row - 1] + 1
        source_line = self.original[original_starts[row - 1]:].splitlines()[:1]
        return SyntaxError(error.msg, (error.filename, row, column, source_line[0] if source_line else ""))


def quiet_parse(text: str, path: str = "<unknown>") -> ast.Module:
    """`ast.parse`, without the warnings compiling the linted code gives (not ours to print)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, filename=path)


def lower(module: cst.Module, text: str, running: Release = RUNNING) -> Optional[Lowered]:
    """`text` (which libcst read as `module`) rewritten into the grammar of `running`, when it holds newer syntax the
    rewriting covers; None when it holds none, or some it does not cover (module docstring)."""
    recorder = Recorder(module)
    module._codegen(recorder)
    if "".join(recorder.tokens) != text:
        return None  # libcst prints something else than it read (`f"{x! r}"`): its offsets would be wrong
    try:
        edits, residue = Rewriting(recorder, text, running).edits()
        if not edits:
            return None
        lowered, segments = _render(text, edits, 0, len(text))
        rendered = []
        for start, end, star in residue:
            piece, pieces = _render(text, edits, start, end)
            rendered.append((f"({'*' if star else ''}{piece},)\n", [(0, start, True), *((at + 1 + star, origin, edit) for at, origin, edit in pieces)]))
    except Unlowerable:  # the rewriting's own refusals, its rendering's too (overlapping edits)
        return None
    return Lowered(text, lowered, segments, rendered)


def _render(text: str, edits: Sequence[Edit], start: int, end: int) -> Tuple[str, List[Tuple[int, int, bool]]]:
    """`text[start:end]` with the edits inside it applied (an edit inside a replaced one is part of it), and the
    segments of the result: (its offset, the original offset, whether rewritten)."""
    out: List[str] = []
    segments: List[Tuple[int, int, bool]] = []
    length, cursor = 0, start
    for edit in edits:
        if edit.start < start or edit.end > end or (edit.start < cursor and edit.end <= cursor):
            continue
        if edit.start < cursor:
            raise Unlowerable("overlapping rewrites")
        if edit.start > cursor:
            segments.append((length, cursor, False))
            out.append(text[cursor:edit.start])
            length += edit.start - cursor
        segments.append((length, edit.start, True))
        out.append(edit.text)
        length += len(edit.text)
        cursor = edit.end
    segments.append((length, cursor, False))
    out.append(text[cursor:end])
    return "".join(out), segments


def _original_offset(segments: Sequence[Tuple[int, int, bool]], offset: int) -> int:
    position = bisect.bisect_right([segment[0] for segment in segments], offset) - 1
    at, original, edited = segments[max(position, 0)]
    return original if edited else original + offset - at


def _line_starts(text: str) -> List[int]:
    starts = [0]
    starts.extend(found.end() for found in _NEWLINES.finditer(text))
    return starts
