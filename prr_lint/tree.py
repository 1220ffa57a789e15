"""Reading libcst trees cheaply: a node's meaningful children, the nodes below it, a name chain as a
string, and the statement blocks of compound statements (the one place that knows every kind)."""

from __future__ import annotations

import dataclasses
import re
from contextlib import contextmanager
from typing import Callable, Dict, Iterator, List, NamedTuple, Optional, Sequence, Set, Tuple, Union

import libcst as cst

_FORMATTING_FIELD = re.compile(
    r"whitespace|^(lpar|rpar|leading_lines|lines_after_decorators|header|footer|comma|semicolon|newline|"
    r"equal|colon|dot|lbracket|rbracket|lbrace|rbrace|star|arrow|asynchronous|operator|default_comma)$"
)
# Source order where dataclass field order differs from it and the difference matters to rules.
_FIELD_ORDER: Dict[type, Tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "name", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "bases", "keywords", "body"),
}
SCOPE_NODES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


class _ChildFields(Dict[type, Tuple[str, ...]]):
    """Node type -> the names of its fields that hold meaningful children, worked out on first use."""

    def __missing__(self, node_type: type) -> Tuple[str, ...]:
        fields = _FIELD_ORDER.get(node_type) or tuple(
            f.name for f in dataclasses.fields(node_type) if not _FORMATTING_FIELD.search(f.name)
        )
        self[node_type] = fields
        return fields


_child_fields = _ChildFields()
_NODE, _SEQUENCE, _OTHER = 1, 2, 0


class _ValueKinds(Dict[type, int]):
    """Value type -> what it is. libcst's node classes are ABCs, and isinstance against an ABC goes
    through ABCMeta.__instancecheck__: a dictionary keyed by the exact type answers in a fraction
    of that time (a miss is worked out once, by __missing__), and children() runs for every node
    of every file."""

    def __missing__(self, value_type: type) -> int:
        kind = _NODE if issubclass(value_type, cst.CSTNode) else _SEQUENCE if issubclass(value_type, (list, tuple)) else _OTHER
        self[value_type] = kind
        return kind


_value_kinds = _ValueKinds()


class KindOf(Dict[type, bool]):
    """Node type -> whether a node of it is an instance of `classes`: `KIND[type(node)]` answers what
    `isinstance(node, classes)` does without ABCMeta.__instancecheck__ (libcst's node classes are ABCs,
    and a check that fails or names a base class goes through it), for checks made on every node."""

    def __init__(self, *classes: type) -> None:
        super().__init__()
        self.classes = classes

    def __missing__(self, node_type: type) -> bool:
        found = self[node_type] = issubclass(node_type, self.classes)
        return found


class Enclosing:
    """The nodes of some kinds among the walker's ancestors, innermost first (the functions a node is
    in). Remembered per ancestor, by id (per file walked): the walk up stops at one already answered,
    so a long elif chain (each branch an `if` in the one before: thousands of ancestors) costs no more."""

    def __init__(self, ancestors: Sequence[cst.CSTNode], kinds: KindOf) -> None:
        self.ancestors = ancestors
        self.kinds = kinds
        self._known: Dict[int, Tuple[cst.CSTNode, ...]] = {}

    def __call__(self) -> Tuple[cst.CSTNode, ...]:
        ancestors, known = self.ancestors, self._known
        start = len(ancestors) - 1
        while start >= 0 and id(ancestors[start]) not in known:
            start -= 1
        found = known[id(ancestors[start])] if start >= 0 else ()
        for at in range(start + 1, len(ancestors)):
            node = ancestors[at]
            if self.kinds[type(node)]:
                found = (node, *found)
            known[id(node)] = found
        return found


class Nearest(Enclosing):
    """The nearest node of some kinds among the walker's ancestors (the innermost function), or None."""

    def __call__(self) -> Optional[cst.CSTNode]:  # type: ignore[override]
        found = super().__call__()
        return found[0] if found else None


