"""Fallbacks of a dependency handler that are no silent degraded answer (PRR102, PRR203), decided by
what the code does with the value, never by names:

* a decode error of a response that arrived (`requests`' `JSONDecodeError`, aiohttp's
  `ContentTypeError`): the dependency answered, its body is not JSON;
* a fallback value that says it failed: a dict with an `error` key holding a message, alone or in a
  list (`events = [{"error": "Could not fetch events"}]`), which the answer shows;
* a probe's outcome: the `try` calls the dependency for no value and records success, the handler
  records a failure text in the same place, and the function returns it (a connection test, a
  scope check): the failure is the answer;
* the fallback tested after the `try` statement by a branch that raises or reports
  (`image = None` ... `if not image: log.warning(...)`): the failure surfaces there;
* the cause handed back in the function's answer through text made from it
  (`msg = f"Could not retrieve: {e}"; errors.append(Info(msg)); return errors`).
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Set

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.rules.failure_answers import _FAILURE_TEXT
from prr_lint.rules.handler_context import Handler, TryNode
from prr_lint.rules.resurfaces import ERROR_KEYS
from prr_lint.sinks import reports_error
from prr_lint.tree import children, descendants, dotted_name, flat_statements, string_value

# Errors raised while decoding a response that did arrive: no dependency is down.
CONTENT_DECODE_ERRORS = frozenset({
    "requests.JSONDecodeError", "requests.exceptions.JSONDecodeError", "requests.exceptions.InvalidJSONError",
    "requests.compat.JSONDecodeError", "aiohttp.ContentTypeError", "aiohttp.client_exceptions.ContentTypeError",
    "httpx.DecodingError", "httpx._exceptions.DecodingError",
})


def content_decode_error(name: str) -> bool:
    """`name` is raised decoding a response's body, after the dependency answered."""
    return name in CONTENT_DECODE_ERRORS


def _error_value(value: Optional[cst.BaseExpression]) -> bool:
    """A dict with an error key holding something other than None/False, or a list/tuple of such."""
    if isinstance(value, cst.Dict):
        return any(
            isinstance(item, cst.DictElement) and string_value(item.key) in ERROR_KEYS
            and not (isinstance(item.value, cst.Name) and item.value.value in ("None", "False"))
            for item in value.elements
        )
    if isinstance(value, (cst.List, cst.Tuple)):
        return any(isinstance(item, cst.Element) and _error_value(item.value) for item in value.elements)
    return False


def says_it_failed(handler: Handler) -> bool:
    """Every value the handler answers or keeps says it failed (`return {"error_message": ...}`,
    `events = [{"error": "Could not fetch events for pod"}]`): whoever reads it sees the failure."""
    values = [node.value for node in flat_statements(handler.body) if isinstance(node, (cst.Assign, cst.Return))]
    return bool(values) and all(_error_value(value) for value in values)


def _enclosing_function(ctx: FileContext) -> Optional[cst.FunctionDef]:
    return next(ctx.functions(), None)


def _path(root: cst.CSTNode, target: cst.CSTNode) -> List[cst.CSTNode]:
    """The nodes from `root` down to `target` (empty when `target` is not under `root`)."""
    stack = [(root, [root])]
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if isinstance(node, (cst.ClassDef, cst.Lambda)) or (isinstance(node, cst.FunctionDef) and node is not root):
            continue
        stack.extend((child, path + [child]) for child in children(node))
    return []


def statements_after(function: cst.FunctionDef, target: cst.CSTNode) -> List[cst.BaseStatement]:
    """The statements that may run after `target` finishes: those after it in its block and after
    each statement that encloses it."""
    path = _path(function, target)
    after: List[cst.BaseStatement] = []
    for parent, child in zip(path, path[1:]):
        if isinstance(parent, cst.IndentedBlock):
            index = next(i for i, statement in enumerate(parent.body) if statement is child)
            after.extend(parent.body[index + 1:])
    return after


def _targets(nodes: Sequence[cst.CSTNode]) -> Set[str]:
    found: Set[str] = set()
    for node in nodes:
        if isinstance(node, (cst.Assign, cst.AnnAssign)):
            targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
            found.update(name for name in map(dotted_name, targets) if name)
    return found


