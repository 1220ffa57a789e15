"""Code that only a development run executes: the body of an `if` on a framework's debug switch
(Django's `settings.DEBUG`, a Flask or Quart app's `debug`, `app.config["DEBUG"]`, resolved through
imports: rules/debug_output.py), or what follows an early exit taken unless it is on (`if not
settings.DEBUG: return HttpResponseForbidden()`). The frameworks document the switch as off in
production, so an outbound call there (a view that fetches a token from the dev server's own OAuth
endpoint) never waits on a dependency of the deployed service. The `else` branch is what production
runs, and stays. Only the framework switch counts: an opt-in parameter or an environment variable
may well be turned on in production.
"""

from __future__ import annotations

from typing import Sequence

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.debug_output import is_debug_switch
from prr_lint.rules.guards import guarding_terms


def development_only(chain: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """The last node of `chain` (its ancestors, outermost first, then itself) runs only when a
    framework's debug switch is on (the `if` body or the early exit: rules/guards.py)."""
    module = chain[0] if chain and isinstance(chain[0], cst.Module) else None
    return any(is_debug_switch(term, resolver, module) for term, _ in guarding_terms(chain, with_else=True))