def any_step(chain: Sequence[cst.CSTNode], known: Dict[int, bool], holds: Callable[[int], bool]) -> bool:
    """Whether `holds(at)` for some step of `chain` (outermost first) into chain[at] from its parent
    chain[at - 1], where `holds` reads only what is above chain[at] (the last node is under a switch
    when some `if` above holds it in its body). Remembered per node in `known` (by id, per file
    walked): the walk up stops at one already answered, so in a long elif chain (each branch an `if`
    in the one before: thousands of ancestors) each step is judged once."""
    start = len(chain) - 1
    while start >= 0 and id(chain[start]) not in known:
        start -= 1
    found = known[id(chain[start])] if start >= 0 else False
    at = start + 1
    while not found and at < len(chain):
        found = known[id(chain[at])] = at > 0 and holds(at)
        at += 1
    return found


_IS_MODULE, _IS_SUITE, _IS_NODE = KindOf(cst.Module), KindOf(cst.BaseSuite), KindOf(cst.CSTNode)
_IS_LINE, _IS_COMPOUND = KindOf(cst.SimpleStatementLine), KindOf(cst.BaseCompoundStatement)
_IS_ATTRIBUTE, _IS_NAME = KindOf(cst.Attribute), KindOf(cst.Name)
_stopping: Dict[Tuple[type, ...], KindOf] = {}  # stop_at of statements_within -> its KindOf


# Node references the walks of one file may keep (remembered_children): every node's children, and each walk
# (descendants, statements_within) that ran to its end, up to this many nodes in all (an `elif` chain thousands
# deep walked from each branch).
_ROOM_FOR_WALKS = 1_000_000
# A walk remembered: (which walk, id of the node walked from, its stop_at).
WalkKey = Tuple[str, int, Tuple[type, ...]]


class _Remembered:
    """One file's trees read once (remembered_children). Trees are immutable and many checks walk the same subtrees
    again (each function's body a dozen times); each entry keeps its node alive, so no other node takes its id."""

    def __init__(self) -> None:
        self.children: Dict[int, Tuple[cst.CSTNode, Tuple[cst.CSTNode, ...]]] = {}
        self.walks: Dict[WalkKey, Tuple[cst.CSTNode, List[cst.CSTNode]]] = {}
        self.room = _ROOM_FOR_WALKS

    def read_back(self, key: WalkKey) -> Optional[Iterator[cst.CSTNode]]:
        """The nodes a walk found before, or None."""
        entry = self.walks.get(key)
        return iter(entry[1]) if entry is not None else None

    def keep(self, key: WalkKey, node: cst.CSTNode, found: List[cst.CSTNode]) -> None:
        """What a walk from `node` found, to its end, while there is room."""
        if len(found) <= self.room:
            self.room -= len(found)
            self.walks[key] = (node, found)


_remembered: Optional[_Remembered] = None


@contextmanager
def remembered_children() -> Iterator[None]:
    """Each node's children, and the nodes below it, worked out once until the block ends (one file's analysis: the
    engine's, in every worker); dropped then, nodes and all."""
    global _remembered
    outer, _remembered = _remembered, _Remembered()
    try:
        yield
    finally:
        _remembered = outer


def children(node: cst.CSTNode) -> Tuple[cst.CSTNode, ...]:
    """The child nodes that carry meaning, in source order."""
    memo = _remembered.children if _remembered is not None else None
    if memo is not None:
        entry = memo.get(id(node))
        if entry is not None:
            return entry[1]
    found: List[cst.CSTNode] = []
    kinds = _value_kinds
    for name in _child_fields[type(node)]:
        value = getattr(node, name)
        kind = kinds[type(value)]
        if kind == _NODE:
            found.append(value)
        elif kind == _SEQUENCE:
            for item in value:
                if kinds[type(item)] == _NODE:
                    found.append(item)
    below = tuple(found)
    if memo is not None:
        memo[id(node)] = (node, below)
    return below


# stop_at -> node type -> whether a node of that type stops descendants(): asked once per type, as
# isinstance against libcst's ABC-based classes costs more than the dictionary look-up.
_stops: Dict[Tuple[type, ...], Dict[type, bool]] = {}


