"""libcst's code generation, for trees deeper than the interpreter's recursion limit allows.

libcst generates a node's code (which is how PositionProvider places nodes) by recursion, two
Python frames per level of the tree: a statement holding an expression nested ~490 deep
(`print(a and a and ...)` with 1,000 operands) exceeds the default limit of 1,000 frames, and the
file lost all its findings to "too deeply nested to analyse". Only that step is given more: when it
raises RecursionError, the tree's depth is measured (without recursion) and the step runs again
with the limit raised by what that depth needs, then put back. The raise is bounded by the C
stack, which each level also uses (from ~500 bytes to ~1 KB per node in CPython 3.11, measured):
a tree deeper than the stack holds at BYTES_PER_LEVEL, a safe margin over that, keeps the
RecursionError (PRR000) rather than overflowing the stack and killing the process.
"""

from __future__ import annotations

import resource
import sys
from typing import Callable, Optional, TypeVar

import libcst as cst

T = TypeVar("T")
BYTES_PER_LEVEL = 2048
FRAMES_PER_LEVEL = 3  # _codegen, _codegen_impl, and a context manager's __enter__ at the deepest
SPARE_FRAMES = 200
_FALLBACK_STACK = 8 * 1024 * 1024  # glibc's default thread stack, and the usual `ulimit -s`


def generate(node: cst.CSTNode, step: Callable[[], T]) -> T:
    """`step()` (code generation under `node`), again with a recursion limit fit for `node`'s depth
    when the default one is too small; RecursionError when the stack cannot hold that depth."""
    try:
        return step()
    except Exception as error:  # RecursionError, or the KeyError libcst's position recorder turns it into
        if behind(error, RecursionError) is None:
            raise
    levels = depth(node)
    if levels > max_levels():
        raise RecursionError(f"a tree {levels} levels deep is more than the stack holds")
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, _frames_in_use() + FRAMES_PER_LEVEL * levels + SPARE_FRAMES))
    try:
        return step()
    finally:
        sys.setrecursionlimit(previous)


def depth(node: cst.CSTNode) -> int:
    """The number of nodes on the longest path down from `node`, counted with a stack."""
    deepest = 0
    pending = [(node, 1)]
    while pending:
        current, level = pending.pop()
        deepest = max(deepest, level)
        pending.extend((child, level + 1) for child in current.children)
    return deepest


def max_levels() -> int:
    """How deep a tree this thread's C stack holds at BYTES_PER_LEVEL."""
    soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    stack = _FALLBACK_STACK if soft == resource.RLIM_INFINITY or soft <= 0 else soft
    return min(stack, _FALLBACK_STACK) // BYTES_PER_LEVEL


def _frames_in_use() -> int:
    frame: Optional[object] = sys._getframe()
    count = 0
    while frame is not None:
        count += 1
        frame = frame.f_back  # type: ignore[attr-defined]
    return count


def behind(error: BaseException, kind: type) -> Optional[BaseException]:
    """The exception of `kind` that `error` is, or was raised while handling (or from), if any. The
    whole chain is read: libcst's position recorder adds a KeyError per level of the tree it was
    generating code for, so the RecursionError (or timeout) that started it lies as deep as the tree."""
    seen = set()
    current: Optional[BaseException] = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None
