"""Calls that never return, and the statements after them that never run: the project's one analysis of a function
that never returns normally, asked by the unreachable-code logic (rules/unreachable.py's third kind) and by the error
rules (PRR101/PRR102: a handler that hands its failure to such a helper propagates it, project/never_returns.py).

A function never returns normally when every path of its body ends in `raise`, in a call of another function
that never returns, or in a library call known never to return (`sys.exit`, `os._exit`, `os.abort`, `os.execv`,
`flask.abort`, werkzeug's and flask-restful's `abort`, `typing.assert_never`), or when it is annotated
`-> NoReturn` / `Never`. An `if` ends only when its `else` and every branch end; a `try` when each handler ends and
its body or `else` does, or when its `finally` ends; a `with` never (a context manager may swallow the error), nor
a loop. A `return` of a call that never returns returns nothing (`return self.fail(msg)`); any other `return`, a
`yield` (calling a generator runs none of its body), a decorator (it may catch; `staticmethod` and `classmethod`
aside) or a second binding in its scope makes it return; an `async def` never returns only where it is awaited.
Django has no such function (its 404 is raised).

How a function ends is a set of conditions (`Ending`): it never returns provided each holds. An exit (`raise
SystemExit` too) adds none; a `raise`, `assert_never` and `-> NoReturn` add `raise` (RAISES), which holds for the two
questions below and fails the third, EXITING (rules/process_ends.py: the call ends the process, no path raising).
The two questions read three kinds of condition apart, deliberately:
- a method called on an object (`self.fail(msg)`, key `overridable:<method>`): unreachable code trusts only calls
  that reach one function, as an override in a subclass may return and hiding what follows would hide live code;
  the error rules follow the method the project defines (through its class hierarchy), the best evidence of where
  a handler's failure goes (Account's `fail_login` ending in `return self.fail(msg)`, the base's `fail` raising);
- `raise NotImplementedError` (key `abstract-stub`): it does raise when called, so what follows such a call never
  runs; but an abstract stub is there to be overridden, so a handler calling it hands its failure to an override;
- an HTTP abort (flask's `abort(403)`, key its name): it ends the request, so what follows never runs; but it
  answers the client and reports nothing, as a handler's own `abort(401)` does (a PRR101 finding), so a helper
  ending in one does not propagate the failure.

MtblsWS-Py's deprecated endpoints start with `raise_deprecation_error(request)`, whose body is one `raise`: what
follows it in the block never runs, so its calls make no finding and call nothing. A call followed is spelled so
that it reaches a function: a name, an attribute of a module or class a name holds (`errors.deny()`,
`Cls.fail()`), or a method of an object a name holds whose class is known (`self.fail()`, kept overridable); never
one of what an attribute holds (`db.session.commit()`). A function of this module is decided here, once the
module's functions are known; one of another module by the project phase (project/never_returns.py), for calls in
a function's body: the statements after its call carry `after-call:<callee>` (`@await` when awaited), the module
summary keeps what they call (the `call-args:` tags of untyped calls too), their attribute reads the name counts
hold and their words, and each function its tag (`NEVER_RETURNS`, or one
`NEVER_RETURNS_IF` per condition left).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Dict, FrozenSet, Iterator, List, Mapping, Optional, Sequence, Set, Tuple, Union

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.attribute_guards import guarded_statements, mentions_attribute_test
from prr_lint.rules.handlers import EXITS
from prr_lint.rules.responses import ABORT_FUNCTIONS
from prr_lint.scopes import Scope
from prr_lint.standard_modules import STANDARD_MODULES
from prr_lint.tree import DEFINITIONS, SCOPE_NODES, KindOf, descendants, statement_blocks, statements_within
from prr_lint.word_counts import WORD

if TYPE_CHECKING:
    from prr_lint.model import ModuleSummary

# Library functions that end the request with an HTTP answer (an exception the framework turns into a response).
RESPONDING_ENDS = ABORT_FUNCTIONS | frozenset({"flask_restful.abort", "flask_restx.abort"})
# Library functions that always raise an error.
_LIBRARY_RAISES = frozenset({"typing.assert_never", "typing_extensions.assert_never"})
# Library functions that always raise or end the process.
LIBRARY_ENDS = EXITS | RESPONDING_ENDS | _LIBRARY_RAISES \
    | frozenset(f"os.exec{suffix}" for suffix in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe"))  # replace the process
_NO_RETURN = frozenset({"typing.NoReturn", "typing.Never", "typing_extensions.NoReturn", "typing_extensions.Never"})
_ROUTINE_DECORATORS = frozenset({"builtins.staticmethod", "builtins.classmethod"})
_ABSTRACT = "builtins.NotImplementedError"
_SYSTEM_EXIT = "builtins.SystemExit"
NEVER_RETURNS = "never-returns"  # FunctionSummary tag: no path of the body returns
NEVER_RETURNS_IF = "never-returns-if:"  # prefix, one per condition: no path returns, provided each condition holds
AFTER_CALL = "after-call:"  # a finding's subject: it runs only if this callee returns
AWAITED = "@await"
OVERRIDABLE = "overridable:"  # a condition's prefix: a method called on an object, which an override may replace
ABSTRACT_STUB = "abstract-stub"  # a condition: the path raises NotImplementedError, which an override replaces
RAISES = "raise"  # a condition (a keyword: no function's name): the path raises an error, which does not end the process
RAISING: FrozenSet[str] = frozenset({RAISES})
# The questions asked of a condition (`read_condition`).
UNREACHABLE, PROPAGATING, EXITING = "unreachable", "propagating", "exiting"
_IS_YIELD = KindOf(cst.Yield)
# asked of every statement of every module: by exact type (tree.KindOf), not a chain of ABC isinstance checks
_IS_LINE, _IS_RAISE, _IS_VALUED = KindOf(cst.SimpleStatementLine, cst.SimpleStatementSuite), KindOf(cst.Raise), KindOf(cst.Expr, cst.Return)
_IS_IF, _IS_TRY, _IS_COMPOUND = KindOf(cst.If), KindOf(cst.Try), KindOf(cst.BaseCompoundStatement)
_IS_DEFINITION, _IS_FUNCTION = KindOf(*DEFINITIONS), KindOf(cst.FunctionDef)

# None: control may go on after it; empty: it never does; else: it never does if each of these conditions holds.
Ending = Optional[FrozenSet[str]]


def read_condition(condition: str, question: str) -> Union[bool, str]:
    """How a question reads one condition: whether it holds, or the callee (`@await` kept) the project decides.
    UNREACHABLE: control never comes back from the call (unreachable code); PROPAGATING: a call of the function
    hands the failure on, it raises or ends the process (the error rules); EXITING: it ends the process, every
    path in an exit, no error raised (a shutdown, rules/process_ends.py). See the module's docstring."""
    if condition == RAISES:
        return question != EXITING
    if condition == ABSTRACT_STUB or condition in RESPONDING_ENDS:
        return question == UNREACHABLE
    if condition.startswith(OVERRIDABLE):
        return False if question == UNREACHABLE else condition[len(OVERRIDABLE):]
    return condition