def descendants(node: cst.CSTNode, stop_at: Tuple[type, ...] = SCOPE_NODES) -> Iterator[cst.CSTNode]:
    """Every meaningful node below `node`, not entering nested definitions (they run later, if ever); a walk made
    before in the file's analysis (remembered_children) is read back, not made again."""
    remembered = _remembered
    if remembered is not None:
        found = remembered.read_back(("below", id(node), stop_at))
        if found is not None:
            return found
    return _walk_below(node, stop_at, remembered)


def _walk_below(node: cst.CSTNode, stop_at: Tuple[type, ...], remembered: Optional[_Remembered]) -> Iterator[cst.CSTNode]:
    stops = _stops.get(stop_at)
    if stops is None:
        stops = _stops[stop_at] = {}
    seen: List[cst.CSTNode] = []
    stack = list(reversed(children(node)))
    while stack:
        current = stack.pop()
        seen.append(current)
        yield current
        node_type = type(current)
        stop = stops.get(node_type)
        if stop is None:
            stop = stops[node_type] = issubclass(node_type, stop_at)
        if not stop:
            stack.extend(reversed(children(current)))
    if remembered is not None:  # walked to its end: kept for the next walk
        remembered.keep(("below", id(node), stop_at), node, seen)


def listed(module: cst.Module, kinds: KindOf, memo: Dict[Tuple[type, ...], List[cst.CSTNode]]) -> List[cst.CSTNode]:
    """The module's nodes of `kinds`, nested definitions included, in the order a walk of its tree meets them:
    listed once per module in `memo` (the resolver's `listed`), not once per question (each walked the whole tree)."""
    found = memo.get(kinds.classes)
    if found is None:
        found = memo[kinds.classes] = [node for node in descendants(module, stop_at=()) if kinds[type(node)]]
    return found


def module_bindings(module: cst.Module) -> Dict[str, cst.BaseExpression]:
    """Module-level `NAME = value` bindings (the last one wins)."""
    values: Dict[str, cst.BaseExpression] = {}
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                    values[small.targets[0].target.value] = small.value
    return values


def handler_name(handler: Union[cst.ExceptHandler, cst.ExceptStarHandler]) -> Optional[str]:
    """The name an except clause binds the exception to (`except E as e`: `e`); None when it binds none."""
    return handler.name.name.value if handler.name is not None and isinstance(handler.name.name, cst.Name) else None


def names_in(expr: cst.BaseExpression) -> Set[str]:
    """Every name `expr` mentions, itself included (not entering nested definitions)."""
    return {node.value for node in (expr, *descendants(expr)) if isinstance(node, cst.Name)}


def module_path_nodes(node: Union[cst.Import, cst.ImportFrom]) -> List[cst.BaseExpression]:
    """The dotted module paths an import spells (`a.b` of `import a.b as c`, `.format.rerank` of `from .format.rerank
    import x`): they name modules, never a function or a method, though they parse as attributes."""
    if isinstance(node, cst.ImportFrom):
        return [node.module] if node.module is not None else []
    return [alias.name for alias in node.names]


def chain_root(expr: cst.BaseExpression) -> Optional[str]:
    """The name an attribute chain starts from (`client` of `client.inventory`, `f` of `f.task`), or None."""
    while type(expr) is cst.Attribute:
        expr = expr.value
    return expr.value if type(expr) is cst.Name else None


def dotted_name(expr: cst.BaseExpression) -> Optional[str]:
    """`a.b.c` as a string, or None for anything that is not a plain name chain."""
    parts: List[str] = []
    while _IS_ATTRIBUTE[type(expr)]:
        parts.append(expr.attr.value)
        expr = expr.value
    if _IS_NAME[type(expr)]:
        parts.append(expr.value)
        return ".".join(reversed(parts))
    return None


def literal_value(literal: cst.SimpleString) -> Union[str, bytes]:
    """`literal.evaluated_value`, read off the source where that is the value (a str literal with no escape,
    carriage return or NUL): evaluating runs literal_eval, a parse of its own, on strings met in every call."""
    raw, prefix = literal.value, literal.prefix.lower()
    if "\\" in raw or "\r" in raw or "\0" in raw or prefix not in ("", "r", "u"):
        return literal.evaluated_value
    return raw[len(prefix) + len(literal.quote):-len(literal.quote)]


