"""PRR501: a redis client that only holds a subscription.

A client built to subscribe (`r = redis.Redis.from_url(url)`, then `p = r.pubsub()`, `p.subscribe(channel)` and a
`listen()` or `get_message()` loop) is meant to stay open through every quiet period: a `socket_timeout` would cut a
`listen()`, or a `get_message(timeout=None)`, each time the channel is silent, so the checklist's deadline premise does
not fit it; the commands that can hang (`get`, `set`, `publish`, a pipeline) go through another client. What the
`PubSub` object does is subscriber work wherever the code hands it (its class sends nothing else), so the client
is judged by its own uses alone: every one is `.pubsub(...)`, or `.close()`/`.aclose()`, which wait for no reply.

Where the client is kept decides what "every use" covers, as the name resolves in Python (no spelling guesses):

- built and subscribed at once (`redis.asyncio.from_url(url).pubsub()`): nothing else can reach it;
- a function's local (nested functions included): every read of the name there;
- a module-level name (or one a function declares `global`): every read of the name in the module, and the project
  phase confirms that no other service module reads it (project/subscriber_clients.py);
- an attribute stored on `self`: every read of an attribute of that name in the module, on any object, and the
  project phase confirms that no other service module reads an attribute of that name.

Any other read keeps the finding: a command (`r.get(key)`, `r.publish(...)`), returning it, passing it on, storing it
elsewhere, or a read of names or attributes by a computed name (`locals()`, `vars()`, `getattr(o, name)`, a string
naming it). A client stored anywhere else (a class attribute, an item, a tuple) keeps it too.
"""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import SCOPE_NODES, children, literal_value

# Subject of a finding at a client whose every use in its module subscribes, held where another module may read
# it: `subscriber-only:global:<name>` or `subscriber-only:attribute:<name>` (project/subscriber_clients.py).
SUBSCRIBER_ONLY = "subscriber-only:"
# The client methods a subscriber calls: making the `PubSub` object, and closing, which waits for no reply.
_SUBSCRIBER_METHODS = frozenset({"pubsub", "close", "aclose"})
# Builtins that read variables, or attributes, by a computed name (and `getattr` with a name that is no literal).
_NAME_READERS = frozenset({"locals", "globals", "vars", "eval", "exec"})
_ATTRIBUTE_READERS = frozenset({"vars", "eval", "exec"})
# (parent type, field): a name or attribute there is bound, imported or spelled as a keyword, not read.
_NOT_READ: Dict[type, str] = {
    cst.Attribute: "attr", cst.Arg: "keyword", cst.AssignTarget: "target", cst.AnnAssign: "target", cst.For: "target",
    cst.CompFor: "target", cst.NamedExpr: "target", cst.Del: "target", cst.AsName: "name", cst.NameItem: "name",
    cst.Param: "name", cst.FunctionDef: "name", cst.ClassDef: "name", cst.ImportAlias: "name", cst.ImportFrom: "module",
}
Lineage = Tuple[cst.CSTNode, ...]  # a node's parent and grandparent, nearest first


def subscriber_client(call: cst.Call, ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> Optional[str]:
    """How far the client `call` builds is known to only subscribe: "" when that is settled here, a SUBSCRIBER_ONLY
    subject when the project phase must confirm no other module reads it, None when it is used otherwise or kept
    where its uses cannot be followed. `ancestors` runs from the module down to the call's parent."""
    chain: List[cst.CSTNode] = list(ancestors)
    value: cst.CSTNode = call
    while chain and isinstance(chain[-1], cst.IfExp) and chain[-1].test is not value:  # `Redis(url) if url else None`
        value = chain.pop()
    holder = chain[-1] if chain else None
    if _subscribes(value, (holder, *chain[-2:-1])):
        return ""  # `from_url(url).pubsub()`
    target = bound_target(holder, value)
    scope = next((node for node in reversed(chain) if isinstance(node, SCOPE_NODES)), None)
    module = chain[0] if chain and isinstance(chain[0], cst.Module) else None
    if target is None or module is None or isinstance(scope, (cst.ClassDef, cst.Lambda)):
        return None
    if isinstance(target, cst.Attribute):
        attribute = target.attr.value
        on_self = is_self(target.value, resolver)
        return f"{SUBSCRIBER_ONLY}attribute:{attribute}" if on_self and _only_subscribes(module, attribute, True) else None
    name = target.value
    if scope is None:
        declared = {cst.Global}  # bound at the module's top level
    else:
        declared = {type(node) for node, _ in _walk(scope) if isinstance(node, (cst.Global, cst.Nonlocal))
                    and any(item.name.value == name for item in node.names)}
    if cst.Nonlocal in declared:
        return None  # an enclosing function's local: its reads there are not followed
    if cst.Global in declared:
        return f"{SUBSCRIBER_ONLY}global:{name}" if _only_subscribes(module, name, False) else None
    return "" if _only_subscribes(scope, name, False, strings=False) else None


def is_self(owner: cst.BaseExpression, resolver: Resolver) -> bool:
    """`owner` is the first parameter of the method the walk is in (or of one enclosing it)."""
    bindings = resolver.lookup(owner.value) if isinstance(owner, cst.Name) else None
    scope = bindings[-1].scope if bindings and bindings[-1].kind == "param" else None
    return scope is not None and scope.owner_class is not None and scope.self_name == owner.value


def bound_target(holder: Optional[cst.CSTNode], value: cst.CSTNode) -> Optional[cst.BaseExpression]:
    """The plain name or attribute a single assignment (or a `with ... as`) binds the client to."""
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
    """Every node below `root`, nested definitions included, with its parent and grandparent."""
    stack: List[Tuple[cst.CSTNode, Lineage]] = [(child, (root,)) for child in reversed(children(root))]
    while stack:
        node, above = stack.pop()
        yield node, above
        stack.extend((child, (node, above[0])) for child in reversed(children(node)))


def is_read(node: cst.CSTNode, above: Lineage) -> bool:
    field = _NOT_READ.get(type(above[0]))
    return field is None or getattr(above[0], field) is not node


def _subscribes(node: cst.CSTNode, above: Sequence[Optional[cst.CSTNode]]) -> bool:
    """`node.pubsub(...)`, `node.close()`, `node.aclose()`: the read a subscriber makes of its client."""
    method, call = (tuple(above) + (None, None))[:2]
    return isinstance(method, cst.Attribute) and method.value is node and method.attr.value in _SUBSCRIBER_METHODS \
        and isinstance(call, cst.Call) and call.func is method


def _only_subscribes(root: cst.CSTNode, name: str, attribute: bool, strings: bool = True) -> bool:
    """Some read of `name` below `root` (a variable, or an attribute of that name on any object) subscribes, every
    one does, and nothing reads names or attributes by a computed name; with `strings`, no string is the name."""
    subscribed = False
    for node, above in _walk(root):
        if computed_read(node, above, attribute) or strings and isinstance(node, cst.SimpleString) and literal_value(node) == name:
            return False
        if attribute:
            named = node.attr.value if isinstance(node, cst.Attribute) else None
        else:
            named = node.value if isinstance(node, cst.Name) else None
        if named != name or not is_read(node, above):
            continue
        if not _subscribes(node, above):
            return False
        subscribed = True
    return subscribed


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
    return node.value in (_ATTRIBUTE_READERS if attribute else _NAME_READERS)