class NeverReturning:
    """One module's functions that never return and its statements after calls that never return, found once
    (statements only, not expressions) on first use (`never_returning`)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.ending: Set[int] = set()  # ids of call statements (lines and small statements) decided never to return
        self.after: Dict[int, Tuple[str, ...]] = {}  # statement id -> the undecided callees above it in its block
        self.holding: Set[int] = set()  # compound statements with such a callee in a nested block
        self.functions: Dict[str, Ending] = {}  # each function's key (qualname, `@await` for an async def) -> its ending
        self._defs: Dict[str, str] = {}  # qualname -> key
        self._calls: Dict[int, Ending] = {}  # call statement id -> its ending before this module's functions are settled
        # a generator needs the keyword: a module whose text lacks it has none, and no body is walked for one
        self._may_yield = resolver.source is None or "yield" in resolver.source
        raw: Dict[str, Ending] = {}
        blocks = list(self._blocks())
        for block, scope, _ in blocks:
            for statement in block.body:
                if _IS_FUNCTION[type(statement)]:
                    inner = resolver.scope_for(statement, scope)
                    key = inner.qualname + (AWAITED if statement.asynchronous else "")
                    self._defs[inner.qualname] = key
                    raw[key] = self._own_ending(statement, inner, scope)
        self.functions = _settle(raw)
        for block, scope, owners in blocks:
            self._mark(block, scope, owners)

    def _blocks(self) -> Iterator[Tuple[cst.CSTNode, Scope, Tuple[cst.CSTNode, ...]]]:
        """Every block of statements (small-statement lines aside), with its scope and the statements it is in."""
        pending: List[Tuple[cst.CSTNode, Scope, Tuple[cst.CSTNode, ...]]] = [(self.resolver.module, self.resolver.module_scope, ())]
        while pending:
            block, scope, owners = pending.pop()
            yield block, scope, owners
            for statement in block.body:  # type: ignore[attr-defined]
                kind = type(statement)
                if _IS_COMPOUND[kind]:
                    inner = self.resolver.scope_for(statement, scope) if _IS_DEFINITION[kind] else scope
                    pending.extend((found, inner, (*owners, statement)) for found in statement_blocks(statement))

    def _own_ending(self, node: cst.FunctionDef, scope: Scope, outer: Scope) -> Ending:
        """How the function's body ends; the cheap questions first, as most functions return."""
        annotation = node.returns.annotation if node.returns is not None else None
        if annotation is not None and self.resolver.qualified_name(annotation, outer) in _NO_RETURN:
            ending: Ending = RAISING  # declared: it may raise as well as exit
        else:
            ending = self._block(node.body.body, scope)
            if ending is None:
                return None
            for statement in statements_within(node):
                if isinstance(statement, cst.Return):  # returns only if the call it returns does (`return self.fail(msg)`)
                    returned = self._call_ending(statement, scope)
                    if returned is None:
                        return None
                    ending = ending | returned
        if any(self.resolver.qualified_name(decorator.decorator, outer) not in _ROUTINE_DECORATORS for decorator in node.decorators):
            return None
        if len(self.resolver.lookup(node.name.value, outer) or ()) != 1 \
                or self._may_yield and any(_IS_YIELD[type(found)] for found in descendants(node.body)):
            return None  # rebound in its own scope, or a generator
        return ending

    def _block(self, body: Sequence[cst.CSTNode], scope: Scope) -> Ending:
        """How a block's statements end: the first that ends for certain (an exit or a raise), else the first that may."""
        found: Ending = None
        for statement in body:
            ending = self._statement(statement, scope)
            if ending is not None and (found is None or ending <= RAISING):
                found = ending
                if ending <= RAISING:
                    break
        return found

    def statement_ending(self, statement: cst.CSTNode, scope: Scope) -> Ending:
        """How one statement (a line, a small or a compound statement) of a function's body in `scope` ends."""
        return self._statement(statement, scope)

    def _statement(self, statement: cst.CSTNode, scope: Scope) -> Ending:
        kind = type(statement)
        if _IS_LINE[kind]:
            return self._block(statement.body, scope)
        if _IS_RAISE[kind]:
            raised = statement.exc.func if isinstance(statement.exc, cst.Call) else statement.exc
            name = self.resolver.qualified_name(raised, scope) if raised is not None else None
            return frozenset({ABSTRACT_STUB}) if name == _ABSTRACT else frozenset() if name == _SYSTEM_EXIT else RAISING
        if _IS_VALUED[kind]:
            return self._call_ending(statement, scope)
        if _IS_IF[kind]:
            return self._branches(statement, scope)
        if _IS_TRY[kind]:
            handlers = [self._block(handler.body.body, scope) for handler in statement.handlers]
            final = self._block(statement.finalbody.body.body, scope) if statement.finalbody is not None else None
            body = self._block(statement.body.body, scope)
            if body is None and statement.orelse is not None:
                body = self._block(statement.orelse.body.body, scope)
            if body is not None and all(handler is not None for handler in handlers):
                return frozenset().union(body, *handlers)  # type: ignore[arg-type]
            return final
        return None

    def _branches(self, statement: cst.If, scope: Scope) -> Ending:
        found: FrozenSet[str] = frozenset()
        branch: Optional[cst.CSTNode] = statement
        while isinstance(branch, cst.If):  # a loop, not recursion: generated code chains thousands of `elif`s
            ending = self._block(branch.body.body, scope)
            if ending is None:
                return None
            found |= ending
            branch = branch.orelse
        if branch is None:
            return None
        ending = self._block(branch.body.body, scope)  # type: ignore[attr-defined]
        return None if ending is None else found | ending

    def callee(self, statement: cst.CSTNode, scope: Scope) -> Optional[str]:
        """The function a call statement (`f(x)`, `await f(x)`, `return f(x)`) reaches, spelled as a function's key
        (`overridable:` first for a method of an object)."""
        if not _IS_VALUED[type(statement)]:
            return None
        value = statement.value
        awaited = isinstance(value, cst.Await)
        call = value.expression if isinstance(value, cst.Await) else value
        if not isinstance(call, cst.Call) or not isinstance(call.func, (cst.Name, cst.Attribute)):
            return None
        func, method = call.func, False
        if isinstance(func, cst.Attribute):
            if not isinstance(func.value, cst.Name):
                return None  # a method of what an attribute holds
            method = self.resolver.instance_type(func.value, scope) is not None
            if not method and self.resolver.qualified_name(func.value, scope) is None:
                return None  # a method of an object of no known class
        name = self.resolver.qualified_name(func, scope)
        if name is None:
            return None
        return name if name in LIBRARY_ENDS else (OVERRIDABLE if method else "") + name + (AWAITED if awaited else "")

    def _call_ending(self, statement: cst.CSTNode, scope: Scope) -> Ending:
        key = id(statement)
        if key not in self._calls:
            self._calls[key] = self._callee_ending(statement, scope)
        return self._calls[key]

    def _callee_ending(self, statement: cst.CSTNode, scope: Scope) -> Ending:
        name = self.callee(statement, scope)
        if name is None:
            return None
        if name in LIBRARY_ENDS:
            return frozenset({name}) if name in RESPONDING_ENDS else RAISING if name in _LIBRARY_RAISES else frozenset()
        function = name[len(OVERRIDABLE):] if name.startswith(OVERRIDABLE) else name
        plain = function[:-len(AWAITED)] if function.endswith(AWAITED) else function
        if plain in self._defs:
            return frozenset({name}) if self._defs[plain] == function else None  # an async def's coroutine, not awaited
        # the standard library's and the builtins return (their ends are in LIBRARY_ENDS)
        return None if plain.partition(".")[0] in STANDARD_MODULES else frozenset({name})

    def _final(self, statement: cst.CSTNode, scope: Scope) -> Ending:
        """A call statement's ending once this module's functions are settled, as unreachable code reads it: the
        callees of other modules it ends provided none returns (empty: it never returns)."""
        ending = self._call_ending(statement, scope)
        if ending is None:
            return None
        settled: Set[str] = set()
        for condition in ending:
            if condition in self.functions:
                if self.functions[condition] is None:
                    return None
                found: FrozenSet[str] = self.functions[condition]  # type: ignore[assignment]
            else:
                found = frozenset({condition})
            for inner in found:
                read = read_condition(inner, UNREACHABLE)
                if read is False:
                    return None
                if read is not True:
                    settled.add(read)  # type: ignore[arg-type]
        return frozenset(settled)

    def _mark(self, block: cst.CSTNode, scope: Scope, owners: Tuple[cst.CSTNode, ...]) -> None:
        """Record the block's call statements that never return, and, in a function's body, what follows those
        another module decides (a module's or class's top level calls set-up code of others: `load_dotenv()`)."""
        above: Tuple[str, ...] = ()
        undecided = scope.kind == "function"
        for statement in block.body:  # type: ignore[attr-defined]
            if above:
                self.after[id(statement)] = above
            smalls = statement.body if isinstance(statement, cst.SimpleStatementLine) else ()
            within: Tuple[str, ...] = above
            for small in smalls:  # `deny(); fetch()` on one line
                if within != above:
                    self.after[id(small)] = within
                    self.holding.add(id(statement))
                ending = self._final(small, scope)
                if ending is not None and not ending:
                    self.ending.update((id(small), id(statement)))
                elif ending and undecided:
                    within = tuple(sorted({*within, *ending}))
            ending = None if smalls else self._final(statement, scope)  # a small statement of a one-line suite
            if ending is not None and not ending:
                self.ending.add(id(statement))
            above = tuple(sorted({*within, *ending})) if ending and undecided else within
        if above:
            self.holding.update(map(id, owners))

    def ends(self, statement: cst.CSTNode) -> bool:
        """A call statement that never returns (decided in this module)."""
        return id(statement) in self.ending

    def subjects(self, chain: Sequence[cst.CSTNode]) -> Tuple[str, ...]:
        """The `after-call:` subjects of the last node of `chain` (its ancestors, outermost first, then itself)."""
        if not self.after:
            return ()
        found = {callee for node in chain for callee in self.after.get(id(node), ())}
        return tuple(AFTER_CALL + callee for callee in sorted(found))

    def tags(self, qualname: str) -> List[str]:
        """The summary tags of the function `qualname` of this module."""
        ending = self.functions.get(self._defs.get(qualname, ""))
        if ending is None:
            return []
        return [NEVER_RETURNS] if not ending else [NEVER_RETURNS_IF + condition for condition in sorted(ending)]


