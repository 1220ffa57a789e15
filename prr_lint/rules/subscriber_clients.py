"""PRR501: a redis client that only holds a subscription, judged by how its `PubSub` object is read.

A client built to subscribe (`r = redis.Redis.from_url(url)`, then `p = r.pubsub()`, `p.subscribe(channel)` and a
`listen()` or `get_message()` loop) sends no command that waits for a reply: what can hang is the subscriber's own
read. redis-py (sync, `redis.asyncio`, and aioredis 2, its ancestor) checks a connection's health only before a read,
so a connection that dies without closing (a host gone, a partition) leaves a read blocked on it waiting until TCP
keepalive gives up, hours at Linux's defaults: the listener is deaf with no error. So the ruling is one, whether
`socket_timeout` is missing or explicitly None: a subscriber whose every read is bounded is left alone, and one that
may block in an unbounded read is reported, unless `socket_keepalive` comes with `socket_keepalive_options` (the
kernel then gives up on a dead peer in the time they set). redis-py 8.0.0 turned keepalive on by default with options of
its own (`redis/_defaults.py`: idle 30 s, then 3 probes 5 s apart), so a redis-py client that leaves both out (or gives
only one, not a false literal: None, False, 0, `{}`) probes a dead peer where the project admits only 8.0.0 and later: its finding carries
`finite-default-from:redis 8.0.0` (project/pinned_versions.py) when the module alone shows every use of it, as a
subject that must also confirm no other module reads it would be a second, independent way out. From redis-py's
client.py and asyncio/client.py:

- bounded: `get_message()` (its timeout defaults to 0: a poll) or `get_message(timeout=<not None>)`, the same for
  `get_sharded_message`; `run_in_thread()`, which calls it with `sleep_time` (default 0.0), and `redis.asyncio`'s
  `run()`, with `poll_timeout` (default 1.0);
- unbounded: `listen()` (`for` or `async for`), `get_message(timeout=None)`, `run_in_thread(sleep_time=None)`,
  `run(poll_timeout=None)`;
- not followed, so possibly unbounded (reported): a `PubSub` returned, passed to a function that is not one of the
  module's own (a module function, or a method of the same class called on `self`, whose parameter is followed),
  stored anywhere but a plain name or an attribute of `self`, read by a computed name, or given `**kwargs`.
  Subscribing, unsubscribing, `ping()`, `reset()` and closing wait for no reply; a truth test reads nothing.

Every use of the client must make its `PubSub` (`.pubsub(...)`) or close it (`.close()`/`.aclose()`), or hand it to
one of the module's own functions called by its name, whose parameter is used only so: `create_task(listen(client))`,
whatever wraps the call, since its result carries the client only through the parameter's uses (not a `self` method,
which a subclass in any module may override). Where a client or its `PubSub` is kept decides what "every use" covers,
as the name resolves in Python (no spelling guesses):

- used as it is built (`redis.asyncio.from_url(url).pubsub()`, `r.pubsub().listen()`): nothing else can reach it;
- a function's local (nested functions included) or a `with ... as` name: every read of the name there;
- a module-level name (or one a function declares `global`): every read of the name in the module, and the project
  phase confirms that no other service module reads it (project/subscriber_clients.py);
- an attribute stored on `self`: every read of an attribute of that name in the module, on any object, and the
  project phase confirms that no other service module reads an attribute of that name.

A client read any other way keeps the ordinary finding: a command (`r.get(key)`, `r.publish(...)`), returning it,
passing it to anything else (a class, a method, an imported or decorated function, `functools.partial`), storing it
elsewhere (a class attribute, an item, a tuple), or a read by a computed name (`locals()`, `vars()`,
`getattr(o, name)`, a string naming it).
"""

from __future__ import annotations

from typing import Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.clients import FINITE_DEFAULT_FROM
from prr_lint.scopes import Scope
from prr_lint.switch_keys import is_false
from prr_lint.tree import SCOPE_NODES, children, literal_value

# Subject of a finding at a subscriber's client, or its `PubSub`, held where another module may read it:
# `subscriber-only:global:<name>` or `subscriber-only:attribute:<name>` (project/subscriber_clients.py).
SUBSCRIBER_ONLY = "subscriber-only:"
# The client methods a subscriber calls: making the `PubSub` object, and closing, which waits for no reply.
_SUBSCRIBER_METHODS = frozenset({"pubsub", "close", "aclose"})
# `PubSub` methods that send without reading a reply, or close.
_QUIET = frozenset({"subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe", "ping",
                    "reset", "close", "aclose"})
