"""Module names a computed-name load spells whole after all: `for extension in EXTENSIONS: await
bot.load_extension(extension)` over `EXTENSIONS = ["cogs.admin", "cogs.music"]` loads those two modules and
no other, as two literal loads would; so does `import_module(f"plugins.{name}")` over a literal list of names.

The names are words of the code, which name the modules they load (project/unloaded_files.py `namers`),
so such a load marks nothing (module_loads.py). Only a fixed collection counts: a literal list, tuple or set
of strings, written where it is iterated or bound to a name every binding of which is such a literal and
that the module only iterates, tests membership in or measures. A list appended to, extended, changed in
place, handed to a call or bound to a parameter may hold any name: its load stays a computed one.
"""

from __future__ import annotations

from typing import List, Optional, Set

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import KindOf, descendants, listed

_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp)
_IS_COMPREHENSION = KindOf(*_COMPREHENSIONS, cst.DictComp)


def spelled_whole(name: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None,
                  call: Optional[cst.Call] = None) -> bool:
    """The module name `name` (the argument of the loader `call`) is built of literal text and of names that only
    ever hold strings a fixed literal collection spells (`f"cogs.{name}"`, `"svc." + kind`, `extension`)."""
    if isinstance(name, (cst.SimpleString, cst.ConcatenatedString)):
        return True
    if isinstance(name, cst.FormattedString):
        return all(spelled_whole(part.expression, resolver, scope, call) and not part.format_spec and not part.conversion
                   for part in name.parts if isinstance(part, cst.FormattedStringExpression))
    if isinstance(name, cst.BinaryOperation) and isinstance(name.operator, cst.Add):
        return spelled_whole(name.left, resolver, scope, call) and spelled_whole(name.right, resolver, scope, call)
    if not isinstance(name, cst.Name):
        return False
    iterated = _comprehension_iter(name.value, call, resolver) if call is not None else None
    if iterated is not None:  # `[import_module(name) for name in NAMES]`
        return _fixed_strings(iterated, resolver, scope)
    bindings = resolver.lookup(name.value, scope)
    return bool(bindings) and all(
        binding.kind in ("value", "other") and (isinstance(binding.value, cst.SimpleString) if binding.item_of is None
                                                 else _fixed_strings(binding.item_of, resolver, binding.scope or scope)) for binding in bindings)


def _fixed_strings(node: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope]) -> bool:
    """`node` is a literal list, tuple or set of strings, a comprehension over one that makes names of its items
    (`[f"cogs.{name}" for name in NAMES]`), or a name bound only to such a literal and never changed (`_untouched`)."""
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        return bool(node.elements) and all(isinstance(element, cst.Element) and isinstance(element.value, (cst.SimpleString, cst.ConcatenatedString))
                                           for element in node.elements)
    if isinstance(node, _COMPREHENSIONS):
        loop = node.for_in
        return loop.inner_for_in is None and isinstance(loop.target, cst.Name) and _made_of(node.elt, loop.target.value) \
            and _fixed_strings(loop.iter, resolver, scope)
    if not isinstance(node, cst.Name):
        return False
    bindings = resolver.lookup(node.value, scope)
    return bool(bindings) and all(binding.kind == "value" and binding.item_of is None and isinstance(binding.value, (cst.List, cst.Tuple, cst.Set))
                                  and _fixed_strings(binding.value, resolver, scope) for binding in bindings) \
        and _untouched(node.value, resolver.module)


def _made_of(element: cst.BaseExpression, item: str) -> bool:
    """A comprehension's element is literal text around its own item (`item`, `f"cogs.{item}"`, `"cogs." + item`)."""
    if isinstance(element, cst.Name):
        return element.value == item
    if isinstance(element, (cst.SimpleString, cst.ConcatenatedString)):
        return True
    if isinstance(element, cst.FormattedString):
        return all(_made_of(part.expression, item) and not part.format_spec and not part.conversion
                   for part in element.parts if isinstance(part, cst.FormattedStringExpression))
    if isinstance(element, cst.BinaryOperation) and isinstance(element.operator, cst.Add):
        return _made_of(element.left, item) and _made_of(element.right, item)
    return False


def _comprehension_iter(item: str, call: cst.Call, resolver: Resolver) -> Optional[cst.BaseExpression]:
    """What the comprehension around `call` whose loop binds `item` iterates, if there is one (the module's
    comprehensions are listed once: every load by a computed name asks)."""
    for node in listed(resolver.module, _IS_COMPREHENSION, resolver.listed):
        if isinstance(node.for_in.target, cst.Name) \
                and node.for_in.target.value == item and any(inner is call for inner in descendants(node, ())):
            return node.for_in.iter
    return None


def _untouched(name: str, module: cst.Module) -> bool:
    """The module reads the name only to iterate over it, test membership in it or measure it (`len`),
    and binds it only by plain assignments: no `append`, `+=`, item assignment, `global`, or hand-off to a call."""
    allowed: Set[int] = set()
    uses: List[cst.Name] = []
    for node in descendants(module, ()):
        if isinstance(node, (cst.For, cst.CompFor)) or isinstance(node, cst.Call) and _measures(node):
            iterated = node.iter if not isinstance(node, cst.Call) else node.args[0].value
            allowed.add(id(iterated))
        elif isinstance(node, cst.Comparison):
            allowed.update(id(target.comparator) for target in node.comparisons if isinstance(target.operator, (cst.In, cst.NotIn)))
        elif isinstance(node, cst.Attribute):
            allowed.add(id(node.attr))  # `self.EXTENSIONS`, `config.EXTENSIONS`: another object's
        elif isinstance(node, cst.Arg) and node.keyword is not None:
            allowed.add(id(node.keyword))
        elif isinstance(node, (cst.Assign, cst.AnnAssign)):
            targets = [target.target for target in node.targets] if isinstance(node, cst.Assign) else [node.target]
            allowed.update(id(target) for target in targets if isinstance(target, cst.Name))
        elif isinstance(node, cst.Name) and node.value == name:
            uses.append(node)
    return all(id(use) in allowed for use in uses)


def _measures(call: cst.Call) -> bool:
    """`len(NAMES)`: a read that changes nothing and hands the list to no one who keeps it."""
    return isinstance(call.func, cst.Name) and call.func.value == "len" and len(call.args) == 1 and not call.args[0].star
