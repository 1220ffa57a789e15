"""Calls that run only for some values of a parameter, and the literals each call site passes (PRR501, PRR505).

`if commit: db_session.commit()`, `if not files: ...; else: c.perform()`, `elif method.lower() == "delete":
requests.delete(...)`, `if dry_run: ...`: the call runs only when the parameter holds a value that makes the test
true. A finding there carries a `param-guard:` subject (the function, the parameter, its position, the test and
its default); the summary tags each call with arguments with `call-args:<callee>=<codes>`, the literal (or `?`)
each argument passes, and each call of a method on a receiver of no known type with `call-args:?.<method>=<codes>`
(arguments or not). The project phase (project/param_guards.py) drops the finding when every caller passes (or
leaves as default) a literal that makes the test false. The subject's test is one on the caller's value: a parameter the
function rebinds gets one only when each rebinding is its own case fold or a plain literal that fails the test too
(`_caller_test`: django-crm's `request_type = request_type.upper()`, then `request_type = 'GET'` for a verb it does not know),
and a truth test or a comparison with an empty container only of one whose items the function leaves alone
(last_binding.items_changed: `opts["retry"] = True`, then `if opts != {}:`).

Codes of a value: `T`, `F`, `N` (True, False, None), `n<number>`, `s<text>` (a short string), `h` (a string that
is a loopback address but spells a separator: `"http://localhost:3000"`, whose text a code cannot hold: PRR501 asks
only whether a call passes one), `k<KEY>` (an attribute spelled as a configuration key, `self.opt.TTS_SERVER`:
PRR501 reads it as that key; so a read of one, `config["REDIS_HOST"]`, switch_keys.config_read; a loaded configuration
mapping or its item by a key path, `config["redis"]["host"]` or an INI parser's `parser.get("redis", "host")`: its
`config-path:` key, config_paths.py; an INI file's switch, `parser.getboolean("SERVICE", "debug_mode")`: its `ini:` key,
ini_keys.py; a module's lower-case global, `config.email_ssl`: its `global:` key, env_globals.py), `e[`, `e(`, `e{`, `eb` (an
empty list, tuple, dict, bytes: all false, but no two equal, `[] != ()`), `c` (a non-empty container literal or bytes:
`payload=b""` is `eb`, never None), `@<name>/<position>/<default>` (the caller's own parameter passed
on: its position among the caller's positional parameters, -1 when keyword-only, and the code of its default),
`*@<n>`/`**@` (the caller's own `*args`, which follows its first n positional parameters, or `**kwargs`, passed on),
`x` (the text of a traceback, never empty: `traceback.format_exc()`, or a local one of whose bindings holds it; stack_output.py),
`*`/`**` (other unpacked arguments), `?` (anything else). A local name the function binds once, to a literal, stands
for it (`headers = {...}` then `f(headers=headers)`), as its binding table (scopes.py) tells. Tests: `T`/`F` (truthy/falsy), `=<code>`, `!<code>` (equal, not
equal), `~<code>` (equal ignoring case: `p.lower() == "x"`).
"""

from __future__ import annotations

from ast import literal_eval
from typing import Callable, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.loopback_hosts import loopback_address
from prr_lint.config_paths import bound_once, path_key
from prr_lint.ini_keys import ini_key
from prr_lint.last_binding import items_changed, rebound_unlisted
from prr_lint.model import UNTYPED_CALL
from prr_lint.resolve import Resolver
from prr_lint.rules.env_globals import global_read
from prr_lint.rules.guards import guarding_terms, split
from prr_lint.scopes import Binding, Scope
from prr_lint.stack_output import formats_traceback
from prr_lint.switch_keys import LOOPBACK_READ, config_read, is_key, loopback_read
from prr_lint.tree import KindOf, literal_value, names_in

