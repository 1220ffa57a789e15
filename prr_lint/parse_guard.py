"""Parse suspicious files in a throw-away child process first, and screen large ones with `ast`.

libcst's native parser overflows its stack (a segmentation fault that would end the whole run)
on deeply nested input, and is quadratic on very long operator chains; CPython before 3.11 can
crash the same way in `ast.parse`. A file that looks pathological is therefore parsed once in a
forked child with a CPU-time limit. Only if the child survives does the real analysis parse it.

A large one of them that only declares a migration's data is analysed as its stand-in instead
(declarations.py): the child screens the tree of the `ast.parse` it makes anyway, and then leaves
libcst's parse out. A file `ast` cannot read is answered as before.
"""

from __future__ import annotations

import ast
import json
import os
import re
import select
import signal
import time
import warnings
from typing import Optional, Tuple, Union

from prr_lint.budget import Watch
from prr_lint.declarations import SCREEN_SIZE, stand_in
from prr_lint.python2_literals import syntax_message

# Beyond these, a file is probed in a child process before it is parsed here.
MAX_PLAIN_SIZE, MAX_PLAIN_LINE, MAX_PLAIN_DEPTH, MAX_PLAIN_GROUP = 512 * 1024, 4000, 100, 64 * 1024
# A chain of binary operators nests one level per operator in the parsers: libcst's died (SIGSEGV) on 8,000
# `a +` operands one to a line, in a bracket group of 32 KB or behind backslashes, where no line is long.
MAX_PLAIN_OPERATORS, MAX_PLAIN_CONTINUED = 2000, 500
PROBE_SECONDS = 30.0
_BRACKETS = re.compile(r"[()\[\]{}]")
_OPERATORS = re.compile(r"[-+*/%@&|^<>]|\b(?:and|or)\b")  # a bound: signs in strings count too
_OPERATOR_GROUP = 2 * MAX_PLAIN_OPERATORS  # bytes: a shorter group cannot hold that many operators

Problem = Tuple[int, int, str]  # 1-based line and column, message


def looks_pathological(text: str) -> bool:
    """Very large, with very long lines, bracketed expressions or operator chains, or nested deeper than real
    code goes."""
    if len(text) > MAX_PLAIN_SIZE or _long_lines(text):
        return True
    depth = deepest = 0
    group_start = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "([{":
            if depth == 0:
                group_start = match.start()
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
            if depth == 0 and _long_group(text, group_start, match.start()):
                return True
    return deepest > MAX_PLAIN_DEPTH


def _long_lines(text: str) -> bool:
    """A very long line, or a statement continued by backslashes over very many lines."""
    continued = 0
    for line in text.splitlines():
        if len(line) > MAX_PLAIN_LINE:
            return True
        continued = continued + 1 if line.endswith("\\") else 0
        if continued > MAX_PLAIN_CONTINUED:
            return True
    return False


def _long_group(text: str, start: int, end: int) -> bool:
    """A top-level bracket group too large, or holding a chain of more operators than real code writes."""
    if end - start > MAX_PLAIN_GROUP:
        return True
    return end - start > _OPERATOR_GROUP and len(_OPERATORS.findall(text, start, end)) > MAX_PLAIN_OPERATORS


def probe(text: str, path: str, seconds: Optional[float] = None) -> Union[Problem, str, None]:
    """None when both parsers handle the file safely; the stand-in to analyse instead when the file
    only declares data (declarations.py), which libcst then need not read; otherwise why it cannot be
    analysed.

    `seconds` is what is left of the file's CPU budget (default PROBE_SECONDS): the child is given
    that much CPU time, and TimeoutError raised when it runs out; a child that gets no CPU past its
    wall-clock allowance is killed too (budget.Watch). The child is also killed when the analysis
    is stopped while waiting for it (budget.py).
    """
    limit = max(0.01, PROBE_SECONDS if seconds is None else seconds)
    if not hasattr(os, "fork"):
        return _parse_here(text, path)
    read_end, write_end = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: parse, say how it went, and leave without running any cleanup
        os.close(read_end)
        try:
            _limit_cpu(limit)
            os.write(write_end, json.dumps(_parse_here(text, path)).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    watch = Watch(pid, limit, started)
    answer = None
    try:
        while answer is None:
            ready, _, _ = select.select([read_end], [], [], max(0.0, watch.due - time.monotonic()))
            if ready:
                answer = _read_all(read_end)
            elif watch.overrun(time.monotonic()):
                break
    finally:
        os.close(read_end)
        if answer is None:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if answer is None or (not answer and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGPROF):
        raise TimeoutError(f"parsing took more than {limit:g} s of CPU time")
    if not answer:
        how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else "an error"
        return (1, 1, f"the file is nested too deeply to parse (the parser died with {how})")
    found = json.loads(answer)
    return tuple(found) if isinstance(found, list) else found  # type: ignore[return-value]


def _limit_cpu(seconds: float) -> None:
    """In the child: SIGPROF's default action ends the process, so the kernel stops it at its CPU
    budget even inside native code. Without it the parent's Watch still does, a little later."""
    if not hasattr(signal, "setitimer"):
        return
    try:
        signal.signal(signal.SIGPROF, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGPROF})
        signal.setitimer(signal.ITIMER_PROF, seconds)
    except (OSError, ValueError):  # the parent's Watch is the limit then
        pass


def _read_all(descriptor: int) -> bytes:
    chunks = []
    while True:
        chunk = os.read(descriptor, 65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def interpreter_parse(text: str, path: str) -> ast.Module:
    """`ast.parse`, quietly: the warnings that compiling the linted code gives (`invalid escape
    sequence` is a SyntaxWarning from 3.12) are about that code and must not reach our stderr."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, filename=path)


def interpreter_refusal(text: str, path: str) -> Optional[Problem]:
    """Where CPython refuses `text` that libcst read (a Python 2 literal such as `"\\u{0}"`), or
    None when the interpreter accepts it or cannot tell (too deep to parse)."""
    try:
        interpreter_parse(text, path)
    except SyntaxError as error:
        return (error.lineno or 1, error.offset or 1, syntax_message(error, text))
    except (RecursionError, MemoryError):
        return None
    return None


def _parse_here(text: str, path: str) -> Union[Problem, str, None]:
    try:
        tree = interpreter_parse(text, path)
    except SyntaxError as error:
        return (error.lineno or 1, error.offset or 1, syntax_message(error, text))
    except (RecursionError, MemoryError):
        return (1, 1, "the file is too deeply nested to parse")
    declared = stand_in(tree) if len(text) >= SCREEN_SIZE else None
    if declared is not None:  # libcst need not read it (declarations.py)
        return declared
    from prr_lint.cst_parse import parse_module

    try:
        parse_module(text)
    except (RecursionError, MemoryError):
        return (1, 1, "the file is too deeply nested to parse")
    except Exception:  # libcst's own syntax errors are reported by the real parse  # noqa: BLE001
        return None
    return None


def expand_indentation(text: str) -> str:
    """`text` with the tabs of each line's indentation expanded to the next multiple of eight
    columns, as CPython's tokenizer counts them; other tabs are left alone."""
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        body = line.lstrip(" \t")
        indent = line[: len(line) - len(body)]
        if "\t" in indent:
            lines[number] = indent.expandtabs(8) + body
    return "".join(lines)
