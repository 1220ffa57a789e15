"""Code that runs only when a configuration switch is on (PRR501): the keys that guard a call.

A call is guarded by a key when it is in the body of an `if` (with no `else`, or one that only logs or sets names to `None`: guards.py)
one of whose `and` terms reads the key (`settings.K`, `get_settings().K`, `app.config["K"]`), or after
an early exit taken unless the key is on (`if not current_app.config["CRONITOR_ENABLED"]: return`, in a
function). A term reads a key directly (switch_keys.read_key), through a local name the function binds once
to such a read (`email_enabled = current_app.config.get("ENABLE_EMAIL_NOTIFICATIONS")`, then `if not
email_enabled: raise ...`), or through an attribute of the class that every assignment binds to one
(`self._active = app.config.get("PERFORMANCE_PLATFORM_ENABLED")` in `init_app`), read as itself or through a
property returning it (`if self.active:`). A parameter of the function tested for truth whose default is false is
the key `param:...` (`if ping:` in `def __init__(self, endpoint, ping=False)`: rules/param_switches.py), off when no
call passes it. A read of the environment that is false while the variable is unset
is the key `env:NAME~MASK` (switch_keys.env_key, env_eval.py), tested itself, through a name a function, a class body or
the module binds once to it (`_shared: bool = os.getenv("SHARED", "False").lower() == "true"`; a module's name that no
function declares `global`: env_globals.module_env_key), or through such a class attribute read as `self._shared`. A client built
at a module's top level (`cache = Redis.from_url(url)`) is guarded when every use of its name in the module is.

A literal command-line flag is a key too (`if "-wild" in sys.argv:`, argv_values.argv_flag), and so is the
flag of a controller a class carries: a class-level attribute holding an instance of a class of the module
one of whose methods returns `"-wild" in sys.argv` (bk-monitor's healthz steps: `controller =
wild_controller`, whose `_check` answers whether the step is loaded at all); the call in its methods runs
only when the command line passes the flag.

The finding carries the keys as subjects; the project phase drops it when one key of each subject is off in
every configuration the project ships (project/switches.py).
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.argv_values import argv_flag
from prr_lint.config_paths import switch_path
from prr_lint.context import FileContext
from prr_lint.env_eval import FALSE_WORDS
from prr_lint.env_tables import attribute_key
from prr_lint.loaded_fields import else_field_key
from prr_lint.resolve import Resolver
from prr_lint.rules.attribute_guards import else_terms, has_attr_key
from prr_lint.rules.env_globals import module_env_key
from prr_lint.rules.guards import guarding_terms, split
from prr_lint.rules.kept_switches import class_writes, name_values, outside_writes
from prr_lint.rules.lookup_guards import lookup_terms
from prr_lint.rules.param_switches import param_key
from prr_lint.rules.returned_switches import either_key, returned_key, set_tested
from prr_lint.rules.truth_reads import bound_names, only_tested, truth_key
from prr_lint.rules.word_switches import exit_word_keys, word_key
from prr_lint.switch_keys import DEFINED, EITHER, EITHER_AND, NEGATED, RUNS, env_key, is_false, read_key
from prr_lint.tree import children, descendants, literal_value

# Subject prefixes: the call runs only when one of these `|`-joined keys is on; the client is a module
# constant whose uses the file phase followed (no other module may import it).
SWITCHED_BY = "switched-by:"
SWITCHED_CLIENT = "switched-client:"
# The condition of a finding another condition settles once the project phase finds it runs: dropped first when it
# runs only under a switch every shipped configuration leaves off (its leading `switched-by:` subject) or only
# through calls that do (project/switched_findings.py). Subjects: `(*switched-by subjects, condition, *its subjects)`.
UNLESS_SWITCHED_OFF = "unless-switched-off"
# Guard key of the body of an `if` with an `else` (one of two ways) on the key K: `dev-choice:K`, off when K is and a
# developer's setup turns K's environment variable on (project/dev_setup.py): the way only development takes.
DEVELOPMENT_CHOICE = "dev-choice:"

# What a shipped file may give a key that reads as off: the false words and the spellings of empty collections and None.
_OFF_SPELLINGS = (*FALSE_WORDS, "none", "{}", "[]", "()")


def switch_subjects(ctx: FileContext, node: cst.CSTNode) -> Tuple[str, ...]:
    """The subjects of a PRR501 finding at `node`: the keys guarding it, or its client's every use."""
    chain = [*ctx.ancestors, node]
    keys = guard_keys(chain, ctx.resolver)
    if keys:
        return (SWITCHED_BY + "|".join(keys),)
    flag = _controller_flag(chain, ctx.module, ctx.resolver)
    if flag:
        return (SWITCHED_BY + flag,)
    constant = _module_constant(chain)
    if constant is None:
        return ()
    uses = [guard_keys(use, ctx.resolver) for use in _uses(ctx.module, constant)]
    if not uses or not all(uses):
        return ()
    return (*sorted({SWITCHED_BY + "|".join(keys) for keys in uses}), f"{SWITCHED_CLIENT}{ctx.module_name}.{constant}")


