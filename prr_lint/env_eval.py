"""Environment switches evaluated: whether a test on one environment variable holds, for each value a
deployment may give the variable.

A switch read from the environment (`os.getenv("X", "false").lower() in ("1", "true")`, `os.environ.get("X",
"0") == "1"`, `bool(int(os.getenv("X", "0")))`, `strtobool(os.getenv("X", "no"))`, `os.getenv("X") is not
None`, `env.bool("X", default=False)`, `config("X", default=False, cast=bool)` of python-decouple or starlette) is decided by the value the deployment gives X. The file phase cannot see
that value, so it evaluates the test, as Python would, with X unset and with X set to each word of PROBES (the
blank `X=` of an `.env` file and the usual spellings of a boolean), and keeps the answers as a mask: `1` where
the test holds, or where it would raise (`int("yes")`: the deployment decides), `0` where it does not. The
project phase (project/switches.py) reads the mask at the values the shipped files give X; a value that is no
probe (a URL, `enabled`) counts as on.

A name in the test that the module binds once to a literal list, tuple or set of strings (`in true_strings`)
is evaluated as that literal (switch_keys.env_key).

Only a test counts (a comparison, `bool()`, `int()`, `strtobool()`, a typed boolean reader, a read whose
default is `False`, `True if <a test> else False`): a bare read (`os.getenv("SENTRY_DSN")`) is a value the deployment fills in, not a switch,
unless a guard only tests it for truth (rules/truth_reads.py evaluates it as `bool()` of the read).
"""

from __future__ import annotations

from typing import Any, Callable, Dict, FrozenSet, List, NamedTuple, Optional, Tuple

import libcst as cst

from prr_lint.tree import descendants

# The values a deployment file may give a boolean variable, the unset variable (None) first.
PROBES: Tuple[Optional[str], ...] = (
    None, "", "0", "1", "true", "false", "True", "False", "TRUE", "FALSE", "yes", "no", "Yes", "No",
    "on", "off", "y", "n", "t", "f",
)
TRUE_WORDS = frozenset({"y", "yes", "t", "true", "on", "1"})  # strtobool's, and environs'/django-environ's `bool`
FALSE_WORDS = frozenset({"n", "no", "f", "false", "off", "0"})
_READERS = frozenset({"os.getenv", "getenv", "environ.get"})
_STRING_METHODS = frozenset({"lower", "upper", "strip", "casefold"})
_CASTS: Dict[str, Callable[[Any], Any]] = {"bool": bool, "int": int, "str": str}


class _Unsupported(Exception):
    """The expression is more than a test of one environment variable."""


def env_switch(node: Optional[cst.BaseExpression],
               constant: Callable[[str], Optional[cst.BaseExpression]] = lambda name: None,
               reader: Callable[[cst.BaseExpression], bool] = lambda func: False,
               spelled: FrozenSet[str] = frozenset()) -> Optional[Tuple[str, str]]:
    """(NAME, mask over PROBES) of a test of the environment variable NAME that is false while NAME is unset;
    `constant` gives the literal a name stands for (`in true_strings`, a module's `["true", "1"]`); `reader`
    says whether a callee is a settings reader of the environment with decouple's signature (switch_keys.py);
    `spelled`, the spellings of `os.getenv` and `os.environ.get` the caller's resolver found in `node` beyond the
    usual ones (`env.get` after `from os import environ as env`)."""
    if node is None:
        return None
    decoupled = _decouple_read(node, reader)
    if decoupled is not None:
        return decoupled
    readers = _READERS | spelled
    if not _is_test(node, readers):
        return None
    attributes = {id(found.attr) for found in descendants(node) if isinstance(found, cst.Attribute)}
    for name in [found for found in descendants(node) if isinstance(found, cst.Name) and id(found) not in attributes]:
        literal = constant(name.value)
        node = node.deep_replace(name, literal) if literal is not None else node  # type: ignore[assignment]
    reads = [(found, read) for found, read in ((found, _read(found, readers)) for found in (node, *descendants(node))) if read is not None]
    if len(reads) != 1:
        return None
    call, (name, kind, default) = reads[0]
    try:
        mask = "".join(_holds(node, _Read(call, kind, default), value) for value in PROBES)
    except _Unsupported:
        return None
    return (name, mask) if mask[0] == "0" else None


