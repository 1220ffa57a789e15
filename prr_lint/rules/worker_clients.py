"""PRR501: a redis client handed to an RQ worker as it is built.

From rq 1.13.0 (`Worker._set_connection`: rq/worker.py, rq/worker/base.py from 2.0), building a worker sets
`socket_timeout` on the pool of the client it is given as `connection` when the pool has none (the dequeue timeout
plus 10 s: 415 s by default; from 2.0 also when the one set is shorter). Every command on that client after the
worker is built has a deadline, so a client that reaches a worker before any command needs none of its own, where the
project admits only rq 1.13.0 and later (its finding carries FINITE_DEFAULT_FROM + RQ_SETS_TIMEOUT:
project/pinned_versions.py; an unknown pin keeps it, as for redis-py 8's own default).

The client must be handed over in the scope that builds it, as Python resolves the name (no spelling guesses):
built inline as the worker's connection argument, or bound to a name (a function's local, or a module-level name) or
an attribute of `self`, and given to a worker call that runs whenever the client was built, after it, before any
other read: the call sits in a block that holds the binding's statement, later, and nothing between that block and
the call skips it (no `if`, loop, `except` branch, comprehension or nested definition). RQ queues may be built on
the client first (`Queue(name, connection=conn)`: building one sends nothing), inline in the worker call or bound
to a name of the scope (alone, in a list, a dict or a comprehension; not handed to a call) that nothing reads before
the worker call. Any other earlier read of the name in that scope, nested definitions included (a command, passing
it on, a queue's own read, a name read by a computed name), or for an attribute any read of that attribute name,
any call on `self`, any read of a method of its class (`Thread(target=self.loop)`) and any hand-over of `self`
itself, keeps the finding; so do the worker call's other arguments. The worker classes are RQ's own and this
module's subclasses of them that do not override `_set_connection`.
"""

from __future__ import annotations

from typing import FrozenSet, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.clients import REDIS_CLIENTS, keyword, local_subclass_of, positional
from prr_lint.rules.subscriber_clients import bound_target, computed_read, is_read, is_self
from prr_lint.tree import children

# The release from which a worker bounds the client it is given (a FINITE_DEFAULT_FROM subject's tail).
RQ_SETS_TIMEOUT = "rq 1.13.0"
# RQ's worker classes: the package, its `worker` module (a package from 2.0) and the modules that define them.
RQ_WORKERS = frozenset({
    f"{module}.{name}" for module in ("rq", "rq.worker", "rq.worker.base", "rq.worker.worker_classes")
    for name in ("Worker", "SimpleWorker", "SpawnWorker", "HerokuWorker", "RoundRobinWorker", "RandomWorker", "BaseWorker")
})
RQ_QUEUES = frozenset({"rq.Queue", "rq.queue.Queue"})
# The sync clients a worker takes (the asyncio ones, pools and clusters are no `connection` it can bound).
HANDED_CLIENTS = frozenset(name for name in REDIS_CLIENTS if name.startswith("redis.")
                           and not name.startswith("redis.asyncio") and "Pool" not in name and "Cluster" not in name)
# `Worker(queues, name, default_result_ttl, connection, ...)` in every release since 1.13.
_CONNECTION_POSITION = 3
# Nodes between a block and a call in it that run the call whenever the block's statement runs.
_STRAIGHT = (cst.SimpleStatementLine, cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Expr, cst.Return, cst.Await,
             cst.Call, cst.Arg, cst.Attribute, cst.With, cst.WithItem, cst.IndentedBlock, cst.List, cst.Tuple,
             cst.Element, cst.Try, cst.Finally)
# What may hold a queue between its building and the name bound to it (no call: it could hand the queue on).
_CONTAINERS = (cst.List, cst.Tuple, cst.Set, cst.Element, cst.Dict, cst.DictElement, cst.ListComp, cst.SetComp,
               cst.DictComp, cst.GeneratorExp)
Path = Tuple[cst.CSTNode, ...]  # nodes from a scope down, outermost first