def string_value(expr: Optional[cst.BaseExpression]) -> str:
    """The text of a plain or implicitly concatenated string literal; "" for anything else (bytes,
    f-strings, names)."""
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        value = concatenated_value(expr)
        return value if isinstance(value, str) else ""
    return ""


def concatenated_value(expr: cst.BaseExpression) -> Union[str, bytes, None]:
    """`expr.evaluated_value` of a string literal or a concatenation of them (libcst's rules: an f-string part
    makes it None), each plain part read by literal_value. A loop along the right-nested parts: libcst's
    evaluated_value (and this, once) recursed once per part, past 1,000 parts a RecursionError."""
    parts: List[Union[str, bytes]] = []
    while isinstance(expr, cst.ConcatenatedString):
        if not isinstance(expr.left, cst.SimpleString) or isinstance(expr.right, cst.FormattedString):
            return None
        parts.append(literal_value(expr.left))
        expr = expr.right
    if not isinstance(expr, cst.SimpleString):
        return None
    parts.append(literal_value(expr))
    if all(isinstance(part, str) for part in parts):
        return "".join(parts)  # type: ignore[arg-type]
    if all(isinstance(part, bytes) for part in parts):
        return b"".join(parts)  # type: ignore[arg-type]
    return None


def fstring_template(node: cst.FormattedString, hole: str) -> str:
    """An f-string's literal text with `hole` where each replacement field is."""
    return "".join(part.value if isinstance(part, cst.FormattedStringText) else hole for part in node.parts)


def keyword_value(call: cst.Call, name: str) -> Optional[cst.BaseExpression]:
    """The value passed to a call as keyword `name`, or None."""
    return next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == name), None)


# ----- statement blocks -----------------------------------------------------------------------------

Suite = Union[cst.BaseSuite, cst.Module]
DEFINITIONS = (cst.FunctionDef, cst.ClassDef)
# The fields of a node that hold statement blocks, or nodes that do (`elif`, `else`, handlers, cases).
_BLOCK_FIELDS: Dict[type, Tuple[str, ...]] = {
    cst.Module: ("body",),
    cst.FunctionDef: ("body",),
    cst.ClassDef: ("body",),
    cst.If: ("body", "orelse"),
    cst.Else: ("body",),
    cst.For: ("body", "orelse"),
    cst.While: ("body", "orelse"),
    cst.Try: ("body", "handlers", "orelse", "finalbody"),
    cst.TryStar: ("body", "handlers", "orelse", "finalbody"),
    cst.ExceptHandler: ("body",),
    cst.ExceptStarHandler: ("body",),
    cst.Finally: ("body",),
    cst.With: ("body",),
    cst.Match: ("cases",),
    cst.MatchCase: ("body",),
}


def _block_fields(node_type: type) -> Tuple[str, ...]:
    fields = _BLOCK_FIELDS.get(node_type)
    if fields is None:
        fields = ()
        if issubclass(node_type, cst.BaseCompoundStatement):  # one that a newer libcst added
            fields = tuple(f.name for f in dataclasses.fields(node_type) if f.name in ("body", "orelse", "handlers", "finalbody", "cases"))
        _BLOCK_FIELDS[node_type] = fields
    return fields


def statement_blocks(node: cst.CSTNode) -> List[Suite]:
    """The blocks of statements directly inside a compound statement, definition or module, in source
    order: an `if`'s body and those of its `elif`/`else` chain, a loop's body and `else`, a `try`'s
    body, handlers, `else` and `finally`, every `case` of a `match`. Empty for other nodes."""
    if _IS_MODULE[type(node)]:
        return [node]
    found: List[Suite] = []
    # A stack, not recursion: each `elif` is an `if` in the one before, and generated code chains thousands.
    pending = _block_parts(node)[::-1]
    while pending:
        item = pending.pop()
        if _IS_SUITE[type(item)]:
            found.append(item)
        else:
            pending.extend(_block_parts(item)[::-1])
    return found


def _block_parts(node: cst.CSTNode) -> List[cst.CSTNode]:
    """The blocks and the nodes holding blocks (`else`, an `elif`'s `if`, a handler) in `node`'s block fields, in order."""
    items: List[cst.CSTNode] = []
    for name in _block_fields(type(node)):
        value = getattr(node, name, None)
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if _IS_SUITE[type(item)] or _IS_NODE[type(item)]:
                items.append(item)
    return items


