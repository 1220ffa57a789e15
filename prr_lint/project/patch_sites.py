"""PRR501: where a requests patch runs, read again from the source (patched_programs.py, requests_default.py).

The summaries keep a function's calls in source order but not the blocks around them. A program's patch
bounds its later calls only when it surely ran: a call under `if`, `try`, a loop or a `with` may not run (its
`else:` runs the same work unpatched), so only a call that is a statement of the function's own body (or of
its module's `__main__` block) counts, and only when no `return`, `raise` or exit call of that body comes before
it (`if NO_TIMEOUT: return`). The patching function's own assignment must be such a statement too. And a patch that
is undone is none: a generator or context manager restores `Session.request` when its block ends, as does any other
assignment to it in a non-test module but a checked timeout-filling patch, or one in a function nothing names (any
other wrapper may drop the timeout or bypass the patch). A function passed before the patch to a call (a thread's
`target=`, an executor's `submit` or `map`, a callback) may run before it, elsewhere; a launch file's inline Python
code (`python -c`, `manage.py shell -c`, a heredoc fed to `python -`) runs what it names.

Limit: this reads the source again with `ast` and matches calls by their last name (and the names the module imports
the target as), beside the libcst summaries, which keep no blocks or positions; a call by any other alias is not
found, so its patch does not count. A module the running interpreter cannot parse (newer syntax, which libcst read)
hides its assignments: it counts as undoing the patch. A restore through an alias of the class is not seen.
"""

from __future__ import annotations

import ast
import re
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple, Union

from prr_lint import frameworks as fw
from prr_lint.model import PATCHES_REQUESTS_TIMEOUT
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.parsed_trees import TreeOf
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.names import imported_modules
from prr_lint.project.support import test_modules
from prr_lint.project.unnamed_functions import never_named

Body = Union[ast.Module, ast.FunctionDef, ast.AsyncFunctionDef]
# What owns a statement: the body it runs in (`_restores`).
_SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_CONTEXT_MANAGERS = frozenset({"contextmanager", "asynccontextmanager"})
# What builds the app a WSGI/ASGI server or a worker loads from a module (dead_scope.py names Django's too).
_APP_BUILDERS = frozenset({"django.core.wsgi.get_wsgi_application", "django.core.asgi.get_asgi_application", "celery.Celery",
                           "celery.app.base.Celery"})
# What ends the process (`sys.exit`, `os._exit`, `os.abort`, the `exit`/`quit` builtins): an early one skips the patch.
_EXITS = frozenset({"exit", "_exit", "abort", "quit"})


def unconditional_call(analysis: ServingAnalysis, tree_of: TreeOf, caller: str, target: str) -> bool:
    """Every call of `target` that the function (or module top level) `caller` makes is a plain statement of
    its body, or of its module's `__main__` block, and there is one (module docstring)."""
    node = _node(analysis, tree_of, caller)
    if node is None:
        return False
    names = _local_names(analysis, caller, target)
    direct = {id(statement.value) for statement in _direct(node) if isinstance(statement, (ast.Expr, ast.Assign))}
    calls = _calls(node, names)
    return bool(calls) and all(id(call) in direct and not _exits_before(node, call) for call in calls)


def passed_before(analysis: ServingAnalysis, tree_of: TreeOf, caller: str, target: str) -> Set[str]:
    """The project functions `caller` passes to a call before its first call of `target` (`Thread(target=f)`,
    `pool.submit(f)`, a callback): they may run before the patch (module docstring). A method (`obj.run`) stands for
    every project method of that name."""
    node = _node(analysis, tree_of, caller)
    calls = _calls(node, _local_names(analysis, caller, target)) if node is not None else []
    if node is None or not calls:
        return set()
    first = min(_position(call) for call in calls)
    index = analysis.index
    module = index.module_of(caller) or caller
    imports = index.modules[module].imports if module in index.modules else {}
    found: Set[str] = set()
    for call in _own_nodes(node):
        if not isinstance(call, ast.Call) or _position(call) >= first:
            continue
        for value in (*call.args, *(given.value for given in call.keywords)):
            if isinstance(value, ast.Name):
                origin = imports.get(value.id)
                candidates = (f"{module}.{value.id}", f"{caller}.{value.id}", origin, origin and analysis.graph.target(origin))
                found |= {name for name in candidates if name and name in index.functions}
            elif isinstance(value, ast.Attribute):
                found |= {name for name in index.functions if name.endswith("." + value.attr)}
    return found


def _calls(node: Body, names: Sequence[str]) -> List[ast.Call]:
    return [call for call in _own_nodes(node) if isinstance(call, ast.Call) and _called_name(call.func) in names]


def _position(node: ast.AST) -> Tuple[int, int]:
    return node.lineno, node.col_offset  # type: ignore[attr-defined]