def _spells(expr: cst.CSTNode, names: Set[str]) -> bool:
    return any(isinstance(node, (cst.Name, cst.Attribute)) and dotted_name(node) in names for node in (expr, *descendants(expr)))


def _surfaces(ctx: FileContext, block: cst.CSTNode, level: int) -> bool:
    return any(isinstance(node, cst.Raise) or (isinstance(node, cst.Call) and reports_error(node, ctx.resolver, level))
               for node in descendants(block))


def checked_after(ctx: FileContext, try_node: TryNode, handler: Handler, level: int) -> bool:
    """The value the handler falls back to (or, when it only passes, the one the `try` would have set)
    is tested after the `try` statement by a branch that raises or reports at `level`
    (`image = None` ... `if not image: log.warning("could not fetch the image")`)."""
    function = _enclosing_function(ctx)
    statements = flat_statements(handler.body)
    if function is None or any(isinstance(node, (cst.Return, cst.Continue, cst.Break)) for node in statements):
        return False
    names = _targets(statements)
    if not all(isinstance(node, cst.Pass) or (isinstance(node, cst.Assign) and _empty(node.value)) for node in statements):
        return False  # a real substitute value, not a marker of the failure
    if all(isinstance(node, cst.Pass) for node in statements):
        names = _targets(flat_statements(try_node.body))
    if not names:
        return False
    for statement in statements_after(function, try_node):
        for node in (statement, *descendants(statement)):
            if isinstance(node, cst.If) and _spells(node.test, names) and (
                _surfaces(ctx, node.body, level) or (node.orelse is not None and _surfaces(ctx, node.orelse, level))
            ):
                return True
    return False


def _empty(value: cst.BaseExpression) -> bool:
    """None, False, 0, an empty text or container: a value that marks the failure."""
    if isinstance(value, cst.Name):
        return value.value in ("None", "False")
    if isinstance(value, (cst.List, cst.Dict, cst.Tuple)):
        return not value.elements
    if isinstance(value, cst.SimpleString):
        return value.evaluated_value in ("", b"")
    return isinstance(value, cst.Integer) and value.value == "0"


def settled(ctx: FileContext, try_node: TryNode, handler: Handler, level: int) -> bool:
    """Any of the module's cases: the fallback says it failed, is a probe's outcome, is tested later by
    a branch that surfaces the failure (at `level`), or hands the cause back in the answer."""
    return says_it_failed(handler) or probe_outcome(ctx, try_node, handler) \
        or checked_after(ctx, try_node, handler, level) or cause_in_answer(ctx, handler)


def _failure_text(value: cst.BaseExpression) -> bool:
    texts = [value] if isinstance(value, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)) else [
        arg.value for arg in value.args] if isinstance(value, cst.Call) else []
    for text in texts:
        if isinstance(text, cst.FormattedString):
            spelled = "".join(part.value for part in text.parts if isinstance(part, cst.FormattedStringText))
        else:
            spelled = string_value(text)
        if _FAILURE_TEXT.search(spelled):
            return True
    return False


def probe_outcome(ctx: FileContext, try_node: TryNode, handler: Handler) -> bool:
    """A probe whose outcome is the answer: the `try` calls the dependency only for its effect (the
    result unused) and records success as a constant (`scopes["logs.viewer"] = True`, `result =
    _("Connected")`); the handler records a failure text in the same place and the function returns
    it (a connection test, a permission check): the failure is what the user asked to know."""
    function = _enclosing_function(ctx)
    body = flat_statements(try_node.body)
    handled = flat_statements(handler.body)
    if function is None or not handled or not all(isinstance(node, cst.Assign) for node in handled):
        return False
    if not any(isinstance(node, cst.Expr) and isinstance(node.value, (cst.Call, cst.Await)) for node in body):
        return False  # no call made only for its effect
    for node in body:
        if not (isinstance(node, cst.Expr) and isinstance(node.value, (cst.Call, cst.Await))) and not (
                isinstance(node, cst.Assign) and _literal(node.value)):
            return False
    recorded = _spellings(body)
    failed = _spellings(handled)
    if not failed or not failed <= recorded:
        return False
    if not all(_failure_text(node.value) or _bound_text(handler, node.value) for node in handled):
        return False
    roots = {_root(node.targets[0].target) for node in handled}
    return any(isinstance(node, cst.Return) and node.value is not None and _spells(node.value, roots)
               for node in descendants(function.body, stop_at=(cst.FunctionDef, cst.ClassDef, cst.Lambda)))


