"""Error answers that carry the cause: the handler's failure goes back to whoever asked as an
explicit "it failed, because ..." result, not as a fallback value that passes for an answer.

* a `(success, description)` result whose flag is False and whose text is made from the bound
  exception (`description = f"Failed to get user list: {e}"; return False, description`, or the
  flag preset to False before the `try` and the pair returned after it): a connection test answers
  the admin who asked with the reason; also a longer answer led by the flag (`False, None, msg`), one
  nested in the result (`[url, ref, (False, str(e))]`), or one the handler keeps in a name that is
  returned after the `try` (`result = (False, msg)`);
* the cause stored in a container the function's answer carries (`failures[dest] = str(e)`, kept in
  other containers on the way, `return render(request, tmpl, context)`);
* the failure as the requester's whole answer (`answered_to_requester`): a test whose success answers a
  constant while the handler answers the cause, the cause appended to a validated form's errors, or the
  attempt recorded as failed with its cause in one call (`_update_remote_status(status=False, error=str(e))`).

Decided on what the handler and its function do with the error, never on names.
"""

from __future__ import annotations

from typing import Iterator, Optional, Set, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.rules.handler_context import Handler, TryNode
from prr_lint.rules.responses import STATUS_KEYWORDS, status_value
from prr_lint.tree import children, descendants, dotted_name, handler_name, string_value

TEXT_BUILDERS = frozenset({"str", "repr", "format"})


def _mentions(expr: cst.CSTNode, name: str) -> bool:
    return any(isinstance(node, cst.Name) and node.value == name for node in (expr, *descendants(expr)))


def _text_of(expr: cst.BaseExpression, bound: str) -> bool:
    """`expr` is text made from the bound exception: an f-string, `str(e)`, `"..." % e`, `"...".format(e)`,
    a concatenation with a string."""
    if not _mentions(expr, bound):
        return False
    if isinstance(expr, cst.FormattedString):
        return True
    if isinstance(expr, cst.Call):
        func = expr.func
        name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
        return name in TEXT_BUILDERS
    if isinstance(expr, cst.BinaryOperation):
        return any(isinstance(side, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)) or _text_of(side, bound)
                   for side in (expr.left, expr.right))
    return False


def _is_false(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "False"


def _assigned(node: cst.CSTNode, name: str) -> Optional[cst.BaseExpression]:
    if isinstance(node, cst.Assign) and any(isinstance(t.target, cst.Name) and t.target.value == name for t in node.targets):
        return node.value
    return None


def _flag_false_at_handler(function: cst.FunctionDef, try_node: TryNode, handler: Handler, flag: str) -> bool:
    """The handler sets `flag` to False, or the last assignment of `flag` before the `try` (in source
    order, outside the `try` body) sets it to False and the handler leaves it alone."""
    in_handler = [value for node in descendants(handler.body) if (value := _assigned(node, flag)) is not None]
    if in_handler:
        return all(_is_false(value) for value in in_handler)
    last: Optional[cst.BaseExpression] = None
    for node in descendants(function.body):
        if node is try_node:
            break
        value = _assigned(node, flag)
        if value is not None:
            last = value
    return last is not None and _is_false(last)


def _named_handler(ctx: FileContext, handler: Handler) -> Optional[Tuple[cst.FunctionDef, str]]:
    """The function around an `except ... as name:` handler and the name, or None for a bare handler."""
    if not isinstance(handler, cst.ExceptHandler) or handler.name is None or not isinstance(handler.name.name, cst.Name):
        return None
    function = next(ctx.functions(), None)
    return None if function is None else (function, handler.name.name.value)


def returns_error_tuple(ctx: FileContext, try_node: TryNode, handler: Handler) -> bool:
    """The function answers `(False, text made from the bound exception)` for this failure: returned
    in the handler, or kept in names the handler assigns and returned after it with the flag still False."""
    named = _named_handler(ctx, handler)
    if named is None:
        return False
    function, bound = named
    carriers: Set[str] = set()
    answers_kept: Set[str] = set()  # names the handler assigns a whole error answer (`result = (False, msg)`)
    for node in descendants(handler.body):
        if isinstance(node, cst.Assign) and _text_of(node.value, bound):
            carriers.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))
        elif isinstance(node, cst.Assign) and _error_answer(node.value, bound, carriers, True, lambda flag: False):
            answers_kept.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))

    def answers(ret: cst.Return, in_handler: bool) -> bool:
        if ret.value is not None and answers_kept and carried(ctx, ret.value, answers_kept):
            return True  # `return result`, `return Deferred().callback(result)`
        return ret.value is not None and _error_answer(
            ret.value, bound, carriers, in_handler, lambda flag: _flag_false_at_handler(function, try_node, handler, flag))

    handler_returns = [node for node in descendants(handler.body) if isinstance(node, cst.Return)]
    if handler_returns:
        return all(answers(ret, True) for ret in handler_returns)
    if not carriers and not answers_kept:
        return False
    after = False
    for node in descendants(function.body):
        if node is try_node:
            after = True
        elif after and isinstance(node, cst.Return) and not _inside(node, try_node):
            return answers(node, False)
    return False