def handed_to_worker(call: cst.Call, name: str, ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """The client `call` builds (`name` its constructor) reaches an RQ worker's `connection` before any other use.
    `ancestors` runs from the module down to the call's parent."""
    if name not in HANDED_CLIENTS:
        return False
    chain: List[cst.CSTNode] = list(ancestors)
    value: cst.CSTNode = call
    while chain and isinstance(chain[-1], cst.IfExp) and chain[-1].test is not value:  # `Redis(url) if url else None`
        value = chain.pop()
    holder = chain[-1] if chain else None
    if isinstance(holder, cst.Arg) and len(chain) > 1 and isinstance(chain[-2], cst.Call) \
            and _connection(chain[-2], resolver) is value:
        return True  # `Worker(queues, connection=Redis(...))`
    target = bound_target(holder, value)
    scope = next((node for node in reversed(chain) if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda))), None)
    root = scope if scope is not None else (chain[0] if chain else None)
    if target is None or holder is None or root is None or isinstance(scope, (cst.ClassDef, cst.Lambda)):
        return False
    if isinstance(target, cst.Attribute) and not (scope is not None and is_self(target.value, resolver)):
        return False
    if isinstance(target, cst.Name) and _declared_elsewhere(root, target.value):
        return False
    held = _path_to(root, holder)
    owner = next((node for node in reversed(chain) if isinstance(node, cst.ClassDef)), None)
    methods = frozenset(node.name.value for node in children(owner.body) if isinstance(node, cst.FunctionDef)) if owner else frozenset()
    return held is not None and _first_use_is_handover(root, target, held, resolver, methods)


def _connection(call: cst.Call, resolver: Resolver) -> Optional[cst.BaseExpression]:
    """The expression an RQ worker call is given as its connection, if `call` builds a worker."""
    built = resolver.qualified_name(call.func)
    if built is None or not (built in RQ_WORKERS or any(
            local_subclass_of(resolver, built, base, frozenset({"_set_connection"})) for base in RQ_WORKERS)):
        return None
    given = keyword(call, "connection")
    if given is None:
        args = positional(call)
        given = args[_CONNECTION_POSITION] if len(args) > _CONNECTION_POSITION else None
    return given.value if given is not None else None


def _first_use_is_handover(root: cst.CSTNode, target: cst.BaseExpression, held: Path, resolver: Resolver,
                           methods: FrozenSet[str]) -> bool:
    """Walking `root` in source order, the first read of the client is a worker call that always runs after the
    binding at `held`, and the call's other arguments do not read it either; before it, the client may only be the
    `connection` of RQ queues (building one sends nothing) bound to names nothing reads but that worker call.
    `methods` are those of the class whose method binds an attribute of `self`."""
    attribute = target.attr.value if isinstance(target, cst.Attribute) else None
    owner = (target.value.value, methods) if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) else None
    queues: Set[str] = set()
    for node, path in _walk(root):
        given = _connection(node, resolver) if isinstance(node, cst.Call) else None
        if given is not None and _same(given, target) and _runs_after(held, (*path, node)):
            others = ((inner, inner_path) for inner, inner_path in _walk(node, path)
                      if inner is not given and not any(above is given for above in inner_path))
            return not any(_uses(inner, inner_path, attribute, target, owner) and not _queue_built(inner, inner_path, resolver)
                           for inner, inner_path in others)
        lineage = (path[-1], path[-2] if len(path) > 1 else root)
        if _uses(node, path, attribute, target, owner):
            queue = _queue_holder(node, path, root, resolver)
            if queue is None:
                return False
            queues.add(queue)
        elif isinstance(node, cst.Name) and node.value in queues and is_read(node, lineage) \
                or computed_read(node, lineage, attribute is not None):
            return False
    return False


def _queue_built(node: cst.CSTNode, path: Path, resolver: Resolver) -> bool:
    """`node` is the `connection=` of an RQ queue being built."""
    arg, call = path[-1], path[-2] if len(path) > 1 else None
    return isinstance(arg, cst.Arg) and arg.value is node and arg.keyword is not None and arg.keyword.value == "connection" \
        and isinstance(call, cst.Call) and resolver.qualified_name(call.func) in RQ_QUEUES


def _queue_holder(node: cst.CSTNode, path: Path, root: cst.CSTNode, resolver: Resolver) -> Optional[str]:
    """The name of this scope a statement binds to the queue (or the queues: a list, a comprehension) built on the
    client at `node`; None when the client is read otherwise or the queue kept elsewhere."""
    if not _queue_built(node, path, resolver):
        return None
    for above in reversed(path[:-2]):
        target = bound_target(above, above.value) if isinstance(above, (cst.Assign, cst.AnnAssign)) else None
        if isinstance(target, cst.Name):
            return None if _declared_elsewhere(root, target.value) else target.value
        if not isinstance(above, _CONTAINERS):
            return None
    return None