def _spellings(statements: Sequence[cst.CSTNode]) -> Set[str]:
    return {cst.Module([]).code_for_node(target.target) for node in statements if isinstance(node, cst.Assign)
            for target in node.targets}


def _root(target: cst.BaseExpression) -> str:
    while isinstance(target, (cst.Subscript, cst.Attribute)):
        target = target.value
    return dotted_name(target) or ""


def _literal(value: cst.BaseExpression) -> bool:
    """A constant, a text, or a translation of a text."""
    if isinstance(value, cst.Call):
        return bool(value.args) and all(isinstance(arg.value, (cst.SimpleString, cst.ConcatenatedString)) for arg in value.args)
    if isinstance(value, cst.Name):
        return value.value in ("True", "False", "None")
    return isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.Integer))


def _bound_text(handler: Handler, value: cst.BaseExpression) -> bool:
    """`str(e)`, `f"...{e}"`: text made from the caught exception."""
    if handler.name is None or not isinstance(handler.name.name, cst.Name):
        return False
    return _spells(value, {handler.name.name.value})


def cause_in_answer(ctx: FileContext, handler: Handler) -> bool:
    """Text made from the caught exception (`msg = f"Could not retrieve actions: {e}"`) goes, as it is
    or wrapped (`errors.append(Info(msg))`), into a collection the function returns: whoever asked
    gets the failure with its cause."""
    function = _enclosing_function(ctx)
    if function is None or handler.name is None or not isinstance(handler.name.name, cst.Name):
        return False
    carriers = {handler.name.name.value}
    kept: Set[str] = set()
    for node in descendants(handler.body):
        if isinstance(node, cst.Assign) and _spells(node.value, carriers):
            carriers |= {name for target in node.targets if (name := dotted_name(target.target))}
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in ("append", "extend", "add") \
                and any(_spells(arg.value, carriers) for arg in node.args):
            kept |= {name for name in (dotted_name(node.func.value),) if name}
    return bool(kept) and any(
        isinstance(node, cst.Return) and node.value is not None and isinstance(node.value, cst.Name) and node.value.value in kept
        for node in descendants(function.body, stop_at=(cst.FunctionDef, cst.ClassDef, cst.Lambda))
    )


def answers_as_refusal(ctx: FileContext, handler: Handler) -> bool:
    """The handler returns the function's own failure answer: the same call, with the same first
    argument, that a guard of the function returns when a value is missing (`if not show: return
    _responds(RESULT_FAILURE, msg="Show not found")`, `if not status: return
    internal_server_error(errormsg=res)`), while its success answer is another: an explicit error
    answer the client is told, not a fallback that passes for success."""
    function = _enclosing_function(ctx)
    answers = [node.value for node in descendants(handler.body) if isinstance(node, cst.Return) and isinstance(node.value, cst.Call)]
    if function is None or not answers:
        return False
    shape = _shape(answers[0])
    guards, others = [], []
    for node in descendants(function.body, stop_at=(cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.ExceptHandler)):
        if isinstance(node, cst.If) and isinstance(node.test, cst.UnaryOperation) and isinstance(node.test.operator, cst.Not):
            guards.extend(_shape(ret.value) for ret in flat_statements(node.body)
                          if isinstance(ret, cst.Return) and isinstance(ret.value, cst.Call))
        elif isinstance(node, cst.Return) and node.value is not None:
            others.append(_shape(node.value) if isinstance(node.value, cst.Call) else "")
    return shape in guards and any(other != shape for other in others)


def _shape(call: cst.Call) -> str:
    """The callee and its first positional argument, as spelled."""
    first = next((arg.value for arg in call.args if arg.keyword is None), None)
    spelled = cst.Module([]).code_for_node(first) if isinstance(first, (cst.Name, cst.Attribute)) else ""
    return f"{dotted_name(call.func)}({spelled})"
