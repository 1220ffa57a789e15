"""Calls and definitions that run only when a configuration switch is on: PRR505's file-phase marks.

A blocking call is on an event loop only if the path from the async handler runs: `if settings.SMB_SHARES:
smbctl.update_mounts()` takes that hop only when the key is on, and a route defined after `if not
ADD_DEBUGGING_ROUTES: return` is only served then. The summary tags each such call of a function
(`switched-call:<callee>=K1|K2`) and each such definition (`switched-def:K1|K2`): any one of the keys, if off,
keeps it from running (config_switches.guard_keys; the body of an `if` with an `else` counts too, since only the
body is guarded), and each function such a call hands to something that runs it (`switched-handoff:<function>=K1|K2`:
`pool.submit(task)`, `background_tasks.add_task(task)`; PRR501's project/switched_reach.py), and each handler such a
call registers for a route (`switched-route:<handler>=K1|K2`: `path("w", Watermark.as_view())`), and each router mount such a call
makes (`switched-mount:<position>=K1|K2`, the position of its prefix mark: `if settings.ENABLE_STAC: api_router.include_router(stac.router)`). The project phase (project/blocking.py) drops the hop when a key is off in every shipped
configuration (project/switches.py). A call of a method on a receiver of no known
type is tagged by its name (`switched-call:?.is_available=K`). A parameter of the function that defaults to a
false value is a key too (`if ping:`, rules/param_switches.py), and so is a test that an object has an attribute no code
binds (`if hasattr(self, "v2_adapter"):`, rules/attribute_guards.py), and so is what a named function returns (`if path is
None: return` after `path = backup_path()`, rules/returned_switches.py), and so is a configuration store's word compared
to another (`if self.influxdb == "Yes":`, rules/word_switches.py), and so is a plain name the module binds once to a
test of the environment (`if plex_queue_season:`). Only the nodes of a function (or module) body
with an `if` that names a key, such a parameter, such a call or such a word are looked at, so the walk stays cheap.
"""

from __future__ import annotations

from typing import List, Sequence, Set

import libcst as cst

from prr_lint.config_paths import switch_path
from prr_lint.guard_terms import guard_terms
from prr_lint.model import MOUNT_KINDS
from prr_lint.resolve import Resolver
from prr_lint.rules.config_switches import guard_keys
from prr_lint.rules.env_globals import module_env_key
from prr_lint.rules.param_switches import tests_parameter
from prr_lint.rules.returned_switches import return_tags, tests_return
from prr_lint.rules.truth_reads import bound_names
from prr_lint.rules.word_switches import tests_word
from prr_lint.settings_fields import config_section, is_field_name
from prr_lint.switch_keys import is_key
from prr_lint.tree import KindOf, Nearest, descendants, literal_value

SWITCHED_CALL = "switched-call:"
# Asked of every ancestor of a node, or every node of a test: type look-ups, not isinstance (tree.KindOf).
_IS_FUNCTION, _IS_NAME, _IS_ATTRIBUTE, _IS_STRING = KindOf(cst.FunctionDef), KindOf(cst.Name), KindOf(cst.Attribute), KindOf(cst.SimpleString)
SWITCHED_DEF = "switched-def:"
# A function handed to something that runs it (`background_tasks.add_task(f)`, `Thread(target=f)`) under a
# switch: `switched-handoff:<function>=K1|K2` (project/switched_reach.py).
SWITCHED_HANDOFF = "switched-handoff:"
# A handler a route registration under a switch names (`if WATERMARK_ENABLED: urlpatterns.append(path("w",
# Watermark.as_view()))`): `switched-route:<handler>=K1|K2` (project/switched_handlers.py).
SWITCHED_ROUTE = "switched-route:"
# A router mount under a switch (`if settings.ENABLE_STAC: api_router.include_router(stac.router)`), by the position of
# its mark in the module summary's prefixes: `switched-mount:<position>=K1|K2` (project/switched_handlers.py).
SWITCHED_MOUNT = "switched-mount:"