def _declared_elsewhere(root: cst.CSTNode, name: str) -> bool:
    """A function declares `name` `global` or `nonlocal`: another scope's, whose reads elsewhere are not followed."""
    return isinstance(root, cst.FunctionDef) and any(
        isinstance(node, (cst.Global, cst.Nonlocal)) and any(item.name.value == name for item in node.names) for node, _ in _walk(root))


def _uses(node: cst.CSTNode, path: Path, attribute: Optional[str], target: cst.BaseExpression,
          owner: Optional[Tuple[str, FrozenSet[str]]]) -> bool:
    """A read of the client's name (or of its attribute's name, on any object), or, for an attribute of `self`, a
    call of a method on `self`, a method of its class read (`Thread(target=self.loop)`) or `self` handed on: that
    code may reach the client."""
    lineage = (path[-1], path[-2] if len(path) > 1 else path[-1])
    if attribute is None:
        return isinstance(node, cst.Name) and isinstance(target, cst.Name) and node.value == target.value and is_read(node, lineage)
    if isinstance(node, cst.Attribute) and node.attr.value == attribute and is_read(node, lineage):
        return True
    if owner is None or not (isinstance(node, cst.Name) and node.value == owner[0] and is_read(node, lineage)):
        return False
    parent = path[-1]
    return not isinstance(parent, cst.Attribute) or parent.attr.value in owner[1] \
        or isinstance(path[-2], cst.Call) and path[-2].func is parent


def _same(given: cst.BaseExpression, target: cst.BaseExpression) -> bool:
    if isinstance(target, cst.Name):
        return isinstance(given, cst.Name) and given.value == target.value
    return isinstance(given, cst.Attribute) and given.attr.value == target.attr.value \
        and isinstance(given.value, cst.Name) and isinstance(target.value, cst.Name) and given.value.value == target.value.value


def _runs_after(held: Path, path: Path) -> bool:
    """The worker call (`path` ends with it) runs whenever the binding (`held` ends with it) has run, and after it:
    the two part in a block (or a line of statements, or a `with` whose item binds the client), the binding's
    statement first, and only nodes that always run their part lead from there to the call."""
    common = 0
    while common < min(len(held), len(path)) and held[common] is path[common]:
        common += 1
    if common == 0 or common >= len(held) or common >= len(path):
        return False
    block, first, then = held[common - 1], held[common], path[common]
    if isinstance(block, cst.With):
        ordered = isinstance(first, cst.WithItem) and then is block.body
    else:
        body = getattr(block, "body", None) if isinstance(block, (cst.Module, cst.IndentedBlock, cst.SimpleStatementLine)) else None
        ordered = isinstance(body, Sequence) and first in body and then in body and body.index(first) < body.index(then)
    return ordered and all(_straight(path[index], path[index + 1]) for index in range(common, len(path) - 1))


def _straight(node: cst.CSTNode, below: cst.CSTNode) -> bool:
    """`node` runs its child `below` whenever it runs (a `try` its body and `finally`, not a handler)."""
    if isinstance(node, cst.Try):
        return below is node.body or below is node.finalbody
    return isinstance(node, _STRAIGHT)


def _path_to(root: cst.CSTNode, wanted: cst.CSTNode) -> Optional[Path]:
    """The nodes from `root` down to `wanted`, both included."""
    for node, path in _walk(root):
        if node is wanted:
            return (*path, node)
    return None


def _walk(root: cst.CSTNode, above: Path = ()) -> Iterator[Tuple[cst.CSTNode, Path]]:
    """Every node below `root` in source order, nested definitions included, with the path down to its parent:
    `above`, then `root` and the nodes below it."""
    start = (*above, root)
    stack: List[Tuple[cst.CSTNode, Path]] = [(child, start) for child in reversed(children(root))]
    while stack:
        node, path = stack.pop()
        yield node, path
        inner = (*path, node)
        stack.extend((child, inner) for child in reversed(children(node)))