def _error_answer(value: cst.BaseExpression, bound: str, carriers: Set[str], in_handler: bool, false_flag) -> bool:
    """`value` is, or holds, a tuple or list whose first element is a False flag and a later one the
    error's text: `(False, f"...: {e}")`, `(False, None, msg)`, `[url, ref, (False, str(e))]`."""
    if not isinstance(value, (cst.Tuple, cst.List)):
        return False
    elements = [element.value for element in value.elements if isinstance(element, cst.Element)]
    if len(elements) >= 2 and any(
        (in_handler and _text_of(text, bound)) or (isinstance(text, cst.Name) and text.value in carriers) for text in elements[1:]
    ):
        flag = elements[0]
        if _is_false(flag) or (isinstance(flag, cst.Name) and len(elements) == 2 and false_flag(flag.value)):
            return True
    return any(_error_answer(element, bound, carriers, in_handler, false_flag) for element in elements)


def _inside(node: cst.CSTNode, outer: cst.CSTNode) -> bool:
    return any(child is node for child in descendants(outer))


def _status_writes(handler: Handler) -> Optional[Tuple[str, str]]:
    """(dict name, key) when every assignment in the handler writes a text into one key of one dict
    (`status["message"] = _("Timeout")`, maybe in an `if`), and the handler neither returns nor calls
    anything outside those texts."""
    found: Set[Tuple[str, str]] = set()
    values = []
    for node in descendants(handler.body):
        if isinstance(node, (cst.Return, cst.AugAssign, cst.AnnAssign, cst.Raise)):
            return None
        if isinstance(node, cst.Assign):
            if len(node.targets) != 1:
                return None
            target = node.targets[0].target
            if not isinstance(target, cst.Subscript) or not isinstance(target.value, cst.Name) or len(target.slice) != 1:
                return None
            index = target.slice[0].slice
            key = string_value(index.value) if isinstance(index, cst.Index) else None
            if not key or isinstance(node.value, cst.Name):
                return None
            found.add((target.value.value, key))
            values.append(node.value)
    calls = [node for node in descendants(handler.body) if isinstance(node, cst.Call)]
    inside = {id(node) for value in values for node in (value, *descendants(value))}
    if len(found) != 1 or any(id(call) not in inside for call in calls):
        return None
    return next(iter(found))


def _returned(function: cst.FunctionDef, name: str) -> bool:
    """Every `return` of the function answers the dict `name` (alone or in a tuple)."""
    returns = [node for node in descendants(function.body) if isinstance(node, cst.Return)]

    def names(value: Optional[cst.BaseExpression]) -> Iterator[str]:
        for item in (value.elements if isinstance(value, cst.Tuple) else [value]):
            item = item.value if isinstance(item, cst.Element) else item
            if isinstance(item, cst.Name):
                yield item.value

    return bool(returns) and all(name in names(ret.value) for ret in returns)


