"""PRR501 in the project phase: a lazy client nothing uses.

`redis = Redis.from_url(Config.Data.REDIS_CONN_STR)` connects nowhere: redis-py's clients and
connection pools, like `http.client`'s connections, open a socket only when a command or a request
is sent through them (rules/clients.py `LAZY_CLIENTS`). The finding at such a constructor is about
the calls made through the built object, so it stands only when the object is used. Unused is:

- a value dropped where it is made (`Redis(host=h)` as a statement of its own);
- a function's local that the function (nested functions included) never reads (steeleagle's
  `red = redis.Redis(...)` in `main`, never named again), nor hands to `locals()`/`vars()`/`eval`;
- a module-level name that the module never reads (no load, `del`, `global`, augmented assignment
  or string naming it: an item of `__all__`, a `getattr`-family attribute, a `globals()` key; earkweb's
  `open(path, 'r')` names no `r`), and that no other service module star-imports, names after
  importing the module, or imports and then reads (Artemis's unused client in `api.py`; sweep's
  `redis_client = ... if REDIS_URL else None`, the value either branch of a conditional expression is
  counted as the client; silver's `redis` that `tasks.py` imports and never names again: an import
  that nothing reads is no use, and a module that re-exports it is followed the same way); a test may
  read it, and what it reads there is the test's business;
- an attribute (`self.cache = Redis(...)`, a class attribute) whose name no attribute read of the
  module, no string of it, and no word of another service module names, in a module that reads no
  attribute by a computed name (`getattr(self, key)`, `vars(self)`, `__dict__`).
- a value stored under a Flask configuration key that only an extension reads, when no module of the project
  imports that extension and no other module names the key (opentera's `flask_app.config.update({'SESSION_REDIS':
  client})` with `Session(flask_app)` commented out: Flask-Session is what reads `SESSION_REDIS`, `_EXTENSION_KEYS`).

A value the code uses in any other way (a call on it, passed on, returned, stored where something
reads it) keeps the finding. Module-level names and attributes are decided only in a run over the
whole project, where every reader would be seen; a local or a dropped value in any run. A client
whose constructor connects (an `smtplib.SMTP(host)`, a sync `RedisCluster`, which fetches its slots)
stays reported.
"""

from __future__ import annotations

import ast
import re
from typing import Callable, Dict, Iterator, Optional, Sequence, Set, Tuple

from prr_lint.model import Finding
from prr_lint.project.names import project_module
from prr_lint.project.parsed_trees import parsed_tree
from prr_lint.project.support import test_modules
from prr_lint.rules.clients import LAZY_CLIENTS

_BUILT = re.compile(r"`([\w.]+)\(\)` has no ")
# Builtins that read a function's locals, or an object's attributes, by a computed name.
_LOCALS_READERS = frozenset({"locals", "vars", "eval", "exec"})
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_SCOPES = (*_FUNCTIONS, ast.ClassDef, ast.Module)
# How the built object is kept: dropped, a function's local, a module-level name, an attribute (with the
# function or module that binds the local or name, the target that binds the attribute).
Binding = Tuple[str, str, ast.AST]


def unused_clients(analysis, findings: Sequence[Finding], whole_project: bool) -> Set[int]:
    """Positions in `findings` of PRR501 findings at a lazy client's constructor whose object nothing uses."""
    index = analysis.index
    if getattr(analysis.settings, "root", None) is None:
        return set()
    found: Set[int] = set()
    tests: Optional[Set[str]] = None
    for position, finding in enumerate(findings):
        built = _BUILT.match(finding.message) if finding.rule == "PRR501" else None
        module = project_module(index, finding.context) if built is not None and built.group(1) in LAZY_CLIENTS else None
        if module is None:
            continue
        tree = parsed_tree(analysis, index.modules[module].path)
        binding = _binding(tree, finding.span.line, built.group(1).rpartition(".")[2]) if tree is not None else None
        if binding is None:
            continue
        kind, name, scope = binding
        if kind in ("module", "attribute") and not whole_project:
            continue
        tests = test_modules(index) if tests is None else tests
        unread = _UnreadAttributes(analysis, module, tree, tests, whole_project)
        if kind == "dropped" or (kind == "local" and not _read_in(scope, name, unread)) \
                or (kind == "module" and not _read(tree, name, unread) and not read_elsewhere(analysis, module, name, tests, set())) \
                or (kind == "attribute" and unread(scope)):
            found.add(position)
    return found


# Flask configuration keys that hold a client and the extension (an import name) that alone reads each.
_EXTENSION_KEYS = {"SESSION_REDIS": "flask_session"}


