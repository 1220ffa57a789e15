"""The keys under which a function runs at all: its own `switched-def:` tags, and the keys its switch decorators
read (`@skip_if_flag_disabled("INTEGRATION_ENABLED_X")`, a factory whose wrapper calls the function only while
that key is on: rules/switch_decorators.py). The decorated name is bound to the wrapper, so every call, hand-off or
registration of it runs the function only then (project/switched_reach.py, project/blocking.py)."""

from __future__ import annotations

from typing import Dict, List

from prr_lint.rules.switch_decorators import PLACEHOLDER, SWITCH_DECORATOR
from prr_lint.rules.switched_calls import SWITCHED_DEF
from prr_lint.switch_keys import is_key


def defining_keys(index, qualname: str) -> List[str]:
    """Each set of keys (`K1|K2`) any one of which, if off, keeps the function from running."""
    function = index.functions.get(qualname)
    if function is None:
        return []
    return [tag[len(SWITCHED_DEF):] for tag in function.tags if tag.startswith(SWITCHED_DEF)] + decorated_keys(index, qualname)


def decorated_keys(index, qualname: str) -> List[str]:
    """The keys the function's innermost decorator reads when it is a switch decorator (one set, `K1|K2`)."""
    return index.derived("switch-decorated", lambda: _decorated(index)).get(qualname, [])


def _decorated(index) -> Dict[str, List[str]]:
    """Function -> the keys its innermost switch decorator reads, with the literal key the decorator is given."""
    factories = {name: tags[0] for name, tags in index.tagged(SWITCH_DECORATOR).items()}
    found: Dict[str, List[str]] = {}
    if not factories:
        return found
    for qualname, function in index.functions.items():
        # Decorators apply from the bottom up: only the innermost wraps the function itself; one above a registering
        # decorator (`@receiver(...)`, `@app.task`) wraps what was registered already, which runs unswitched.
        if function.decorators and function.decorators[-1] in factories and is_key(argument := function.decorator_args[-1]):
            found[qualname] = [factories[function.decorators[-1]].replace(PLACEHOLDER, argument)]
    return found
