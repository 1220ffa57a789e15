"""The per-file marks of a program's one-off modes: what a branch that ends the process calls, and the
functions argparse sub-command dispatch runs.

`if args.command == "import": migrate(...); sys.exit(0)` and `sub.set_defaults(func=start_list_markets)`
make a program run a mode once and stop; what they call is a command root, not serving code. The
summary walk (summary.py) tags the enclosing function with each such call (model.ONE_OFF_CALL) and the
project phase takes them as roots (project/main_blocks.py). Reading those shapes is this module's job.
"""

from __future__ import annotations

from typing import List

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.output_message import ends_process
from prr_lint.tree import descendants


def ending_branch_calls(resolver: Resolver, node: cst.If) -> List[str]:
    """A branch that ends the process (`if args.command == "import": migrate(...); sys.exit(0)`):
    a one-off mode of a program; the project calls it makes before it ends."""
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    if len(body) < 2 or not ends_process(resolver, body[-1]):
        return []
    found = []
    for statement in body[:-1]:
        for call in descendants(statement):
            name = resolver.qualified_name(call.func) if isinstance(call, cst.Call) else None
            if name is not None and not name.startswith("builtins."):
                found.append(name)
    return found


def subcommand_functions(resolver: Resolver, node: cst.Call) -> List[str]:
    """`sub.set_defaults(func=start_list_markets)` (or `func=partial(start_list_markets, ...)`): the
    function argparse sub-command dispatch runs (`args.func(args)`), a one-off mode of the program."""
    if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "set_defaults"):
        return []
    found = []
    for arg in node.args:
        value = arg.value
        if isinstance(value, cst.Call) and value.args and resolver.qualified_name(value.func) == "functools.partial":
            value = value.args[0].value
        name = resolver.qualified_name(value) if arg.keyword is not None else None
        if name is not None and not name.startswith("builtins."):
            found.append(name)
    return found