def unless_switched_off(chain: Sequence[cst.CSTNode], resolver: Resolver, condition: str,
                        subjects: Tuple[str, ...]) -> Tuple[str, Tuple[str, ...]]:
    """The condition and subjects of a finding at the last node of `chain` pending on `condition`: UNLESS_SWITCHED_OFF
    with the keys any one of which, if off, keeps the node from running (the body of an `if` with an `else` too, as
    for PRR505: only the body is guarded)."""
    keys = guard_keys(chain, resolver, with_else=True)
    return UNLESS_SWITCHED_OFF, (*((SWITCHED_BY + "|".join(keys),) if keys else ()), condition, *subjects)


def guard_keys(chain: Sequence[cst.CSTNode], resolver: Resolver, with_else: bool = False, returned: bool = False) -> List[str]:
    """The keys any one of which, if off, keeps the last node of `chain` from running: an `if` (by default one
    with no `else`: not a choice between two ways, whose key counts as DEVELOPMENT_CHOICE) or an early exit
    (rules/guards.py) on the key, the `else` of an `if` on an attribute a loaded file fills (`not:field:`, loaded_fields.py), or a lookup in it before, which raises while it is empty (rules/lookup_guards.py).
    `returned`: the node is a helper's return of a value (returned_switches.py), where a local name bound once to a
    bare environment read counts by its truth even when the value is used too (`return Path(raw) if raw else None`):
    the helper's `None` is the feature's off state, which its callers test, not an address passed on unset."""
    terms = [*guarding_terms(chain, with_else), *lookup_terms(chain)]
    keys = {key for term, i in terms for key in [_term_key(term, chain[:i], resolver, returned)] if key} | set(exit_word_keys(chain, resolver))
    plain = {id(term) for term, _ in terms}
    chosen = [(term, i) for term, i in guarding_terms(chain, True) if id(term) not in plain] if not with_else else []
    # a test that an object has an attribute no code binds decides the branch in every run, `else` or not, beside any
    # key the term reads (`getattr(settings, "K", False)`: attribute_guards.py)
    absent = {key for term, _ in [*terms, *chosen, *else_terms(chain)] for key in [has_attr_key(term, resolver)] if key}
    # the other way of an `if` on an attribute a class fills from a loaded configuration file (loaded_fields.py)
    other = {key for parent, child in zip(chain, chain[1:]) if isinstance(parent, cst.If) and child is parent.orelse
             for key in [else_field_key(parent.test, resolver)] if key}
    return sorted(keys | absent | other | {DEVELOPMENT_CHOICE + key for term, i in chosen for key in [_term_key(term, chain[:i], resolver)] if key})


