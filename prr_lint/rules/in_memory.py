"""Positive evidence of a dependency (PRR101, and PRR102 for generic errors such as `OSError`): a catch-all handler is only worth an operator's
attention when what its `try` does can fail because something the service talks to failed. Judged
over 57 services, the handlers that hid a real failure almost all wrapped a database query or write,
an HTTP/RPC call, a broker publish, a cache or session store, mail, a subprocess or storage, directly
or through the project's functions; the ones that did not (parsing data already fetched, attribute
access on objects of unknown kind, formatting) were noise.

So the evidence is positive and by resolved names, never by the lack of a known in-memory call:

* a call that talks to a dependency by what it is (`dependency_call`): a function or client of a
  known network, driver, ORM, broker, cloud or subprocess library (`requests.get`, a `redis.Redis`
  method, `subprocess.run`; files, the clock and other local facilities are not dependencies), an
  ORM manager or query (`Model.objects.filter(...)`, `Model.query.get(id)`), a method named for
  talking to a server or a database whatever its receiver (`execute`, `commit`, `send`, `publish`,
  `save`, a compound `create_label`, `list_namespaced_pod` ...), a method of a client by its name
  or the class that made it (`ryd_client.get(id)`, `self.conn.get(key)`, `api = CoreV1Api()`), or a
  method of what a dependency call answered (`response.raise_for_status()` after
  `response = requests.post(...)`);
* an awaited call: a coroutine waits on I/O;
* a call of the project's own code that reaches such a call, which only the project phase can tell:
  the file hands it the `try`'s other calls, and project/in_memory.py follows them through the call
  graph to a function the summary tagged `DEPENDENCY_IO`. A method called on a receiver of unknown
  kind (`svc.carrier.estimate_delivery(sku)`) counts when the project defines methods of that name and
  every one of them reaches a dependency.

Parsing what is already in hand is no evidence, whatever library made it: `response.json()` of a
response received before the `try` (not awaited), a Django query expression or field built in memory
(`Q(pk=arg)`, `F("n")`: constructing one runs no query), or a method of a model field (`model_field.get_prep_value("")`
converts a value; a query runs through a manager, a queryset or a model); nor is a function of a module imported whole
called by a verb's name (`docutils.core.publish_parts(...)` renders text: a module function is judged
by its resolved name, and the project phase follows the project's own); nor is setting an option of a local socket
(`sock.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1)`, an optional kernel feature tried at start-up).

Any other call on an object of unknown kind (`obj.get_value()`, `fn(*args)`, a method of that name
the project does not define) is no evidence: the object may be anything.

Two shapes need no evidence: a catch-all around a function's whole body that answers a value hides
every failure of the function, a bug in a computation included (`whole_function_answer`); and a handler
whose to-do says the error is not handled yet (rules/deliberate.py `marked_unfinished`).
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.background_work import call_name
from prr_lint.rules.handler_context import PURE_METHODS
from prr_lint.rules.silent_by_design import IO_PREFIXES, STRONG_IO_METHODS
from prr_lint.sinks import UNKNOWN_RECEIVER
from prr_lint.tree import descendants, dotted_name

# Facilities of the local machine: files, processes (psutil), the Windows registry, the platform.
LOCAL_OBJECT_SOURCES = ("psutil.", "winreg.", "_winreg.")
LOCAL_FACILITIES = ("builtins.", "os.", "shutil.", "pathlib.", "tempfile.", "io.", "json.", "logging.", "resource.",
                    "platform.", "glob.", "stat.", "zlib.", "hashlib.", "binascii.", *LOCAL_OBJECT_SOURCES)
# Waiting, not talking to anyone.
NOT_DEPENDENCIES = ("time.sleep", "asyncio.sleep", "fcntl.")
# Methods of a received response that parse the body it holds (`response.json()` of requests or httpx;
# aiohttp's reads the body, and is awaited).
RECEIVED_BODY_PARSERS = frozenset({"json"})
# Socket methods that read or set an option of the local socket in the kernel: no peer is involved.
LOCAL_SOCKET_OPTIONS = frozenset({"setsockopt", "getsockopt", "setblocking", "settimeout"})
# Classes of Django's ORM that build a query expression or a field in memory: constructing one runs no query.
IN_MEMORY_ORM_CLASSES = ("django.db.models.",)
# Their objects whose methods compute in memory (a field's value conversion, an expression's
# combination): a query runs through a manager, a queryset or a model instance, never through these.
IN_MEMORY_ORM_OBJECTS = ("Field", "Expression")
IN_MEMORY_ORM_EXPRESSIONS = frozenset({"Q", "F", "Value"})
# A related field's value is the related rows (`ManyToManyField.value_from_object` queries them).
RELATED_FIELDS = ("ManyToMany", "Related", "ForeignObject", "OneToOne")
# First words of a method's compound name that say it talks to a server (`create_label`, `send_message`).
REMOTE_VERBS = frozenset(
    {
        "create", "delete", "update", "list", "send", "fetch", "post", "put", "patch", "publish", "upload",
        "download", "insert", "upsert", "remove", "query", "execute", "invoke", "submit", "sync", "push", "pull",
    }
)
# What clients are called: a class (`CoreV1Api()`) or a receiver (`ryd_client`, `self.conn`, a storage backend) so
# named talks to a server.
CLIENT_WORDS = ("client", "api", "connection", "conn", "cursor", "redis", "producer", "consumer", "channel", "pool", "storage")


def dependency_call(call: cst.Call, resolver: Resolver) -> bool:
    """The call talks to a dependency by what it is (see the module docstring)."""
    func = call.func
    if isinstance(func, cst.Attribute):
        method = func.attr.value
        if method in RECEIVED_BODY_PARSERS and not isinstance(func.value, cst.Call):
            return False  # `response.json()` parses a body already received (an awaited one is still I/O)
        if method in LOCAL_SOCKET_OPTIONS:
            return False  # `sock.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1)` sets a local option, no peer is asked
        if _module_function(func, resolver):
            return dependency_name(resolver.qualified_name(func) or "")  # by its library, not its name
        if method in STRONG_IO_METHODS or (method.partition("_")[0] in REMOTE_VERBS and "_" in method.strip("_")):
            return True  # `cursor.execute(sql)`, `repo.create_label(...)`, `api.list_namespaced_pod(...)`
        if _orm_query(func.value) or _client(func.value, resolver):
            return True
        if dependency_name(resolver.made_by(func.value) or ""):
            return True  # a method of what a dependency call answered: `response.raise_for_status()`
    return dependency_name(resolver.qualified_name(func) or "")


def _module_function(func: cst.Attribute, resolver: Resolver) -> bool:
    """`func` is a function of a module the file imports whole (`import docutils.core`, then
    `docutils.core.publish_parts(...)`): what it does is known by its resolved name (a library's, or
    the project's, which the project phase follows), so its spelling (`publish_...`) is no evidence."""
    dotted = dotted_name(func.value)
    if dotted is None:
        return False
    root = dotted.partition(".")[0]
    bindings = resolver.lookup(root)
    return bool(bindings) and bindings[-1].kind == "import" and bindings[-1].target == root


def dependency_name(name: str) -> bool:
    """`name` is a function or class of a network, driver, ORM, broker, cloud or subprocess library."""
    if name.startswith(IN_MEMORY_ORM_CLASSES) and name.rpartition(".")[2][:1].isupper():
        return False  # a query expression or field built in memory: `Q(pk=arg)`, `F("count")`, `Count("id")`
    owner = name.rpartition(".")[0]
    cls = owner.rpartition(".")[2]
    if name.startswith(IN_MEMORY_ORM_CLASSES) and (cls.endswith(IN_MEMORY_ORM_OBJECTS) or cls in IN_MEMORY_ORM_EXPRESSIONS) \
            and not cls.startswith(RELATED_FIELDS):
        return False  # a method of a model field or an expression converts values: `field.get_prep_value("")`
    return name.startswith(IO_PREFIXES) and not name.startswith(LOCAL_FACILITIES + NOT_DEPENDENCIES)


def _client(receiver: cst.BaseExpression, resolver: Resolver) -> bool:
    """The receiver is a client by its name (`ryd_client`, `self.conn`) or by the class that made it
    (`api = client.CoreV1Api()`)."""
    spelled = (dotted_name(receiver) or "").rsplit(".", 1)[-1].lower()
    made = (resolver.made_by(receiver) or "").rsplit(".", 1)[-1].lower()
    return any(word.endswith(CLIENT_WORDS) for word in (spelled, made) if word)


def _orm_query(receiver: cst.BaseExpression) -> bool:
    """The receiver chain goes through a model class's manager: `Media.objects.select_related("user")`,
    `self.model.objects`, `Alternative.query` (a capitalised class name: `request.query` is a query string)."""
    node: Optional[cst.BaseExpression] = receiver
    while node is not None:
        if isinstance(node, cst.Call):
            node = node.func
            continue
        if not isinstance(node, cst.Attribute):
            return False
        if node.attr.value == "objects" or (
            node.attr.value == "query" and isinstance(node.value, cst.Name) and node.value.value[:1].isupper()
        ):
            return True
        node = node.value
    return False


def dependency_evidence(body: cst.CSTNode, resolver: Resolver) -> Optional[Tuple[str, ...]]:
    """None when `body` surely reaches a dependency (an awaited call or a `dependency_call`); otherwise
    the qualified names of its other calls outside the builtins, and the methods it calls on receivers
    of unknown kind (`UNKNOWN_RECEIVER`), for the project phase to tell whether one is the project's and
    reaches a dependency (an empty tuple: no evidence at all)."""
    names = []
    for node in descendants(body):
        if isinstance(node, cst.Await):
            return None
        if isinstance(node, cst.Call):
            if dependency_call(node, resolver):
                return None
            name = call_name(node, resolver)
            if name and not name.startswith(LOCAL_FACILITIES):
                names.append(name)
            elif name is None and isinstance(node.func, cst.Attribute) and node.func.attr.value not in PURE_METHODS:
                names.extend(_bound_methods(node.func, resolver))
                names.append(UNKNOWN_RECEIVER + node.func.attr.value)
    return tuple(dict.fromkeys(names))


def _bound_methods(func: cst.Attribute, resolver: Resolver) -> List[str]:
    """`user.create` as the method of what each assignment of `user` in scope called (`user = User(...)`
    or `User.parse(data)`, then `user = user.create()`: the resolver reads the last binding only):
    `svc.models.User.create`."""
    if not isinstance(func.value, cst.Name):
        return []
    found = []
    for binding in resolver.lookup(func.value.value) or []:
        value = getattr(binding, "value", None)
        made = resolver.qualified_name(value.func, binding.scope) if isinstance(value, cst.Call) else None
        if made and not made.startswith("builtins."):
            found.append(f"{made}.{func.attr.value}")
            owner, _, factory = made.rpartition(".")
            if owner.rpartition(".")[2][:1].isupper() and factory[:1].islower():
                found.append(f"{owner}.{func.attr.value}")  # an alternate constructor: `user = User.parse(data)`
    return found


def whole_function_answer(function: Optional[cst.FunctionDef], try_node: cst.CSTNode, handler: cst.CSTNode) -> bool:
    """The `try` is the function's whole body (a docstring aside) and the handler answers a value: the
    function can no longer fail, and every failure of it, a bug included, becomes an answer its callers
    cannot tell from a real one (a statistics helper answering `None, None` for anything). That hides
    a failure whether or not a dependency is involved."""
    if function is None or not isinstance(function.body, cst.IndentedBlock):
        return False
    body = list(function.body.body)
    if body and isinstance(body[0], cst.SimpleStatementLine) and isinstance(body[0].body[0], cst.Expr) \
            and isinstance(body[0].body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        body = body[1:]
    return body == [try_node] and any(
        isinstance(node, cst.Return) and node.value is not None for node in descendants(handler)
    )
