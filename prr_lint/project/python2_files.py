"""`scope = "serving"` for PRR000: files in Python 2 syntax in a project whose deployment runs Python 2.

prr-lint reads Python 3. In a service that still runs Python 2.7 (a Cloud Foundry or Heroku
`runtime.txt` of `python-2.7.17`, a Dockerfile built `FROM python:2.7` or installing `python-pip` on
Ubuntu 18.04, a tox envlist of `py27` only: python2_runtime.py says which declarations count), a
`print 'x'` is valid code the deployment runs, not a syntax error to fix: reporting
each such file as PRR000 says the service is broken when it is not. Those findings are left out, and
the run says instead, once, how many files it could not check and which runtime declaration shows
the deployment runs Python 2 (runner.py). A file whose failing line is no Python 2 syntax is still
reported, and so is every Python 2 file of a project that declares no Python 2 runtime, and a file whose own `#!`
line runs python3 (`#!/usr/bin/env python3`), which fails when run whatever the project declares. A file
whose only fault is a string Python 3 reads as unicode and Python 2 as bytes (`"\\Noselect"`, a malformed
`\\N{...}` escape only to Python 3: python2_literals.py) is Python 2 code too, and left out the same way, as is
one failing on a line that uses `async` or `await` as names in a way no line pattern knows (`{async.id: async for
async in results}`) when the whole file parses with Python 3.6's grammar, where they are names, and holds nothing only
Python 3 parses (old_grammar.py below, python3_syntax.py).

Python 3.7 made `async` and `await` keywords. A project whose every runtime declaration admits only releases
before it (`envlist = py34,py35,py36`, `python: "3.6"`, Python 2: python2_runtime.py `before_release`)
runs a file that fails on a line using them as names (`async = not settings.RQ_EAGER`, `rq.Queue(async=async)`):
when the whole file parses with the grammar of the newest release declared (old_grammar.py: a `print 'x'` further
down fails on 3.6 too), it is left out the same way, and the run says which declaration shows the release. A
declaration of 3.7 or later, or of Python 3 with no release named, keeps it.
"""

from __future__ import annotations

import keyword
import re
import tokenize
from typing import Callable, List, NamedTuple, Optional, Sequence, Set, Tuple

from prr_lint.model import Finding
from prr_lint.project.old_grammar import PYTHON_3_6, valid_before_async_keywords, valid_python2_with_async_names
from prr_lint.project.python2_runtime import (Declared, before_release, newest_release, python2_runtime,
                                              runtime_declarations)
from prr_lint.project.python_versions import ASYNC_KEYWORDS
from prr_lint.project.texts import run_text
from prr_lint.python2_literals import PYTHON2_BYTES
from prr_lint.shebangs import FIRST_LINE, python_major
from prr_lint.source_tokens import SourceTokens

SYNTAX_ERROR = "PRR000"
PYTHON2, BEFORE_ASYNC_KEYWORDS, PYTHON2_CODE = "Python 2", "Python before 3.7", "Python 2 code"
# The interpreter's messages for Python 2 statements (`print x`, `exec code`, `except E, e:`), octal
# literals (`os.umask(022)`) and indentation that mixes tabs and spaces, which Python 2 reads with a tab
# as eight columns and Python 3 refuses (Mailpile's and domogik's modules).
_PY2_MESSAGES = ("Missing parentheses in call to 'print'", "Missing parentheses in call to 'exec'",
                 "multiple exception types must be parenthesized",
                 "leading zeros in decimal integer literals are not permitted",
                 "inconsistent use of tabs and spaces in indentation")
_TAB_MIX = _PY2_MESSAGES[-1]
# Python 2 syntax on the failing line (`lambda (key, value):` and `def f(self, (body, header)):` unpack an
# argument, `except IOError as (errno, text):` an exception; `0L` and `0xFFFFFFFFL` are long literals);
# no two neighbouring quantifiers take the same character.
_PY2_LINE = re.compile(r"`|<>|\bur['\"]|^\s*(?:print|exec)\s+['\"\w]|\bexcept\s+[\w.]+\s*,\s*\w+\s*:"
                       r"|\bexcept\s+[\w.]+\s+as\s*\("
                       r"|\blambda\s*\(|\bdef\s+\w+\s*\((?:[^()=]*,)?\s*\(|(?<![\w.])(?:\d+|0[xX][0-9a-fA-F]+)[lL](?!\w)")