def _exits_before(node: Body, statement: ast.AST) -> bool:
    """A `return`, `raise` or exit call of the body's own (not of a function defined in it) comes before `statement`
    in source order: the body may leave before it runs (`if NO_TIMEOUT: return`)."""
    exits = (found for found in _own_nodes(node) if isinstance(found, (ast.Return, ast.Raise))
             or isinstance(found, ast.Call) and _called_name(found.func) in _EXITS)
    return any(_position(found) < _position(statement) for found in exits)


def undone(analysis: ServingAnalysis, tree_of: TreeOf, patcher: str, checked: Callable[[str], bool]) -> bool:
    """The patching function may not patch or the patch may not last: its assignment is no plain statement of its
    body or may be skipped by an earlier `return` or `raise`; it yields (a generator or context manager); or a non-test
    module assigns `Session.request` anything but a checked patch, or cannot be read here (`_restores`)."""
    node = _node(analysis, tree_of, patcher)
    if node is None or isinstance(node, ast.Module):
        return node is None
    if not any(_patches(statement) and not _exits_before(node, statement) for statement in node.body):
        return True
    if any(_called_name(decorator.func if isinstance(decorator, ast.Call) else decorator) in _CONTEXT_MANAGERS
           for decorator in node.decorator_list):
        return True
    if any(isinstance(found, (ast.Yield, ast.YieldFrom)) for found in _own_nodes(node)):
        return True
    index = analysis.index
    tests = test_modules(index)
    return any(_restores(analysis, name, tree_of(summary.path), patcher, checked)
               for name, summary in sorted(index.modules.items()) if name not in tests)


def _restores(analysis: ServingAnalysis, module: str, tree: Optional[ast.Module], patcher: str,
              checked: Callable[[str], bool]) -> bool:
    """The module may undo the patch: it assigns `Session.request` something other than a timeout-filling patch (one
    name assigned by the patcher itself, or by a function or top level `checked` trusts, the only one it assigns there),
    in a function or top level that may run: one that no non-test module names but at its `def` never runs
    (unnamed_functions.py). The old value put back (`requests.Session.request = original`) undoes it, and so does any
    other wrapper (a tracing function, a user-agent wrapper), whatever it passes on. A module the running interpreter
    cannot parse (newer syntax the libcst pass read) may hold such an assignment unseen: it counts as one."""
    if tree is None:
        return True
    parents = {id(child): parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    values: Dict[int, Tuple[Optional[ast.AST], List[ast.expr]]] = {}
    for found in ast.walk(tree):
        value = _request_value(found)
        if value is None:
            continue
        owner = parents.get(id(found))
        while owner is not None and not isinstance(owner, _SCOPES):
            owner = parents.get(id(owner))
        values.setdefault(id(owner), (owner, []))[1].append(value)
    for owner, assigned in values.values():
        qualname = _qualname(analysis, module, owner)
        if qualname is not None and qualname != patcher and never_named(analysis, qualname):
            continue
        names = {value.id if isinstance(value, ast.Name) else None for value in assigned}
        if qualname is None or len(names) != 1 or None in names or not (qualname == patcher or checked(qualname)) \
                or PATCHES_REQUESTS_TIMEOUT not in analysis.index.functions[qualname].tags:
            return True
    return False


def _qualname(analysis: ServingAnalysis, module: str, owner: Optional[ast.AST]) -> Optional[str]:
    """The project function (or module top level) whose own body `owner` is; None for a class body, a lambda or one
    the index does not hold."""
    index = analysis.index
    if isinstance(owner, ast.Module):
        return module if module in index.functions else None
    if not isinstance(owner, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    lines = {owner.lineno, *(decorator.lineno for decorator in owner.decorator_list)}
    found = [name for name, function in index.functions.items() if name.rsplit(".", 1)[-1] == owner.name
             and index.module_of(name) == module and function.line in lines]
    return found[0] if len(found) == 1 else None


def _patches(statement: ast.stmt) -> bool:
    """The statement replaces `Session.request` or `TimeoutSauce` (`setattr` too)."""
    if isinstance(statement, ast.Assign):
        return any(isinstance(target, ast.Attribute) and target.attr == "TimeoutSauce" for target in statement.targets) \
            or _request_value(statement) is not None
    return isinstance(statement, ast.Expr) and _request_value(statement.value) is not None


def _request_value(found: ast.AST) -> Optional[ast.expr]:
    """What `<...>Session.request = value` or `setattr(<...>Session, "request", value)` assigns; None for another node."""
    if isinstance(found, ast.Assign) and any(isinstance(target, ast.Attribute) and target.attr == "request"
                                             and _called_name(target.value) == "Session" for target in found.targets):
        return found.value
    if isinstance(found, ast.Call) and _called_name(found.func) == "setattr" and len(found.args) == 3 \
            and _called_name(found.args[0]) == "Session" and isinstance(found.args[1], ast.Constant) \
            and found.args[1].value == "request":
        return found.args[2]
    return None


def _node(analysis: ServingAnalysis, tree_of: TreeOf, qualname: str) -> Optional[Body]:
    """The module or function definition of `qualname`, read again from its file; None when not found once."""
    index = analysis.index
    module = index.module_of(qualname)
    summary = index.modules.get(module) if module else None
    tree = tree_of(summary.path) if summary is not None else None
    if tree is None or qualname == module:
        return tree
    function = index.functions.get(qualname)
    last = qualname.rsplit(".", 1)[-1]
    found = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == last
             and function is not None and function.line in {node.lineno, *(decorator.lineno for decorator in node.decorator_list)}]
    return found[0] if len(found) == 1 else None


def _local_names(analysis: ServingAnalysis, caller: str, target: str) -> List[str]:
    """The names `caller`'s module may call `target` by: its own name and what the module imports it as."""
    module = analysis.index.module_of(caller)
    imports = analysis.index.modules[module].imports if module in analysis.index.modules else {}
    return [target.rsplit(".", 1)[-1], *(name for name, origin in imports.items()
                                         if origin == target or analysis.graph.target(origin) == target)]


def _direct(node: Body) -> Iterator[ast.stmt]:
    """The statements that run whenever the body does: its own, and a module's `__main__` block's."""
    for statement in node.body:
        yield statement
        if isinstance(node, ast.Module) and isinstance(statement, ast.If) and _main_guard(statement.test):
            yield from statement.body


def _own_nodes(node: Body) -> Iterator[ast.AST]:
    """The nodes of the body, but not those of functions or classes defined in it."""
    pending: List[ast.AST] = list(node.body)
    while pending:
        item = pending.pop()
        yield item
        if not isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            pending.extend(ast.iter_child_nodes(item))


def _main_guard(test: ast.expr) -> bool:
    return isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq) \
        and {_called_name(test.left), _called_name(test.comparators[0])} == {"__name__", None} \
        and any(isinstance(side, ast.Constant) and side.value == "__main__" for side in (test.left, test.comparators[0]))