def _term_key(term: cst.BaseExpression, outer: Sequence[cst.CSTNode], resolver: Resolver, returned: bool = False) -> Optional[str]:
    """The key `term` reads, directly, through a local name bound once, or through a `self` attribute; `not:K`
    for `not settings.K` (`not app.config.get("K", True)`), read directly: the branch runs while K is off.
    `returned`: see guard_keys."""
    if isinstance(term, cst.UnaryOperation) and isinstance(term.operator, cst.Not):
        key = read_key(term.expression, resolver, negated=True)
        return NEGATED + key if key else None
    if isinstance(term, cst.Comparison) and len(term.comparisons) == 1 and isinstance(term.comparisons[0].operator, (cst.Is, cst.Equal)) \
            and isinstance(term.comparisons[0].comparator, cst.Name) and term.comparisons[0].comparator.value == "True":
        term = term.left
    functions = [n for n in outer if isinstance(n, cst.FunctionDef)]
    scopes = [n for n in outer if isinstance(n, (cst.FunctionDef, cst.ClassDef))]
    parameter = param_key(term, outer, resolver)  # `if ping:` on a parameter that defaults to False (param_switches.py)
    if parameter:
        return parameter
    either = either_key(term, outer, resolver, lambda filled: _term_key(filled, outer, resolver))
    if either:
        return either  # a name filled in from a helper when the caller passed none (returned_switches.py)
    if isinstance(term, cst.BooleanOperation) and isinstance(term.operator, cst.Or):
        return _any_key(term, outer, resolver, returned)
    tested = set_tested(term)  # `x is not None`, `if x is None: return`: what a helper returned (returned_switches.py)
    values = name_values(scopes[-1], tested.value) if isinstance(tested, cst.Name) and scopes else [tested]
    if tested is not None and len(values) == 1 and returned_key(values[0], resolver, set_test=True):
        return returned_key(values[0], resolver, set_test=True)
    if isinstance(term, cst.Comparison) and functions:
        # `names = envs.TARGETS.split(",")`, then `if "eas" in names:`: the test of what the name holds
        return _read(term, resolver) or attribute_key(bound_names(term, functions[-1]), resolver) or \
            env_key(bound_names(term, functions[-1]), resolver) or word_key(term, outer, resolver)  # a store's word (word_switches.py)
    values = name_values(scopes[-1], term.value) if isinstance(term, cst.Name) and scopes else []
    if values:
        if len(values) != 1 or values[0] is None:
            return None
        # a bare environment read the function only tests for truth (truth_reads.py)
        return _read(values[0], resolver) or (truth_key(values[0], resolver) if returned or only_tested(scopes[-1], term.value) else None) \
            or returned_key(values[0], resolver)
    module = outer[0] if outer and isinstance(outer[0], cst.Module) else None
    bound = module_env_key(term, module, resolver)  # a module-level name bound once to an environment switch
    if bound:
        return bound
    if isinstance(term, cst.Attribute) and isinstance(term.value, cst.Name) and functions and _first_param(functions[-1]) == term.value.value:
        cls = next((n for n in reversed(outer) if isinstance(n, cst.ClassDef)), None)
        return _attribute_key(cls, term.attr.value, resolver, module) if cls is not None else None
    return _read(term, resolver) or truth_key(term, resolver) or returned_key(term, resolver)


def _any_key(term: cst.BooleanOperation, outer: Sequence[cst.CSTNode], resolver: Resolver, returned: bool) -> Optional[str]:
    """`either:K1&K2` of `A or B` when each operand reads a key (`if plex_queue_series or plex_queue_season:`, `if "--dry"
    in sys.argv or "-n" in sys.argv:`): the branch runs while any one is on, so it is off only when all are. An operand's
    own `either:` key joins as its parts would: off only when each of them is."""
    keys = [_term_key(operand, outer, resolver, returned) or "" for operand in split(term, cst.Or)]
    return EITHER + EITHER_AND.join(keys) if all(keys) else None