def _tests_key(node: cst.CSTNode, key: str) -> bool:
    return any(
        isinstance(item, cst.Subscript) and len(item.slice) == 1 and isinstance(item.slice[0].slice, cst.Index)
        and string_value(item.slice[0].slice.value) == key
        for item in (node, *descendants(node))
    )


def _callers_answer_at_once(module: cst.Module, function: str, key: str) -> bool:
    """Every simple statement of the module that calls `function` assigns its answer, and the first
    compound statement after it is an `if` that tests `key` and returns: the error goes straight back
    to whoever asked."""
    seen = 0
    for node in (module, *descendants(module, stop_at=())):
        if not isinstance(node, (cst.Module, cst.IndentedBlock)):
            continue
        statements = list(node.body)
        for position, statement in enumerate(statements):
            if not isinstance(statement, cst.SimpleStatementLine) or not any(
                isinstance(call, cst.Call) and _called_name(call) == function for call in descendants(statement)
            ):
                continue
            seen += 1
            following = next((item for item in statements[position + 1:] if not isinstance(item, cst.SimpleStatementLine)), None)
            if not isinstance(statement.body[0], cst.Assign):
                return False
            if not (isinstance(following, cst.If) and _tests_key(following.test, key)
                    and any(isinstance(item, cst.Return) for item in descendants(following.body))):
                return False
    return seen > 0


def _called_name(call: cst.Call) -> Optional[str]:
    func = call.func
    if isinstance(func, cst.Name):
        return func.value
    return func.attr.value if isinstance(func, cst.Attribute) else None


def answers_status_message(ctx: FileContext, handler: Handler) -> bool:
    """The handler writes a message into a status dict the function returns, and the module's callers
    of the function test that key and return at once (see the module docstring)."""
    written = _status_writes(handler)
    function = next(ctx.functions(), None)
    if written is None or function is None:
        return False
    name, key = written
    return _returned(function, name) and _callers_answer_at_once(ctx.module, function.name.value, key)


def _cause_of(value: cst.BaseExpression, bound: str) -> bool:
    """`value` carries the error's cause: text made from it, a literal holding such text (`{"error":
    str(e)}`), or what a function makes of it (`_exception_to_failure(e)`)."""
    if _text_of(value, bound) or (isinstance(value, cst.Call) and any(_mentions(arg.value, bound) for arg in value.args)):
        return True
    if isinstance(value, cst.Dict):
        return any(isinstance(item, cst.DictElement) and _cause_of(item.value, bound) for item in value.elements)
    if isinstance(value, (cst.Tuple, cst.List)):
        return any(isinstance(item, cst.Element) and _cause_of(item.value, bound) for item in value.elements)
    return False


def _spelled(node: cst.CSTNode, spellings: Set[str]) -> bool:
    return any(isinstance(item, (cst.Name, cst.Attribute)) and dotted_name(item) in spellings for item in (node, *descendants(node)))


def _written(node: cst.CSTNode) -> Optional[str]:
    """The container or name a statement writes (`failures[dest] = ...`, `data = ...`, `c.update(...)`)."""
    if isinstance(node, cst.Assign) and len(node.targets) == 1:
        target = node.targets[0].target
        return dotted_name(target.value if isinstance(target, cst.Subscript) else target)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in ("update", "append", "setdefault"):
        return dotted_name(node.func.value)
    return None


def _into_container(node: cst.Assign) -> bool:
    return len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Subscript)