# `async` and `await` as names, which they were until Python 3.7: `async = task.apply_async()`, `send(async=True)`,
# `def f(async=False)`, `self.async`, `def await(self, timeout=15):`.
_ASYNC_NAME = re.compile(r"(?<![\w.])(?:async|await)\s*[=,)]|\.(?:async|await)\b|\bdef\s+(?:async|await)\s*\(")
# A failing line that mentions them at all (`if async:`, `return async`, a string): the whole file is parsed then.
_ASYNC_WORD = re.compile(r"\b(?:async|await)\b")
_RAISE = re.compile(r"^\s*raise\s")
_OPENING, _CLOSING = "([{", ")]}"
# What cannot follow a comma that begins another item of the tuple.
_NO_ITEM = (*_CLOSING, ",", ":", "=", "if", "for", "in", "else", "async", "await", "*", "**")
# f-strings are tokens of their own from Python 3.12 (-1: no such token before).
_FSTRING_START, _FSTRING_END = getattr(tokenize, "FSTRING_START", -1), getattr(tokenize, "FSTRING_END", -1)


def python2_line(finding: Finding) -> bool:
    """The failing line of a PRR000 finding is Python 2."""
    return python2_only_line(finding) or async_name_line(finding)


_STATEMENT = re.compile(r"^\s*(?:print|exec)\s+['\"\w]|^\s*except\s+[\w.]+\s*,\s*\w+\s*:")


def python2_statement(line: str) -> bool:
    """A `print`/`exec` statement or an `except E, e:` header: lines only Python 2 parses, whatever surrounds them, and
    the most of a Python 2 file's failures (python2_code.py blanks them in one pass)."""
    return _STATEMENT.search(line) is not None


def python2_only_line(finding: Finding) -> bool:
    """The failing line of a PRR000 finding is syntax only Python 2 reads: not `async` or `await` as names, which
    Python 3.0 to 3.6 read as well (python2_code.py counts only this as evidence of Python 2)."""
    message = finding.message.partition(": ")[2]
    line = finding.source_line
    return (message.startswith(_PY2_MESSAGES) or bool(_PY2_LINE.search(line)) or _raise_with_arguments(line)
            or _tuple_in_list_comprehension(finding))


def tab_mix(finding: Finding) -> bool:
    """The PRR000 finding is a tab/space mix: Python 2 reads it, but a Python 3 editor makes it as well."""
    return finding.message.partition(": ")[2].startswith(_TAB_MIX)


def async_name_line(finding: Finding) -> bool:
    """The failing line of a PRR000 finding uses `async` or `await` as a name: valid before Python 3.7."""
    return bool(_ASYNC_NAME.search(finding.source_line))


def _raise_with_arguments(line: str) -> bool:
    """`raise E, "message"` or `raise E(message), None, traceback`: a comma outside brackets and strings."""
    if (match := _RAISE.match(line)) is None:
        return False
    depth, quote, escaped = 0, "", False
    for character in line[match.end():]:
        if quote:
            quote = "" if character == quote and not escaped else quote
            escaped = character == "\\" and not escaped
        elif character in "'\"":
            quote = character
        elif character in _OPENING:
            depth += 1
        elif character in _CLOSING:
            depth -= 1
        elif character == "#":
            return False
        elif character == "," and depth == 0:
            return True
    return False


def _tuple_in_list_comprehension(finding: Finding) -> bool:
    """`[idx for idx in index.new, index.old if idx]`: Python 2 lets a list comprehension loop over a tuple
    without parentheses; Python 3 refuses it with a plain "invalid syntax" at the comma (zamboni's
    lib/es/models.py). Only the comma the parser failed on counts, in the iterable of a list display's
    comprehension (not a subscript's brackets, a generator, a set or a dict comprehension, nor a condition:
    Python 2 refuses those too), followed by another item, with nothing only Python 3 has before it."""
    tokens = _line_tokens(finding.source_line)
    if _python3_only(tokens):
        return False
    brackets: List[str] = []
    loop_depth, part = 0, ""  # the brackets' depth of the innermost list comprehension seen, and its part there
    for position, token in enumerate(tokens):
        if token.type == tokenize.OP and token.string in _OPENING:
            brackets.append(token.string if token.string != "[" or _opens_display(tokens[:position]) else "")
        elif token.type == tokenize.OP and token.string in _CLOSING:
            brackets = brackets[:-1]
            part = part if len(brackets) >= loop_depth else ""
        elif token.string == "for" and token.type == tokenize.NAME and brackets[-1:] == ["["]:
            loop_depth, part = len(brackets), "target"
        elif len(brackets) != loop_depth or not part:
            continue
        elif token.string == "in" and part == "target":
            part = "iterable"
        elif token.string == "if":
            part = "condition"
        elif token.string == "," and part == "iterable" and token.start[1] == finding.span.column - 1:
            return _begins_item(tokens[position + 1:position + 2])
    return False


