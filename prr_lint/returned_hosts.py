"""Which parameters a function builds the host of the URL it returns from (a def tag, read by PRR501's project phase).

A service often formats its own URLs with a helper of its own (`def make_url(scheme, host, port): return
"%s://%s:%s" % (scheme, host, port)`), called at import with configured values (`WEB_URL = make_url(scheme,
settings_host, port)`). The call's result is a loopback address when the values it hands the parameters the URL
takes its host from are: the call site names what each argument is loopback through (socket_targets `RESULT`), and
this tag names the positions (among what a call passes) that decide, `returns-host-of:1`. A function tagged so
returns, on every path, a value that is loopback exactly when those parameters, none with a default, are.
"""

from __future__ import annotations

from typing import List

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.socket_targets import CONFIG_KEY, PARAMETER, REQUIRED, loopback_through
from prr_lint.tree import statements_within

RETURNS_HOST_OF = "returns-host-of:"


def returned_hosts(node: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """`returns-host-of:<position>,...` when every `return` of the function (in the resolver's scope of it) gives a
    value loopback through its own parameters with no default only; [] otherwise."""
    returned = [statement.value for statement in statements_within(node) if isinstance(statement, cst.Return)]
    if not returned or any(value is None for value in returned):
        return []
    own = f"{CONFIG_KEY}{PARAMETER}{resolver.scope.qualname}/"
    positions: List[str] = []
    for value in returned:
        through = loopback_through(value, resolver, resolver.scope)  # type: ignore[arg-type]
        if not through:
            return []
        for name in through:
            position = name.partition("@")[2] if name.startswith(own) else ""
            if not position.endswith(REQUIRED) or not position[:-1].isdigit():
                return []
            positions += [position[:-1]] if position[:-1] not in positions else []
    return [RETURNS_HOST_OF + ",".join(sorted(positions, key=int))]