def answer_carries_cause(ctx: FileContext, handler: Handler) -> bool:
    """The handler stores the cause (`failures[destination] = _exception_to_failure(e)`, `data =
    {"error": str(exc)}`, the formatted stack `context["error"] = traceback.format_exc()`; bare text, `error = str(e)`, is PRR101's note on an error handed back, a tuple
    a flagged answer, see `returns_error_tuple`) in a
    container the function's answer carries, directly or through others
    it is stored in (`version_info[host] = data`, `context["version_info"] = version_info`, then
    `return render(request, "overview.html", context)`): whoever asked gets the failure with its cause."""
    if not isinstance(handler, cst.ExceptHandler):
        return False
    function = next(ctx.functions(), None)
    bound = handler_name(handler)
    carriers = {name for node in descendants(handler.body) if isinstance(node, cst.Assign)
                and ((bound is not None and _cause_of(node.value, bound)) or _formatted_stack(ctx, node.value))
                and (_into_container(node) or isinstance(node.value, (cst.Dict, cst.List))) and (name := _written(node))}
    if function is None or not carriers:
        return False
    for _ in range(3):  # stored into other containers, a few hops
        grown = {name for node in descendants(function.body) if (name := _written(node)) and name not in carriers and (
            _spelled(node.value, carriers) if isinstance(node, cst.Assign) else any(_spelled(arg.value, carriers) for arg in node.args))}
        if not grown:
            break
        carriers |= grown
    return any(isinstance(node, cst.Return) and node.value is not None and carried(ctx, node.value, carriers)
               for node in descendants(function.body))


STACK_FORMATTERS = frozenset({"traceback.format_exc", "traceback.format_exception"})


def _formatted_stack(ctx: FileContext, value: cst.BaseExpression) -> bool:
    """`value` is the handled error's formatted traceback (`traceback.format_exc()`): the cause, whole."""
    return isinstance(value, cst.Call) and ctx.resolver.qualified_name(value.func) in STACK_FORMATTERS


def carried(ctx: FileContext, value: cst.CSTNode, carriers: Set[str]) -> bool:
    """`value` holds one of `carriers` (names or dotted names) itself, not a builtin's reduction of
    it (`len(seen)`)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Call) and (ctx.resolver.qualified_name(node.func) or "").startswith("builtins."):
            continue
        if isinstance(node, (cst.Name, cst.Attribute)) and dotted_name(node) in carriers:
            return True
        if not isinstance(node, (cst.Lambda, cst.FunctionDef, cst.ClassDef)):
            stack.extend(children(node))
    return False


TORNADO_HTTP_ERRORS = frozenset({"tornado.web.HTTPError"})


def tornado_logged_error(ctx: FileContext, handler: Handler) -> bool:
    """The handler raises tornado's `web.HTTPError(500, "why")` with a log message: tornado's
    `RequestHandler.log_exception` logs that message at warning and its access log records the
    5xx at error, so the failure reaches central logging with its reason (only the status, with no
    message, would leave the cause out)."""
    for node in descendants(handler.body):
        if isinstance(node, cst.Raise) and isinstance(node.exc, cst.Call):
            call = node.exc
            if (ctx.resolver.qualified_name(call.func) or "") in TORNADO_HTTP_ERRORS:
                positional = [arg for arg in call.args if arg.keyword is None and arg.star == ""]
                if len(positional) >= 2 or any(arg.keyword is not None and arg.keyword.value == "log_message" for arg in call.args):
                    return True
    return False


FORM_CHECKS = frozenset({"validate_on_submit", "validate", "is_valid"})


def answered_to_requester(ctx: FileContext, try_node: TryNode, handler: Handler) -> bool:
    """The failure is the answer the requester gets, with its cause (m16 class 1):

    * a test of an action whose success answers nothing but "it worked" (every `return` of the `try`
      is a constant: `Response(status=202)`, `{"succeeded": True}`) while the handler answers the
      cause (`Response({"error": str(e)}, status=400)`): a connection or mail test an admin runs, whose
      whole purpose is to show why it failed. A `try` answering data it computed (a PDF, a file,
      the saved row) stays reported: there the error hides behind the failed request;
    * the cause appended to the errors of a form the function validates (`form.validate_on_submit()`,
      then `form.non_field_errors.errors.append(f"Could not accept {name}: {e}")`): WTForms renders
      a field's `errors` to the user who submitted it, as Django's `form.add_error` does;
    * the success call of the `try` made again with the status swapped and the cause (`_swapped_status`),
      or the function's result shape answered with the status swapped and the cause (`_swapped_result`)."""
    named = _named_handler(ctx, handler)
    if named is None:
        return False
    function, bound = named
    return _tested_outcome(ctx, function, try_node, handler, bound) or _form_error(function, handler, bound) \
        or _failed_outcome(function, handler, bound) or _swapped_status(try_node, handler, bound) \
        or _swapped_result(function, handler, bound)


