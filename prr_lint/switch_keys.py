"""Configuration switches: the key a guard reads, and the values statements give keys.

A feature a deployment may leave off is guarded by a configuration key (`if app.config["CRONITOR_ENABLED"]:`,
`if not settings.FEATURE_ENABLED: return`). The file phase names the key a guard reads (`read_key`) and every
value a statement gives a key anywhere in the project (`write_marks`: a config class attribute, a settings
module constant, `app.config["K"] = ...`, `config.update(K=...)`, `setattr(x, "K", v)`, `{"K": ...}`). A value
is `off` when it is `False`, a decision to leave the feature off, and `on` otherwise: a true literal, a
computed value, a read of the environment (the deployment decides), `None` or `""` (a blank the deployment
fills in: an address, a secret). The project phase merges them with the shipped configuration files
(project/switches.py).
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

import libcst as cst

from prr_lint.loopback_hosts import loopback_address
from prr_lint.resolve import Resolver

# Module tag: a statement gives the key a value (`sets-key:K=off` for `False`, `=loopback` for a loopback
# address, a value that is on as a switch, else `=on`).
SETS_KEY = "sets-key:"
OFF, ON, LOOPBACK = "off", "on", "loopback"
# A value read from the environment that is off while the variable is unset: `env:NAME`.
ENV = "env:"
# Guard key of a literal command-line flag (`if "-wild" in sys.argv:`): on only when the program's command
# line passes it, which the deployment's launch files say (project/switches.py).
ARGV_FLAG = "argv:"
_KEY = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")
_FLAG = re.compile(r"^--?[A-Za-z0-9][\w-]*$")
_CONFIG_HOLDERS = frozenset({"config", "settings", "conf"})


def is_key(text: str) -> bool:
    """A configuration key by the convention every framework shares: upper case words joined by `_`."""
    return bool(_KEY.match(text))


def _string(node: Optional[cst.BaseExpression]) -> Optional[str]:
    value = node.evaluated_value if isinstance(node, cst.SimpleString) else None
    return value if isinstance(value, str) else None


def is_false(node: Optional[cst.BaseExpression]) -> bool:
    """A Python false literal: `False`, `None`, `0`, `""`, an empty list, dict or tuple."""
    if isinstance(node, cst.Name):
        return node.value in ("False", "None")
    if isinstance(node, cst.Integer):
        return node.evaluated_value == 0
    if isinstance(node, (cst.List, cst.Tuple, cst.Dict)):
        return not node.elements
    return _string(node) == ""


def value_kind(node: Optional[cst.BaseExpression]) -> str:
    """`off` for `False`, a decision; `loopback` for a loopback address (on, as a switch); `env:NAME` for a read of the environment variable NAME that is false
    when the variable is unset (off unless a deployment file sets it, project/switches.py); `on` for anything
    else: `None` or `""` is a blank the deployment fills in (an address, a secret)."""
    if isinstance(node, cst.Name) and node.value == "False":
        return OFF
    text = _string(node)
    if text and loopback_address(text):
        return LOOPBACK  # an address (`"127.0.0.1"`) a client may connect to (config_read, project/switches.py)
    name = env_default_off(node)
    return ENV + name if name else ON


def env_default_off(node: Optional[cst.BaseExpression]) -> Optional[str]:
    """NAME when `node` is false while the environment variable NAME is unset: `os.environ.get("X") in ("1",
    "true")`, `os.getenv("X", "false").lower() == "true"`, `bool(os.getenv("X"))`, `os.environ.get("X", False)`."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "bool" and len(node.args) == 1:
        read = _env_read(node.args[0].value)
        return read[0] if read is not None and not read[1] else None
    if isinstance(node, cst.Comparison) and len(node.comparisons) == 1:
        read, target = _env_read(node.left), node.comparisons[0]
        if read is None:
            return None
        if isinstance(target.operator, cst.Equal):
            wanted = [_string(target.comparator)]
        elif isinstance(target.operator, cst.In) and isinstance(target.comparator, (cst.Tuple, cst.List, cst.Set)):
            wanted = [_string(element.value) for element in target.comparator.elements]
        else:
            return None
        return read[0] if None not in wanted and read[1] not in wanted else None
    read = _env_read(node) if isinstance(node, cst.Call) else None
    return read[0] if read is not None and read[2] else _typed_env_read(node)


def _typed_env_read(node: Optional[cst.BaseExpression]) -> Optional[str]:
    """NAME of `env.bool("NAME", default=False)` (django-environ's and environs' typed reader, also with a
    positional default): false while the variable is unset; with no default an unset variable is an error."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "bool"
            and isinstance(node.func.value, cst.Name) and len(node.args) == 2 and not node.args[0].keyword):
        return None
    default = node.args[1]
    name = _string(node.args[0].value)
    keyword = default.keyword.value if default.keyword is not None else "default"
    return name if name and keyword == "default" and is_false(default.value) else None


def _env_read(node: Optional[cst.BaseExpression]) -> Optional[Tuple[str, Optional[str], bool]]:
    """(NAME, the default as a string or None, whether the default is the literal `False`) of
    `os.environ.get("NAME"[, default])` or `os.getenv(...)`, maybe with `.lower()`/`.strip()` applied."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in ("lower", "strip") and not node.args:
        read = _env_read(node.func.value)
        return (read[0], read[1].strip().lower() if read[1] is not None else None, read[2]) if read is not None else None
    if not isinstance(node, cst.Call) or not 1 <= len(node.args) <= 2 or any(arg.keyword or arg.star for arg in node.args):
        return None
    func = node.func
    dotted = f"{func.value.value}.{func.attr.value}" if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) else \
        f"environ.{func.attr.value}" if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Attribute) \
        and func.value.attr.value == "environ" else (func.value if isinstance(func, cst.Name) else "")
    name = _string(node.args[0].value)
    if dotted not in ("os.getenv", "getenv", "environ.get") or not name:
        return None
    default = node.args[1].value if len(node.args) == 2 else None
    if default is not None and _string(default) is None and not (isinstance(default, cst.Name) and default.value in ("None", "False")):
        return None
    text = _string(default) if default is not None else None
    return name, text, isinstance(default, cst.Name) and default.value == "False"


