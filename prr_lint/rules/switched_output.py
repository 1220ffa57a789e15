"""Whether a node runs only under a switch (rules/debug_output.py reads each `if` test and early exit):
the walk up a node's ancestors that PRR401 and the log marks make for every output and log call,
each step judged once per file, and the private helpers the module calls only under a switch."""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.resolve import Resolver
from prr_lint.rules.debug_output import exits_unless_on, is_off_switch, method_of, switch_of
from prr_lint.tree import KindOf, children

_IS_SCOPE, _IS_FUNCTION = KindOf(cst.FunctionDef, cst.ClassDef), KindOf(cst.FunctionDef)
Scopes = Tuple[cst.CSTNode, ...]  # the definitions (functions and classes) a node is in, outermost first


class SwitchMemo:
    """under_switch's answers for one module, by node id: for each node of a chain asked, whether it is
    under a switch and the definitions it is in; for each block, where its first guarding statement is.
    A node's walk up stops at one already answered: an `elif` is an `if` in the one before, so a call in
    a long chain has thousands of ancestors, and every `print` in it asked about each (cubic)."""

    def __init__(self) -> None:
        self.above: Dict[int, Tuple[bool, Scopes]] = {}
        self.blocks: Dict[int, Tuple[float, Dict[int, int]]] = {}

    def guarded(self, block: cst.IndentedBlock, child: cst.CSTNode, resolver: Resolver, functions, module, scopes: Scopes) -> bool:
        """An earlier statement of `block` guards `child` (_guards); the block's statements judged once."""
        if id(block) not in self.blocks:
            method = method_of(scopes)
            first = next((at for at, statement in enumerate(block.body) if exits_unless_on(statement, resolver, functions, module, method)), None)
            self.blocks[id(block)] = (float("inf") if first is None else first, {id(s): at for at, s in enumerate(block.body)})
        first, positions = self.blocks[id(block)]
        return positions.get(id(child), -1) > first


@lru_cache(maxsize=8)
def _memo(module: cst.Module) -> SwitchMemo:
    """The module's SwitchMemo (a libcst node hashes by identity, and the cache keeps it alive: ids stay its own)."""
    return SwitchMemo()


def under_switch(chain: Sequence[cst.CSTNode], resolver: Resolver, memo: Optional[SwitchMemo] = None) -> bool:
    """Some `if` (or conditional expression) of `chain` (outermost first) holds the rest in its body
    and tests a switch, or a block of it returns early unless a switch is on. `memo`: by default the
    module's, for the rule walk (the resolver in the scope of the node asked about)."""
    module = chain[0] if chain and isinstance(chain[0], cst.Module) else None
    memo = memo or (_memo(module) if module is not None else SwitchMemo())
    start = len(chain) - 1
    while start >= 0 and id(chain[start]) not in memo.above:
        start -= 1
    switched, scopes = memo.above[id(chain[start])] if start >= 0 else (False, ())
    for at in range(max(start, 0), len(chain)):
        if switched:
            return True
        node = chain[at]
        if at > start:
            switched = at > 0 and _switches(chain[at - 1], node, scopes, resolver, module, memo)
            scopes = (*scopes, node) if _IS_SCOPE[type(node)] else scopes
            memo.above[id(node)] = (switched, scopes)
    return switched


def _switches(parent: cst.CSTNode, child: cst.CSTNode, scopes: Scopes, resolver: Resolver, module, memo: SwitchMemo) -> bool:
    """`child` runs only when a switch is on, whatever holds `parent` (`scopes`: the definitions it is in)."""
    functions = [node for node in reversed(scopes) if _IS_FUNCTION[type(node)]]
    if isinstance(parent, (cst.If, cst.IfExp)) and child is parent.body:
        return is_off_switch(parent.test, resolver, functions, module, method_of(scopes, switch_of(parent.test)))
    return isinstance(parent, cst.IndentedBlock) and bool(functions) and memo.guarded(parent, child, resolver, functions, module, scopes)


def _switched_helpers(module: cst.Module, resolver: Resolver) -> frozenset:
    """Private module functions (`_print_rows`) and private methods (`self._wait_for_snapshot`) that
    the module names only inside switched-on bodies."""
    private = {
        s.name.value for s in module.body if isinstance(s, cst.FunctionDef) and s.name.value.startswith("_")
    } | _private_methods(module)
    if not private:
        return frozenset()
    found = _uses(module, resolver, lambda name, parent: name in private and not isinstance(parent, cst.FunctionDef))
    if found is None:
        return frozenset()
    uses: Dict[str, List[bool]] = {}
    for name, switched in found:
        uses.setdefault(name, []).append(switched)
    return frozenset(name for name, switched in uses.items() if all(switched))


def _private_methods(module: cst.Module) -> set:
    """Names of the private methods (`_name`, not `__dunder__`) of the module's top-level classes."""
    return {
        statement.name.value
        for cls in module.body if isinstance(cls, cst.ClassDef) and isinstance(cls.body, cst.IndentedBlock)
        for statement in cls.body.body
        if isinstance(statement, cst.FunctionDef) and statement.name.value.startswith("_") and not statement.name.value.endswith("__")
    }


def _uses(
    module: cst.Module, resolver: Resolver, wanted: Callable[[str, cst.CSTNode], bool]
) -> Optional[List[Tuple[str, bool]]]:
    """(name, under a switch) for every name the module uses that `wanted` accepts, given its parent
    node; None when the module is too deeply nested to walk."""
    found: List[Tuple[str, bool]] = []
    stack: List[cst.CSTNode] = []
    memo = SwitchMemo()  # its own: this walk leaves the resolver where the rule walk is

    def walk(node: cst.CSTNode) -> None:
        if isinstance(node, cst.Name) and wanted(node.value, stack[-1]):
            found.append((node.value, under_switch([*stack, node], resolver, memo)))
        stack.append(node)
        for child in children(node):
            walk(child)
        stack.pop()

    try:
        walk(module)
    except RecursionError:
        return None
    return found


def switched_on(ctx: FileContext, node: cst.CSTNode) -> bool:
    """`node` is developer output: under a debug, opt-in or environment switch, or in a private
    helper the module calls only under one."""
    if under_switch([*ctx.ancestors, node], ctx.resolver):
        return True
    functions = tuple(ctx.functions())
    outermost: Optional[cst.FunctionDef] = functions[-1] if functions else None
    if outermost is None or not outermost.name.value.startswith("_") or not _top_level_or_method(ctx, outermost):
        return False
    store = ctx.__dict__.setdefault("_debug_output", {})
    if "helpers" not in store:
        store["helpers"] = _switched_helpers(ctx.module, ctx.resolver)
    return outermost.name.value in store["helpers"]


def _top_level_or_method(ctx: FileContext, function: cst.FunctionDef) -> bool:
    """A function of the module's top level, or a method of one of its top-level classes."""
    return any(
        statement is function
        or (isinstance(statement, cst.ClassDef) and isinstance(statement.body, cst.IndentedBlock)
            and any(member is function for member in statement.body.body))
        for statement in ctx.module.body
    )


def used_only_under_switch(module: cst.Module, name: str, resolver: Resolver) -> bool:
    """Every use of the module-level `name` (beyond its assignment) is in the body of an `if` that
    tests a switch: a handler dict bound to a name and added to the logging setup only `if LOG_TO_FILE:`."""
    found = _uses(module, resolver, lambda used, parent: used == name and not isinstance(parent, cst.AssignTarget))
    return bool(found) and all(switched for _, switched in found)
