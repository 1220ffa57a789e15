"""Whether a project module has syntax only Python 3 reads: then the project does not run on Python 2.

A project's Python 2 packaging (a Debian `X-Python-Version: 2.7`, python2_runtime.py) may be stale: upstream
`debian/` folders are often left behind when the code moves on. Code the project's own modules hold shows what runs
better than that: a module that Python 2 cannot parse (an f-string, `nonlocal`, keyword-only parameters, annotations,
`async def`, `yield from`, `raise E from e`, `a, *rest = x`, `:=`, `match`, `{**a}`, `[*a]`, `f(*a, *b)`, `...` outside a
subscript, `print(x, file=f)` without `from __future__ import print_function`) is written for Python 3, and a project
whose modules include one is not shown to run Python 2 by its packaging alone. Reading a module wrongly as Python 3
here only keeps PRR000 findings.

A file that does not parse is read the same way once the lines the parser fails on are blanked (`without_failures`):
python2_code.py asks it of every file with a PRR000 before it reads a project as Python 2, so that a Python 3 module
with a `print "x"` slip and an annotation shows Python 3 like a parsed one.
"""

from __future__ import annotations

import ast
from typing import Callable, List, Optional, Tuple

from prr_lint.lowering import quiet_parse
from prr_lint.parse_guard import newest_tree
from prr_lint.project.texts import run_text

# The most parses `without_failures` spends on one file before it gives up: each costs the whole file.
_MOST_PARSES = 64

# A neutral header for each compound statement a failing line may open (`_stub`).
_HEADERS = {"if": "if 1:", "elif": "elif 1:", "while": "while 1:", "for": "for _ in ():", "with": "with _:",
            "def": "def _():", "class": "class _:", "except": "except Exception:", "try": "try:", "else": "else:",
            "finally": "finally:"}
# Nodes only Python 3 parses (`ast.Match` from Python 3.10).
_PYTHON3_NODES = tuple(node for node in (ast.JoinedStr, ast.Nonlocal, ast.AsyncFunctionDef, ast.AsyncFor, ast.AsyncWith,
                                         ast.Await, ast.YieldFrom, ast.NamedExpr, ast.AnnAssign, getattr(ast, "Match", None))
                       if node is not None)


def python3_syntax(analysis) -> Optional[str]:
    """Where the first project module (in path order) has syntax only Python 3 parses (`svc/views.py:3: JoinedStr`),
    or None; read once per run."""
    return analysis.derived("python3-syntax", lambda: _first(analysis))


def _first(analysis) -> Optional[str]:
    for path in sorted(analysis.index.by_path):
        text = run_text(analysis, path)
        if text is None:
            continue
        found = first_construct(text, path)
        if found is not None:
            return f"{path}:{found[0]}: {found[1]}"
    return None


def first_construct(text: str, path: str) -> Optional[Tuple[int, str]]:
    """The line and name of the first construct only Python 3 parses in `text`, or None (also when it does not parse):
    newer syntax is read through its rewriting, as the interpreter that runs it would (parse_guard.newest_tree)."""
    tree = newest_tree(text, path)
    return None if tree is None else construct_in(tree)


def construct_in(tree: ast.Module) -> Optional[Tuple[int, str]]:
    """The line and name of the first construct only Python 3 parses in a parsed module, or None."""
    future_print = any(isinstance(statement, ast.ImportFrom) and statement.module == "__future__"
                       and any(alias.name == "print_function" for alias in statement.names) for statement in tree.body)
    sliced = {id(node) for subscript in ast.walk(tree) if isinstance(subscript, ast.Subscript)
              for node in ast.walk(subscript.slice)}  # `x[...]`, `x[..., 0]`: Python 2 reads those
    for node in ast.walk(tree):
        shown = python3_construct(node)
        if shown is None and isinstance(node, ast.Constant) and node.value is Ellipsis and id(node) not in sliced:
            shown = "Ellipsis outside a subscript"
        if shown is None and not future_print and isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id == "print" and node.keywords:
            shown = "print() with keywords"
        if shown is not None:
            return getattr(node, "lineno", 1), shown
    return None


def without_failures(text: str, path: str, known: Callable[[str], bool] = lambda _line: False
                     ) -> Optional[Tuple[str, List[str]]]:
    """`text` with each line the parser fails on blanked (`pass` at its indentation, then empty) until it parses, and
    the lines blanked; tabs read as eight columns where it mixes them with spaces, as Python 2 does. The lines `known`
    says fail (a Python 2 `print "x"`) are blanked first, in one pass: each failure costs a parse of the whole file, so
    a file of many would cost their number times the file. None when that does not make it parse (a failure on a line
    already emptied, or none, or more than _MOST_PARSES parses): what it holds is unknown."""
    lines, blanked = text.splitlines(), []
    for number, line in enumerate(lines):
        if known(line):
            stub = line[:len(line) - len(line.lstrip())] + _stub(line)
            blanked += [line] if line != stub else []
            lines[number] = stub
    for _parse in range(_MOST_PARSES):
        try:
            quiet_parse("\n".join(lines) + "\n", path)
            return "\n".join(lines) + "\n", blanked
        except TabError:
            if all("\t" not in line for line in lines):
                return None
            lines = [line.expandtabs(8) for line in lines]
        except SyntaxError as error:
            number = (error.lineno or 0) - 1
            if not 0 <= number < len(lines) or not lines[number].strip():
                return None
            line = lines[number]
            stub = line[:len(line) - len(line.lstrip())] + _stub(line)
            blanked += [line] if line != stub else []
            lines[number] = stub if line != stub else ""
        except (ValueError, RecursionError, MemoryError):
            return None
    return None


def _stub(line: str) -> str:
    """What stands for a failing line: a header of the same kind for a compound statement's (`except E, e:` as
    `except Exception:`, so its block still parses), else `pass`."""
    words = line.split(None, 1)
    if not line.rstrip().endswith(":") or not words:
        return "pass"
    return _HEADERS.get(words[0].rstrip(":"), "pass")


def python3_construct(node: ast.AST) -> Optional[str]:
    """The name of the Python 3 construct the node is, or None."""
    if isinstance(node, _PYTHON3_NODES):
        return type(node).__name__
    if isinstance(node, (ast.FunctionDef, ast.Lambda)):
        arguments = node.args
        if arguments.kwonlyargs:
            return "keyword-only parameter"
        every = [*arguments.posonlyargs, *arguments.args, arguments.vararg, arguments.kwarg]
        if any(argument is not None and argument.annotation is not None for argument in every):
            return "annotation"
        if arguments.posonlyargs:
            return "positional-only parameter"
    if isinstance(node, ast.FunctionDef) and node.returns is not None:
        return "annotation"
    if isinstance(node, ast.Raise) and node.cause is not None:
        return "raise from"
    if isinstance(node, ast.Starred) and isinstance(node.ctx, ast.Store):
        return "starred assignment"
    if isinstance(node, ast.Dict) and None in node.keys:
        return "dict unpacking"
    if (isinstance(node, ast.Set) or isinstance(node, (ast.List, ast.Tuple)) and isinstance(node.ctx, ast.Load)) \
            and any(isinstance(element, ast.Starred) for element in node.elts):
        return "starred display"
    if isinstance(node, ast.Call) and (sum(isinstance(argument, ast.Starred) for argument in node.args) > 1
                                       or sum(keyword.arg is None for keyword in node.keywords) > 1):
        return "repeated unpacking"
    return None
