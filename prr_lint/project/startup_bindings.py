"""What the project binds at start-up to module-level names that calls go through (prr_lint/startup_bindings.py marks).

A call through a module-level name (`the_log(message)`, `report(exc)`) may run the function the module binds the name to,
or any function code of the project outside tests binds to it: a module's top level assigning it as another module's
attribute (`utils.report = sentry_report`, the `patches-global:` mark of rules/session_patches.py), or any code handing
a function by name to a setter of the name's module that stores its parameter in the global (`set_log(syslog_message)`
for `def set_log(writer): global the_log; the_log = writer`). Rebinding in tests binds nothing the service runs.
A method called on such a placeholder (`log.error(...)` for `log = None`) is typed per file instead (startup_bindings.py).
"""

from __future__ import annotations

from typing import Dict, List, Set, Tuple

from prr_lint.project.call_args import passed_arguments
from prr_lint.project.index import ProjectIndex
from prr_lint.project.session_patches import parse_patch
from prr_lint.project.support import test_modules
from prr_lint.rules.session_patches import PATCHES_GLOBAL
from prr_lint.startup_bindings import HANDS_FUNCTION, SETS_GLOBAL, THROUGH_GLOBAL


def rebound_globals(index: ProjectIndex) -> Dict[str, Tuple[str, ...]]:
    """`<module>.<name>` -> the project functions start-up code binds to it (cached per run)."""
    return index.derived("rebound-globals", lambda: _rebound_globals(index))


def rebound_calls(index: ProjectIndex, qualname: str) -> Tuple[Tuple[str, str], ...]:
    """(function, argument codes) of each function the index's function `qualname`'s calls through a rebound name may
    run instead (every function's, listed once per run: the report checks ask for each function)."""
    return index.derived("rebound-calls", lambda: _rebound_calls(index)).get(qualname, ())


def _rebound_calls(index: ProjectIndex) -> Dict[str, Tuple[Tuple[str, str], ...]]:
    rebound = rebound_globals(index)
    found: Dict[str, Tuple[Tuple[str, str], ...]] = {}
    for qualname, names in index.tagged(THROUGH_GLOBAL).items() if rebound else ():
        if any(name in rebound for name in names):
            codes = dict(passed_arguments(index, qualname))
            found[qualname] = tuple((value, codes.get(name, "")) for name in names for value in rebound.get(name, ()))
    return found


def _rebound_globals(index: ProjectIndex) -> Dict[str, Tuple[str, ...]]:
    setters: Dict[str, List[str]] = index.tagged(SETS_GLOBAL)
    tests = test_modules(index)
    found: Dict[str, Set[str]] = {}
    patches, hands = index.tagged(PATCHES_GLOBAL), index.tagged(HANDS_FUNCTION) if setters else {}  # the functions with such tags
    for qualname in (name for name in index.functions if name in patches or name in hands):
        module = index.module_of(qualname)
        if module in tests:
            continue
        for tag in index.functions[qualname].tags:
            if tag.startswith(PATCHES_GLOBAL) and qualname == module:
                patch = parse_patch(tag)
                for origin in patch[0] if patch is not None else ():
                    if origin in index.modules:
                        found.setdefault(f"{origin}.{patch[1]}", set()).add(index.canonical(patch[2]) or patch[2])
            elif setters and tag.startswith(HANDS_FUNCTION):
                call, _, value = tag[len(HANDS_FUNCTION):].rpartition("=")
                callee, _, position = call.rpartition("@")
                setter = index.canonical(callee)
                for stored in setters.get(setter, ()) if setter is not None else ():
                    name, _, at = stored.partition("@")
                    if at == position:
                        found.setdefault(f"{index.module_of(setter)}.{name}", set()).add(index.canonical(value) or value)
    return {name: tuple(sorted(values)) for name, values in found.items()}