def _settle(raw: Dict[str, Ending]) -> Dict[str, Ending]:
    """Each function's ending with the module's own callees replaced by theirs, through every hop: None when one
    it reaches may return or calls itself again (recursion is left undecided, as the project phase leaves a cycle
    across modules); else the conditions of other modules they reach."""
    reach = {key: _reached(raw, ending) for key, ending in raw.items() if ending is not None and any(condition in raw for condition in ending)}
    cyclic = {key for key, found in reach.items() if found is not None and key in found[0]}
    settled: Dict[str, Ending] = {}
    for key, ending in raw.items():
        if key not in reach:
            settled[key] = ending
            continue
        found = reach[key]
        settled[key] = None if found is None or cyclic & {key, *found[0]} else found[1]
    return settled


def _reached(raw: Dict[str, Ending], ending: FrozenSet[str]) -> Optional[Tuple[Set[str], FrozenSet[str]]]:
    """The module's functions `ending` reaches and the conditions of other modules it reaches through them; None
    when one of those functions may return."""
    seen: Set[str] = set()
    pending = [ending]
    outside: Set[str] = set()
    while pending:
        for condition in pending.pop():
            if condition not in raw:
                outside.add(condition)
            elif condition not in seen:
                seen.add(condition)
                inner = raw[condition]
                if inner is None:
                    return None
                pending.append(inner)
    return seen, frozenset(outside)