def _swapped_status(try_node: TryNode, handler: Handler, bound: str) -> bool:
    """The handler makes the call the `try` makes on success, with the status swapped and the cause
    handed along (`cfnresponse.send(event, context, cfnresponse.SUCCESS, result)` in the `try`,
    `cfnresponse.send(event, context, cfnresponse.FAILED, str(ex))` in the handler): the outcome goes
    back through the channel the caller waits on, saying it failed and why."""
    tried = [node for node in descendants(try_node.body) if isinstance(node, cst.Call)]
    for call in (node for node in descendants(handler.body) if isinstance(node, cst.Call)):
        values = [arg.value for arg in call.args]
        if not any((isinstance(value, cst.Name) and value.value == bound) or _text_of(value, bound) for value in values):
            continue
        name = dotted_name(call.func)
        for other in tried:
            if name is None or dotted_name(other.func) != name or len(other.args) != len(call.args):
                continue
            if any(_other_status(mine.value, theirs.value) for mine, theirs in zip(call.args, other.args)):
                return True
    return False


def _swapped_result(function: cst.FunctionDef, handler: Handler, bound: str) -> bool:
    """The handler answers the function's result shape with the status swapped and the cause
    (`return {STATUS_CODE: DRVR_STATUS_CODE_FAILED, FAULT_STRING: str(e)}` where the function answers
    `{STATUS_CODE: DRVR_STATUS_CODE_OK}` on success): the caller's contract says it failed and why."""
    failed = [node.value for node in descendants(handler.body) if isinstance(node, cst.Return) and isinstance(node.value, cst.Dict)]
    inside = {id(node) for node in descendants(handler.body)}
    answers = [node.value for node in descendants(function.body)
               if isinstance(node, cst.Return) and isinstance(node.value, cst.Dict) and id(node) not in inside]
    for mine in failed:
        entries = [e for e in mine.elements if isinstance(e, cst.DictElement)]
        if not any((isinstance(e.value, cst.Name) and e.value.value == bound) or _text_of(e.value, bound) for e in entries):
            continue
        for theirs in answers:
            others = {dotted_name(e.key): e.value for e in theirs.elements if isinstance(e, cst.DictElement) and dotted_name(e.key)}
            if any(dotted_name(e.key) in others and _other_status(e.value, others[dotted_name(e.key)]) for e in entries):
                return True
    return False


def _other_status(mine: cst.BaseExpression, theirs: cst.BaseExpression) -> bool:
    """Two constants of one owner (`cfnresponse.FAILED`, `cfnresponse.SUCCESS`): another status of the same kind."""
    if not (isinstance(mine, cst.Attribute) and isinstance(theirs, cst.Attribute)):
        return False
    owner = dotted_name(mine.value)
    return owner is not None and owner == dotted_name(theirs.value) and mine.attr.value != theirs.attr.value \
        and mine.attr.value.isupper() and theirs.attr.value.isupper()


def _failed_outcome(function: cst.FunctionDef, handler: Handler, bound: str) -> bool:
    """The attempt recorded as failed, with its cause, in one call: a False flag and the exception or
    text made from it (`store_transaction._update_remote_status(url=url, status=False, error=str(e))`,
    `self._add_test_result(False, case, exception=ex)`), in the handler or after it with both kept in
    names the handler sets (`error = repr(err); succeeded = False` ... `_update_remote_status(
    status=succeeded, error=error)`): the outcome's record (a health status, a test result) says it
    failed and why, as a `(False, f"...: {e}")` answer does."""
    flags, causes = set(), {bound}
    for node in descendants(handler.body):
        if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            name = node.targets[0].target.value
            if _is_false(node.value):
                flags.add(name)
            elif _text_of(node.value, bound):
                causes.add(name)
    calls = [node for node in descendants(handler.body if not flags else function.body)
             if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)]
    for call in calls:
        values = [arg.value for arg in call.args]
        if any(_is_false(value) or (isinstance(value, cst.Name) and value.value in flags) for value in values) and any(
                (isinstance(value, cst.Name) and value.value in causes) or _text_of(value, bound) for value in values):
            return True
    return False