PARAM_GUARD = "param-guard:"
TRACEBACK_TEXT = "x"  # the code of the text of a traceback (module docstring)
CALL_ARGS = "call-args:"
_SEPARATORS = (",", "=", ";", "|", ":")
_FOLDS = frozenset({"upper", "lower", "casefold"})
_COMPREHENSIONS = KindOf(cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
# value_code's questions, asked of every argument of every call
_IS_NAME, _IS_NUMBER, _IS_STRING = KindOf(cst.Name), KindOf(cst.Integer, cst.Float), KindOf(cst.SimpleString)
_IS_COLLECTION = KindOf(cst.List, cst.Tuple, cst.Set, cst.Dict)
_IS_ATTRIBUTE = KindOf(cst.Attribute)
# the codes of empty containers: each kind its own, `[] != ()` (a set literal is never empty)
_EMPTY = {cst.List: "e[", cst.Tuple: "e(", cst.Dict: "e{", cst.Set: "e{"}


def value_code(value: cst.BaseExpression) -> str:
    """The code of an argument's value (see the module docstring)."""
    kind = type(value)
    if _IS_NAME[kind]:
        return {"True": "T", "False": "F", "None": "N"}.get(value.value, "?")
    if _IS_NUMBER[kind]:
        return f"n{value.value}"
    if _IS_STRING[kind]:
        text = literal_value(value)
        if isinstance(text, str) and len(text) <= 60 and not any(s in text for s in _SEPARATORS):
            return f"s{text}"
        if isinstance(text, bytes):
            return "c" if text else "eb"  # bytes: no string, truthy unless empty
        return "h" if isinstance(text, str) and loopback_address(text) else "?"
    if _IS_COLLECTION[kind]:
        return "c" if value.elements else _EMPTY[kind]
    if _IS_ATTRIBUTE[kind] and is_key(value.attr.value):
        return f"k{value.attr.value}"
    return "?"


def call_args_tag(node: cst.Call, callee: str, function: Optional[cst.FunctionDef], scope: Optional[Scope] = None,
                  within: Sequence[cst.CSTNode] = (), resolver: Optional[Resolver] = None) -> str:
    """`call-args:<callee>=<code>,<kw>=<code>` for a call in `function` (`scope`: its resolver scope; `within`: nodes
    around the call, those outside the function included) with arguments, or of a method of a receiver of no known
    type (`?.<method>`); "" for another call without arguments. With the `resolver`, a value read from a loaded
    configuration mapping by a key path, or the mapping itself, is `k` and its `config-path:` key (config_paths.py)."""
    if not node.args and not callee.startswith(UNTYPED_CALL):
        return ""
    codes = []
    for arg in node.args:
        if arg.star:
            codes.append(arg.star + _forwarded(arg, function))
            continue
        code = value_code(arg.value)
        if code == "?" and isinstance(arg.value, cst.Name) and function is not None and scope is not None:
            code = _name_code(function, scope, arg.value.value, within)
        if code == "?" and resolver is not None:
            found = _ini_read(arg.value, resolver, scope) or path_key(arg.value, resolver, scope) or _read_key(arg.value, resolver) \
                or global_read(arg.value, resolver, scope)
            code = "k" + found if found is not None else TRACEBACK_TEXT if formats_traceback(arg.value, resolver) else code
        codes.append(code if arg.keyword is None else f"{arg.keyword.value}={code}")
    return f"{CALL_ARGS}{callee}={','.join(codes)}"


def _read_key(value: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """The configuration key a value is read by (`config["REDIS_HOST"]`, `settings.get("REDIS_HOST")`: switch_keys.
    config_read), marked `loopback-read:` when the read defaults to a loopback address, as socket_targets reads it."""
    key = config_read(value, resolver)
    return None if key is None else LOOPBACK_READ + key if loopback_read(value, resolver) else key


def _ini_read(value: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope]) -> Optional[str]:
    """The `ini:` key of an INI file's switch read (`parser.getboolean("SERVICE", "debug_mode")`: ini_keys.py), passed
    as it is or through a name bound once to it (`debug = parser.getboolean(...)`, then `preproc.retrieve_licenses(debug)`:
    config_paths.bound_once, as path_key reads one), its reader looked up where the read is."""
    scope = scope or resolver.scope
    if isinstance(value, cst.Name):
        bound = bound_once(value, resolver, scope)
        if bound is None:
            return None
        value, scope = bound.value, bound.scope  # type: ignore[assignment]
    return ini_key(value, resolver, scope)


def _name_code(function: cst.FunctionDef, scope: Scope, name: str, within: Sequence[cst.CSTNode]) -> str:
    """The code of a bare name a call in `function` passes, from the function's binding table (scopes.py): a name
    bound once, to a literal, holds it wherever it is read (before the binding it is no value at all); one bound only
    by lines of the function's own body holds what the last of them before the call's line gave it; a parameter never
    rebound nor changed in its items (last_binding.py) is the caller's value passed on. An empty container (items may be put in) or one a statement takes items
    out of, `global`, or a name a comprehension around the call binds tells nothing."""
    bindings = scope.bindings.get(name, ())
    if not bindings or name in scope.global_names:
        return "?"
    if len(bindings) == 1 and bindings[0].kind == "param":
        passed_on = not items_changed(scope, name) and not rebound_unlisted(scope, name)  # else not what its callers passed
        slot = parameter_slot(function, name, False) if passed_on else None
        code = "?" if slot is None else f"@{name}/{slot[0]}/{slot[1]}"
    else:
        code = _literal(bindings, scope.emptied, name, lambda: _line(function, within))
    return "?" if code != "?" and _shadowed(name, function, within) else code


def _shadowed(name: str, function: cst.FunctionDef, within: Sequence[cst.CSTNode]) -> bool:
    """A comprehension between `function` and the call binds `name` (it hides the function's own inside it)."""
    for node in reversed(within):
        if node is function:
            return False
        if _COMPREHENSIONS[type(node)] and name in _comprehension_names(node):
            return True
    return False


def _literal(bindings: Sequence[Binding], emptied: Set[str], name: str, call_line: Callable[[], int]) -> str:
    """The code of the literal a local holds at a call (`call_line`: the index of the call's line in the body)."""
    binding: Optional[Binding] = bindings[0] if len(bindings) == 1 else None
    if binding is None and all(b.line >= 0 for b in bindings):
        line = call_line()
        binding = next((b for b in reversed(bindings) if b.line < line), None)
    if binding is None or binding.kind not in ("value", "alias") or binding.value is None:
        return "?"
    code = value_code(binding.value)
    return "?" if code[0] == "e" or (code == "c" and name in emptied) else code


def _line(function: cst.FunctionDef, within: Sequence[cst.CSTNode]) -> int:
    """The index in `function`'s body of the line `within` (nodes from outside it down to a call) passes through."""
    at = next((i for i in range(len(within) - 1, -1, -1) if within[i] is function), None)
    if at is None or len(within) < at + 3 or within[at + 1] is not function.body:
        return -1
    return next((i for i, line in enumerate(function.body.body) if line is within[at + 2]), -1)  # type: ignore[attr-defined]


def _comprehension_names(node: cst.BaseComp) -> Set[str]:
    """The names a comprehension's `for` clauses bind."""
    names: Set[str] = set()
    clause: Optional[cst.CompFor] = node.for_in
    while clause is not None:
        names |= names_in(clause.target)
        clause = clause.inner_for_in
    return names


def call_arguments(tags: Iterable[str]) -> Iterator[Tuple[str, str]]:
    """(callee, argument codes as written) of each `call-args:` tag among a function's tags."""
    for tag in tags:
        if tag.startswith(CALL_ARGS):
            callee, _, codes = tag[len(CALL_ARGS):].partition("=")
            yield callee, codes


def _forwarded(arg: cst.Arg, function: Optional[cst.FunctionDef]) -> str:
    """`@<n>` for the function's own `*args` (n: its positional parameters before it), `@` for its own
    `**kwargs`, "" for anything else unpacked."""
    if function is None or not isinstance(arg.value, cst.Name):
        return ""
    p = function.params
    star = p.star_arg if arg.star == "*" else p.star_kwarg
    if not isinstance(star, cst.Param) or star.name.value != arg.value.value:
        return ""
    return f"@{len(p.posonly_params) + len(p.params)}" if arg.star == "*" else "@"


def guard_subjects(chain: Sequence[cst.CSTNode], qualname: str, is_method: bool, scope: Scope) -> Tuple[str, ...]:
    """`param-guard:<qualname>=<param>@<position>:<test>:<default>` for each test on a parameter of the innermost
    function that must hold for the last node of `chain` to run (position -1: keyword-only; the first
    parameter of a method is not counted), as a test on what its caller passed (`_caller_test`; `scope`: the
    function's resolver scope)."""
    start = next((i for i in range(len(chain) - 1, -1, -1) if isinstance(chain[i], (cst.FunctionDef, cst.Lambda))), None)
    if start is None or not isinstance(chain[start], cst.FunctionDef):
        return ()
    function = chain[start]
    inner = chain[start:]
    shadowed = _comprehended(inner)
    found: List[str] = []
    for term, negated in _terms(inner):
        test = parameter_test(term, negated)
        if test is None or test[0] in shadowed:
            continue
        name, condition = test
        slot = parameter_slot(function, name, is_method)
        caller_test = _caller_test(scope, name, condition) if slot is not None else None
        if slot is not None and caller_test is not None:
            found.append(f"{PARAM_GUARD}{qualname}={name}@{slot[0]}:{caller_test}:{slot[1]}")
    return tuple(found)


def _caller_test(scope: Scope, name: str, condition: str) -> Optional[str]:
    """The test on the caller's value of the parameter `name` that fails wherever `condition` fails for that value,
    None when the function may give the name a value the caller's does not settle. The binding table (scopes.py) lists
    every statement that binds it; a walrus or a nested def's `nonlocal` it does not list (last_binding.py). When each
    binding after the parameter is its own case fold (`method = method.upper()`) or a plain literal (`method = "GET"`
    under `if method not in ALLOWED:`), whatever their order, branch or loop, every value the name ever holds is the
    caller's, a fold of it, one of those literals or a fold of one: the test stands for the caller's value (ignoring
    case when there is a fold: a value that fails it fails the plain test too, before or after the fold) when each
    literal fails it (ignoring case as well); any other binding (`method = method or "GET"`, `+=`, a loop target, a
    tuple unpacked, `with open(path) as method`), `global` or a literal that passes it (`method = "POST"`) says nothing.
    Nor does a truth test or a comparison with an empty container of a name whose items the def may change
    (last_binding.items_changed: `opts["retry"] = True`, `items.append(x)`): the caller's `{}` may be filled by then."""
    bindings = scope.bindings.get(name, ())
    if not bindings or bindings[0].kind != "param" or name in scope.global_names:
        return None
    folded = False
    literals: List[str] = []
    for binding in bindings[1:]:
        if _folds(binding.value, name):
            folded = True
            continue
        code = value_code(binding.value) if binding.value is not None else "?"
        if not (code in ("T", "F", "N") or code[0] in "sn"):
            return None  # not a literal whose every test `holds` settles
        literals.append(code)
    if rebound_unlisted(scope, name) or (condition in ("T", "F") or condition[1] == "e") and items_changed(scope, name):
        return None  # a value no binding lists, or a container whose items the function changes (last_binding.py)
    test: Optional[str] = condition
    if folded and condition not in ("T", "F") and condition[0] != "~":
        test = f"~{condition[1:].lower()}" if condition.startswith("=s") else None
    if test is None or any(holds(code, test) is not False for code in literals):
        return None
    return test


def _comprehended(chain: Sequence[cst.CSTNode]) -> Set[str]:
    """The names a comprehension around the last node binds: a test of one there is not of the parameter
    (`[post(u) if verb == "POST" else None for verb in verbs]`)."""
    return {name for node in chain if _COMPREHENSIONS[type(node)] for name in _comprehension_names(node)}


def _folds(value: Optional[cst.BaseExpression], name: str) -> bool:
    """`name.upper()` (or `.lower()`, `.casefold()`)."""
    return (isinstance(value, cst.Call) and not value.args and isinstance(value.func, cst.Attribute)
            and value.func.attr.value in _FOLDS and isinstance(value.func.value, cst.Name) and value.func.value.value == name)


def _terms(chain: Sequence[cst.CSTNode]):
    """(term, negated) for each term the last node runs under: `if` bodies and early exits
    (rules/guards.py), the `else` of an `if` or of a conditional expression (each `or` term of its test,
    negated), and the body of a `for` over a bare name (it runs only when the name holds a non-empty
    iterable: a truthy test)."""
    yield from ((term, False) for term, _ in guarding_terms(chain, with_else=True))
    for parent, child in zip(chain, chain[1:]):
        if (isinstance(parent, cst.If) and isinstance(parent.orelse, cst.Else) and child is parent.orelse) \
                or (isinstance(parent, cst.IfExp) and child is parent.orelse):
            yield from ((term, True) for term in split(parent.test, cst.Or))
        elif isinstance(parent, cst.For) and child is parent.body and isinstance(parent.iter, cst.Name):
            yield parent.iter, False


def parameter_test(term: cst.BaseExpression, negated: bool) -> Optional[Tuple[str, str]]:
    """(parameter name, test code) of a term on a bare name: `p`, `not p`, `p == "x"`, `p.lower() != "x"`,
    `p is None`."""
    while isinstance(term, cst.UnaryOperation) and isinstance(term.operator, cst.Not):
        term, negated = term.expression, not negated
    if isinstance(term, cst.Name):
        return term.value, "F" if negated else "T"
    if not (isinstance(term, cst.Comparison) and len(term.comparisons) == 1):
        return None
    operator, right = term.comparisons[0].operator, term.comparisons[0].comparator
    equal = isinstance(operator, (cst.Equal, cst.Is))
    if not equal and not isinstance(operator, (cst.NotEqual, cst.IsNot)):
        return None
    left, fold = term.left, False
    if isinstance(left, cst.Call) and not left.args and isinstance(left.func, cst.Attribute) and left.func.attr.value in ("lower", "casefold"):
        left, fold = left.func.value, True
    code = value_code(right)
    if not isinstance(left, cst.Name) or code in ("?", "c", "h") or code[0] == "k" or (fold and not code.startswith("s")):
        return None
    if code[0] == "e" and isinstance(operator, (cst.Is, cst.IsNot)):
        return None  # `p is []` is never true (a new list), `p is ()` as the implementation has it
    if fold:
        return (left.value, f"~{code.lower()}") if equal != negated else None
    return left.value, ("=" if equal != negated else "!") + code


def parameter_slot(function: cst.FunctionDef, name: str, is_method: bool) -> Optional[Tuple[int, str]]:
    """(position, default code) of the parameter `name`; None when it is not one (or is `*args`)."""
    p = function.params
    positional = [*p.posonly_params, *p.params]
    if is_method and positional:
        positional = positional[1:]
    for position, param in enumerate(positional):
        if param.name.value == name:
            return position, value_code(param.default) if param.default is not None else ""
    for param in p.kwonly_params:
        if param.name.value == name:
            return -1, value_code(param.default) if param.default is not None else ""
    return None


def holds(code: str, test: str) -> Optional[bool]:
    """Whether a value of `code` makes the test true; None when the code tells nothing."""
    if not code or code[0] in "?@*k":
        return None
    if test in ("T", "F"):
        number = _number(code) if code[0] == "n" else None
        if code[0] == "n" and number is None:
            return None
        truthy = number != 0 if number is not None else code not in ("F", "N", "s") and code[0] != "e"
        return truthy == (test == "T")
    if test[0] == "~":
        if code[0] != "s":
            return False
        # `~` is the fold of an ASCII text: `"ß".upper() == "SS"`, so a text outside ASCII may fold into one
        return code.lower() == test[1:] if code.isascii() else None
    equal = _equal(code, test[1:])
    return None if equal is None else equal == (test[0] == "=")


def _equal(code: str, other: str) -> Optional[bool]:
    """Whether values of two codes are equal; None for numbers or booleans spelt apart whose values are equal (or that
    the code does not spell as Python reads them): `True == 1` and `1.0 == 1`, but `True is not 1`, and a test's code
    does not tell `==` from `is`."""
    if code != other and code[0] in "nTF" and other[0] in "nTF":
        first, second = _number(code), _number(other)
        return False if first is not None and second is not None and first != second else None
    return code == other


def _number(code: str) -> Optional[float]:
    """The value of a number's or boolean's code (`n0x10`, `n1_000`, `T`); None when Python would read it otherwise."""
    if code in ("T", "F"):
        return float(code == "T")
    try:
        value = literal_eval(code[1:])
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def call_guards(ancestors: Sequence[cst.CSTNode], node: cst.CSTNode, function) -> Tuple[str, ...]:
    """The `param-guard:` subjects of a finding at `node` in the resolver scope `function` (None at module level)."""
    if function is None:
        return ()
    is_method = function.parent is not None and function.parent.kind == "class"
    return guard_subjects([*ancestors, node], function.qualname, is_method, function)


def runs_with_value(chain: Sequence[cst.CSTNode], name: str) -> bool:
    """The last node of `chain` runs only when the innermost function's `name` is not None: under `if name:` or
    `if name is not None:`, or in the `else` of `if name is None` (a statement or a conditional expression)."""
    start = next((i for i in range(len(chain) - 1, -1, -1) if isinstance(chain[i], (cst.FunctionDef, cst.Lambda))), 0)
    return name not in _comprehended(chain[start:]) and any(test is not None and test[0] == name and test[1] in ("T", "!N")
               for test in (parameter_test(term, negated) for term, negated in _terms(chain[start:])))