def _read(term: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """A configuration key, a command-line flag, an environment switch or a loaded file's item by its key path
    (config_paths.switch_path) the term tests."""
    return argv_flag(term, resolver) or read_key(term, resolver) or env_key(term, resolver) or switch_path(term, resolver) \
        or _member_key(term, resolver)


def _member_key(term: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """The key K of `"github" in settings.K`: a string is in K only while K holds something, so the test is false (or
    raises) while K is off: every value false, an empty collection (`WAFER_SSO = ()`) or a blank. A non-empty value
    without the string (`("gitlab",)`) is on, and keeps the branch; so does a string a false word or an empty
    collection's spelling that a shipped file gives K may hold (`"o" in "no"`, `"(" in "()"`, in any case), and any
    literal but a `str` (`b"ping" in data`)."""
    if not (isinstance(term, cst.Comparison) and len(term.comparisons) == 1 and isinstance(term.comparisons[0].operator, cst.In)
            and isinstance(term.left, cst.SimpleString)):
        return None
    member = literal_value(term.left)
    if not isinstance(member, str) or any(member.lower() in word for word in _OFF_SPELLINGS):
        return None
    key = read_key(term.comparisons[0].comparator, resolver)
    return key if key and not key.startswith(DEFINED) else None


def _controller_flag(chain: Sequence[cst.CSTNode], module: cst.Module, resolver: Resolver) -> Optional[str]:
    """The flag of the controller the class of the method the call is in carries: a class-level attribute
    bound to `Controller()` or to a module-level name bound so, where a method of the module's class
    `Controller` is `return "-x" in sys.argv` (see the module docstring)."""
    classes = [n for n in chain if isinstance(n, cst.ClassDef)]
    if not classes or not isinstance(classes[-1].body, cst.IndentedBlock) or not any(isinstance(n, cst.FunctionDef) for n in chain):
        return None
    flags: Dict[str, str] = {}  # controller class -> its flag
    for statement in module.body:
        if isinstance(statement, cst.ClassDef) and isinstance(statement.body, cst.IndentedBlock):
            for method in statement.body.body:
                flag = _returned_flag(method, resolver) if isinstance(method, cst.FunctionDef) else None
                if flag:
                    flags[statement.name.value] = flag
    if not flags:
        return None
    instances = {name: flags[made] for name, made in _top_level_calls(module.body) if made in flags}
    body = classes[-1].body.body
    found = {flags.get(made, "") for _, made in _top_level_calls(body)}
    for statement in body:
        small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 else None
        if isinstance(small, cst.Assign) and isinstance(small.value, cst.Name):
            found.add(instances.get(small.value.value, ""))
    found.discard("")
    return found.pop() if len(found) == 1 else None


def _top_level_calls(body: Sequence[cst.CSTNode]) -> List[Tuple[str, str]]:
    """(name, called name) of each `name = Called()` among the statements."""
    found = []
    for statement in body:
        small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 else None
        if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name) \
                and isinstance(small.value, cst.Call) and isinstance(small.value.func, cst.Name):
            found.append((small.targets[0].target.value, small.value.func.value))
    return found


def _returned_flag(method: cst.FunctionDef, resolver: Resolver) -> Optional[str]:
    """The flag key of a method whose whole body is `return "-x" in sys.argv`."""
    body = method.body.body if isinstance(method.body, cst.IndentedBlock) else ()
    small = body[0].body[0] if len(body) == 1 and isinstance(body[0], cst.SimpleStatementLine) and len(body[0].body) == 1 else None
    return argv_flag(small.value, resolver) if isinstance(small, cst.Return) and small.value is not None else None


def _first_param(function: cst.FunctionDef) -> Optional[str]:
    return function.params.params[0].name.value if function.params.params else None


def _attribute_key(cls: cst.ClassDef, attribute: str, resolver: Resolver, module: Optional[cst.Module], depth: int = 2) -> Optional[str]:
    """The one key every value the class gives `self.<attribute>` reads (or a false literal besides), or the
    key of the attribute a property of that name returns (`return self._active`), or the `runs:` key of the one
    method that sets it to `True` (`_enabling_method`)."""
    methods = [s for s in cls.body.body if isinstance(s, cst.FunctionDef)] if isinstance(cls.body, cst.IndentedBlock) else []
    for method in methods:
        if method.name.value == attribute and depth and _is_property(method):
            returned = _returned_attribute(method)
            return _attribute_key(cls, returned, resolver, module, depth - 1) if returned else None
    given = class_writes(cls, attribute)
    writes = [(method, value) for method, value in given if method is not None]
    values = [value for _, value in given]
    keys = {_read(value, resolver) if value is not None and not is_false(value) else ("" if value is not None else None) for value in values}
    keys.discard("")
    if len(keys) == 1 and None not in keys:
        return keys.pop()
    enabling = _enabling_method(writes, values, attribute, module)
    return f"{RUNS}{resolver.scope_for(cls).qualname}.{enabling.name.value}/{attribute}" if enabling is not None else None


def _enabling_method(writes: Sequence[Tuple[cst.FunctionDef, Optional[cst.BaseExpression]]], values: Sequence[Optional[cst.BaseExpression]],
                     attribute: str, module: Optional[cst.Module]) -> Optional[cst.FunctionDef]:
    """The one method, not `__init__`, that sets the attribute to `True`, when every other value the class gives it
    is a false literal and the module sets it on nothing but `self`: the attribute is on only once that method ran."""
    enabling = {id(method): method for method, value in writes if isinstance(value, cst.Name) and value.value == "True"}
    if len(enabling) != 1 or module is None:
        return None
    method = next(iter(enabling.values()))
    others = [value for value in values if not (isinstance(value, cst.Name) and value.value == "True")]
    if method.name.value == "__init__" or not all(value is not None and is_false(value) for value in others):
        return None
    return None if attribute in outside_writes(module) else method


def _is_property(method: cst.FunctionDef) -> bool:
    return any(isinstance(d.decorator, cst.Name) and d.decorator.value == "property" for d in method.decorators)


def _returned_attribute(method: cst.FunctionDef) -> Optional[str]:
    """`return self.<name>` as the property's whole body."""
    body = method.body.body if isinstance(method.body, cst.IndentedBlock) else ()
    line = body[0] if len(body) == 1 else None
    small = line.body[0] if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 else None
    value = small.value if isinstance(small, cst.Return) else None
    first = _first_param(method)
    if isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name) and value.value.value == first:
        return value.attr.value
    return None


