"""Parse suspicious files in a throw-away child process first, and screen large ones with `ast`.

libcst's native parser overflows its stack (a segmentation fault that would end the whole run)
on deeply nested input, and is quadratic on very long operator chains; CPython before 3.11 can
crash the same way in `ast.parse`. A file that looks pathological is therefore parsed once in a
forked child with a CPU-time limit. Only if the child survives does the real analysis parse it.

A large one of them that only declares a migration's data is analysed as its stand-in instead
(declarations.py): the child screens the tree of the `ast.parse` it makes anyway, and then leaves
libcst's parse out. A file `ast` cannot read is answered as before.

What the interpreter refuses only because it is syntax of a newer Python (`type X = int` to 3.11)
is no syntax error: here and wherever prr-lint asks the interpreter's parser about linted code, the
syntax is rewritten into the interpreter's grammar and the rest checked (lowering.py), so that a
file's verdict and its `ast` tree do not depend on the interpreter prr-lint runs on. The rewriting
needs libcst's parse, which costs far more than `ast`'s: it never turns a refusal into a timeout.
The guard's child answers the interpreter's refusal; a second child rewrites the file with what is
left of its budget, and when that runs out the refusal stands (`_excused`). The project phase gives
each pathological text it cannot parse REWRITE_SECONDS, and all of them REWRITE_TOTAL per process;
past that it has no tree of the text, as without the rewriting (`_rewritten`).
"""

from __future__ import annotations

import ast
import json
import os
import re
import select
import signal
import time
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Dict, Optional, Tuple, Union

from prr_lint.budget import Watch
from prr_lint.declarations import SCREEN_SIZE, stand_in
from prr_lint.python2_literals import syntax_message

if TYPE_CHECKING:
    import libcst as cst

# Beyond these, a file is probed in a child process before it is parsed here.
MAX_PLAIN_SIZE, MAX_PLAIN_LINE, MAX_PLAIN_DEPTH, MAX_PLAIN_GROUP = 512 * 1024, 4000, 100, 64 * 1024
# A chain of binary operators nests one level per operator in the parsers: libcst's died (SIGSEGV) on 8,000
# `a +` operands one to a line, in a bracket group of 32 KB or behind backslashes, where no line is long.
MAX_PLAIN_OPERATORS, MAX_PLAIN_CONTINUED = 2000, 500
PROBE_SECONDS = 30.0
# The project phase's CPU seconds for rewriting one pathological text it cannot parse, and for all of them.
REWRITE_SECONDS, REWRITE_TOTAL = 10.0, 30.0
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
    if not hasattr(os, "fork"):
        found = _parse_here(text, path)
        return _refused_here(text, path, found["refused"]) if isinstance(found, dict) else found
    answer, status, used = _in_child(lambda: _parse_here(text, path), seconds)
    if not answer:
        how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else "an error"
        return (1, 1, f"the file is nested too deeply to parse (the parser died with {how})")
    found = json.loads(answer)
    if isinstance(found, dict):  # the interpreter refused it: maybe only newer syntax
        refused: Problem = tuple(found["refused"])  # type: ignore[assignment]
        return _excused(text, path, refused, None if seconds is None else seconds - used)
    return tuple(found) if isinstance(found, list) else found  # type: ignore[return-value]


def _excused(text: str, path: str, refused: Problem, seconds: Optional[float]) -> Optional[Problem]:
    """The refusal read through the rewriting (`_refused_here`) in a second child, given `seconds` of CPU time (what
    the first left of the file's budget): None when the newer grammar reads the file, else its first error; the
    refusal itself when the child runs out of time, dies, or there is no time left."""
    if seconds is not None and seconds <= 0:
        return refused
    try:
        answer, _, _ = _in_child(lambda: _refused_here(text, path, refused), seconds)
    except TimeoutError:
        return refused
    if not answer:
        return refused
    found = json.loads(answer)
    return None if found is None else tuple(found)  # type: ignore[return-value]


def _in_child(work: Callable[[], object], seconds: Optional[float]) -> Tuple[bytes, int, float]:
    """`work`'s answer, as JSON, from a forked child given `seconds` of CPU time (default PROBE_SECONDS), the
    child's exit status and the CPU seconds it used; an empty answer when the child died. TimeoutError when it ran
    out of time."""
    limit = max(0.01, PROBE_SECONDS if seconds is None else seconds)
    read_end, write_end = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: parse, say how it went, and leave without running any cleanup
        os.close(read_end)
        try:
            _limit_cpu(limit)
            os.write(write_end, json.dumps(work()).encode())
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
        _, status, usage = os.wait4(pid, 0)
    if answer is None or (not answer and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGPROF):
        raise TimeoutError(f"parsing took more than {limit:g} s of CPU time")
    return answer, status, usage.ru_utime + usage.ru_stime


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


