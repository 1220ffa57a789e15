"""The project classes a receiver may be, from the receiver expressions of the summaries (prr_lint/receivers.py).

The call graph asks this for a call no name resolves: a method call on what a project function returns
(`get_emailer().send_email_template(...)`, `client = self.context.get_repo_client(); client.get_pr(...)`),
on an attribute a class or a project base class annotates or sets (`context: AutofixContext`,
`self.client = make_client()`, `self.client = client` from an `__init__` parameter), or on a parameter
of no annotation (every class its callers pass). An attribute holds what its class's body and methods give it
and what code anywhere stores on the class by name (`Handler.session = requests.Session()` in a start-up
module, the class named through an import or a package's re-export). A function returns the class its annotation names
(`Optional[X]` and `X | None` too), or what every `return` gives; an attribute holds what the first class
of the instance's lineage that records it says; a parameter, what the arguments of the calls of its
function give (a method's `self` is not among a call's arguments, unless the call names the method on its
class: `Base.__init__(self, client)`). A cycle (a method returning what calls it give) or an expression nested
deeper than `_DEPTH` gives no class, so the answer under-approximates, as the graph does. An expression is
worked out once, unless a cycle through an expression asked before it was cut short meanwhile: that answer
would depend on which was asked first, so it is not kept (the expression that closes the cycle keeps its own).
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, List, Optional, Set, Tuple

from prr_lint.library_types import canonical
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import lineage, resolve_name
from prr_lint.receivers import CALLED, NAMED_ON_OWNER, PARAMETER, UNKNOWN, merge_attributes

_DEPTH = 24
_STATIC = "builtins.staticmethod"
_CLASS_METHOD = "builtins.classmethod"
_NONE: FrozenSet[str] = frozenset()
_UNCUT = _DEPTH + 2  # deeper than any expression in work: no cycle was cut


class Receivers:
    """Types receiver expressions over the whole index; `resolve` is the call graph's name resolution
    (a called name -> the project function it runs, or None); `outside` are classes of other packages
    to type objects as too (`flask.Flask`: what a factory returns, what callers pass an `app` parameter),
    none for the call graph, which runs only project methods."""

    def __init__(self, index: ProjectIndex, resolve: Callable[[str], Optional[str]], outside: FrozenSet[str] = frozenset()) -> None:
        self.index = index
        self.resolve = resolve
        self.outside = outside
        self._types: Dict[str, FrozenSet[str]] = {}
        self._busy: Dict[str, int] = {}  # expressions in work -> how deep
        self._cut = _UNCUT  # the depth of the shallowest expression in work a cycle was cut at
        self._attributes: Optional[Dict[str, Tuple[str, ...]]] = None
        self._sites: Optional[Dict[str, List[Tuple[str, str, str]]]] = None
        self._method_names: Optional[FrozenSet[str]] = None

    def seeing(self, outside: FrozenSet[str]) -> "Receivers":
        """Receivers that also type objects as the classes `outside`."""
        return Receivers(self.index, self.resolve, outside)

    def targets(self, name: str) -> Tuple[str, ...]:
        """The project methods a call of `name` (`<receiver expression>.<method>`) may run."""
        owner, _, method = name.rpartition(".")
        if not owner or method not in self.method_names():
            return ()
        found = {self.index._method(cls, method, set()) for cls in self.types(owner)}
        return tuple(sorted(target for target in found if target is not None and target in self.index.functions))

    def method_names(self) -> FrozenSet[str]:
        """The names of the project's methods: a call of another name runs none, whatever its receiver."""
        if self._method_names is None:
            classes = self.index.classes
            self._method_names = frozenset(name.rpartition(".")[2] for name in self.index.functions if name.rpartition(".")[0] in classes)
        return self._method_names

    def types(self, expr: str) -> FrozenSet[str]:
        """The project classes of the objects `expr` may hold."""
        found = self._types.get(expr)
        if found is not None:
            return found
        if expr in self._busy or len(self._busy) > _DEPTH:
            self._cut = min(self._cut, self._busy.get(expr, 0))  # a cycle, or too deep (as if cut at the top)
            return _NONE
        depth = self._busy[expr] = len(self._busy)
        outer, self._cut = self._cut, _UNCUT
        try:
            found = self._work_out(expr)
        finally:
            del self._busy[expr]
            cut, self._cut = self._cut, min(outer, self._cut)
        if cut >= depth:  # no cycle was cut at an expression asked before this one
            self._types[expr] = found
        return found

    def _work_out(self, expr: str) -> FrozenSet[str]:
        if expr.endswith(CALLED):
            return self._returned(expr[: -len(CALLED)])
        if expr.startswith(PARAMETER) and expr.endswith("]"):
            return self._parameter(expr[len(PARAMETER):-1])
        if "(" not in expr and PARAMETER not in expr:
            named = resolve_name(self.index, expr)
            if named in self.index.classes or named in self.outside:
                return frozenset([named])
        owner, _, attribute = expr.rpartition(".")
        return self._attribute_of(self.types(owner), attribute) if owner else _NONE

    def _returned(self, callee: str) -> FrozenSet[str]:
        """What calling `callee` gives: an instance of a class it names, or what the functions it runs return."""
        index = self.index
        target = None
        if "(" not in callee and PARAMETER not in callee:
            named = resolve_name(index, callee)
            if named in index.classes or named in self.outside:
                return frozenset([named])
            target = self.resolve(callee)
        functions = (target,) if target is not None else self.targets(callee)
        found: Set[str] = set()
        for function in functions:
            summary = index.functions.get(function)
            if summary is not None and summary.returns:
                found |= self.types(summary.returns)
        return frozenset(found)

    def _attribute_of(self, classes: FrozenSet[str], attribute: str) -> FrozenSet[str]:
        """What `attribute` holds on instances of `classes`: the first class of each one's lineage that records it."""
        table = self.attributes()
        found: Set[str] = set()
        for cls in classes:
            for owner in lineage(self.index, cls):
                exprs = table.get(f"{owner}.{attribute}", ())
                held = frozenset(name for expr in exprs for name in self.types(expr))
                if held:
                    found |= held
                    break
        return frozenset(found)

    def attributes(self) -> Dict[str, Tuple[str, ...]]:
        if self._attributes is None:
            self._attributes = attribute_table(self.index)
        return self._attributes

    def _parameter(self, head: str) -> FrozenSet[str]:
        """`function:position:name` -> the classes the arguments of its callers give the parameter."""
        function, _, name = head.rpartition(":")
        function, _, position = function.rpartition(":")
        found: Set[str] = set()
        for slot, expr, _ in self.call_sites().get(function, ()):
            if slot == position or slot == name:
                found |= self.types(expr)
        return frozenset(found)

    def _position(self, callee: str, function: str, slot: str) -> str:
        """The parameter position an argument fills: a method called on an instance (or a class, for a
        constructor or a classmethod) has `self`/`cls` bound, not among the call's arguments; one named on
        its class (`Base.__init__(self, x)`) gets `self` as its first argument."""
        named = slot.startswith(NAMED_ON_OWNER)
        position = slot[len(NAMED_ON_OWNER):] if named else slot
        summary = self.index.functions.get(function)
        if not position.isdigit() or summary is None or function.rpartition(".")[0] not in self.index.classes:
            return position
        if named and callee.rpartition(".")[2] == function.rpartition(".")[2]:  # the method, not its class's constructor
            bound = _CLASS_METHOD in summary.decorators
        else:
            bound = _STATIC not in summary.decorators
        return str(int(position) + 1) if bound else position

    def call_sites(self) -> Dict[str, List[Tuple[str, str, str]]]:
        """Project function -> (parameter position or keyword, receiver expression, calling function) of each
        argument its callers pass, by the callee's resolved name (a class's: its `__init__`), built once."""
        if self._sites is None:
            self._sites = {}
            for function in self.index.functions.values():
                for callee, slot, expr in function.arguments:
                    target = self.resolve(callee)
                    if target is not None:
                        self._sites.setdefault(target, []).append((self._position(callee, target, slot), expr, function.qualname))
        return self._sites


