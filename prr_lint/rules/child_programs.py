"""Marks for apps a service runs itself, and for log formatters that stamp trace context.

* Child programs: a module that starts a Python program of the project as a child process
  (`subprocess.Popen(["python", f"service/{name}/main.py"])`) marks the path it starts, an f-string's
  fields turned into `*`. An app in such a program is a helper process of the service that starts
  it (a model server it calls on localhost, restarted by its health check), not a surface of its
  own (PRR201, PRR405; settled in project/child_apps.py).
* Trace-stamping formatters: a `logging.Formatter` or `logging.Filter` subclass whose methods read the
  current span (`trace.get_current_span()`, ddtrace's `tracer.current_span()`) writes the request's
  trace id into every record it formats, which is request correlation (PRR405).
"""

from __future__ import annotations

import re
from typing import Callable, List, Optional, Sequence

import libcst as cst

from prr_lint.tree import descendants, fstring_template
from prr_lint.word_counts import WORD

# Module tag prefix: the module starts the Python program at this path (a glob) as a child process.
SPAWNS_PROGRAM = "spawns-program:"
_SPAWNERS = frozenset({
    "subprocess.Popen", "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
    "asyncio.create_subprocess_exec", "os.spawnv", "os.spawnl", "os.execv", "os.execl",
})
# Module tags: the module runs the interpreter on a script it computes; it runs a command held in a name.
SPAWNS_COMPUTED_PROGRAM = "spawns-computed-program"
SPAWNS_UNREAD_COMMAND = "spawns-unread-command"
# The calls that run a command (a list, or a string a shell reads), besides `_SPAWNERS`.
_COMMAND_RUNNERS = _SPAWNERS | frozenset({
    "os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput", "asyncio.create_subprocess_shell",
    "os.execvp", "os.execlp", "os.execve", "os.execle", "os.execvpe", "os.execlpe", "os.spawnvp", "os.spawnlp",
    "os.spawnve", "os.spawnle", "os.posix_spawn", "os.posix_spawnp",
})
INTERPRETER = re.compile(r"^python[\d.]*$")
# Log record hooks: their methods run for every record written.
_RECORD_HOOKS = frozenset({
    "logging.Formatter", "logging.Filter", "pythonjsonlogger.jsonlogger.JsonFormatter", "pythonjsonlogger.json.JsonFormatter",
})
# Calls that read the span being served: OpenTelemetry's, ddtrace's tracer.
_CURRENT_SPAN = frozenset({"get_current_span", "current_span", "current_root_span"})


def _pattern(node: cst.BaseExpression) -> Optional[str]:
    """The path a string or f-string names, an f-string's fields as `*`; None for other expressions."""
    if isinstance(node, cst.SimpleString):
        text = node.evaluated_value
        return text if isinstance(text, str) else None
    if isinstance(node, cst.FormattedString):
        return fstring_template(node, "*")
    return None


def spawned_programs(node: cst.Call, name: Optional[str]) -> List[str]:
    """The `.py` paths a subprocess call starts, `name` its resolved callee (elements of its argument
    list: `["python", "app.py"]`, `[sys.executable, f"service/{name}/main.py"]`)."""
    if not node.args or name not in _SPAWNERS:
        return []
    first = node.args[0].value
    elements: Sequence[cst.BaseExpression] = (
        [element.value for element in first.elements] if isinstance(first, (cst.List, cst.Tuple))
        else [arg.value for arg in node.args if arg.keyword is None])
    found = []
    for element in elements:
        path = _pattern(element)
        if path and path.endswith(".py") and " " not in path:
            found.append(path[2:] if path.startswith("./") else path)
    return found


def stamps_trace_context(node: cst.ClassDef, bases: Sequence[str]) -> bool:
    """A log formatter or filter class whose methods read the current span: each record it formats
    carries the trace (and span) id of the request being served."""
    if not any(base in _RECORD_HOOKS for base in bases):
        return False
    return any(isinstance(inner, cst.Call) and (
        (isinstance(inner.func, cst.Attribute) and inner.func.attr.value in _CURRENT_SPAN)
        or (isinstance(inner.func, cst.Name) and inner.func.value in _CURRENT_SPAN))
        for inner in descendants(node.body, ()))


def run_tags(node: cst.Call, name: Optional[str], qualified: Callable[[cst.BaseExpression], Optional[str]]) -> List[str]:
    """The module tags of a call that runs a program: `SPAWNS_PROGRAM` and the path it spells;
    `SPAWNS_COMPUTED_PROGRAM` when it runs the interpreter on a script not spelled whole; `SPAWNS_UNREAD_COMMAND`
    when its command is held in a name or built by a call (module docstring). `qualified` resolves a name."""
    if name not in _COMMAND_RUNNERS or not node.args:
        return []
    spelled = [SPAWNS_PROGRAM + path for path in spawned_programs(node, name)]
    first = node.args[0].value
    parts = ([element.value for element in first.elements] if isinstance(first, (cst.List, cst.Tuple))
             else [arg.value for arg in node.args if arg.keyword is None])
    if not any(isinstance(part, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.BinaryOperation))
               or _interpreter(part, qualified) for part in parts):
        return [*spelled, SPAWNS_UNREAD_COMMAND]  # `subprocess.run(cmd)`: the module's words tell (Loaders)
    if any(_interpreter(part, qualified) for part in parts) and not all(_whole(part, qualified) for part in parts):
        return [*spelled, SPAWNS_COMPUTED_PROGRAM]
    return spelled


def _interpreter(node: cst.BaseExpression, qualified: Callable[[cst.BaseExpression], Optional[str]]) -> bool:
    """The expression names the interpreter: `sys.executable` in it, or a string whose words hold `python3`."""
    for inner in (node, *descendants(node, ())):
        if isinstance(inner, (cst.Attribute, cst.Name)) and qualified(inner) == "sys.executable":
            return True
        text = inner.value if isinstance(inner, (cst.SimpleString, cst.FormattedStringText)) else ""
        if any(INTERPRETER.match(word) for word in WORD.findall(text)):
            return True
    return False


def _whole(node: cst.BaseExpression, qualified: Callable[[cst.BaseExpression], Optional[str]]) -> bool:
    """A string the code spells whole (no field, no operation), or the interpreter's name."""
    if isinstance(node, cst.SimpleString):
        return True
    if isinstance(node, cst.ConcatenatedString):
        return _whole(node.left, qualified) and _whole(node.right, qualified)
    return isinstance(node, (cst.Attribute, cst.Name)) and qualified(node) == "sys.executable"