def record_never_run(summary: "ModuleSummary", resolver: Resolver, module: cst.Module, never_run: Set[int],
                     untyped: Mapping[int, Tuple[str, str]], reads: Mapping[int, str]) -> None:
    """Tag the summary's functions, and keep, for the statements after calls others decide, what they call and
    their words, by the callees that decide them (`never_run`: the ids of statements that never run already); and
    the tags of their calls on receivers of no known type and their attribute reads the walk counted (`untyped`: a
    call's id -> (caller, tag); `reads`: an attribute's id -> the function whose own use it is, or "")."""
    analysis = never_returning(resolver)
    for function in summary.functions.values():
        function.tags.extend(analysis.tags(function.qualname))
    # statements a test that an object has an attribute no code binds keeps from running (attribute_guards.py)
    guarded, guarding = guarded_statements(module, resolver) if mentions_attribute_test(summary.words) else ({}, set())
    if not analysis.after and not guarded:
        return
    holding = analysis.holding | guarding if guarding else analysis.holding
    words: Dict[Tuple[str, ...], Counter] = {}
    pending: List[Tuple[cst.CSTNode, Scope, str, Tuple[str, ...]]] = [(module, resolver.module_scope, resolver.module_name, ())]
    while pending:
        block, scope, function, covering = pending.pop()
        for statement in block.body:  # type: ignore[attr-defined]
            if id(statement) in never_run:
                continue
            held = (*analysis.after.get(id(statement), ()), *guarded.get(id(statement), ()))
            subjects = tuple(sorted({*covering, *held})) if held else covering
            if id(statement) not in holding:
                if subjects:
                    words.setdefault(subjects, Counter()).update(WORD.findall(module.code_for_node(statement)))
                    summary.never_run_calls.extend((caller, name, subjects) for caller, name in _calls(resolver, statement, scope, function))
                    _record_uses(summary, statement, subjects, untyped, reads, True)
                continue
            line = isinstance(statement, cst.SimpleStatementLine)
            blocks = [statement] if line else statement_blocks(statement)
            if subjects and not line:  # the statement's own parts: an `if`'s test, a `def`'s decorators
                header = Counter(WORD.findall(module.code_for_node(statement)))
                for inner in blocks:
                    header.subtract(WORD.findall(module.code_for_node(inner)))
                words.setdefault(subjects, Counter()).update(+header)
                summary.never_run_calls.extend((caller, name, subjects) for caller, name in _calls(resolver, statement, scope, function, False))
                _record_uses(summary, statement, subjects, untyped, reads, False)
            inner_scope = resolver.scope_for(statement, scope) if isinstance(statement, DEFINITIONS) else scope
            inner_function = inner_scope.qualname if isinstance(statement, cst.FunctionDef) else function
            pending.extend((inner, inner_scope, inner_function, subjects) for inner in blocks)
    summary.never_run_words = [(subjects, dict(counts)) for subjects, counts in sorted(words.items())]


