"""What a function's signature accepts, tagged at its `def` so the project phase can tell a call that cannot bind to
it (project/unbound.py): such a call raises TypeError before the body runs, and so runs nothing of it.

`binds:<positionals>:<keywords>`: how many arguments it takes by position (`*` with a `*args`) and the names it
takes by keyword, comma-separated. A function with `**kwargs` takes any keyword and gets no tag.
"""

from __future__ import annotations

from typing import List

import libcst as cst

BINDS = "binds:"
ANY_POSITIONALS = "*"


def binding_tags(node: cst.FunctionDef) -> List[str]:
    """The function's `binds:` tag, or none when `**kwargs` takes any keyword."""
    params = node.params
    if isinstance(params.star_kwarg, cst.Param):
        return []
    positionals = len(params.posonly_params) + len(params.params)
    count = ANY_POSITIONALS if isinstance(params.star_arg, cst.Param) else str(positionals)
    keywords = ",".join(param.name.value for param in (*params.params, *params.kwonly_params))
    return [f"{BINDS}{count}:{keywords}"]