def read_key(term: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """The key a guard's term reads: `X.config["K"]`, `X.config.get("K")` or `getattr(settings, "K")` (with no
    default or a false one), `settings.K` or a constant `K` (of any module: the project phase looks its values up)."""
    if isinstance(term, cst.Call) and isinstance(term.func, cst.Name) and term.func.value == "bool" and len(term.args) == 1:
        term = term.args[0].value
    if isinstance(term, cst.Subscript):
        key = _string(_index(term))
        return key if key and is_key(key) and _holder(term.value) else None
    if isinstance(term, cst.Call):
        func, args = term.func, [arg.value for arg in term.args]
        if isinstance(func, cst.Attribute) and func.attr.value == "get" and _holder(func.value) and 1 <= len(args) <= 2:
            key = _string(args[0])
        elif isinstance(func, cst.Name) and func.value == "getattr" and 2 <= len(args) <= 3:
            key = _string(args[1])
        else:
            return None
        default_off = len(args) < (3 if isinstance(func, cst.Name) else 2) or is_false(args[-1])
        return key if key and is_key(key) and default_off else None
    if isinstance(term, (cst.Name, cst.Attribute)):
        last = term.value if isinstance(term, cst.Name) else term.attr.value
        if not is_key(last):
            return None
        if isinstance(term, cst.Name):
            bindings = resolver.lookup(last, resolver.module_scope)
            if bindings and not all(b.kind in ("value", "import", "alias") for b in bindings):
                return None
            return last if bindings or resolver.qualified_name(term, resolver.module_scope) else None
        return last if resolver.qualified_name(term, resolver.module_scope) else None
    return None


def config_read(node: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """The key a value is read from configuration by: `CONFIG.get("K")`, `conf["K"]`, `os.environ.get("K")`,
    `os.getenv("K")`, `getattr(settings, "K")`, with no default or a loopback one; None for anything else."""
    if isinstance(node, cst.Subscript):
        key = _string(_index(node))
        return key if key and is_key(key) else None
    if not isinstance(node, cst.Call) or any(arg.keyword or arg.star for arg in node.args):
        return None
    func, args = node.func, [arg.value for arg in node.args]
    if resolver.qualified_name(func) == "builtins.getattr":
        args = args[1:]
    elif not (isinstance(func, cst.Attribute) and func.attr.value == "get" or resolver.qualified_name(func) == "os.getenv"):
        return None
    key = _string(args[0]) if 1 <= len(args) <= 2 else None
    default = _string(args[1]) if len(args) == 2 else ""
    return key if key and is_key(key) and (len(args) == 1 or default and loopback_address(default)) else None


def argv_flag(term: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """The key `argv:-x` of a term testing a literal flag on the command line: `"-x" in sys.argv`."""
    if not (isinstance(term, cst.Comparison) and len(term.comparisons) == 1 and isinstance(term.comparisons[0].operator, cst.In)):
        return None
    flag = _string(term.left)
    if flag is None or not _FLAG.match(flag) or resolver.qualified_name(term.comparisons[0].comparator, resolver.module_scope) != "sys.argv":
        return None
    return ARGV_FLAG + flag


def _holder(node: cst.BaseExpression) -> bool:
    """A configuration mapping: `app.config`, `current_app.config`, `self.settings`."""
    return isinstance(node, cst.Attribute) and node.attr.value in _CONFIG_HOLDERS


def write_marks(node: cst.CSTNode, resolver: Resolver) -> List[str]:
    """SETS_KEY tags of the keys `node` gives a value: an assignment to `K`, `x.K` or `x["K"]`, a call's `K=`
    keyword, `setattr(x, "K", v)`, a dict's `"K": v`."""
    pairs: List[Tuple[str, Optional[cst.BaseExpression]]] = []
    if isinstance(node, cst.Assign):
        for target in node.targets:
            key = _target_key(target.target)
            pairs += [(key, node.value)] if key else []
    elif isinstance(node, cst.Call):
        pairs += [(arg.keyword.value, arg.value) for arg in node.args if arg.keyword is not None and is_key(arg.keyword.value)]
        name = resolver.qualified_name(node.func) or ""
        literal = [_string(arg.value) for arg in node.args[:2]]
        if name == "builtins.setattr" and len(node.args) == 3 and literal[1] and is_key(literal[1]):
            pairs.append((literal[1], node.args[2].value))
    elif isinstance(node, cst.Dict):
        for element in node.elements:
            key = _string(element.key) if isinstance(element, cst.DictElement) else None
            pairs += [(key, element.value)] if key and is_key(key) else []
    return [f"{SETS_KEY}{key}={value_kind(value)}" for key, value in pairs]


def _index(subscript: cst.Subscript) -> Optional[cst.BaseExpression]:
    part = subscript.slice[0].slice if len(subscript.slice) == 1 else None
    return part.value if isinstance(part, cst.Index) else None


def _target_key(target: cst.BaseExpression) -> Optional[str]:
    """`K`, `x.K`, `x["K"]`."""
    if isinstance(target, cst.Name):
        key: Optional[str] = target.value
    elif isinstance(target, cst.Attribute):
        key = target.attr.value
    elif isinstance(target, cst.Subscript):
        key = _string(_index(target))
    else:
        return None
    return key if key and is_key(key) else None