# `PubSub` reads: method -> (the argument bounding the wait, its position, or None when the read never ends).
_READS: Dict[str, Tuple[Optional[str], Optional[int]]] = {
    "get_message": ("timeout", 1), "get_sharded_message": ("timeout", 1), "run_in_thread": ("sleep_time", 0),
    "run": ("poll_timeout", None), "listen": (None, None),
}
# Builtins that read variables, or attributes, by a computed name (and `getattr` with a name that is no literal).
NAME_READERS = frozenset({"locals", "globals", "vars", "eval", "exec"})
_ATTRIBUTE_READERS = frozenset({"vars", "eval", "exec"})
# (parent type, field): a name or attribute there is bound, imported or spelled as a keyword, not read.
_NOT_READ: Dict[type, str] = {
    cst.Attribute: "attr", cst.Arg: "keyword", cst.AssignTarget: "target", cst.AnnAssign: "target", cst.For: "target",
    cst.CompFor: "target", cst.NamedExpr: "target", cst.Del: "target", cst.AsName: "name", cst.NameItem: "name",
    cst.Param: "name", cst.FunctionDef: "name", cst.ClassDef: "name", cst.ImportAlias: "name", cst.ImportFrom: "module",
}
Lineage = Tuple[cst.CSTNode, ...]  # a node's ancestors, nearest first, up to the module
# Where a value is kept: (the node whose reads reach it, its name, whether an attribute, the project subject or "").
Holder = Tuple[cst.CSTNode, str, bool, str]