def _record_uses(summary: "ModuleSummary", statement: cst.CSTNode, subjects: Tuple[str, ...], untyped: Mapping[int, Tuple[str, str]],
                 reads: Mapping[int, str], blocks: bool) -> None:
    """The untyped calls' tags and the counted attribute reads in `statement` (with `blocks` False, only in its own
    parts, outside its blocks), nested definitions and lambdas included: they never run either."""
    if not untyped and not reads:
        return
    for found in descendants(statement, stop_at=() if blocks else (cst.BaseSuite,)):
        found_id = id(found)
        if found_id in untyped and untyped[found_id][1]:
            summary.never_run_tags.append((*untyped[found_id], subjects))
        elif found_id in reads:
            summary.never_run_reads.append((found.attr.value, reads[found_id], subjects))  # type: ignore[attr-defined]


def _calls(resolver: Resolver, node: cst.CSTNode, scope: Scope, function: str, blocks: bool = True) -> Iterator[Tuple[str, str]]:
    """(calling function, callee) of the calls in `node` the module summary records (summary.py `visit_Call`):
    with `blocks` False, only those of the statement's own parts, outside its blocks."""
    pending = [(node, scope, function)]
    while pending:
        current, scope, function = pending.pop()
        if blocks and isinstance(current, DEFINITIONS):  # its body runs in its own scope, as its own function
            inner = resolver.scope_for(current, scope)
            pending.append((current.body, inner, inner.qualname if isinstance(current, cst.FunctionDef) else function))
            pending.extend((part, scope, function) for part in current.decorators)
            continue
        for found in descendants(current, stop_at=SCOPE_NODES if blocks else (*SCOPE_NODES, cst.BaseSuite)):
            if isinstance(found, cst.Call):
                name = resolver.qualified_name(found.func, scope)
                if name is not None and not name.startswith("builtins."):
                    yield function, name
            elif blocks and isinstance(found, DEFINITIONS):
                pending.append((found, scope, function))


def never_returning(resolver: Resolver) -> NeverReturning:
    """The module's analysis, made once and kept on its resolver."""
    if resolver.never_returning is None:
        resolver.never_returning = NeverReturning(resolver)
    return resolver.never_returning