class _UnreadAttributes:
    """Whether an attribute a client is stored into is read by nothing, so that storing the client there is no use.

    An attribute of a Starlette or FastAPI `State` namespace (`app.state.redis = client`, a target
    `<object>.state.<name>`) is read only through an attribute or a `getattr`: it is unread when no service
    module loads an attribute `<name>` of anything or names it in a `getattr`-family call, and none reads a
    `state`'s attributes by a computed name (`getattr(app.state, key)`, `vars(app.state)`, its `_state` dict).
    Any other attribute may be read by a string too (a serializer's `fields = ["cache"]`): unread when the
    module reads no such attribute (`_attribute_read`) and no other service module names its word. Decided
    only in a run over the whole project, where every reader would be seen.
    """

    def __init__(self, analysis, module: str, tree: ast.Module, tests: Set[str], whole_project: bool) -> None:
        self.analysis, self.module, self.tree, self.tests, self.whole_project = analysis, module, tree, tests, whole_project

    def __call__(self, target: ast.AST) -> bool:
        """`target`: an attribute stored into, the name a class body binds (a class attribute), or the key of a
        Flask configuration item (`_config_key`)."""
        if isinstance(target, ast.Constant):
            return self.whole_project and self._unread_key(target.value)
        name = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else ""
        if not self.whole_project or not name:
            return False
        if isinstance(target, ast.Attribute) and _is_state(target.value):
            return not any(tree is None or _state_attribute_read(tree, name) for tree in self._service_trees(name))
        return not _attribute_read(self.tree, name) and not _named_elsewhere(self.analysis.index, self.module, name, self.tests)

    def _unread_key(self, key: str) -> bool:
        """No module imports the extension that reads `key`, and every service module that names it only stores
        under it (the other apps of the project setting their own configuration alike)."""
        extension = _EXTENSION_KEYS[key]
        index = self.analysis.index
        if any(name == extension or name.startswith(extension + ".") for summary in index.modules.values() for name in summary.imports.values()):
            return False
        for other, summary in index.modules.items():
            if other not in self.tests and summary.words.get(key):
                tree = parsed_tree(self.analysis, summary.path)
                if tree is None or not _only_stored(tree, key):
                    return False
        return True

    def _service_trees(self, name: str) -> Iterator[Optional[ast.Module]]:
        for other, summary in self.analysis.index.modules.items():
            if other not in self.tests and (summary.words.get(name) or summary.words.get("_state")
                                            or summary.words.get("state") and any(map(summary.words.get, _COMPUTED_READERS))):
                yield parsed_tree(self.analysis, summary.path)


def _binding(tree: ast.Module, line: int, called: str) -> Optional[Binding]:
    """How the statement that builds the client on `line` (a call of `called`) keeps it, if simply."""
    call = next((node for node in ast.walk(tree) if isinstance(node, ast.Call) and node.lineno == line and _called_name(node.func) == called), None)
    if call is None:
        return None
    parents = _Parents(tree)
    value: ast.AST = call
    holder = parents.get(id(value))
    if any(keyword.arg == "single_connection_client" for keyword in call.keywords):
        return None  # such a client takes its one connection as it is built (or awaited)
    # `Redis.from_url(url) if url else None`; `await redis.asyncio.from_url(url)`, which connects nothing either
    while isinstance(holder, ast.IfExp) and value is not holder.test or isinstance(holder, ast.Await):
        value, holder = holder, parents.get(id(holder))
    scope = holder
    while scope is not None and not isinstance(scope, _SCOPES):
        scope = parents.get(id(scope))
    if scope is None or isinstance(scope, ast.Lambda):
        return None
    if isinstance(holder, ast.Expr):
        return "dropped", "", scope
    if isinstance(holder, ast.Assign) and len(holder.targets) == 1 and holder.value is value:
        target = holder.targets[0]
    elif isinstance(holder, ast.AnnAssign) and holder.value is value:
        target = holder.target
    else:
        return None
    if isinstance(target, ast.Attribute):
        return "attribute", target.attr, target
    if not isinstance(target, ast.Name):
        return None
    if isinstance(scope, ast.ClassDef):
        return "attribute", target.id, target
    if isinstance(scope, ast.Module) or _declared(scope, target.id, ast.Global):
        return "module", target.id, tree
    return None if _declared(scope, target.id, ast.Nonlocal) else ("local", target.id, scope)


def _called_name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _declared(scope: ast.AST, name: str, kind: type) -> bool:
    return any(isinstance(node, kind) and name in node.names for node in ast.walk(scope))