class Subscriber:
    """What the reads of a subscriber's `PubSub` objects showed, gathered while its client's uses are followed."""

    def __init__(self, module: cst.Module, resolver: Resolver) -> None:
        self.module, self.resolver = module, resolver
        self.blocking: List[str] = []  # the unbounded reads, as a message shows them: "listen()"
        self.unknown = False  # some read is not followed
        self.confirm: List[str] = []  # SUBSCRIBER_ONLY subjects the project phase must confirm
        self._followed: Set[Tuple[int, str, str]] = set()  # (id of a function, parameter, check) already followed

    def only_subscribes(self, value: cst.CSTNode, lineage: Lineage) -> bool:
        """Every use of the client `value` (its ancestors `lineage`) makes its `PubSub` or closes it."""
        if _method(value, lineage) in _SUBSCRIBER_METHODS:
            self._made(lineage)
            return True
        held = self._holder(value, lineage)
        if held is None:
            return False
        root, name, attribute, subject = held
        self.confirm += [subject] if subject else []
        return self._reads(root, name, attribute, bool(subject), self._client_read) is True

    def _client_read(self, node: cst.CSTNode, lineage: Lineage) -> bool:
        """A use of the client: making its `PubSub`, closing it, or handing it to a function of the module, called by
        its name, whose parameter is used only so (`create_task(listen(client))`: the call's wrappers take the call's
        result, which carries the client only through the parameter's uses, checked there). A `self` method is not
        followed: a subclass, in any module, may override it with one that sends commands."""
        if _method(node, lineage) not in _SUBSCRIBER_METHODS:
            return self._passed(lineage, self._client_read, methods=False)
        self._made(lineage)
        return True

    def _made(self, lineage: Lineage) -> None:
        """`lineage[1]` is `client.<method>(...)`: a `PubSub` made there is followed wherever it is kept."""
        call = lineage[1]
        if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "pubsub"):
            return
        if _method(call, lineage[2:]) is not None:  # `client.pubsub().listen()`
            self._pubsub_read(call, lineage[2:])
            return
        held = self._holder(call, lineage[2:])
        if held is None:
            self._pubsub_read(call, lineage[2:])
            return
        root, name, attribute, subject = held
        self.confirm += [subject] if subject else []
        if self._reads(root, name, attribute, bool(subject), self._pubsub_read) is None:
            self.unknown = True

    def _pubsub_read(self, node: cst.CSTNode, lineage: Lineage) -> bool:
        """Record how this read of a `PubSub` waits; any read counts as a use (its fate is recorded, not refused).
        A `PubSub` is not callable: an attribute of its name that is called (`client.pubsub()`) is something else."""
        method = _method(node, lineage)
        if isinstance(lineage[0], cst.Call) and lineage[0].func is node:
            return True
        if method in _READS:
            bound = _bound(lineage[1], *_READS[method])
            if bound is None:
                self.unknown = True
            elif bound:
                self.blocking.append(bound)
        elif method not in _QUIET and not _tested(node, lineage) and not self._passed(lineage, self._pubsub_read):
            self.unknown = True
        return True

    def _passed(self, lineage: Lineage, check: Callable[[cst.CSTNode, Lineage], bool], methods: bool = True) -> bool:
        """The value is an argument of a call of the module's own function (or, with `methods`, `self` method) whose
        every read of the parameter passes `check`: followed there once per function, parameter and kind of value (a
        recursive call is the use being checked)."""
        arg, call = (lineage + (None, None))[:2]
        if not (isinstance(arg, cst.Arg) and isinstance(call, cst.Call)) or arg.star or any(a.star for a in call.args):
            return False
        found = self._function(call.func, lineage[2:]) if methods or isinstance(call.func, cst.Name) else None
        if found is None:
            return False
        function, scope, offset = found
        position = len([a for a in call.args[:call.args.index(arg)] if a.keyword is None]) + offset
        name = arg.keyword.value if arg.keyword is not None else \
            next((param for param, at in scope.parameters.items() if at == position), None)
        if name is None or name not in scope.parameters:
            return False
        key = (id(function), name, check.__name__)
        if key in self._followed:
            return True
        self._followed.add(key)
        return self._reads(function, name, False, False, check) is not None

    def _function(self, func: cst.BaseExpression, lineage: Lineage) -> Optional[Tuple[cst.FunctionDef, Scope, int]]:
        """The module's own undecorated function a call names (`drain(feed)`), or the method of the caller's class
        (`self.drain(feed)`): with its scope and how many parameters the call does not pass (`self`)."""
        scope = self._scope(lineage)
        if isinstance(func, cst.Name):
            bindings, offset = self.resolver.lookup(func.value, scope) or [], 0
        elif isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
            owner = (self.resolver.lookup(func.value.value, scope) or [None])[-1]
            method = owner.scope if owner is not None and owner.kind == "param" else None
            if method is None or method.owner_class is None or method.self_name != func.value.value or method.parent is None:
                return None
            bindings, offset = method.parent.bindings.get(func.attr.value, []), 1
        else:
            return None
        node = bindings[0].node if len(bindings) == 1 and bindings[0].kind == "def" else None
        if not isinstance(node, cst.FunctionDef) or node.decorators or bindings[0].scope is None:
            return None
        return node, self.resolver.scope_for(node, bindings[0].scope), offset

    def _scope(self, lineage: Lineage) -> Scope:
        """The scope of a node whose ancestors are `lineage`."""
        scope = self.resolver.module_scope
        for node in reversed(lineage):
            if isinstance(node, SCOPE_NODES):
                scope = self.resolver.scope_for(node, scope)
        return scope

    def _holder(self, value: cst.CSTNode, lineage: Lineage) -> Optional[Holder]:
        """The plain name or `self` attribute a single assignment (or a `with ... as`) binds `value` to."""
        target = bound_target(lineage[0] if lineage else None, value)
        scope = next((node for node in lineage if isinstance(node, SCOPE_NODES)), None)
        if target is None or isinstance(scope, (cst.ClassDef, cst.Lambda)):
            return None
        if isinstance(target, cst.Attribute):
            owner = self.resolver.lookup(target.value.value, self._scope(lineage)) if isinstance(target.value, cst.Name) else None
            method = owner[-1].scope if owner and owner[-1].kind == "param" else None
            on_self = method is not None and method.owner_class is not None and method.self_name == target.value.value
            return (self.module, target.attr.value, True, f"{SUBSCRIBER_ONLY}attribute:{target.attr.value}") if on_self else None
        name = target.value
        if scope is None:
            declared = {cst.Global}  # bound at the module's top level
        else:
            declared = {type(node) for node, _ in _walk(scope) if isinstance(node, (cst.Global, cst.Nonlocal))
                        and any(item.name.value == name for item in node.names)}
        if cst.Nonlocal in declared:
            return None  # an enclosing function's local: its reads there are not followed
        if cst.Global in declared:
            return self.module, name, False, f"{SUBSCRIBER_ONLY}global:{name}"
        return scope, name, False, ""

    def _reads(self, root: cst.CSTNode, name: str, attribute: bool, strings: bool,
               check: Callable[[cst.CSTNode, Lineage], bool]) -> Optional[bool]:
        """Whether some read of `name` below `root` (a variable, or an attribute of that name on any object) was
        seen; None when one fails `check` or names or attributes are read by a computed name (with `strings`, a
        string that is the name)."""
        seen = False
        for node, lineage in _walk(root):
            if computed_read(node, lineage, attribute) or strings and isinstance(node, cst.SimpleString) and literal_value(node) == name:
                return None
            if attribute:
                named = node.attr.value if isinstance(node, cst.Attribute) else None
            else:
                named = node.value if isinstance(node, cst.Name) else None
            if named != name or not is_read(node, lineage):
                continue
            if not check(node, lineage):
                return None
            seen = True
        return seen


