"""Calls that are part of a shutdown: every path after them, in the function they are in, ends the process.

lollms-webui's restart and update endpoints shut their socket server down, sleep a second, run the script that
starts the new process and then `sys.exit(0)`: the event loop is held because the process is handing over to another,
not while it serves (PRR505, project/blocking.py). A call is part of a shutdown when every path from it, in the
function that makes it, reaches a statement that ends the process: an exit (`sys.exit`, `os._exit`, `os.execv`,
`raise SystemExit`) or a call of a function of which every path does so, none raising an error
(rules/never_returning.py's endings, read by its EXITING question; project/never_returns.py `exiting_functions`
decides a function of another module; a method called on an object is the one the project defines, as the error
rules read it: lollms-webui's `server.run_restart_script(args)`). The path is followed through the statements after the call's, out of the
`if`/`else` blocks it is in, up to the end of the function: any statement of them that ends the process will do, as
the path meets each (one that may return lets it go on to the next).

It goes on serving, and the call stays a stall, when: a path meets a `return`, `break` or `continue` first (a
`continue` takes the loop round again); a statement raises first (an error ends the request, not the process); the
exit is only in one branch (`if restart: sys.exit(0)`); the call is in a loop's, `try`'s or `with`'s block whose end
comes first; a `try` around the call may catch the exit (a bare `except`, `BaseException`, `SystemExit`, or a type it
cannot name) or its `finally` leaves with a `return`; a `with` around it may swallow the exit (its `__exit__` decides);
or the exit is in another function than the one the path goes on in (a helper that sleeps and returns, whose caller
exits, is reported: other callers may go on).
"""

from __future__ import annotations

from typing import FrozenSet, Iterable, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.never_returning import EXITING, RAISING, NeverReturning, never_returning, read_condition
from prr_lint.tree import DEFINITIONS, SCOPE_NODES, descendants

ENDS_PROCESS = "ends-process-after:"  # a finding's subject: its call ends the process if one of these alternatives holds
_OR, _AND = "|", "&"  # alternatives, and the callees of one, each of which must end the process
_LOOPS = (cst.For, cst.While)
_BRANCHES = (cst.If, cst.Else)
_LINES = (cst.SimpleStatementLine, cst.SimpleStatementSuite)
_CATCHING_EXIT = frozenset({"builtins.BaseException", "builtins.SystemExit"})


def read_alternatives(text: str) -> List[List[str]]:
    """The alternatives an `ends-process-after:` subject lists (without its prefix): each the callees (none: an
    exit in the code itself) that must all end the process."""
    return [[callee for callee in alternative.split(_AND) if callee] for alternative in text.split(_OR)]


def ends_process_after(chain: Sequence[cst.CSTNode], resolver: Resolver) -> Tuple[str, ...]:
    """The `ends-process-after:` subject of the call that ends `chain` (its ancestors, outermost first, then
    itself) when every path after it in its function may end the process, given the callees it lists; else none."""
    scope = resolver.enclosing_function
    if scope is None or resolver.scope is not scope:
        return ()  # in a lambda or a class body
    position = _small_statement(chain)
    if position is None or isinstance(chain[position], (cst.Return, cst.Raise)) or not _nothing_catches(chain, position, resolver):
        return ()
    analysis = never_returning(resolver)
    container = chain[position - 1]
    rest: List[cst.CSTNode] = list(container.body[container.body.index(chain[position]) + 1:])  # type: ignore[attr-defined]
    block = position - 1
    if isinstance(container, cst.SimpleStatementLine):
        rest += _after(chain[position - 2], container)
        block = position - 2
    alternatives: List[FrozenSet[str]] = []
    while not _collect(analysis, scope, rest, alternatives):
        statement = block - 1
        while isinstance(chain[statement], _BRANCHES) and isinstance(chain[statement - 1], _BRANCHES):
            statement -= 1  # out of the `elif`/`else` chain, to its first `if`
        if not isinstance(chain[statement], cst.If):
            break  # the end of a loop's (its `else` too), `try`'s or `with`'s block, or of the function: the path goes on
        block = statement - 1
        rest = _after(chain[block], chain[statement])
    settled = [callees for callees in (_callees(analysis, ending) for ending in alternatives) if callees is not None]
    if not settled:
        return ()
    if any(not callees for callees in settled):
        return (ENDS_PROCESS,)
    return (ENDS_PROCESS + _OR.join(_AND.join(sorted(callees)) for callees in sorted(settled, key=sorted)),)