def attribute_table(index: ProjectIndex) -> Dict[str, Tuple[str, ...]]:
    """"<class>.<attribute>" -> what it may hold, from every module's summary: a store on a class by another
    name (`Handler.session = ...` through an import, a package's re-export) under the class's own (built once)."""

    def build() -> Dict[str, Tuple[str, ...]]:
        table: Dict[str, Tuple[str, ...]] = {}
        classes = index.classes
        for module in index.modules.values():
            for key, exprs in module.attributes.items():
                owner, _, attribute = key.rpartition(".")
                if owner not in classes:
                    owner = resolve_name(index, owner)
                merge_attributes(table, {f"{owner}.{attribute}": exprs})
        return table

    return index.derived("attribute-exprs", build)


def library_attribute(index: ProjectIndex, key: str) -> Optional[str]:
    """The library class (or object) every value the project gives the attribute "<class>.<attribute>" holds
    (`requests.Session`), `None` placeholders aside; None when two values differ, or one is UNKNOWN (nothing
    tells, or a session something mounted an adapter on), a project object, a call's result or a parameter.
    Worked out once per attribute asked."""
    answers: Dict[str, Optional[str]] = index.derived("library-attributes", dict)
    if key not in answers:
        named = {_library(index, expr) for expr in attribute_table(index).get(key, ())}
        answers[key] = named.pop() if len(named) == 1 else None
    return answers[key]


def _library(index: ProjectIndex, expr: str) -> Optional[str]:
    """The library name a receiver expression spells, through the project's re-exports; None for anything else."""
    if expr == UNKNOWN or "(" in expr or PARAMETER in expr:
        return None
    named = canonical(resolve_name(index, expr))
    return named if not index.module_of(named) and named not in index.classes else None