def subscriber_client(call: cst.Call, ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> Optional[Subscriber]:
    """The subscriber the client `call` builds, when every use of it makes its `PubSub` or closes it; None when it
    is used otherwise or kept where its uses cannot be followed. `ancestors` runs from the module down to the
    call's parent."""
    chain: List[cst.CSTNode] = list(ancestors)
    value: cst.CSTNode = call
    while chain and (isinstance(chain[-1], cst.IfExp) and chain[-1].test is not value  # `Redis(url) if url else None`
                     or isinstance(chain[-1], cst.Await)):  # an asyncio client awaited as it is built is that client
        value = chain.pop()
    module = chain[0] if chain and isinstance(chain[0], cst.Module) else None
    if module is None:
        return None
    subscriber = Subscriber(module, resolver)
    return subscriber if subscriber.only_subscribes(value, tuple(reversed(chain))) else None


def ruling(subscriber: Subscriber, call: cst.Call, shown: str, given: str,
           probes_from: str = "") -> Tuple[str, Tuple[str, ...]]:
    """("", subjects) when every read of the subscriber's `PubSub` is bounded, or keepalive options bound a dead
    connection (left alone once the project phase confirms `subjects`); else (the message, subjects) saying why it is
    reported, in the checklist's terms, with `finite-default-from:<probes_from>` among the subjects when the library
    probes a dead peer by default from that release (`redis 8.0.0`) and the call leaves that default in place."""
    keepalive, options = (next((a.value for a in call.args if a.keyword is not None and a.keyword.value == name), None)
                          for name in ("socket_keepalive", "socket_keepalive_options"))
    # a false literal: None, False, 0, or no options at all (`{}`: redis-py then sets none, and the kernel's own probes take hours)
    off = [is_false(value) for value in (keepalive, options)]
    probed = keepalive is not None and options is not None and not any(off)
    if probed or not subscriber.blocking and not subscriber.unknown:
        return "", tuple(subscriber.confirm)
    # left to the library's default keepalive (on) and options, or given the one but not the other: a literal `True`
    # or options that are not None; a keepalive from a variable may be off
    defaulted = keepalive is None or isinstance(keepalive, cst.Name) and keepalive.value == "True"
    probes = (FINITE_DEFAULT_FROM + probes_from,) if probes_from and defaulted and not off[1] and not subscriber.confirm \
        and not any(arg.star for arg in call.args) else ()
    why = f"its PubSub is read by `{subscriber.blocking[0]}`, which waits with no bound" if subscriber.blocking else \
        "its PubSub is handed where its reads are not followed and may wait with no bound"
    return (f"`{shown}()` {given} and only subscribes, but {why}: a listener blocked in a read on a connection that "
            "died without closing (host gone, partition) is deaf to its events with no error until TCP keepalive gives "
            "up (hours); pass socket_timeout=<seconds> and listen again on timeout, or socket_keepalive=True with "
            "socket_keepalive_options"), probes


def _bound(call: cst.CSTNode, keyword: Optional[str], position: Optional[int]) -> Optional[str]:
    """How a `PubSub` read `call` waits: "" bounded, the read as shown when it may wait forever, None unknown."""
    if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute):
        return None
    method = call.func.attr.value
    if keyword is None:
        return f"{method}()"
    arg = next((a for a in call.args if a.keyword is not None and a.keyword.value == keyword), None)
    plain = [a for a in call.args if a.keyword is None and not a.star]
    if arg is None and position is not None and len(plain) > position:
        arg = plain[position]
    if arg is None:
        return None if any(a.star for a in call.args) else ""
    none = isinstance(arg.value, cst.Name) and arg.value.value == "None"
    return f"{method}({keyword}=None)" if none else ""