def flat_statements(suite: Suite) -> List[cst.CSTNode]:
    """A block's statements in order, each line of simple statements split into its small statements
    (so `except E: pass` and an indented `pass` read alike)."""
    found: List[cst.CSTNode] = []
    for statement in suite.body:
        if _IS_LINE[type(statement)]:
            found.extend(statement.body)
        else:
            found.append(statement)
    return found


def statements_within(node: cst.CSTNode, stop_at: Tuple[type, ...] = DEFINITIONS) -> Iterator[cst.CSTNode]:
    """Every statement in `node`'s blocks and in the blocks nested in them, in source order (small
    statements split out of their lines); a statement of a `stop_at` kind is given but not entered. A walk
    made before in the file's analysis (remembered_children) is read back, not made again."""
    remembered = _remembered
    if remembered is not None:
        found = remembered.read_back(("statements", id(node), stop_at))
        if found is not None:
            return found
    return _walk_statements(node, stop_at, remembered)


def _walk_statements(node: cst.CSTNode, stop_at: Tuple[type, ...], remembered: Optional[_Remembered]) -> Iterator[cst.CSTNode]:
    stops = _stopping.get(stop_at)
    if stops is None:
        stops = _stopping[stop_at] = KindOf(*stop_at)
    seen: List[cst.CSTNode] = []
    stack: List[Iterator[cst.CSTNode]] = [iter(_block_items(node))]
    while stack:
        statement = next(stack[-1], None)
        if statement is None:
            stack.pop()
            continue
        seen.append(statement)
        yield statement
        statement_type = type(statement)
        if _IS_COMPOUND[statement_type] and not stops[statement_type]:
            stack.append(iter(_block_items(statement)))
    if remembered is not None:  # walked to its end: kept for the next walk
        remembered.keep(("statements", id(node), stop_at), node, seen)


class CallAssignments(NamedTuple):
    """One pass over a function's statements (statements_within): each single-target `x = call(...)`
    (awaited or not), as (target, call), and each `if` statement."""
    assigned: List[Tuple[cst.BaseAssignTargetExpression, cst.Call]]
    tests: List[cst.If]


def called_word(call: cst.Call) -> str:
    """The last word of what a call calls (`self.client.fetch(...)` -> "fetch"), "" for anything else."""
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


def call_assignments(function: cst.FunctionDef) -> CallAssignments:
    """What error_results.py and none_checks.py both look for among a function's statements (a walk of
    every expression of every function body costs more than all the rules together)."""
    found = CallAssignments([], [])
    for node in statements_within(function):
        if type(node) is cst.Assign and len(node.targets) == 1 and isinstance(node.value, (cst.Call, cst.Await)):
            call = node.value.expression if isinstance(node.value, cst.Await) else node.value
            if isinstance(call, cst.Call):
                found.assigned.append((node.targets[0].target, call))
        elif type(node) is cst.If:
            found.tests.append(node)
    return found


def _block_items(node: cst.CSTNode) -> Sequence[cst.CSTNode]:
    return [statement for suite in statement_blocks(node) for statement in flat_statements(suite)]


def call_argument(call: cst.Call, position: Optional[int], keyword: str) -> Optional[cst.BaseExpression]:
    """The argument `keyword` names, else the one at `position` among the positional ones (None, or a
    negative position: keyword only; "" for `keyword`: position only)."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    return positional[position] if position is not None and 0 <= position < len(positional) else None


def assigned_in(root: cst.CSTNode) -> Set[str]:
    """Names (and attribute names) assigned anywhere below `root`."""
    names: Set[str] = set()
    for node in descendants(root):
        targets: Tuple[cst.BaseExpression, ...] = ()
        if isinstance(node, cst.Assign):
            targets = tuple(target.target for target in node.targets)
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign)):
            targets = (node.target,)
        for target in targets:
            names |= names_in(target)
            if isinstance(target, cst.Attribute):
                names.add(target.attr.value)
    return names