def _read_in(scope: ast.AST, name: str, unread: Callable[[ast.AST], bool]) -> bool:
    """The function (nested functions included) uses its local `name` (`_uses`), or reads its locals by a
    computed name (`locals()`, `vars()`, `eval`)."""
    parents = _Parents(scope)
    for node in ast.walk(scope):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Store) \
                and (node.id in _LOCALS_READERS or node.id == name and _uses(node, parents, unread)):
            return True
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            return True
        if isinstance(node, ast.Nonlocal) and name in node.names:
            return True
    return False


def _read(tree: ast.Module, name: str, unread: Callable[[ast.AST], bool] = lambda target: False) -> bool:
    """The module reads `name` (a load that uses it, a `del`, an augmented assignment, `global`, or a string
    naming it: `__all__`, `getattr(module, "redis")`, `globals()["redis"]`)."""
    parents = _Parents(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Store) and _uses(node, parents, unread):
            return True
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            return True
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return True
    return name in _names_by_string(tree)


# Methods of a client that only let its connections go: calling them sends nothing and waits for no peer.
_CLOSING = frozenset({"close", "aclose"})


def _uses(load: ast.Name, parents: "_Parents", unread: Callable[[ast.AST], bool]) -> bool:
    """Whether the load of the client's name uses the client. Closing it (`client.close()`, `await
    client.aclose()` at shutdown) does not, nor does storing it only into attributes nothing reads
    (`app.state.redis = client`, `unread`); anything else does (a call, passing it on, returning it)."""
    parent = parents.get(id(load))
    if isinstance(parent, ast.Attribute) and parent.attr in _CLOSING:
        call = parents.get(id(parent))
        return not (isinstance(call, ast.Call) and call.func is parent)
    if isinstance(parent, ast.Assign) and parent.value is load:
        return not all(unread(_config_key(target) or target) for target in parent.targets)
    key = _config_key(parent, load, parents) if isinstance(parent, ast.Dict) else None
    return key is None or not unread(key)


def _config_key(node: ast.AST, value: Optional[ast.AST] = None, parents: Optional["_Parents"] = None) -> Optional[ast.Constant]:
    """The key of `_EXTENSION_KEYS` a value is stored under in a Flask app's configuration: the target
    `app.config["SESSION_REDIS"]`, or (`node` a dict holding `value`) `app.config.update({"SESSION_REDIS": value})`."""
    if isinstance(node, ast.Subscript):
        key = node.slice
        return key if isinstance(key, ast.Constant) and key.value in _EXTENSION_KEYS and _is_config(node.value) else None
    if not isinstance(node, ast.Dict) or parents is None:
        return None
    key = next((k for k, v in zip(node.keys, node.values) if v is value), None)
    call = parents.get(id(node))
    if not (isinstance(key, ast.Constant) and key.value in _EXTENSION_KEYS and isinstance(call, ast.Call) and call.args == [node]):
        return None
    func = call.func
    return key if isinstance(func, ast.Attribute) and func.attr == "update" and _is_config(func.value) else None