def _decouple_read(node: cst.BaseExpression, reader: Callable[[cst.BaseExpression], bool]) -> Optional[Tuple[str, str]]:
    """(NAME, mask) of `config("NAME", default=<false literal>, cast=bool)` (python-decouple's `config`, a
    starlette `Config`): unset, the default; set, the value cast to a boolean (a word it cannot cast fails
    the service: the deployment decides). Without `cast` a set value is its string, true unless empty."""
    if not isinstance(node, cst.Call) or not node.args or node.args[0].keyword or not reader(node.func):
        return None
    name = node.args[0].value.evaluated_value if isinstance(node.args[0].value, cst.SimpleString) else None
    given: Dict[str, cst.BaseExpression] = {}
    for position, arg in enumerate(node.args[1:]):
        if arg.star or (arg.keyword is None and position > 1):
            return None
        given[arg.keyword.value if arg.keyword else ("default", "cast")[position]] = arg.value
    cast = given.get("cast")
    default = _literal(given["default"]) if "default" in given else _UNKNOWN
    if not isinstance(name, str) or set(given) - {"default", "cast"} or cast is not None and _callee(cast) != "bool":
        return None
    if default is _UNKNOWN or default is None or default and not (cast is not None and isinstance(default, str) and default.lower() in ("false", "0")):
        # no default, or decouple's `None` a boolean cast fails on (the service fails unset), or a true one
        return None
    mask = "".join("0" if value is None or (value == "" if cast is None else _cast_false(value)) else "1" for value in PROBES)
    return name, mask


def _cast_false(value: str) -> bool:
    """A boolean cast (decouple's, starlette's) turns the value false; a word it cannot cast fails: not false."""
    return value.strip().lower() in ("", "0", "no", "false", "off")


def holds(mask: str, value: str) -> bool:
    """Whether the switch of `mask` is on when the deployment sets its variable to `value`."""
    return value not in PROBES or mask[PROBES.index(value)] == "1"


def _is_test(node: cst.BaseExpression, readers: FrozenSet[str]) -> bool:
    """A comparison, a conversion to a truth value, a typed boolean reader, or a read defaulting to `False`."""
    if isinstance(node, cst.Comparison):
        return True
    if isinstance(node, cst.Call) and _callee(node.func) in ("bool", "int", "strtobool"):
        return True
    if isinstance(node, cst.IfExp):  # `True if os.environ.get("X") == "True" else False`
        return _is_test(node.test, readers) and all(_literal(branch) in (True, False) for branch in (node.body, node.orelse))
    read = _read(node, readers)
    return read is not None and (read[1] == "bool" or read[2] is False)


class _Read(NamedTuple):
    """The one read of the environment a test makes: the call, `str` or `bool`, and its default."""

    call: cst.Call
    kind: str
    default: Any


def _holds(test: cst.BaseExpression, read: _Read, value: Optional[str]) -> str:
    try:
        return "1" if _evaluate(test, read, value) else "0"
    except (TypeError, ValueError, AttributeError):
        return "1"  # the service fails or the deployment decides: not known to be off


def _evaluate(node: cst.BaseExpression, read: _Read, value: Optional[str]) -> Any:
    """`node`'s value with the read giving `value` (None: unset, the read's default)."""
    if node is read.call:
        if value is None:
            return read.default
        return _typed_bool(value) if read.kind == "bool" else value
    if isinstance(node, (cst.SimpleString, cst.Integer)):
        return node.evaluated_value
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[node.value]
    if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
        return tuple(_evaluate(element.value, read, value) for element in node.elements)
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
        return not _evaluate(node.expression, read, value)
    if isinstance(node, cst.IfExp):
        return _evaluate(node.body if _evaluate(node.test, read, value) else node.orelse, read, value)
    if isinstance(node, cst.BooleanOperation):
        left = _evaluate(node.left, read, value)
        if isinstance(node.operator, cst.And):
            return left and _evaluate(node.right, read, value)
        return left or _evaluate(node.right, read, value)
    if isinstance(node, cst.Comparison) and len(node.comparisons) == 1:
        return _compare(_evaluate(node.left, read, value), node.comparisons[0].operator,
                        _evaluate(node.comparisons[0].comparator, read, value))
    if isinstance(node, cst.Call) and not node.args and isinstance(node.func, cst.Attribute) and node.func.attr.value in _STRING_METHODS:
        return getattr(_evaluate(node.func.value, read, value), node.func.attr.value)()
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "split" \
            and len(node.args) <= 1 and not any(arg.keyword or arg.star for arg in node.args):
        # `os.getenv("TARGETS", "logger").split(",")`: a list of names, tested with `in`
        separator = [_evaluate(arg.value, read, value) for arg in node.args]
        return tuple(_evaluate(node.func.value, read, value).split(*separator))
    if isinstance(node, cst.Call) and len(node.args) == 1 and not node.args[0].keyword:
        argument = _evaluate(node.args[0].value, read, value)
        callee = _callee(node.func)
        if callee == "strtobool":
            return _strtobool(argument)
        if callee in _CASTS:
            return _CASTS[callee](argument)
    raise _Unsupported


