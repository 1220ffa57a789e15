"""Retries on a returned result (PRR504): the loop makes a dependency call, keeps its result, and
leaves only when a test of that result passes (`if "timed out" not in payload.get("errorMessage",
""): break`); otherwise it makes the same call again. No exception is involved, so
rules/retry_loops.py does not see it.

Told apart from its neighbours by what the loop does with the result and with the call:

* a read loop (`chunk = sock.recv(n); if not chunk: break; buffer += chunk`) consumes each
  result in the loop after the test; a retry throws the failed ones away (logging them is fine);
* a pagination or search loop changes what the next call asks (`page_token = resp.next`): a name
  assigned in the loop is an argument of the call;
* a poll sleeps between rounds: only a loop that never pauses is reported (PRR504 leaves the
  cadence of a poll alone, and a retry with a pause is told apart from a poll by nothing in the
  code).
"""

from __future__ import annotations

from typing import Optional, Set

import libcst as cst

import prr_lint.rules.retry_loops as loops
from prr_lint.resolve import Resolver
from prr_lint.sinks import log_level
from prr_lint.tree import assigned_in, descendants, flat_statements


def retried_call(loop: loops.Loop, resolver: Resolver) -> Optional[cst.Call]:
    """The dependency call a loop repeats until its result passes a test, else None."""
    body = flat_statements(loop.body)
    results: Set[str] = set()
    call: Optional[cst.Call] = None
    for position, statement in enumerate(body):
        if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            value = statement.value.expression if isinstance(statement.value, cst.Await) else statement.value
            target = loops.names_in(statement.targets[0].target)
            if call is None and isinstance(value, cst.Call) and loops.is_outbound(value, resolver):
                call, results = value, target
            elif results and loops.names_in(statement.value) & results:
                results |= target  # derived from the result: `payload = json.loads(response.read())`
            continue
        if call is not None and _exit_on(statement, results):
            rest = body[position + 1:]
            return call if _discards(rest, results, resolver) and not _asks_anew(loop, call) else None
        if call is not None:
            return None
    return None


def _exit_on(statement: cst.CSTNode, results: Set[str]) -> bool:
    """`if <test of the result>: break` (or `return`), with no `else`."""
    if not isinstance(statement, cst.If) or statement.orelse is not None:
        return False
    inner = flat_statements(statement.body)
    return (len(inner) == 1 and isinstance(inner[0], (cst.Break, cst.Return))
            and bool(loops.names_in(statement.test) & results))


def _discards(rest: list, results: Set[str], resolver: Resolver) -> bool:
    """After the test, the loop uses the result only to log it: a failed result is thrown away."""
    nodes = [node for statement in rest for node in (statement, *descendants(statement))]
    logged = {id(inner) for node in nodes if isinstance(node, cst.Call) and log_level(node, resolver) is not None
              for inner in descendants(node)}
    return not any(isinstance(node, cst.Name) and node.value in results and id(node) not in logged for node in nodes)


def _asks_anew(loop: loops.Loop, call: cst.Call) -> bool:
    """A name the loop assigns (or counts with) is an argument of the call: each round asks for
    something else (the next page, another host)."""
    changed = assigned_in(loop)
    if isinstance(loop, cst.For):
        changed |= loops.names_in(loop.target)
    arguments = {node.value for arg in call.args for node in (arg.value, *descendants(arg.value)) if isinstance(node, cst.Name)}
    return bool(changed & arguments)