class SwitchMarks:
    """The switched-call and switched-def tags of one module's walk (summary.py calls it)."""

    def __init__(self, resolver: Resolver, ancestors: List[cst.CSTNode]) -> None:
        self.resolver = resolver
        self.ancestors = ancestors  # the walker's: the visited node is not on it yet
        self.keyed: Set[int] = set()  # ids of the functions (or the module) with an `if` that names a key
        self._function = Nearest(ancestors, _IS_FUNCTION)  # remembered per ancestor: long elif chains

    def on_if(self, node: cst.If) -> None:
        owner = self._owner()
        if id(owner) in self.keyed:
            return  # known already: reading this test (a walk of the function's bindings, a rewrite of the test) adds nothing
        if _names_key(node.test) or self._tests_module_switch(node.test) or _tests_attribute(node.test) or _reads_section(node.test, self.resolver) or _reads_path(node.test, self.resolver) or tests_parameter(node.test, owner) or tests_return(node.test, owner, self.resolver) or tests_word(node.test, self.ancestors, self.resolver) or isinstance(owner, cst.FunctionDef) \
                and isinstance(node.test, cst.Comparison) and _names_key(bound_names(node.test, owner)):  # `"eas" in names`
            self.keyed.add(id(owner))

    def _tests_module_switch(self, test: cst.BaseExpression) -> bool:
        """A term of the test is a plain name the module binds once to an environment switch (`plex_queue_season =
        convert_to_bool(os.getenv("PLEX_QUEUE_SEASON", False))`: env_globals.module_env_key)."""
        module = self.ancestors[0] if self.ancestors and isinstance(self.ancestors[0], cst.Module) else None
        return module is not None and any(_IS_NAME[type(term)] and module_env_key(term, module, self.resolver) for term in guard_terms(test))

    def _owner(self) -> object:
        """The function (or the module) whose body the walk is in."""
        return self._function() or (self.ancestors[0] if self.ancestors else None)

    def call_tag(self, node: cst.Call, callee: str) -> str:
        keys = self._keys(node)
        return f"{SWITCHED_CALL}{callee}={keys}" if keys else ""

    def handoff_tags(self, node: cst.Call, handed: List[str]) -> List[str]:
        keys = self._keys(node) if handed else ""
        return [f"{SWITCHED_HANDOFF}{name}={keys}" for name in handed] if keys else []

    def route_tags(self, node: cst.Call, registrations: Sequence[tuple], prefixes: Sequence[tuple], mounted: int) -> List[str]:
        """The tags of the handlers of the route registrations and of the router mounts among the prefix marks from
        position `mounted` on that a call records (model.py): a mount by its position."""
        handlers = [entry[2] for entry in registrations]
        mounts = [at for at in range(mounted, len(prefixes)) if prefixes[at][0] in MOUNT_KINDS]
        keys = self._keys(node) if handlers or mounts else ""
        return [*(f"{SWITCHED_ROUTE}{name}={keys}" for name in handlers), *(f"{SWITCHED_MOUNT}{at}={keys}" for at in mounts)] if keys else []

    def def_tag(self, node: cst.FunctionDef) -> str:
        """Called in the function's own scope. A name its scope binds again (`if K: def wrapper(): ... else: def
        wrapper(): ...`) shares one summary with the other binding, which may run whatever K is: no tag."""
        keys = self._keys(node)
        outer = self.resolver.scope.parent
        if keys and outer is not None and len(outer.bindings.get(node.name.value) or ()) > 1:
            return ""
        return f"{SWITCHED_DEF}{keys}" if keys else ""

    def return_tags(self, node: cst.FunctionDef) -> List[str]:
        """What the function returns under which keys (returned_switches.py: `returns-when:`, `returns-read:`)."""
        return return_tags(node, self.ancestors, self.resolver, lambda chain: guard_keys(chain, self.resolver, with_else=True, returned=True))

    def _keys(self, node: cst.CSTNode) -> str:
        if not self.keyed or id(self._owner()) not in self.keyed:
            return ""
        return "|".join(guard_keys([*self.ancestors, node], self.resolver, with_else=True))


def _tests_attribute(test: cst.BaseExpression) -> bool:
    """The test calls `hasattr` or `getattr`: it may ask for an attribute no code binds (rules/attribute_guards.py)."""
    return any(isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in ("hasattr", "getattr")
               for node in (test, *descendants(test)))


def _reads_section(test: cst.BaseExpression, resolver: Resolver) -> bool:
    """A test of a field in a section of a module-level object (`if config.developer.seqlog:`, `not
    config.x.y`, either side of `and`/`or`): a configuration model's field, if the project phase finds one
    (settings_fields.config_section)."""
    return any(isinstance(term, cst.Attribute) and isinstance(term.value, cst.Attribute) and config_section(term.value, resolver) is not None
               for term in guard_terms(test))


def _reads_path(test: cst.BaseExpression, resolver: Resolver) -> bool:
    """A term of the test reads a loaded configuration file's item by its key path (`if not cfg.get("x", False):`,
    config_paths.switch_path)."""
    return any(switch_path(term, resolver) for term in guard_terms(test))


def _names_key(term: cst.BaseExpression) -> bool:
    """A term that mentions a configuration key (`settings.SMB_SHARES`, `not ADD_DEBUGGING_ROUTES`, `config["K"]`),
    or a lower-case attribute of a class named by the convention (`XAgentServerEnv.check_running`: a class
    constant, project/class_constants.py)."""
    for node in (term, *descendants(term)):
        node_type = type(node)
        if _IS_ATTRIBUTE[node_type] and isinstance(node.value, cst.Name) and node.value.value[:1].isupper() \
                and is_field_name(node.attr.value):
            return True
        text = node.value if _IS_NAME[node_type] else node.attr.value if _IS_ATTRIBUTE[node_type] else \
            literal_value(node) if _IS_STRING[node_type] else None
        if isinstance(text, str) and is_key(text):
            return True
    return False