def _module_constant(chain: Sequence[cst.CSTNode]) -> Optional[str]:
    """The module-level name the call's value is bound to (`cache = Redis.from_url(url)`, maybe in an `if`)."""
    if any(isinstance(n, (cst.FunctionDef, cst.ClassDef, cst.Lambda)) for n in chain):
        return None
    parent = chain[-2] if len(chain) > 1 else None
    if isinstance(parent, cst.Assign) and parent.value is chain[-1] and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        return parent.targets[0].target.value
    return None


def _uses(module: cst.Module, name: str) -> List[List[cst.CSTNode]]:
    """The chains (module first) of every read of the module-level `name`, outside assignments to it; one
    function that rebinds it (not `global`) shadows it there."""
    found: List[List[cst.CSTNode]] = []
    stack: List[Tuple[cst.CSTNode, List[cst.CSTNode]]] = [(module, [])]
    while stack:
        node, above = stack.pop()
        chain = [*above, node]
        if isinstance(node, cst.FunctionDef) and _binds_locally(node, name):
            continue
        if isinstance(node, cst.Name) and node.value == name:
            parent = above[-1] if above else None
            target = isinstance(parent, cst.AssignTarget) or (isinstance(parent, cst.Attribute) and parent.attr is node) \
                or isinstance(parent, (cst.Global, cst.NameItem, cst.Param))
            if not target:
                found.append(chain)
            continue
        stack.extend((child, chain) for child in reversed(children(node)))
    return found


def _binds_locally(function: cst.FunctionDef, name: str) -> bool:
    declared = any(isinstance(n, cst.Global) and any(item.name.value == name for item in n.names) for n in descendants(function))
    return not declared and bool(name_values(function, name))
