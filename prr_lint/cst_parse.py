"""libcst's parse of a module, without its checks of each node it builds.

libcst checks every node when it is built (`CSTNode.__post_init__` calls `_validate`), which guards
trees written by hand; a tree its parser builds from source is valid by construction (libcst's own
PERF note on `__post_init__` says so), and the checks cost about an eighth of the parse. They are
left out only while the parser runs, and only while `__post_init__` does nothing but validate: a
libcst that does more there keeps it. Nodes a rule builds later are checked as usual.
"""

from __future__ import annotations

from typing import Callable, Optional, Union

import libcst as cst

_HOOK: Optional[Callable[[cst.CSTNode], None]] = cst.CSTNode.__dict__.get("__post_init__")


def _only_validates(hook: Optional[Callable[[cst.CSTNode], None]]) -> bool:
    code = getattr(hook, "__code__", None)
    return code is not None and code.co_names == ("_validate",)


_SKIPPABLE = _only_validates(_HOOK)


def _built(self: cst.CSTNode) -> None:
    """Stands in for CSTNode.__post_init__ while the parser builds the tree."""


def parse_module(source: Union[str, bytes]) -> cst.Module:
    """`libcst.parse_module(source)`, its errors included, with the per-node checks left out."""
    if not _SKIPPABLE:
        return cst.parse_module(source)
    cst.CSTNode.__post_init__ = _built  # type: ignore[method-assign]
    try:
        return cst.parse_module(source)
    finally:
        cst.CSTNode.__post_init__ = _HOOK  # type: ignore[method-assign]
