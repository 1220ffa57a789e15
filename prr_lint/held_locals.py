"""A worker object held in a local name, and the finite waits on it (thread_joins.py, stopped_workers.py).

A thread, a process or a future bounds its caller's wait only when the function keeps it to itself: the
object goes into one local name (other bindings of that name to None aside: `worker = None` before a loop),
every use of it reads an attribute (`t.join(5)`, `p.pid`) or compares it with None, and every wait on it
gives a finite timeout. A finite timeout is a literal number, or a parameter of the function whose default
is one (the project phase checks that no caller passes anything but a number there: its slot is recorded).
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.tree import call_argument, descendants

NUMBERS = (cst.Integer, cst.Float)
# A parameter's slot and a timeout's: "<position>:<name>" ("" for a literal timeout).
Slot = str
# A wait and where its timeout is: (the call, the timeout's position among the positional arguments).
Wait = Tuple[cst.CSTNode, int]


def parameters(function: cst.FunctionDef) -> Dict[str, Slot]:
    """Parameter name -> "<position>:<name>" (position among the positional ones, `self`/`cls` of a method not
    counted as the resolver's scopes do not count it; -1 keyword-only)."""
    params = function.params
    positional = [*params.posonly_params, *params.params]
    if positional and positional[0].name.value in ("self", "cls"):
        positional = positional[1:]
    found = {param.name.value: f"{position}:{param.name.value}" for position, param in enumerate(positional)}
    found.update((param.name.value, f"-1:{param.name.value}") for param in params.kwonly_params)
    return found


def finite_timeouts(waits: Sequence[Wait], function: cst.FunctionDef, params: Dict[str, Slot]) -> Optional[List[Slot]]:
    """The slot of each parameter with a literal number for default that a wait takes its timeout from, when every
    wait (at least one) gives a literal number or such a parameter."""
    if not waits:
        return None
    numbers = {param.name.value for param in (*function.params.posonly_params, *function.params.params, *function.params.kwonly_params)
               if isinstance(param.default, NUMBERS)}
    found: List[Slot] = []
    for wait, position in waits:
        value = call_argument(wait, position, "timeout") if isinstance(wait, cst.Call) else None
        if isinstance(value, NUMBERS):
            continue
        if not isinstance(value, cst.Name) or value.value not in numbers or value.value not in params:
            return None
        found.append(params[value.value])
    return found


def holder(call: cst.Call, function: cst.FunctionDef, parents: Dict[int, cst.CSTNode]) -> Optional[str]:
    """The local name `call`'s result goes into (`t = Thread(...)`), bound to nothing else but None in `function`."""
    parent = parents.get(id(call))
    if not (isinstance(parent, cst.Assign) and parent.value is call and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name)):
        return None
    held = parent.targets[0].target.value
    bound = sum(1 for node in descendants(function) if isinstance(node, cst.AssignTarget) and isinstance(node.target, cst.Name)
                and node.target.value == held and not _none(getattr(parents.get(id(node)), "value", None)))
    return held if bound == 1 else None


def methods(function: cst.FunctionDef, held: str, parents: Dict[int, cst.CSTNode]) -> Optional[List[Tuple[str, cst.CSTNode]]]:
    """(attribute, the call of it or the attribute) of each use of `held`, when every use reads an attribute of it
    (a binding and a comparison with None aside)."""
    found: List[Tuple[str, cst.CSTNode]] = []
    for use in uses(function, held):
        parent = parents.get(id(use))
        if isinstance(parent, cst.AssignTarget) or _none_test(use, parent):
            continue  # a binding, or `held is None`
        if not (isinstance(parent, cst.Attribute) and parent.value is use):
            return None
        called = parents.get(id(parent))
        found.append((parent.attr.value, called if isinstance(called, cst.Call) and called.func is parent else parent))
    return found


def uses(function: cst.FunctionDef, name: str) -> List[cst.Name]:
    """The reads and bindings of `name` in `function`'s body, nested definitions too (keywords and attributes aside)."""
    found: List[cst.Name] = []
    stack: List[Tuple[cst.CSTNode, bool]] = [(function.body, True)]
    while stack:
        node, counted = stack.pop()
        if isinstance(node, cst.Name) and counted and node.value == name:
            found.append(node)
        for child in node.children:
            skip = (isinstance(node, cst.Attribute) and child is node.attr) or (isinstance(node, cst.Arg) and child is node.keyword) \
                or (isinstance(node, (cst.FunctionDef, cst.ClassDef)) and child is node.name) or (isinstance(node, cst.Param) and child is node.name)
            stack.append((child, not skip))
    return found


def parent_map(function: cst.FunctionDef) -> Dict[int, cst.CSTNode]:
    """Child id -> parent for the nodes of `function` (the walker's ancestors end at the call, its uses lie elsewhere)."""
    found: Dict[int, cst.CSTNode] = {}
    stack: List[cst.CSTNode] = [function]
    while stack:
        node = stack.pop()
        for child in node.children:
            found[id(child)] = node
            stack.append(child)
    return found


def _none(value: Optional[cst.CSTNode]) -> bool:
    return isinstance(value, cst.Name) and value.value == "None"


def _none_test(use: cst.Name, parent: Optional[cst.CSTNode]) -> bool:
    """`use is None` / `use is not None`."""
    return isinstance(parent, cst.Comparison) and parent.left is use and len(parent.comparisons) == 1 \
        and isinstance(parent.comparisons[0].operator, (cst.Is, cst.IsNot)) and _none(parent.comparisons[0].comparator)