def _small_statement(chain: Sequence[cst.CSTNode]) -> Optional[int]:
    """Where in `chain` the small statement holding the call is; None for a call in a compound statement's header
    (an `if` test, a `with` item: what runs next depends on it)."""
    for index in range(len(chain) - 1, 0, -1):
        if isinstance(chain[index - 1], _LINES):
            return index
        if isinstance(chain[index], cst.BaseCompoundStatement):
            return None
    return None


def _after(block: cst.CSTNode, statement: cst.CSTNode) -> List[cst.CSTNode]:
    body = list(block.body)  # type: ignore[attr-defined]
    return body[body.index(statement) + 1:]


def _collect(analysis: NeverReturning, scope, statements: Iterable[cst.CSTNode], alternatives: List[FrozenSet[str]]) -> bool:
    """Add how each of `statements` may end the path, in order, to `alternatives`; True when the path stops among
    them: a statement that always ends it (an exit, a raise) or may leave the function or loop (`return`)."""
    for statement in statements:
        if _leaves(statement):
            return True
        ending = analysis.statement_ending(statement, scope)
        if ending is not None:
            alternatives.append(ending)
            if ending <= RAISING:
                return True
    return False


def _leaves(statement: cst.CSTNode) -> bool:
    """`statement` holds a `return`, or a `break`/`continue` of a loop it is in."""
    if isinstance(statement, (cst.Return, cst.Break, cst.Continue)):
        return True
    if any(isinstance(node, cst.Return) for node in descendants(statement)):
        return True
    return not isinstance(statement, _LOOPS) and any(
        isinstance(node, (cst.Break, cst.Continue)) for node in descendants(statement, stop_at=(*SCOPE_NODES, *_LOOPS)))


def _nothing_catches(chain: Sequence[cst.CSTNode], position: int, resolver: Resolver) -> bool:
    """No `try` or `with` of the call's function around it may keep an exit from ending the process."""
    start = max(index for index, node in enumerate(chain[:position]) if isinstance(node, DEFINITIONS))
    for index in range(start + 1, position):
        node = chain[index]
        if isinstance(node, (cst.With, cst.TryStar)):
            return False
        if isinstance(node, cst.Try):
            if chain[index + 1] is node.body and any(_catches_exit(handler, resolver) for handler in node.handlers):
                return False
            if node.finalbody is not None and any(_leaves(statement) for statement in node.finalbody.body.body):
                return False
    return True


def _catches_exit(handler: cst.ExceptHandler, resolver: Resolver) -> bool:
    """A bare `except`, or one of a class that is or may be `SystemExit` (a name that resolves to nothing)."""
    if handler.type is None:
        return True
    kinds = [element.value for element in handler.type.elements] if isinstance(handler.type, cst.Tuple) else [handler.type]
    return any(resolver.qualified_name(kind) in (None, *_CATCHING_EXIT) for kind in kinds)


def _callees(analysis: NeverReturning, ending: FrozenSet[str]) -> Optional[FrozenSet[str]]:
    """The functions of other modules that must all end the process for `ending` to (none: it does), read through
    the module's own functions; None when it cannot (a raise, an HTTP abort, a function of the module that returns)."""
    found: set = set()
    pending, seen = list(ending), set()
    while pending:
        condition = pending.pop()
        if condition in seen:
            continue
        seen.add(condition)
        if condition in analysis.functions:  # a function of this module, settled
            inner = analysis.functions[condition]
            if inner is None:
                return None
            pending.extend(inner)
            continue
        read = read_condition(condition, EXITING)
        if read is False:
            return None
        if isinstance(read, str):
            if read == condition:
                found.add(read)
            else:
                pending.append(read)  # a method called on an object: the one the project defines
    return frozenset(found)