def _called_name(expr: ast.expr) -> Optional[str]:
    """The last name of a name or attribute chain (`requests.Session` -> `Session`)."""
    if isinstance(expr, ast.Name):
        return expr.id
    return expr.attr if isinstance(expr, ast.Attribute) else None


def starts_service(analysis: ServingAnalysis, module: str, launch_files: Sequence[str]) -> bool:
    """A module file run on its own may still be the service's web or worker process: a launch file names it as
    the app a server or worker loads (`gunicorn wsgi:application`, `celery -A worker`), another module imports it,
    or its top level builds the app (`get_wsgi_application()`, `Flask(__name__)`, `Celery(...)`); then its patch
    is the process-wide one. Named as a program (`python sync_worker.py`) it is a process of its own."""
    index = analysis.index
    summary, top = index.modules.get(module), index.functions.get(module)
    if summary is None or module in imported_modules(index):
        return summary is not None
    builds = {*(top.calls if top is not None else ()), *summary.globals.values()}
    if any(name in _APP_BUILDERS or fw.canonical(name) in fw.APP_CONSTRUCTORS for name in builds):
        return True
    # Named as the app a server or worker loads, not as a program run (`python sync_worker.py` is its own process).
    served = re.compile(rf"(?<![\w.])(?:{re.escape(module)}:[A-Za-z_]|(?:-A|--app)[=\s]+{re.escape(module)}\b)")
    return any(text and served.search(text) for text in map(read_launch_text, launch_files))


# A launch text that runs Python code it holds: `python -c` / `--command` (`manage.py shell -c`, `django-admin shell
# --command`), or a heredoc fed to `python -` or `shell`. Its code may span lines (a YAML list, a folded block, a JSON
# array, continued lines), so the whole text is taken for code: any project module it names may run.
_RUNS_PYTHON = re.compile(r"(?<![\w.-])(?:python[\d.]*|manage\.py|django-admin)(?![\w-])")
_INLINE_CODE = re.compile(r"(?<![\w-])(?:-c|--command)(?![\w-])|(?<![\w.-])(?:python[\d.]*(?:\s+-)?|shell)\s*<<")
# A dotted name, not a path's part nor a file run by path (`python sync_worker.py` is a program the call graph sees).
_DOTTED = re.compile(r"(?<![\w./-])[A-Za-z_][\w.]*(?![\w./])")


def inline_code_functions(analysis: ServingAnalysis, launch_files: Sequence[str]) -> Set[str]:
    """The project functions a launch file's inline code (`python -c "from app.sync import perform_sync; ..."`) may
    run, a program the call graph does not see: every function of each project module the text names, and of the
    modules below it (`from app import sync` names `app`)."""
    index = analysis.index
    named: Set[str] = set()
    for text in map(read_launch_text, launch_files):
        if not text or not _RUNS_PYTHON.search(text) or not _INLINE_CODE.search(text):
            continue
        for dotted in (found for found in _DOTTED.findall(text) if not found.endswith(".py")):
            parts = dotted.split(".")
            prefixes = (".".join(parts[:end]) for end in range(1, len(parts) + 1))
            named |= {prefix for prefix in prefixes if prefix in index.modules}
    modules = {module for module in index.modules if any(module == name or module.startswith(name + ".") for name in named)}
    return {name for name in index.functions if index.module_of(name) in modules}