def _tested(node: cst.CSTNode, lineage: Lineage) -> bool:
    """`if feed:`, `while feed`, `not feed`, `feed is None`, `if feed and running:`: a truth test or identity
    check reads nothing of it."""
    parent = lineage[0] if lineage else None
    if isinstance(parent, (cst.If, cst.While, cst.IfExp)):
        return parent.test is node
    if isinstance(parent, cst.BooleanOperation):
        return _tested(parent, lineage[1:])
    if isinstance(parent, cst.UnaryOperation):
        return isinstance(parent.operator, cst.Not)
    return isinstance(parent, cst.Comparison) and all(isinstance(c.operator, (cst.Is, cst.IsNot)) for c in parent.comparisons)


def is_self(owner: cst.BaseExpression, resolver: Resolver) -> bool:
    """`owner` is the first parameter of the method the walk is in (or of one enclosing it)."""
    bindings = resolver.lookup(owner.value) if isinstance(owner, cst.Name) else None
    scope = bindings[-1].scope if bindings and bindings[-1].kind == "param" else None
    return scope is not None and scope.owner_class is not None and scope.self_name == owner.value


def bound_target(holder: Optional[cst.CSTNode], value: cst.CSTNode) -> Optional[cst.BaseExpression]:
    """The plain name or attribute a single assignment (or a `with ... as`) binds `value` to."""
    if isinstance(holder, cst.Assign) and len(holder.targets) == 1 and holder.value is value:
        target = holder.targets[0].target
    elif isinstance(holder, cst.AnnAssign) and holder.value is value:
        target = holder.target
    elif isinstance(holder, cst.WithItem) and holder.item is value and holder.asname is not None:
        target = holder.asname.name
    else:
        return None
    return target if isinstance(target, cst.Name) or isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) else None


def _walk(root: cst.CSTNode) -> Iterator[Tuple[cst.CSTNode, Lineage]]:
    """Every node below `root`, nested definitions included, with its ancestors up to `root`, nearest first."""
    stack: List[Tuple[cst.CSTNode, Lineage]] = [(child, (root,)) for child in reversed(children(root))]
    while stack:
        node, above = stack.pop()
        yield node, above
        below = (node, *above)
        stack.extend((child, below) for child in reversed(children(node)))


def is_read(node: cst.CSTNode, above: Lineage) -> bool:
    """`node` is read where it stands: not bound, not spelled as a keyword, not the head of an imported module's
    dotted path (`from redis.asyncio import Redis` in the function whose local `redis` is followed reads no variable)."""
    head, at = node, 0
    while isinstance(above[at], cst.Attribute) and above[at].value is head and at + 1 < len(above):
        head, at = above[at], at + 1  # up a dotted path: `redis` of `redis.asyncio`
    if not isinstance(above[at], (cst.ImportFrom, cst.ImportAlias)):
        head, at = node, 0
    field = _NOT_READ.get(type(above[at]))
    return field is None or getattr(above[at], field) is not head


def _method(node: cst.CSTNode, above: Lineage) -> Optional[str]:
    """`m` when `node` is the receiver of a call `node.m(...)`."""
    method, call = (tuple(above) + (None, None))[:2]
    called = isinstance(method, cst.Attribute) and method.value is node and isinstance(call, cst.Call) and call.func is method
    return method.attr.value if called else None


def computed_read(node: cst.CSTNode, above: Lineage, attribute: bool) -> bool:
    """A read of variables (`locals()`), or with `attribute` of attributes (`vars(obj)`, `obj.__dict__`,
    `getattr(obj, name)`), by a computed name. `getattr(obj, "name")` spells its name: a string, checked as one."""
    if isinstance(node, cst.Attribute):
        return attribute and node.attr.value == "__dict__"
    if not isinstance(node, cst.Name) or not is_read(node, above):
        return False
    if node.value == "getattr":
        call = above[0]
        return attribute and not (isinstance(call, cst.Call) and len(call.args) > 1 and isinstance(call.args[1].value, cst.SimpleString))
    return node.value in (_ATTRIBUTE_READERS if attribute else NAME_READERS)
