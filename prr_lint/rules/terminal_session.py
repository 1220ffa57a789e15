"""A terminal session (PRR401): a class that runs a read-eval-print loop on the terminal, such as a
chat bot's text backend. Its output is one half of the conversation with the person typing, the
product of that mode, not a log line.

A method of the class loops until the process (or the object) stops: `while True:` or `while
self.listening:` (a test of the object's own state), or `for line in sys.stdin:`, with no `break`
or `return` of its own, and each turn reads a line from the terminal (`input()`, `getpass()`, or
`sys.stdin` itself), directly or through the class's own methods (`await self.parseloop()` ->
`self.async_input()` -> a reader over `sys.stdin`). A prompt that loops only until the answer is
valid (`while response not in ("y", "n"): response = input(...)`) tests what it read, and does not
make the class a session: its other methods may serve requests.
"""

from __future__ import annotations

from typing import Dict, Optional, Set

import libcst as cst

from prr_lint.context import CLASSES, FileContext
from prr_lint.resolve import Resolver
from prr_lint.rules.how_it_runs import PROMPTS
from prr_lint.tree import SCOPE_NODES, descendants

_STDIN = "sys.stdin"
_LOOP_EXITS = (cst.Break, cst.Return)


def in_terminal_session(ctx: FileContext) -> bool:
    """Output in a method of a class that runs a read-eval-print loop on the terminal."""
    cls = ctx.nearest(CLASSES)
    if cls is None or ("input" not in ctx.source and "stdin" not in ctx.source):
        return False
    store = ctx.__dict__.setdefault("_terminal_sessions", {})
    if id(cls) not in store:
        store[id(cls)] = _runs_session(cls, ctx.resolver)
    return store[id(cls)]


def _methods(cls: cst.ClassDef) -> Dict[str, cst.FunctionDef]:
    body = cls.body.body if isinstance(cls.body, cst.IndentedBlock) else ()
    return {statement.name.value: statement for statement in body if isinstance(statement, cst.FunctionDef)}


def _reads_directly(node: cst.CSTNode, resolver: Resolver) -> bool:
    for child in descendants(node):
        if isinstance(child, cst.Call) and resolver.qualified_name(child.func) in PROMPTS:
            return True
        if isinstance(child, cst.Attribute) and child.attr.value == "stdin" and resolver.qualified_name(child) == _STDIN:
            return True
    return False


def _self_call(node: cst.CSTNode) -> Optional[str]:
    """`self.name(...)`: the method of the class it calls."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Name) \
            and node.func.value.value == "self":
        return node.func.attr.value
    return None


def _reading_methods(methods: Dict[str, cst.FunctionDef], resolver: Resolver) -> Set[str]:
    """Methods that read the terminal, directly or through other methods of the class."""
    reading = {name for name, method in methods.items() if _reads_directly(method.body, resolver)}
    changed = True
    while changed:
        changed = False
        for name, method in methods.items():
            if name not in reading and any(_self_call(node) in reading for node in descendants(method.body)):
                reading.add(name)
                changed = True
    return reading


def _until_stopped(loop: cst.CSTNode, resolver: Resolver) -> bool:
    """A loop nothing but the process or the object's state ends: no `break` or `return` of its own."""
    if isinstance(loop, cst.While):
        test = loop.test
        if not (isinstance(test, cst.Name) and test.value == "True") and not (
            isinstance(test, cst.Attribute) and isinstance(test.value, cst.Name) and test.value.value == "self"
        ):
            return False
    elif not (isinstance(loop, cst.For) and resolver.qualified_name(loop.iter) == _STDIN):
        return False
    return not any(isinstance(node, _LOOP_EXITS) for node in descendants(loop.body, stop_at=(*SCOPE_NODES, cst.While, cst.For))) \
        and not any(isinstance(node, cst.Return) for node in descendants(loop.body))


def _runs_session(cls: cst.ClassDef, resolver: Resolver) -> bool:
    methods = _methods(cls)
    reading = _reading_methods(methods, resolver)
    if not reading:
        return False  # a loop over sys.stdin reads it, so its method is among these
    for method in methods.values():
        for loop in descendants(method.body):
            if isinstance(loop, (cst.While, cst.For)) and _until_stopped(loop, resolver) and (
                isinstance(loop, cst.For) or _reads_directly(loop.body, resolver)
                or any(_self_call(node) in reading for node in descendants(loop.body))
            ):
                return True
    return False
