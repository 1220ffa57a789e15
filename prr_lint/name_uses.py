"""The uses of a module's names that the project phase weighs, counted by one collector during the summary walk
(summary.py): what may reach a method by its name (PRR501's dead methods, project/unused_names.py), and which names
are used as values rather than called (project/param_switches.py, project/contained_raises.py).

Uses that may reach a method by its name (`ModuleSummary.method_uses`, `own_uses`):

A method runs only when code reads it as an attribute (`client.get_state()`, `callback=self.report`), names it in
a string (`getattr(self, "report")`, `"pkg.mod:Cls.report"`) or names it bare in its class's body (`alias =
report`). A local or a parameter of that name (XAgent's `retrieved_procedure: str` beside a method of that name), a
`def`, a keyword, a module's global, an import's module path (`from .report import x`), an attribute an assignment
binds (`self.report = x`), a docstring, a logging call's message and a string that is no name (a template's
`"{{retrieved_procedure}}"`) reach none: inside a function or at a module's top level a bare name is a local or a
global, never a class's attribute.

A bare name given to `property()` in a class body (`limit = property(get_limit, set_limit)`) reaches its method only
through the property: it is kept apart (`parts`: property -> the names it is built from), and the property's own
name bound there is no use; the project phase counts the parts only when something uses the property's name.

Besides the module's counts, each function's uses of its own name inside its own body (`own`): a client method
that hands on to a stub of the same name (`return self._service.get_state(request)`) or calls itself (tin's
`User.api_request`, which retries once after refreshing its token) runs that call only when something else has run
it, so that use keeps nothing alive; nor does its name read there as a value (`Timer(5, self.poll).start()`,
`return self.fetch`), which hands the method on only once it runs; and so does a module function's
(arxiv-search's `retrieve` wrapper: `return current_session().retrieve(document_id)`), counted apart for a module
function as attributes (`own_attributes`) and as strings that are no prose by word_counts.py's measure (`own_strings`: a
Celery task's Redis lock keyed by its own name, `r.lock("poll_results")`, sends nothing before the task runs). Prose is
counted apart already, so neither an f-string's piece nor a name the module's prose holds anywhere (never-run code's
words are prose too) is taken back twice. Its
decorators, defaults and annotations are no part of its body: they run when the `def` does.

And the attributes read but not called whose name is a module-level `def`'s, by their resolved names (`reads`; those
in the body of a function of that name are its `own`):
`@wraps(FulltextSession.retrieve)` reads the class's method, not the module function `retrieve` beside it
(project/foreign_calls.py counts them as it counts calls of another object's method).

Uses as values (`ModuleSummary.value_uses`): a function passed (`register(on_done)`, `Thread(target=self.ping)`),
stored (`handlers = {"x": on_done}`, `factory = ClientComposition`), returned, given as a default or named as a
class's base may be called by code the project does not show, with any arguments. The summary counts, per module,
the last identifier of each name or attribute in such a place: a call argument, an assignment's value, an item of a
list, tuple, set or dict literal, a returned or yielded value, a parameter's default, a lambda's body, through `a or
b` and `a if c else b`. A name bound in the function that uses it is its own local (what it holds was counted where
it was bound) and is left out; a function nested in it is not. Identifiers, not resolved names: the project phase
asks only whether some module may use a function of that name as a value, and a namesake counts too.

Awaited or driven as they are (`ModuleSummary.awaited_words`): the last identifier of a name or attribute that is
awaited (`await self.pending`), delegated to (`yield from pending`) or driven by a coroutine's own methods
(`pending.send(None)`): with the uses as values, what may run a coroutine stored under that name (project/unawaited.py).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Dict, Iterable, List, Optional, Set, Tuple, Union

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import KindOf, children, module_path_nodes
from prr_lint.unread_defs import UnreadDefs
from prr_lint.word_counts import WORD, names_code

_PREFIXES = "rRbBuUfF"  # a string literal's prefix
# A string that may name a method: names or dotted paths (`"report"`, `"pkg.mod:Cls.report"`), alone or in a
# list (`"name report"`, `"name, report"`); prose punctuation (`"Billing report:"`, `"{{report}}"`) names none.
_NAME = r"[A-Za-z_]\w*(?:[.:][A-Za-z_]\w*)*"
_NAMES = re.compile(rf"\s*{_NAME}(?:[\s,]+{_NAME})*[\s,]*")
# An f-string's text part without spaces (`f"{cls}.report"`, `f"cmd_{verb}"`) may be a piece of a name.
_PIECE = re.compile(r"[\w.:]+")
_CONSTANTS = frozenset({"True", "False", "None"})
_NO_VARIABLES = ("def", "class", "import")  # bindings that make a function's name no variable of its own
# What a value is, asked of every value the walk records: type look-ups, not isinstance against libcst's ABCs.
_IS_IF_EXP, _IS_BOOLEAN_OPERATION = KindOf(cst.IfExp), KindOf(cst.BooleanOperation)
_IS_ATTRIBUTE, _IS_NAME = KindOf(cst.Attribute), KindOf(cst.Name)


def string_names(literal: str, piece: bool = False) -> List[str]:
    """The words of a string literal as written, or of an f-string's text part (`piece`), that may name code."""
    if piece:
        return WORD.findall(literal) if _PIECE.fullmatch(literal) or _NAMES.fullmatch(literal) else []
    text = literal.lstrip(_PREFIXES)
    quote = text[:3] if text[:3] in ('"""', "'''") else text[:1] if text[:1] in "'\"" else ""
    inner = text[len(quote):len(text) - len(quote)] if quote and text.endswith(quote) and len(text) >= 2 * len(quote) else text
    return WORD.findall(inner) if _NAMES.fullmatch(inner) else []


