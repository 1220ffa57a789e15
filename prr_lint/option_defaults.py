"""Whether an argparse/optparse option is off unless someone types it: the one test behind the hand-run modes a
branch on options makes (one_off_modes.py) and the output modes an option picks (rules/how_it_runs.py)."""

from __future__ import annotations

import libcst as cst

from prr_lint.tree import call_argument


def off_unless_typed(node: cst.Call) -> bool:
    """Nothing sets the option's attribute unless it is typed: no default (or None, False), not required, one of
    argparse's own actions but `store_false` (whose default is True; an action class may read the environment), nothing
    handed by `**`."""
    if any(arg.star == "**" for arg in node.args):
        return False
    default, required, action = (call_argument(node, -1, keyword) for keyword in ("default", "required", "action"))
    named = action is None or isinstance(action, cst.SimpleString) and action.evaluated_value != "store_false"
    return (default is None or unset(default)) and (required is None or unset(required)) and named


def unset(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value in ("None", "False")