def interpreter_parse(text: str, path: str, module: Optional["cst.Module"] = None) -> ast.Module:
    """`ast.parse`, quietly: the warnings that compiling the linted code gives (`invalid escape
    sequence` is a SyntaxWarning from 3.12) are about that code and must not reach our stderr.

    With libcst's `module` of the text, syntax newer than the running interpreter (`type X = int` to
    Python 3.11) is read through its rewriting into the interpreter's grammar (lowering.py): the tree
    is the rewritten module's, and a SyntaxError the first one the newer grammar meets, placed in `text`."""
    from prr_lint.lowering import lower, quiet_parse

    try:
        return quiet_parse(text, path)
    except SyntaxError:
        lowered = lower(module, text) if module is not None else None
        if lowered is None:
            raise
    return lowered.tree(path)


def interpreter_refusal(text: str, path: str, module: Optional["cst.Module"] = None) -> Optional[Problem]:
    """Where CPython refuses `text` that libcst read (as `module`; a Python 2 literal such as `"\\u{0}"`),
    or None when the interpreter accepts it, its newer grammar does (`interpreter_parse`), or it
    cannot tell (too deep to parse)."""
    try:
        interpreter_parse(text, path, module)
    except SyntaxError as error:
        return (error.lineno or 1, error.offset or 1, syntax_message(error, text))
    except (RecursionError, MemoryError):
        return None
    return None


def newest_tree(text: str, path: str = "<unknown>") -> Optional[ast.Module]:
    """The `ast` tree of `text`, syntax newer than the running interpreter read through its rewriting
    (`interpreter_parse`), or None when it does not parse. libcst reads the text the interpreter
    refuses only where that is safe: here, or for text that looks pathological in a throw-away child
    (`probe`), which hands back the rewritten text. Each text is read once per process (`_rewritten`)."""
    from prr_lint.lowering import quiet_parse

    try:
        return quiet_parse(text, path)
    except SyntaxError:
        pass
    except (ValueError, RecursionError, MemoryError):  # a NUL byte, or too deep
        return None
    rewritten = _rewritten(text)
    if rewritten is None:
        return None
    try:
        tree = quiet_parse(rewritten[0], path)
        for residue in rewritten[1]:
            quiet_parse(residue, path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return tree


_rewriting_left = [REWRITE_TOTAL]  # CPU seconds this process may still spend rewriting pathological texts


@lru_cache(maxsize=8)
def _rewritten(text: str) -> Optional[Tuple[str, Tuple[str, ...]]]:
    """The text and residue of `text`'s rewriting into the running grammar (lowering.py), or None. A pathological
    text is rewritten in a child, under REWRITE_SECONDS and what is left of REWRITE_TOTAL (module docstring)."""
    if not looks_pathological(text):
        return _rewrite(text)
    seconds = min(REWRITE_SECONDS, _rewriting_left[0])
    if not hasattr(os, "fork") or seconds <= 0:
        return None
    try:
        answer, _, used = _in_child(lambda: _rewrite(text), seconds)
    except TimeoutError:
        _rewriting_left[0] -= seconds
        return None
    _rewriting_left[0] -= used
    found = json.loads(answer) if answer else None
    return (found[0], tuple(found[1])) if found else None


def _rewrite(text: str) -> Optional[Tuple[str, Tuple[str, ...]]]:
    from prr_lint.cst_parse import parse_module
    from prr_lint.lowering import lower

    try:
        lowered = lower(parse_module(text), text)
    except Exception:  # libcst's syntax errors, RecursionError, MemoryError: no rewriting  # noqa: BLE001
        return None
    return None if lowered is None else (lowered.text, lowered.residue_texts)


def _parse_here(text: str, path: str) -> Union[Problem, str, None, Dict[str, Problem]]:
    """The guard child's work (`probe`); the interpreter's refusal as `{"refused": problem}`, which the parent reads
    through the rewriting with the time left (`_excused`)."""
    from prr_lint.lowering import quiet_parse

    try:
        tree = quiet_parse(text, path)
    except SyntaxError as error:
        return {"refused": (error.lineno or 1, error.offset or 1, syntax_message(error, text))}
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


def _refused_here(text: str, path: str, refused: Problem) -> Optional[Problem]:
    """The interpreter refused the file (`refused`): libcst reads it here, in the second child, and when the refusal
    is syntax newer than the interpreter the rewritten module is checked instead (`interpreter_parse`).
    Such a file is never stood in for (libcst reads it whole): on a newer interpreter the screen
    (declarations.py) refuses it too, each construct the rewriting covers being a statement, type
    parameters or an expression no migration's data holds; only a module-level `lazy import` might
    pass there, and such a migration is parsed whole here."""
    from prr_lint.cst_parse import parse_module
    from prr_lint.lowering import lower

    try:
        lowered = lower(parse_module(text), text)
    except Exception:  # libcst's own syntax errors, a tree too deep: the refusal stands  # noqa: BLE001
        return refused
    if lowered is None:
        return refused
    try:
        lowered.tree(path)
    except SyntaxError as later:
        return (later.lineno or 1, later.offset or 1, syntax_message(later, text))
    except (RecursionError, MemoryError):
        return refused
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