def _begins_item(following: List[tokenize.TokenInfo]) -> bool:
    """The token after a comma begins another item of the tuple (`a, b`; not `a,]`, `a, if`, or the line's end)."""
    return bool(following) and following[0].type in (tokenize.NAME, tokenize.NUMBER, tokenize.STRING, tokenize.OP) \
        and following[0].string not in _NO_ITEM


def python3_only_line(line: str) -> bool:
    """The source line has tokens only Python 3 reads (`_python3_only`), `async` and `await` only as keywords
    (`async def`, `await task`: as names Python 2 reads them): python2_code.py asks it of the lines it blanks in a file
    that does not parse."""
    return _python3_only(_line_tokens(line), async_names=False)


def _python3_only(tokens: List[tokenize.TokenInfo], async_names: bool = True) -> bool:
    """The line has what Python 2 cannot read: an f-string, `:=`, `async`/`await` (unless `async_names`, only before
    `def`, `for`, `with` or a name), or a starred item (`[a for a in *b, c]`)."""
    for position, token in enumerate(tokens):
        if token.type == _FSTRING_START or (token.type == tokenize.STRING and "f" in _prefix(token.string)):
            return True
        if token.string == ":=" or token.string in ("async", "await") \
                and (async_names or _keyword_use(tokens, position)):
            return True
        if token.string in ("*", "**") and position and tokens[position - 1].string in ("in", ",", "(", "["):
            return True
    return False


def _keyword_use(tokens: List[tokenize.TokenInfo], position: int) -> bool:
    """`async` before `def` or `with`, or before `for` opening the line, `await` before a name: the keywords, not names
    (`async = True`, `{async.id: async for async in tasks}`)."""
    following = tokens[position + 1] if position + 1 < len(tokens) else None
    if following is None or following.type != tokenize.NAME:
        return False
    opens = all(token.type in (tokenize.INDENT, tokenize.DEDENT) for token in tokens[:position])
    return tokens[position].string == "await" or following.string in ("def", "with") \
        or following.string == "for" and opens


def _prefix(string: str) -> str:
    """The lower-case prefix of a string literal (`rb`, `f`, ``)."""
    return string[:len(string) - len(string.lstrip("rRbBuUfF"))].lower()


def _opens_display(before: List[tokenize.TokenInfo]) -> bool:
    """A `[` after these tokens opens a list, not a subscript (`rows[k ...]`, `f(x)[0]`, `"ab"[1]`)."""
    if not before:
        return True
    last = before[-1]
    if last.type == tokenize.NAME:
        return keyword.iskeyword(last.string)
    return last.type == tokenize.OP and last.string not in _CLOSING


def _line_tokens(line: str) -> List[tokenize.TokenInfo]:
    """The tokens of one source line up to the first the tokenizer cannot read (an unclosed string, which the
    tokenizer before Python 3.12 reads on as code), with an f-string's start for the whole f-string (its
    insides are tokens of their own from Python 3.12): the line is often a fragment of a statement, so every Python reads it alike."""
    tokens: List[tokenize.TokenInfo] = []
    in_fstring = 0
    for token in SourceTokens(line).each(universal_newlines=False):
        if token.type == tokenize.ERRORTOKEN:
            break
        if not in_fstring:
            tokens.append(token)  # an f-string's start stands for the whole f-string
        in_fstring += (token.type == _FSTRING_START) - (token.type == _FSTRING_END)
    return tokens