def _only_stored(tree: ast.Module, key: str) -> bool:
    """Every string `key` of the module is a configuration key stored into (`_config_key`), none read."""
    parents = _Parents(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value == key:
            holder = parents.get(id(node))
            stored = isinstance(holder, ast.Subscript) and isinstance(holder.ctx, ast.Store) and _config_key(holder) is node \
                or isinstance(holder, ast.Dict) and any(k is node and _config_key(holder, v, parents) is node
                                                        for k, v in zip(holder.keys, holder.values))
            if not stored:
                return False
    return True


def _is_config(node: ast.AST) -> bool:
    """`app.config`, `flask_app.config`, `current_app.config`: a Flask app's configuration mapping."""
    return isinstance(node, ast.Attribute) and node.attr == "config"


class _Parents:
    """Each node's parent below `root`, mapped on the first question: most reads of a name never ask."""

    def __init__(self, root: ast.AST) -> None:
        self.root: ast.AST = root
        self._map: Optional[Dict[int, ast.AST]] = None

    def get(self, key: int) -> Optional[ast.AST]:
        if self._map is None:
            self._map = {id(child): node for node in ast.walk(self.root) for child in ast.iter_child_nodes(node)}
        return self._map.get(key)


# Builtins whose second argument names an attribute of the first (a module's own name, too).
_ATTRIBUTE_BUILTINS = frozenset({"getattr", "hasattr", "setattr", "delattr"})
# Builtins that return a namespace whose keys are the module's (or a function's) names.
_NAMESPACES = frozenset({"globals", "locals", "vars"})


def _names_by_string(tree: ast.Module) -> Set[str]:
    """The strings of the module that name a variable: the items of `__all__` (assigned, added to,
    appended or extended), the attribute of `getattr`-family calls, and the keys of `globals()`-style
    namespaces (subscripted or read by `.get`/`.pop`/`.setdefault`). Any other string names nothing:
    the file mode `'r'` of `open(path, 'r')` is no read of a module-level `r`."""
    names: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if node.value is not None and any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                names.update(_strings(node.value))
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in _ATTRIBUTE_BUILTINS and len(node.args) > 1:
                names.update(_strings(node.args[1]))
            elif isinstance(func, ast.Attribute) and _is_all_or_namespace(func.value) and node.args:
                names.update(_strings(node.args[0]))
        elif isinstance(node, ast.Subscript) and _is_namespace(node.value):
            names.update(_strings(node.slice))
    return names


def _strings(node: ast.AST) -> Set[str]:
    return {c.value for c in ast.walk(node) if isinstance(c, ast.Constant) and isinstance(c.value, str)}


def _is_namespace(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _NAMESPACES


def _is_all_or_namespace(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "__all__" or _is_namespace(node)


def _attribute_read(tree: ast.Module, name: str) -> bool:
    """The module may read the attribute `name`: an attribute load or `del` of it on any object, the bare
    name loaded (a class body's own use), a string naming it (`fields = ["cache"]`, `attrgetter("store.cache")`,
    a lookup `"cache__size"`; not a host `'cache'` inside a URL), or a read of attributes by a computed name."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and (node.attr == "__dict__" or node.attr == name and not isinstance(node.ctx, ast.Store)):
            return True
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Store) and (node.id == name or node.id in _LOCALS_READERS):
            return True
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Attribute) and node.target.attr == name:
            return True
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and name in _attribute_path(node.value):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" \
                and not (len(node.args) > 1 and isinstance(node.args[1], ast.Constant)):
            return True
    return False


def read_elsewhere(analysis, module: str, name: str, tests: Set[str], seen: Set[str]) -> bool:
    """Another module imports `name` from the module and reads what it bound (or imports it again from
    there: followed), star-imports it, or imports the module and names `name`; a test's import reads
    nothing the service runs (`from alert import tasks` beside a test's own `r`)."""
    index = analysis.index
    seen.add(f"{module}.{name}")
    for other, summary in index.modules.items():
        if other == module or other in tests:
            continue
        if module in summary.star_imports and not name.startswith("_"):
            return True
        for alias, target in summary.imports.items():
            if target == f"{module}.{name}" and _import_read(analysis, other, alias, tests, seen):
                return True
        if summary.words.get(name) and any(module == target or module.startswith(f"{target}.") for target in summary.imports.values()):
            return True
    return False


def _import_read(analysis, module: str, alias: str, tests: Set[str], seen: Set[str]) -> bool:
    """`module`'s import bound as `alias` is read: the module reads the name, or another module imports
    it from there and reads it. A module whose source cannot be read counts as a reader."""
    if f"{module}.{alias}" in seen:
        return False
    tree = parsed_tree(analysis, analysis.index.modules[module].path)
    return tree is None or _read(tree, alias) or read_elsewhere(analysis, module, alias, tests, seen)


_PATH = re.compile(r"[A-Za-z_][\w.]*")


def _attribute_path(text: str) -> Set[str]:
    """The attribute names a string that is a name, a dotted path or a lookup path spells; none for other text."""
    return set(re.split(r"\.|__", text)) if _PATH.fullmatch(text) else set()


def _named_elsewhere(index, module: str, name: str, tests: Set[str]) -> bool:
    """Another service module names the attribute at all (it may be handed an object that has it)."""
    return any(summary.words.get(name) for other, summary in index.modules.items() if other != module and other not in tests)


# What reads a `state`'s attributes by a computed name: the `getattr` family and `vars`.
_COMPUTED_READERS = (*_ATTRIBUTE_BUILTINS, "vars")


def _is_state(node: ast.AST) -> bool:
    """`app.state`, `request.app.state`: the `state` namespace of a Starlette or FastAPI app or request."""
    return isinstance(node, ast.Attribute) and node.attr == "state"


def _state_attribute_read(tree: ast.Module, name: str) -> bool:
    """The module may read the `State` attribute `name`: an attribute load or `del` of `name` on anything (an
    alias of the namespace too), `name` in a `getattr`-family call, or any attribute of a `state` read by a
    computed name (`getattr(app.state, key)`, `vars(app.state)`, `app.state._state`)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and (node.attr == "_state" or node.attr == name and not isinstance(node.ctx, ast.Store)):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
            if node.func.id in _ATTRIBUTE_BUILTINS and len(node.args) > 1 and name in _strings(node.args[1]):
                return True
            if node.func.id in _COMPUTED_READERS and _is_state(node.args[0]) \
                    and not (len(node.args) > 1 and isinstance(node.args[1], ast.Constant)):
                return True
    return False