def _tested_outcome(ctx: FileContext, function: cst.FunctionDef, try_node: TryNode, handler: Handler, bound: str) -> bool:
    answers = [node for node in descendants(handler.body) if isinstance(node, cst.Return)]
    if not answers or not all(node.value is not None and _cause_of(node.value, bound) for node in answers):
        return False
    tried = [node for part in (try_node.body, try_node.orelse) if part is not None
             for node in descendants(part) if isinstance(node, cst.Return)]
    local = _local_names(function)
    return bool(tried) and all(node.value is not None and not _mentions_local(node.value, local)
                               and not _error_status(ctx, node.value) for node in tried)


def _error_status(ctx: FileContext, value: cst.BaseExpression) -> bool:
    """The answer carries a 4xx/5xx status (`status_code=401`, `status.HTTP_401_UNAUTHORIZED`): a
    `try` that already answers failures of its own is a gate (an auth check), not a test of an action
    whose success answers "it worked"; its catch-all answering the cause with a 401 hides an outage
    (an m18 finding, judged true, that this exemption had taken away)."""
    for node in (value, *descendants(value)):
        if isinstance(node, cst.Arg) and node.keyword is not None and node.keyword.value in STATUS_KEYWORDS:
            status = status_value(node.value, ctx.resolver)
        elif isinstance(node, (cst.Attribute, cst.Name)):
            status = status_value(node, ctx.resolver)
        else:
            continue
        if status is not None and 400 <= status <= 599:
            return True
    return False


def _local_names(function: cst.FunctionDef) -> Set[str]:
    """Names the function binds: its parameters and whatever it assigns, loops over or opens."""
    names = {param.name.value for param in descendants(function.params) if isinstance(param, cst.Param)}
    for node in descendants(function.body):
        targets: list = []
        if isinstance(node, cst.AssignTarget):
            targets = [node.target]
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor)):
            targets = [node.target]
        elif isinstance(node, cst.AsName):
            targets = [node.name]
        elif isinstance(node, cst.NamedExpr):
            targets = [node.target]
        for target in targets:
            names.update(item.value for item in (target, *descendants(target)) if isinstance(item, cst.Name))
    return names


def _mentions_local(value: cst.CSTNode, local: Set[str]) -> bool:
    """`value` reads a local name (an attribute's name, `status.HTTP_202_ACCEPTED`, is not read)."""
    skip = {id(node.attr) for node in (value, *descendants(value)) if isinstance(node, cst.Attribute)}
    skip |= {id(arg.keyword) for node in (value, *descendants(value)) if isinstance(node, cst.Call)
             for arg in node.args if arg.keyword is not None}
    return any(isinstance(node, cst.Name) and id(node) not in skip and node.value in local
               for node in (value, *descendants(value)))


def _form_error(function: cst.FunctionDef, handler: Handler, bound: str) -> bool:
    validated = {node.func.value.value for node in descendants(function.body)
                 if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in FORM_CHECKS
                 and isinstance(node.func.value, cst.Name)}
    for node in descendants(handler.body):
        if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "append"):
            continue
        errors = node.func.value
        if not (isinstance(errors, cst.Attribute) and errors.attr.value == "errors"):
            continue
        root = errors.value
        while isinstance(root, cst.Attribute):
            root = root.value
        if isinstance(root, cst.Name) and root.value in validated and any(_text_of(arg.value, bound) for arg in node.args):
            return True
    return False
