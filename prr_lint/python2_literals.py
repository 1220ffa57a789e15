"""A string literal Python 3 refuses and Python 2 reads as bytes: its syntax error says so.

`"* LIST (\\Noselect \\HasChildren)"` is a malformed `\\N{name}` escape to Python 3, whose plain strings are
unicode; to Python 2 it is a byte string and `\\N`, `\\u` and `\\U` are no escapes there, only a backslash and
a letter. The file is valid code for a Python 2 runtime (project/python2_files.py), so the message of its
syntax error ends with PYTHON2_BYTES when the refused literal has no `u` (nor `f`) prefix and the module does
not make its strings unicode (`from __future__ import unicode_literals`): the per-file phase holds the text,
the project phase only the finding.
"""

from __future__ import annotations

import io
import tokenize

PYTHON2_BYTES = "; valid in Python 2, where this string is bytes"
_UNICODE_ESCAPE = "(unicode error) 'unicodeescape' codec"
_UNICODE_LITERALS = "unicode_literals"


def syntax_message(error: SyntaxError, text: str) -> str:
    """The PRR000 message for the interpreter's refusal of `text`."""
    message = f"syntax error: {error.msg}"
    return message + PYTHON2_BYTES if python2_bytes(error, text) else message


def python2_bytes(error: SyntaxError, text: str) -> bool:
    """Whether the refusal is an escape in a literal that Python 2 reads as a byte string (module docstring)."""
    if not error.msg.startswith(_UNICODE_ESCAPE) or _UNICODE_LITERALS in text or error.lineno is None:
        return False
    try:
        strings = [token for token in tokenize.generate_tokens(io.StringIO(text).readline)
                   if token.type == tokenize.STRING and token.start[0] <= error.lineno <= token.end[0]]
    except (tokenize.TokenError, SyntaxError):
        return False
    return bool(strings) and all(token.string[:1] in "'\"" for token in strings)