def _compare(left: Any, operator: cst.BaseCompOp, right: Any) -> bool:
    comparisons: List[Tuple[type, Callable[[Any, Any], bool]]] = [
        (cst.Equal, lambda a, b: a == b), (cst.NotEqual, lambda a, b: a != b),
        (cst.In, lambda a, b: a in b), (cst.NotIn, lambda a, b: a not in b),
        (cst.Is, lambda a, b: a is b), (cst.IsNot, lambda a, b: a is not b),
    ]
    for kind, compare in comparisons:
        if isinstance(operator, kind):
            return compare(left, right)
    raise _Unsupported


def _strtobool(text: Any) -> int:
    """distutils' strtobool: 1 or 0 for a boolean word, ValueError for anything else."""
    word = text.lower()
    if word in TRUE_WORDS:
        return 1
    if word in FALSE_WORDS:
        return 0
    raise ValueError(text)


def _typed_bool(text: str) -> bool:
    """A typed reader's boolean (`env.bool`): a true or false word, else the reader fails."""
    return bool(_strtobool(text.strip()))


def _callee(func: cst.BaseExpression) -> str:
    """The called name: `strtobool` of `distutils.util.strtobool`, `bool`."""
    return func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""


def _read(node: cst.CSTNode, readers: FrozenSet[str] = _READERS) -> Optional[Tuple[str, str, Any]]:
    """(NAME, `str` or `bool`, the default) of `os.getenv("NAME"[, default])`, `os.environ.get(...)` (a
    literal default, positional or `default=`), or `env.bool("NAME", default=<literal>)` (django-environ's and environs' reader; with
    no default an unset variable is an error, so no switch)."""
    if not isinstance(node, cst.Call) or not isinstance(node.args[0].value if node.args else None, cst.SimpleString):
        return None
    name = node.args[0].value.evaluated_value  # type: ignore[union-attr]
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value == "bool" and isinstance(func.value, cst.Name) and len(node.args) == 2:
        keyword, default = node.args[1].keyword, _literal(node.args[1].value)
        return (name, "bool", default) if (keyword is None or keyword.value == "default") and default is not _UNKNOWN else None
    receiver = func.value if isinstance(func, cst.Attribute) else None
    dotted = f"{receiver.value}.{func.attr.value}" if isinstance(receiver, cst.Name) else \
        f"environ.{func.attr.value}" if isinstance(receiver, cst.Attribute) and receiver.attr.value == "environ" else \
        (func.value if isinstance(func, cst.Name) else "")
    # the default may be passed by its keyword (`os.environ.get("X", default=0)`: Mapping.get's and os.getenv's `default`)
    if dotted not in readers or len(node.args) > 2 or any(arg.star for arg in node.args) or node.args[0].keyword \
            or len(node.args) == 2 and node.args[1].keyword is not None and node.args[1].keyword.value != "default":
        return None
    default = _literal(node.args[1].value) if len(node.args) == 2 else None
    return (name, "str", default) if default is not _UNKNOWN else None


_UNKNOWN = object()


def _literal(node: cst.BaseExpression) -> Any:
    """A literal default's value, or _UNKNOWN."""
    if isinstance(node, (cst.SimpleString, cst.Integer)):
        return node.evaluated_value
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[node.value]
    return _UNKNOWN