class OldRuntime(NamedTuple):
    """The declaration that shows the project runs an interpreter older than prr-lint reads, and which one."""

    declaration: str  # `runtime.txt: python-2.7.17`, `tox.ini: envlist = py34,py35,py36`
    release: str  # PYTHON2, or BEFORE_ASYNC_KEYWORDS: only `async` and `await` as names are valid there


def old_runtime(declared: Declared, async_names: bool) -> Optional[OldRuntime]:
    """The project's Python 2 declaration (python2_runtime.py), or when `async_names` its declaration of releases
    before Python 3.7 only."""
    if (where := python2_runtime(declared)) is not None:
        return OldRuntime(where, PYTHON2)
    where = before_release(declared, ASYNC_KEYWORDS) if async_names else None
    return OldRuntime(where, BEFORE_ASYNC_KEYWORDS) if where is not None else None


def python2_files(findings: Sequence[Finding], analysis, code: Callable[[], Optional[str]] = lambda: None
                  ) -> Tuple[Set[int], Optional[OldRuntime]]:
    """Positions in `findings` of PRR000 findings on Python 2 lines, or in a literal Python 2 reads as bytes
    (python2_literals.py), when the deployment runs Python 2, or of those on lines that mention `async` or `await`
    in files the releases before Python 3.7 the project runs parse (old_grammar.py); and the runtime that shows it
    (None when there is none). `code`: where the service's code shows Python 2 when nothing declares a runtime
    (python2_code.py, which reads the live modules, a layer above this module: the caller hands it in)."""
    candidates = [position for position, finding in enumerate(findings)
                  if finding.rule == SYNTAX_ERROR and (python2_line(finding) or finding.message.endswith(PYTHON2_BYTES))]
    async_lines = [position for position, finding in enumerate(findings)
                   if finding.rule == SYNTAX_ERROR and _ASYNC_WORD.search(finding.source_line)]
    declared = runtime_declarations(analysis) if candidates or async_lines else None
    runtime = old_runtime(declared, bool(async_lines)) if declared is not None else None
    if runtime is None and candidates and (where := code()) is not None:
        runtime = OldRuntime(where, PYTHON2_CODE)
        # the code's reading leaves out Python 2 statements, not a tab/space mix a Python 3 editor may make as well
        candidates = [position for position in candidates if not tab_mix(findings[position])]
    if runtime is None:
        return set(), None
    if runtime.release in (PYTHON2, PYTHON2_CODE):  # `async` is a name in Python 2 too (`for async in results`)
        python2 = set(candidates) | {position for position in set(async_lines) - set(candidates)
                                     if (text := run_text(analysis, findings[position].path)) is not None
                                     and valid_python2_with_async_names(text)}
        kept = {position for position in python2 if not python3_program(analysis, findings[position].path)}
        return (kept, runtime) if kept else (set(), None)
    grammar = min(newest_release(declared), PYTHON_3_6)  # type: ignore[arg-type]
    valid = {position for position in async_lines
             if (text := run_text(analysis, findings[position].path)) is not None and valid_before_async_keywords(text, grammar)}
    return (valid, runtime) if valid else (set(), None)


def python3_program(analysis, path: str) -> bool:
    """The file's own `#!` line runs Python 3 (`#!/usr/bin/env python3`: shebangs.py `python_major`): run as a program
    it fails whatever the project declares, so its Python 2 syntax is an error."""
    text = run_text(analysis, path)
    return text is not None and python_major(text[:FIRST_LINE].partition("\n")[0].rstrip("\r")) == 3


def left_out_warning(files: int, declaration: str, release: str) -> str:
    """The run's message for the files `python2_files` left out."""
    if release == PYTHON2_CODE:
        return (f"{files} file(s) in Python 2 syntax not checked: the service runs Python 2 ({declaration}) and prr-lint "
                'reads Python 3; scope = "all" reports them as PRR000')
    if release == BEFORE_ASYNC_KEYWORDS:
        return (f"{files} file(s) using `async` or `await` as names not checked: the project runs Python before 3.7 "
                f'({declaration}), where they are names, and prr-lint reads Python 3.7 and later; scope = "all" reports them as PRR000')
    return (f"{files} file(s) in Python 2 syntax not checked: the deployment runs Python 2 ({declaration}) and prr-lint "
            'reads Python 3; scope = "all" reports them as PRR000')