def _class_body_names(node: cst.CSTNode) -> Iterable[str]:
    """The bare names of a class body's statements, its methods and nested classes aside (they are scopes of
    their own: their names are locals, or counted with the nested class)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            yield current.value
        for child in children(current):
            if not isinstance(child, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                stack.append(child)


class NameUses:
    """Counted during the summary walk (summary.py): a node that names no method is marked (`skip`) by its
    parent's visit, which comes first; the summary's visits of the places that hold a value call `value`."""

    def __init__(self, resolver: Resolver, ancestors: List[cst.CSTNode]) -> None:
        self.resolver, self.ancestors = resolver, ancestors  # the walk's ancestors of the node it visits
        self.reads: List[str] = []  # resolved names of attributes read, not called, named like a module-level `def`
        self.own_attributes: Counter = Counter()  # module function -> attributes of its name its body reads or calls
        self.own_strings: Counter = Counter()  # module function -> code strings (no prose) of its name in its body
        self.counts: Counter = Counter()
        self.values: Counter = Counter()  # identifier -> uses as a value
        self.own: Counter = Counter()  # function qualname -> uses of its own name in its body
        self.parts: Dict[str, List[str]] = {}  # a class body's property -> the bare names its `property()` is given
        self._skipped: Set[int] = set()  # ids of nodes that name no method
        self.variables: Counter = Counter()  # identifier -> its uses as a function's local or parameter
        self.awaits: Set[str] = set()  # identifiers awaited or driven as they are (`await self.pending`)
        # id of each attribute node counted -> the function whose `own` counts it, or "": what a statement that never
        # runs took back (rules/never_returning.py `record_never_run`)
        self.counted_attributes: Dict[int, str] = {}
        self.unread = UnreadDefs()  # nested `def`s no name of the module reads (unread_defs.py)

    def skip(self, nodes: Iterable[Optional[cst.CSTNode]]) -> None:
        """A docstring, a logging call's message, an attribute an assignment binds, an import's module path."""
        self._skipped.update(id(node) for node in nodes if node is not None)

    def skip_import(self, node: Union[cst.Import, cst.ImportFrom]) -> None:
        """An import's dotted module paths are attributes to the walk, but name modules."""
        for name in module_path_nodes(node):
            while isinstance(name, cst.Attribute):
                self._skipped.add(id(name))
                name = name.value
            self._skipped.add(id(name))  # its first name, which no local of that name is either

    def _use(self, word: str) -> Optional[Scope]:
        """Counted; the function whose body holds this use of its own name, if one does."""
        self.counts[word] += 1
        for scope in reversed(self.resolver.stack):
            if scope.kind == "function" and scope.qualname.rpartition(".")[2] == word:
                if self._in_body(word):
                    self.own[scope.qualname] += 1
                    return scope
                return None
        return None

    def _in_body(self, word: str) -> bool:
        """The node visited is in the body of the innermost `def` named `word` around it, not in its decorators,
        defaults or annotations."""
        for position in range(len(self.ancestors) - 2, -1, -1):
            node = self.ancestors[position]
            if type(node) is cst.FunctionDef and node.name.value == word:
                return self.ancestors[position + 1] is node.body
        return False

    def attribute(self, node: cst.Attribute) -> None:
        if id(node) in self._skipped:
            return
        word = node.attr.value
        parent = self.ancestors[-1] if self.ancestors else None
        owner = self._use(word)
        self.counted_attributes[id(node)] = owner.qualname if owner is not None else ""
        if owner is not None:
            if owner.parent is self.resolver.module_scope:
                self.own_attributes[owner.qualname] += 1
        elif not (type(parent) is cst.Call and parent.func is node) and any(
                binding.kind == "def" for binding in self.resolver.module_scope.bindings.get(word, ())):
            name = self.resolver.qualified_name(node)
            self.reads.extend([name] if name is not None else [])

    def name(self, node: cst.Name) -> None:
        """A bare name that is a function's local or parameter (`rate_limiter = RateLimiter(redis)` in a start-up
        hook): it names a variable, never a module nor a module-level definition, whatever it spells. Not an
        attribute's name, an import's module path nor a name an import binds (`from app.core import rate_limiter`)."""
        self.unread.name(node, self.ancestors[-1] if self.ancestors else None)
        scope, word = self.resolver.scope, node.value
        # only the innermost function's own bindings, read directly: a name of an enclosing function stays a mention
        bindings = scope.bindings.get(word) if scope.kind == "function" and word not in scope.global_names else None
        if not bindings or id(node) in self._skipped or any(binding.kind in _NO_VARIABLES for binding in bindings):
            return
        parent = self.ancestors[-1] if self.ancestors else None
        if not (type(parent) is cst.Attribute and parent.attr is node):
            self.variables[word] += 1

    def string(self, node: cst.CSTNode, literal: str, piece: bool = False) -> None:
        if id(node) not in self._skipped:
            for word in string_names(literal, piece):
                owner = self._use(word)
                # not an f-string's piece, nor prose, which word_counts.py counts apart (asked only of own names: rare)
                if owner is not None and owner.parent is self.resolver.module_scope and not piece and names_code(literal):
                    self.own_strings[owner.qualname] += 1

    def class_body(self, node: cst.ClassDef) -> None:
        """The bare names of the class's body (`alias = report`, `handlers = [on_start]`), methods aside."""
        for statement in node.body.body:
            if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                continue
            built = self._property(statement)
            if built is None:
                self.counts.update(_class_body_names(statement))
            else:
                for name in built[0]:
                    self.parts.setdefault(name, []).extend(built[1])

    def _property(self, statement: cst.CSTNode) -> Optional[Tuple[List[str], List[str]]]:
        """(the names bound, the bare names given) of `name = property(getter, setter)` with only bare names as
        arguments, resolved to the builtin; None for any other statement."""
        line = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 else None
        if not isinstance(line, cst.Assign) or not isinstance(line.value, cst.Call):
            return None
        targets = [target.target for target in line.targets]
        args = [arg.value for arg in line.value.args]
        if not all(_IS_NAME[type(node)] for node in [*targets, *args]) \
                or self.resolver.qualified_name(line.value.func) != "builtins.property":
            return None
        return [target.value for target in targets], [arg.value for arg in args]

    def value(self, expr: Optional[cst.BaseExpression]) -> None:
        """A value the walk met (an argument, an assigned or returned value, an item, a default)."""
        for word, is_name in _value_words(expr):
            if not (is_name and self._local(word)):
                self.values[word] += 1

    def yielded(self, value: Optional[Union[cst.BaseExpression, cst.From]]) -> None:
        """A yielded value, or what `yield from` delegates to: it drives that as it is."""
        if type(value) is cst.From:
            self.awaited(value.item)
        else:
            self.value(value)

    def awaited(self, expr: Optional[cst.BaseExpression]) -> None:
        """A value awaited or driven as it is (`await self.pending`, `yield from pending`, `pending.send(None)`):
        locals too, since a global or an attribute of the same name may be what is awaited."""
        self.awaits.update(word for word, _ in _value_words(expr))

    def _local(self, name: str) -> bool:
        """Bound in the function the walk is in (a parameter, a local value): not a function or class defined anywhere."""
        bindings = self.resolver.lookup(name, self.resolver.scope) or []
        return bool(bindings) and all(b.scope is not None and b.scope.kind == "function" and b.kind not in ("def", "class") for b in bindings)

    def record(self, summary) -> None:
        """The counts, into the module's summary at the end of the walk."""
        summary.method_uses, summary.own_uses, summary.property_parts = dict(self.counts), dict(self.own), self.parts
        summary.value_uses, summary.attribute_reads, summary.own_attributes = dict(self.values), self.reads, dict(self.own_attributes)
        # not a name the module's prose or never-run code holds: those words are taken back as prose already
        taken_back = set(summary.prose_words).union(*(words for _, words in summary.never_run_words))
        summary.own_strings = {name: count for name, count in self.own_strings.items() if name.rpartition(".")[2] not in taken_back}
        summary.variable_words = dict(self.variables)
        summary.awaited_words = sorted(self.awaits)
        self.unread.record()


def _value_words(expr: Optional[cst.BaseExpression]) -> Iterable[Tuple[str, bool]]:
    """The last identifiers of the names and attributes a value may be, through `a or b` and `a if c else b`, each
    with whether it is a bare name (constants aside)."""
    pending = [expr]  # a stack, not recursion: `a and a and ...` a thousand times deep is valid Python
    while pending:
        expr = pending.pop()
        expr_type = type(expr)
        if _IS_IF_EXP[expr_type]:
            pending += (expr.body, expr.orelse)
        elif _IS_BOOLEAN_OPERATION[expr_type]:
            pending += (expr.left, expr.right)
        elif _IS_ATTRIBUTE[expr_type]:
            yield expr.attr.value, False
        elif _IS_NAME[expr_type] and expr.value not in _CONSTANTS:
            yield expr.value, True
